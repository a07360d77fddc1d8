"""Rate limits on sign-in, the code step and password reset, per address and per account."""

import pytest
from django.core import mail

from tests.twofactor.helpers import add_authenticator, sign_in_password


def sign_in_from(client, address: str, email: str, password: str = "wrong password"):
    return client.post("/sign-in/", {"username": email, "password": password}, REMOTE_ADDR=address)


def test_sign_in_is_limited_per_address(client, settings, supervisor, lead, supervisee):
    settings.SPR_RATE_LIMITS = {**settings.SPR_RATE_LIMITS, "sign_in_address": (3, 300)}
    # Different accounts, so no account reaches the lockout: the address limit acts.
    for user in (supervisor, lead, supervisee):
        assert sign_in_from(client, "198.51.100.7", user.email).status_code == 200
    response = sign_in_from(client, "198.51.100.7", supervisor.email, "Northshire-demo-2026")
    assert response.status_code == 429
    assert response["Retry-After"] == "300"
    body = response.content.decode()
    assert "Too many attempts" in body
    assert "Wait 5 minutes and try again" in body
    assert "_auth_user_id" not in client.session
    # Another address is not held back.
    ok = sign_in_from(client, "203.0.113.9", supervisor.email, "Northshire-demo-2026")
    assert ok.status_code == 302


def test_sign_in_is_locked_per_account_by_wrong_passwords(client, supervisor):
    for n in range(5):
        sign_in_from(client, f"198.51.100.{n}", supervisor.email)
    response = sign_in_from(client, "203.0.113.9", supervisor.email, "Northshire-demo-2026")
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()


@pytest.mark.two_factor
def test_code_step_is_limited_per_address(client, settings, lead):
    settings.SPR_RATE_LIMITS = {**settings.SPR_RATE_LIMITS, "two_factor_address": (2, 300)}
    add_authenticator(lead)
    sign_in_password(client, lead)
    for _ in range(2):
        client.post("/sign-in/code/", {"code": "abc"}, REMOTE_ADDR="198.51.100.7")
    response = client.post("/sign-in/code/", {"code": "abc"}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_password_reset_is_limited_per_account(client, settings, supervisor):
    for n in range(3):
        response = client.post(
            "/password-reset/", {"email": supervisor.email}, REMOTE_ADDR=f"198.51.100.{n}"
        )
        assert response.status_code == 302
    response = client.post(
        "/password-reset/", {"email": supervisor.email.upper()}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert len(mail.outbox) == 3


def test_password_reset_is_limited_per_address(client, settings, db):
    settings.SPR_RATE_LIMITS = {**settings.SPR_RATE_LIMITS, "reset_address": (2, 3600)}
    for n in range(2):
        response = client.post("/password-reset/", {"email": f"someone{n}@example.org"})
        assert response.status_code == 302
    response = client.post("/password-reset/", {"email": "someone-else@example.org"})
    assert response.status_code == 429
    assert "Wait 60 minutes" in response.content.decode()
    assert "someone-else@example.org" not in response.content.decode()


def test_rate_limit_counters_keep_no_address_or_email_in_clear(settings, db):
    from django.core.cache import caches

    from twofactor import ratelimit

    ratelimit.hit("reset_account", "someone@example.org")
    cache = caches[settings.SPR_RATE_LIMIT_CACHE]
    keys = list(cache._cache.keys())
    assert keys
    assert not any("someone" in key for key in keys)
