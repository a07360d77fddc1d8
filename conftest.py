"""Settings for every test run (tests/ and e2e/)."""

import pytest


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # A fast hasher: the demo seed and factories set many passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES["default"]["KEY_PREFIX"] = "spr-test"
    # Uploaded documents of one test live in its own temporary folder.
    settings.MEDIA_ROOT = tmp_path / "media"
