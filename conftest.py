"""Settings for every test run (tests/ and e2e/)."""

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


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # A fast hasher: the demo seed and factories set many passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES["default"]["KEY_PREFIX"] = "spr-test"
    # Uploaded documents of one test live in its own temporary folder.
    settings.MEDIA_ROOT = tmp_path / "media"
