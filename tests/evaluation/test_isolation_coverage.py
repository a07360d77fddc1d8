"""Every URL of the evaluation app has a row in the isolation matrix."""

from django.urls import resolve

from evaluation import urls
from tests.isolation import rows_evaluation
from tests.isolation.world import build_world


def test_every_evaluation_url_has_an_isolation_row(db):
    world = build_world()
    rows_evaluation.extend_world(world)
    covered = {resolve(row.url(world)).url_name for row in rows_evaluation.ROWS}
    assert covered == {pattern.name for pattern in urls.urlpatterns}
