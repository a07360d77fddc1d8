"""Runs every row of every tests/isolation/rows_*.py module (SECURITY.md check 1)."""

import importlib
import pkgutil
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings

from tests.isolation.world import build_world

MODULES = [
    importlib.import_module(f"tests.isolation.{info.name}")
    for info in pkgutil.iter_modules([str(Path(__file__).parent)])
    if info.name.startswith("rows_")
]
ROWS = [row for module in MODULES for row in module.ROWS]


FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world for every row (as Django's setUpTestData): built inside a transaction
    that is rolled back after the last row. Each row runs in its own savepoint (`db`), so
    whatever a page writes (an access event, say) is gone before the next row."""
    media = tmp_path_factory.mktemp("isolation-media")
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER, MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        world = build_world()
        for module in MODULES:
            if hasattr(module, "extend_world"):
                module.extend_world(world)
        world.media_root = media
        yield world
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, world):
    """Overrides the root conftest's fixture: the world's uploaded files live in the
    world's own folder, not in a new folder per test."""
    settings.PASSWORD_HASHERS = FAST_HASHER
    settings.CACHES["default"]["KEY_PREFIX"] = "spr-test"
    settings.MEDIA_ROOT = world.media_root


def check_anonymous(client, world, row):
    response = client.get(row.url(world))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def check_other_tenants(client, world, row):
    url = row.url(world)
    for key in row.outsiders:
        client.force_login(world.people[key])
        response = client.get(url)
        if row.marker is None:
            assert response.status_code in (403, 404), f"{key} got {response.status_code}"
        else:
            assert response.status_code in (200, 403, 404), f"{key} got {response.status_code}"
            assert row.marker(world) not in response.content.decode(), f"{key} saw the marker"


def check_wrong_role(client, world, row):
    client.force_login(world.people[row.wrong_role])
    response = client.get(row.url(world))
    assert response.status_code in (403, 404), f"{row.wrong_role} got {response.status_code}"
    if row.marker:
        assert row.marker(world) not in response.content.decode()


def check_owner(client, world, row):
    client.force_login(world.people[row.owner])
    response = client.get(row.url(world))
    assert response.status_code == row.owner_status
    if row.marker and row.owner_status == 200:
        assert row.marker(world) in response.content.decode()


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_row(db, client, world, row):
    """In order (djangoproject.com's checklist): anonymous, other tenants, the same agency
    without the role, the owner. One world for all rows; each row in its own savepoint."""
    check_anonymous(client, world, row)
    check_other_tenants(client, world, row)
    client.logout()
    if row.wrong_role:
        check_wrong_role(client, world, row)
        client.logout()
    check_owner(client, world, row)
