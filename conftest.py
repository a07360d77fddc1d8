"""Settings for every test run (tests/ and e2e/).

Two-factor sign-in: production enforces it (SPR_ENFORCE_2FA, on by default) for leads,
agency admins, partnership admins and board members. Most tests sign people in with
`client.force_login`, which gives no second factor, so enforcement is OFF here unless a
test is marked `@pytest.mark.two_factor` (tests/twofactor/) or is a browser test
(`@pytest.mark.browser`): the browser journeys sign in with a real code (e2e/conftest.py
`sign_in`). A test that needs a verified session with enforcement on can use
`tests.twofactor.helpers.sign_in_verified`.
"""

import uuid

import pytest
from django.db.backends.base.base import NO_DB_ALIAS
from django.db.backends.signals import connection_created

from tenancy import context


def _system_context_for_test_code(sender, connection, **kwargs):
    """Test set-up code (factories, fixtures, assertions on the database) works in the
    system context of row-level security; each request turns it off for itself
    (tenancy/middleware.py), and tests of the policies turn it off explicitly."""
    if connection.vendor == "postgresql" and connection.alias != NO_DB_ALIAS:
        context.apply({"spr.system": "on"}, local=False, connection=connection)


connection_created.connect(_system_context_for_test_code, dispatch_uid="tests-system-context")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # `migrate` ends by turning the system context off on the connection it leaves open.
    with django_db_blocker.unblock():
        context.apply({"spr.system": "on"}, local=False)


@pytest.fixture
def media_root(tmp_path):
    """Uploaded documents of one test live in its own temporary folder (a module that
    shares one world across tests overrides this with the world's folder)."""
    return tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_and_isolated(request, settings, media_root):
    # A fast hasher: the demo seed and factories set many passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES["default"]["KEY_PREFIX"] = "spr-test"
    # Rate-limit counters of one test start at zero and are not shared with other people
    # using the same Redis: an in-memory cache of the test's own.
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"ratelimit-{uuid.uuid4().hex}",
        },
    }
    settings.MEDIA_ROOT = media_root
    settings.SPR_ENFORCE_2FA = bool(
        request.node.get_closest_marker("two_factor") or request.node.get_closest_marker("browser")
    )
