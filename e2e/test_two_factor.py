"""Two-factor sign-in in the browser: set-up with the key shown on the page, the code
step, a wrong code, a recovery code, the security page, turning it off, and the
too-many-attempts page. axe-core on each page."""

import re

import pytest
from django.conf import settings as django_settings

from agencies.models import Role
from e2e.conftest import check_accessibility, sign_in
from tests.factories.agencies import AgencyFactory, person
from tests.twofactor.helpers import code_for_secret

pytestmark = pytest.mark.browser

PASSWORD = django_settings.DEMO_PASSWORD


def password_step(page, live_server, email):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_lead_sets_up_then_signs_in_with_a_recovery_code(page, live_server, transactional_db):
    lead = person(AgencyFactory(name="Northshire Council"), Role.SAFEGUARDING_LEAD)
    password_step(page, live_server, lead.email)
    page.wait_for_url("**/account/security/set-up/")
    # Nothing else is reachable before the set-up.
    page.goto(f"{live_server.url}/agency/policy/")
    assert page.url.endswith("/account/security/set-up/")
    assert page.get_by_alt_text(re.compile("QR code")).is_visible()
    check_accessibility(page, "two-factor-set-up")

    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Confirm and continue").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.title().startswith("Error: ")
    assert page.get_by_label("Code from your authenticator app").input_value() == ""
    check_accessibility(page, "two-factor-set-up-error")

    secret = page.get_by_test_id("secret").inner_text()
    page.get_by_label("Code from your authenticator app").fill(code_for_secret(secret))
    page.get_by_role("button", name="Confirm and continue").click()
    page.wait_for_url("**/account/security/recovery-codes/")
    codes = page.get_by_test_id("recovery-codes").locator("code").all_inner_texts()
    assert len(codes) == 10
    check_accessibility(page, "two-factor-recovery-codes")
    page.get_by_role("link", name="I have saved my recovery codes").click()
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_role("button", name="Sign out").click()
    password_step(page, live_server, lead.email)
    page.wait_for_url("**/sign-in/code/")
    check_accessibility(page, "two-factor-code")
    field = page.get_by_label("Code from your authenticator app, or a recovery code")
    field.fill("999999")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_text("The code is not right").first.is_visible()
    assert field.input_value() == ""
    check_accessibility(page, "two-factor-code-error")
    field.fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_text("You have 9 left").is_visible()

    page.get_by_role("link", name="Sign-in security").click()
    assert page.get_by_text("9 of 10").is_visible()
    assert page.get_by_text("Turn off two-factor sign-in").count() == 0
    check_accessibility(page, "two-factor-security")
    page.get_by_role("link", name="Make new recovery codes").click()
    check_accessibility(page, "two-factor-new-codes")
    page.get_by_role("button", name="Make new recovery codes").click()
    page.wait_for_url("**/account/security/recovery-codes/")
    assert codes[1] not in page.get_by_test_id("recovery-codes").inner_text()


def test_practitioner_chooses_two_factor_then_turns_it_off(page, live_server, transactional_db):
    practitioner = person(AgencyFactory(name="Northshire Police"), Role.PRACTITIONER)
    assert sign_in(page, live_server, practitioner.email, PASSWORD) == []
    page.get_by_role("link", name="Sign-in security").click()
    assert page.get_by_text("Optional").is_visible()
    page.get_by_role("link", name="Set up two-factor sign-in").click()
    secret = page.get_by_test_id("secret").inner_text()
    page.get_by_label("Code from your authenticator app").fill(code_for_secret(secret))
    page.get_by_role("button", name="Confirm and continue").click()
    page.wait_for_url("**/account/security/recovery-codes/")
    page.goto(f"{live_server.url}/account/security/")
    page.get_by_role("link", name="Turn off two-factor sign-in").click()
    check_accessibility(page, "two-factor-turn-off")
    page.get_by_role("button", name="Turn off two-factor sign-in").click()
    assert page.get_by_text("Two-factor sign-in is off").is_visible()


def test_too_many_sign_in_attempts_page(page, live_server, transactional_db, settings):
    settings.SPR_RATE_LIMITS = {**settings.SPR_RATE_LIMITS, "sign_in_address": (1, 300)}
    for _ in range(2):
        page.goto(f"{live_server.url}/sign-in/")
        page.get_by_label("Email address").fill("nobody@example.org")
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("heading", name="Too many attempts").is_visible()
    check_accessibility(page, "too-many-attempts")


def test_admin_resets_a_lost_authenticator(page, live_server, transactional_db):
    from tests.twofactor.helpers import add_authenticator

    agency = AgencyFactory(name="Northshire Council")
    admin = person(agency, Role.AGENCY_ADMIN)
    lead = person(agency, Role.SAFEGUARDING_LEAD)
    add_authenticator(admin)
    add_authenticator(lead)
    sign_in(page, live_server, admin.email, PASSWORD)
    page.goto(f"{live_server.url}/agency/people/{lead.memberships.get().pk}/")
    page.get_by_role("link", name="reset their two-factor sign-in").click()
    check_accessibility(page, "two-factor-reset")
    page.get_by_role("button", name="Reset two-factor sign-in").click()
    expect_error = page.locator(".govuk-error-summary")
    assert "Enter why their two-factor sign-in is being reset" in expect_error.inner_text()
    check_accessibility(page, "two-factor-reset-error")
    page.get_by_label("Why it is being reset").fill("Lost phone, called on work number")
    page.get_by_role("button", name="Reset two-factor sign-in").click()
    page.wait_for_url(f"**/agency/people/{lead.memberships.get().pk}/")
    page.get_by_role("button", name="Sign out").click()

    steps = sign_in(page, live_server, lead.email, PASSWORD)
    assert steps == ["set-up", "recovery-codes"]
    page.goto(f"{live_server.url}/account/security/")
    changes = page.get_by_test_id("two-factor-changes").inner_text()
    assert f"Reset the two-factor sign-in of {lead.full_name} (lost authenticator)" in changes
    assert "Lost phone, called on work number" in changes
    assert admin.full_name in changes
    check_accessibility(page, "two-factor-security-changes")
