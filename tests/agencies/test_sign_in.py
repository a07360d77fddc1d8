"""Sign-in, lockout, session expiry and password reset (SECURITY.md 8, 9)."""

import re
import time

import pytest
from django.core import mail

from agencies.middleware import SESSION_SIGNED_IN_AT_KEY

PASSWORD = "Northshire-demo-2026"


def sign_in(client, email, password=PASSWORD):
    return client.post("/sign-in/", {"username": email, "password": password})


def test_right_password_signs_in_with_a_new_session_key(client, supervisor):
    client.get("/sign-in/")
    before = client.session.session_key
    response = sign_in(client, supervisor.email)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session.session_key != before
    home = client.get("/")
    assert supervisor.full_name in home.content.decode()
    assert "OFFICIAL-SENSITIVE" in home.content.decode()


def test_email_is_case_insensitive(client, supervisor):
    assert sign_in(client, supervisor.email.upper()).status_code == 302


def test_wrong_password_shows_the_error_summary_and_keeps_the_email(client, supervisor):
    response = sign_in(client, supervisor.email, "wrong password")
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter a correct email address and password" in body
    assert f'value="{supervisor.email}"' in body


def test_five_failures_lock_the_account_even_for_the_right_password(client, supervisor):
    for _ in range(5):
        sign_in(client, supervisor.email, "wrong password")
    response = sign_in(client, supervisor.email)
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_idle_session_expires_after_thirty_minutes(settings, client, supervisor):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    client.force_login(supervisor)
    session = client.session
    session.set_expiry(-1)  # as if the idle time had passed
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_session_ends_twelve_hours_after_sign_in_however_active(client, supervisor):
    client.force_login(supervisor)
    client.get("/")
    session = client.session
    session[SESSION_SIGNED_IN_AT_KEY] = int(time.time()) - 12 * 60 * 60 - 1
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302  # signed out, not just redirected once


def test_sign_out_deletes_the_server_session(client, supervisor):
    from django.contrib.sessions.models import Session

    client.force_login(supervisor)
    key = client.session.session_key
    assert client.post("/sign-out/").status_code == 302
    assert not Session.objects.filter(session_key=key).exists()


def test_sign_out_needs_post(client, supervisor):
    client.force_login(supervisor)
    assert client.get("/sign-out/").status_code == 405


def reset_link(message) -> str:
    return re.search(r"https?://[^/]+(/password-reset/\S+/)", message.body).group(1)


def test_password_reset_email_works_once(client, supervisor):
    response = client.post("/password-reset/", {"email": supervisor.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = reset_link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    set_url = form_page.redirect_chain[-1][0]
    new_password = "a-brand-new-long-passphrase"
    done = client.post(set_url, {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302
    client.logout()
    assert sign_in(client, supervisor.email, new_password).status_code == 302
    client.logout()
    again = client.get(link, follow=True)
    assert "This link has expired or has been used" in again.content.decode()


def test_password_reset_for_unknown_email_says_the_same(client, db):
    response = client.post("/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0


@pytest.mark.parametrize("url", ["/", "/agency/people/"])
def test_pages_need_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
