"""The board sees aggregates only (docs/indicators.md, "Small numbers"): a board member
who reaches a record or person URL of any app (an agreement, a session record, a case, a
person, a reflective log, an evaluation response ...) gets 404 or 403, and a list page
that answers shows none of agency A's rows.

The URLs are the isolation matrix's rows (one per URL of every app), so a URL added to
the matrix is checked here too. Rows that belong to a partnership role are left out: they
are the partnership's own pages (the same URL may have a row for an agency member too, as
the learning themes do), and so are a person's own settings (rows nobody else is asked)."""

import pytest

from tests.isolation.test_matrix import MODULES
from tests.isolation.world import build_world

ALL_ROWS = [row for module in MODULES for row in module.ROWS]
APPS = {
    module.__name__.rsplit("rows_", 1)[1]: [
        row
        for row in module.ROWS
        if not row.owner.startswith("P") and (row.outsiders or row.wrong_role)
    ]
    for module in MODULES
    if not module.__name__.endswith(("rows_assurance", "rows_ops"))
}


@pytest.fixture
def world(db):
    world = build_world()
    for module in MODULES:
        if hasattr(module, "extend_world"):
            module.extend_world(world)
    return world


def test_every_app_has_record_urls():
    assert {"agencies", "contracts", "recording", "supervision", "reflection", "evaluation"} <= set(
        APPS
    )
    assert sum(row.marker is None for rows in APPS.values() for row in rows) >= 40


@pytest.mark.parametrize("app", sorted(APPS))
def test_a_board_member_gets_404_or_403_on_record_and_person_urls(client, world, app):
    client.force_login(world.people["P1.board"])
    partnership_pages = {row.url(world) for row in ALL_ROWS if row.owner.startswith("P")}
    seen = []
    for row in APPS[app]:
        if row.url(world) in partnership_pages:
            continue
        response = client.get(row.url(world))
        status = response.status_code
        if row.marker is None:
            ok = status in (403, 404)
        else:
            ok = status in (200, 403, 404) and row.marker(world) not in response.content.decode()
        seen.append((row.name, status, ok))
    assert seen, app
    wrong = [(name, status) for name, status, ok in seen if not ok]
    assert not wrong, f"the board member reached: {wrong}"
