"""Settings for every test run (tests/ and e2e/)."""

import pytest


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    # A fast hasher: the demo seed and factories set many passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES["default"]["KEY_PREFIX"] = "spr-test"
