"""Runs every row of every tests/isolation/rows_*.py module (SECURITY.md check 1)."""

import importlib
import pkgutil
from pathlib import Path

import pytest

from tests.isolation.world import build_world

MODULES = [
    importlib.import_module(f"tests.isolation.{info.name}")
    for info in pkgutil.iter_modules([str(Path(__file__).parent)])
    if info.name.startswith("rows_")
]
ROWS = [row for module in MODULES for row in module.ROWS]


@pytest.fixture
def world(db):
    world = build_world()
    for module in MODULES:
        if hasattr(module, "extend_world"):
            module.extend_world(world)
    return world


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_anonymous_is_sent_to_sign_in(client, world, row):
    response = client.get(row.url(world))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_other_tenants_see_nothing(client, world, row):
    url = row.url(world)
    for key in row.outsiders:
        client.force_login(world.people[key])
        response = client.get(url)
        if row.marker is None:
            assert response.status_code in (403, 404), f"{key} got {response.status_code}"
        else:
            assert response.status_code in (200, 403, 404), f"{key} got {response.status_code}"
            assert row.marker(world) not in response.content.decode(), f"{key} saw the marker"


@pytest.mark.parametrize("row", [r for r in ROWS if r.wrong_role], ids=str)
def test_same_agency_without_the_role_is_refused(client, world, row):
    client.force_login(world.people[row.wrong_role])
    response = client.get(row.url(world))
    assert response.status_code in (403, 404)
    if row.marker:
        assert row.marker(world) not in response.content.decode()


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_owner_sees_the_page(client, world, row):
    client.force_login(world.people[row.owner])
    response = client.get(row.url(world))
    assert response.status_code == row.owner_status
    if row.marker and row.owner_status == 200:
        assert row.marker(world) in response.content.decode()
