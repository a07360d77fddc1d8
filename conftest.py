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
