"""Every URL of the audit app has a row in the isolation matrix."""

from django.urls import resolve

from audit import urls
from tests.isolation import rows_audit
from tests.isolation.world import build_world


def test_every_audit_url_has_an_isolation_row(db):
    world = build_world()
    rows_audit.extend_world(world)
    covered = {resolve(row.url(world).split("?")[0]).url_name for row in rows_audit.ROWS}
    assert covered == {pattern.name for pattern in urls.urlpatterns}
