"""Two-factor sign-in: who needs it, the code step, set-up, recovery codes (SECURITY.md 8)."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.models import Role
from tests.factories.agencies import person
from tests.twofactor.helpers import (
    add_authenticator,
    code_for,
    code_for_secret,
    secret_on,
    sign_in_password,
    sign_in_verified,
)
from twofactor.models import AgencySignInPolicy
from twofactor.views import new_recovery_codes

pytestmark = pytest.mark.two_factor

REQUIRED = ["lead", "agency_admin", "board_member", "partnership_admin"]
PAGE_NAMES = ["home", "agencies:people", "twofactor:security", "recording:mine", "assurance:board"]


@pytest.fixture
def pages():
    return [reverse(name) for name in PAGE_NAMES]


@pytest.mark.parametrize("who", REQUIRED)
def test_required_role_without_an_app_is_sent_to_set_up_before_anything(
    client, request, who, pages
):
    user = request.getfixturevalue(who)
    assert sign_in_password(client, user)["Location"] == "/"
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/account/security/set-up/", url
    set_up = client.get("/account/security/set-up/")
    assert set_up.status_code == 200
    body = set_up.content.decode()
    assert "Your role in SPR needs a second factor" in body
    assert 'aria-label="Menu"' not in body  # no menu of pages they cannot open yet
    assert "Sign out" in body
    assert client.post("/sign-out/")["Location"] == "/sign-in/"
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("who", REQUIRED)
def test_required_role_with_an_app_gets_no_session_until_the_code(client, request, who, pages):
    user = request.getfixturevalue(who)
    device = add_authenticator(user)
    response = sign_in_password(client, user)
    assert response["Location"] == "/sign-in/code/"
    assert "_auth_user_id" not in client.session  # the right password alone signs nobody in
    for url in pages:
        assert client.get(url)["Location"].startswith("/sign-in/"), url
    response = client.post("/sign-in/code/", {"code": code_for(device)})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(user.pk)
    home = client.get("/")
    assert home.status_code == 200
    assert user.full_name in home.content.decode()


def test_force_logged_in_lead_with_an_app_is_asked_for_the_code_and_returns(client, lead):
    device = add_authenticator(lead)
    client.force_login(lead)
    response = client.get("/agency/policy/")
    assert response["Location"] == "/sign-in/code/?next=%2Fagency%2Fpolicy%2F"
    done = client.post(response["Location"], {"code": code_for(device)})
    assert done["Location"] == "/agency/policy/"
    assert client.get("/agency/policy/").status_code == 200


def test_next_cannot_send_people_to_another_site(client, lead):
    device = add_authenticator(lead)
    client.force_login(lead)
    response = client.post("/sign-in/code/?next=https://evil.example/", {"code": code_for(device)})
    assert response["Location"] == "/"


def test_two_factor_is_optional_for_a_practitioner(client, supervisee, supervisor):
    for user in (supervisee, supervisor):
        client.logout()
        assert sign_in_password(client, user)["Location"] == "/"
        assert client.get("/").status_code == 200
        page = client.get("/account/security/").content.decode()
        assert "Optional" in page
        assert "Set up two-factor sign-in" in page


def test_a_practitioner_who_chose_an_app_is_asked_for_a_code(client, supervisee):
    device = add_authenticator(supervisee)
    assert sign_in_password(client, supervisee)["Location"] == "/sign-in/code/"
    assert client.post("/sign-in/code/", {"code": code_for(device)})["Location"] == "/"


def test_agency_rule_requires_it_for_everyone_in_that_agency_only(
    client, agency_admin, supervisee, supervisor, outsider, other_agency
):
    other_practitioner = person(other_agency, Role.PRACTITIONER)
    sign_in_verified(client, agency_admin)
    page = client.get("/agency/sign-in-rule/")
    assert page.status_code == 200
    response = client.post("/agency/sign-in-rule/", {"two_factor_for_everyone": "yes"})
    assert response["Location"] == "/agency/sign-in-rule/"
    assert AgencySignInPolicy.objects.get(agency=agency_admin.memberships.get().agency)
    for user in (supervisee, supervisor):
        client.logout()
        sign_in_password(client, user)
        assert client.get("/")["Location"] == "/account/security/set-up/"
    client.logout()
    sign_in_password(client, other_practitioner)
    assert client.get("/").status_code == 200


def test_agency_rule_form_shows_the_error_summary(client, agency_admin):
    sign_in_verified(client, agency_admin)
    response = client.post("/agency/sign-in-rule/", {})
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Select yes if everyone in the agency has to sign in" in body


def test_agency_rule_is_for_agency_admins_only(client, lead):
    sign_in_verified(client, lead)
    assert client.get("/agency/sign-in-rule/").status_code == 403


def test_set_up_confirms_the_app_and_shows_ten_recovery_codes_once(client, lead):
    sign_in_password(client, lead)
    page = client.get("/account/security/set-up/")
    html = page.content.decode()
    assert page["Cache-Control"].startswith("no-store") or "no-store" in page["Cache-Control"]
    assert 'src="data:image/svg+xml;base64,' in html  # the QR code, drawn on the server
    assert "<script>" not in html
    secret = secret_on(html)
    response = client.post("/account/security/set-up/", {"code": code_for_secret(secret)})
    assert response["Location"] == "/account/security/recovery-codes/"
    codes_page = client.get("/account/security/recovery-codes/").content.decode()
    codes = re.findall(r"<code>([0-9a-f]{5}-[0-9a-f]{5})</code>", codes_page)
    assert len(codes) == 10
    assert len(set(codes)) == 10
    # Shown once: the page cannot be opened again.
    assert client.get("/account/security/recovery-codes/")["Location"] == "/account/security/"
    assert client.get("/").status_code == 200
    assert TOTPDevice.objects.filter(user=lead, confirmed=True).count() == 1
    # Next sign-in: the code step.
    client.post("/sign-out/")
    assert sign_in_password(client, lead)["Location"] == "/sign-in/code/"


def test_set_up_wrong_code_shows_the_error_summary_and_not_the_code(client, lead):
    sign_in_password(client, lead)
    client.get("/account/security/set-up/")
    secret = TOTPDevice.objects.get(user=lead).bin_key
    response = client.post("/account/security/set-up/", {"code": "000000"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "The code is not right" in body
    assert 'value="000000"' not in body
    # The same key is offered again (the app already added it), not a new one.
    assert TOTPDevice.objects.get(user=lead).bin_key == secret
    assert not TOTPDevice.objects.filter(user=lead, confirmed=True).exists()


def test_wrong_code_message_keeps_nothing_sensitive(client, lead):
    device = add_authenticator(lead)
    sign_in_password(client, lead)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post("/sign-in/code/", {"code": wrong})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "The code is not right" in body
    assert wrong not in body
    assert lead.email not in body
    assert "_auth_user_id" not in client.session
    assert "no-store" in response["Cache-Control"]


def test_badly_formed_code_gets_its_own_message(client, lead):
    add_authenticator(lead)
    sign_in_password(client, lead)
    body = client.post("/sign-in/code/", {"code": "abc"}).content.decode()
    assert "Enter the 6-digit code from your authenticator app, or a recovery code" in body
    assert 'value="abc"' not in body


def test_recovery_code_works_once(client, lead):
    add_authenticator(lead)
    codes = new_recovery_codes(lead)
    sign_in_password(client, lead)
    response = client.post("/sign-in/code/", {"code": codes[0].upper()})
    assert response["Location"] == "/"
    assert "You have 9 left" in client.get("/").content.decode()
    client.post("/sign-out/")
    sign_in_password(client, lead)
    again = client.post("/sign-in/code/", {"code": codes[0]})
    assert again.status_code == 200
    assert "The code is not right" in again.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.post("/sign-in/code/", {"code": codes[1]})["Location"] == "/"


def test_new_recovery_codes_replace_the_old_ones(client, lead):
    old = new_recovery_codes(lead)
    sign_in_verified(client, lead)
    assert client.get("/account/security/recovery-codes/new/").status_code == 200
    response = client.post("/account/security/recovery-codes/new/")
    assert response["Location"] == "/account/security/recovery-codes/"
    page = client.get("/account/security/recovery-codes/").content.decode()
    new = re.findall(r"<code>([0-9a-f]{5}-[0-9a-f]{5})</code>", page)
    assert len(new) == 10
    stored = set(StaticToken.objects.filter(device__user=lead).values_list("token", flat=True))
    assert stored == {code.replace("-", "") for code in new}
    assert not stored & {code.replace("-", "") for code in old}


def test_five_wrong_codes_lock_the_account_even_for_the_right_code(client, lead):
    device = add_authenticator(lead)
    sign_in_password(client, lead)
    right = code_for(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for _ in range(4):
        assert client.post("/sign-in/code/", {"code": wrong}).status_code == 200
    locked = client.post("/sign-in/code/", {"code": wrong})
    assert locked.status_code == 429
    assert "Your account is locked" in locked.content.decode()
    # The password step has to be done again, and the lock holds for the account.
    sign_in_password(client, lead)
    response = client.post("/sign-in/code/", {"code": right})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_turning_off_is_for_people_who_do_not_need_it(client, supervisee, lead):
    sign_in_verified(client, lead)
    assert "Turn off" not in client.get("/account/security/").content.decode()
    assert client.post("/account/security/turn-off/").status_code == 403
    assert TOTPDevice.objects.filter(user=lead).exists()
    client.logout()
    sign_in_verified(client, supervisee)
    assert client.get("/account/security/turn-off/").status_code == 200
    assert client.post("/account/security/turn-off/")["Location"] == "/account/security/"
    assert not TOTPDevice.objects.filter(user=supervisee).exists()
    client.post("/sign-out/")
    assert sign_in_password(client, supervisee)["Location"] == "/"


def test_password_reset_does_not_skip_the_second_factor(client, lead):
    device = add_authenticator(lead)
    client.post("/password-reset/", {"email": lead.email})
    link = re.search(r"https?://[^/]+(/password-reset/\S+/)", mail.outbox[0].body).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    new_password = "a-brand-new-long-passphrase"
    client.post(set_url, {"new_password1": new_password, "new_password2": new_password})
    assert "_auth_user_id" not in client.session
    assert sign_in_password(client, lead, new_password)["Location"] == "/sign-in/code/"
    assert "_auth_user_id" not in client.session
    assert client.post("/sign-in/code/", {"code": code_for(device)})["Location"] == "/"


def test_code_step_without_a_password_step_goes_back_to_sign_in(client, db):
    assert client.get("/sign-in/code/")["Location"] == "/sign-in/"
    assert client.post("/sign-in/code/", {"code": "123456"})["Location"] == "/sign-in/"


def test_pending_password_step_expires_after_five_minutes(client, lead):
    device = add_authenticator(lead)
    sign_in_password(client, lead)
    session = client.session
    session["two_factor_pending_at"] -= 5 * 60 + 1
    session.save()
    assert client.post("/sign-in/code/", {"code": code_for(device)})["Location"] == "/sign-in/"
    assert "_auth_user_id" not in client.session


def test_someone_else_cannot_use_their_code_for_me(client, lead, agency_admin):
    add_authenticator(lead)
    other_device = add_authenticator(agency_admin)
    sign_in_password(client, lead)
    response = client.post("/sign-in/code/", {"code": code_for(other_device)})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_enforcement_off_lets_force_login_through(client, settings, lead):
    settings.SPR_ENFORCE_2FA = False
    add_authenticator(lead)
    client.force_login(lead)
    assert client.get("/").status_code == 200
