"""A lost authenticator: an agency admin resets a person's two-factor sign-in. Every change
to a second factor (set up, new recovery codes, turned off, reset) is in the access log:
on the person's "Sign-in security" page and in their agency lead's access log."""

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AccessEvent, AccessKind
from tests.twofactor.helpers import (
    add_authenticator,
    code_for_secret,
    secret_on,
    sign_in_password,
    sign_in_verified,
)
from twofactor.views import new_recovery_codes

pytestmark = pytest.mark.two_factor

SECURITY = "/account/security/"


def reset_url(user, agency):
    return f"/agency/people/{user.memberships.get(agency=agency).pk}/reset-two-factor/"


def changes_of(user):
    return AccessEvent.objects.filter(kind=AccessKind.TWO_FACTOR, subject_ids__contains=[user.pk])


def test_setting_up_new_codes_and_turning_off_are_logged_and_shown(client, supervisee, agency):
    sign_in_password(client, supervisee)
    secret = secret_on(client.get("/account/security/set-up/").content.decode())
    client.post("/account/security/set-up/", {"code": code_for_secret(secret)})
    client.post("/account/security/recovery-codes/new/")
    client.post("/account/security/turn-off/")
    events = list(changes_of(supervisee).order_by("at"))
    assert [e.detail for e in events] == ["set_up", "new_recovery_codes", "turned_off"]
    for event in events:
        assert (event.user, event.agency_id) == (supervisee, agency.pk)
        assert event.subject_ids == [supervisee.pk]
    page = client.get(SECURITY).content.decode()
    assert "Set up two-factor sign-in" in page
    assert "Made new recovery codes" in page
    assert "Turned off two-factor sign-in" in page
    # Their own changes are not "views of records about me".
    assert "two-factor" not in client.get("/audit/viewed-my-records/").content.decode().lower()


def test_an_admin_resets_a_lost_authenticator(client, agency_admin, lead, agency):
    add_authenticator(lead)
    new_recovery_codes(lead)
    sign_in_verified(client, agency_admin)
    url = reset_url(lead, agency)
    person_page = client.get(f"/agency/people/{lead.memberships.get().pk}/").content.decode()
    assert url in person_page
    page = client.get(url).content.decode()
    assert "Reset two-factor sign-in" in page and lead.full_name in page
    assert "Set up" in page and "10" in page  # their app and codes left
    # A reason is needed; what was typed comes back with the error summary.
    response = client.post(url, {"reason": "   "})
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "Enter why their two-factor sign-in is being reset" in body
    assert TOTPDevice.objects.filter(user=lead).exists()

    response = client.post(url, {"reason": "Lost phone; called on work number"})
    assert response["Location"] == f"/agency/people/{lead.memberships.get().pk}/"
    assert not TOTPDevice.objects.filter(user=lead).exists()
    assert not StaticDevice.objects.filter(user=lead).exists()
    event = changes_of(lead).get()
    assert (event.user, event.agency_id) == (agency_admin, agency.pk)
    assert event.detail == "reset_by_admin"
    assert event.reason == "Lost phone; called on work number"

    # The lead sets it up again at the next sign-in, and sees who reset it and why.
    client.post("/sign-out/")
    assert sign_in_password(client, lead)["Location"] == "/"
    assert client.get("/")["Location"] == "/account/security/set-up/"
    secret = secret_on(client.get("/account/security/set-up/").content.decode())
    client.post("/account/security/set-up/", {"code": code_for_secret(secret)})
    page = client.get(SECURITY).content.decode()
    reset_line = f"Reset the two-factor sign-in of {lead.full_name} (lost authenticator)"
    assert f"{reset_line}: Lost phone; called on work number" in page
    assert agency_admin.full_name in page
    # ... and in the lead's access log of the agency.
    log = client.get("/audit/access-log/", {"kind": AccessKind.TWO_FACTOR}).content.decode()
    assert reset_line in log
    # It is not a view of their records.
    viewed = client.get("/audit/viewed-my-records/").content.decode()
    assert "two-factor sign-in of" not in viewed


def test_an_admin_cannot_reset_their_own(client, agency_admin, agency):
    sign_in_verified(client, agency_admin)
    membership = agency_admin.memberships.get()
    assert (
        reset_url(agency_admin, agency)
        not in client.get(f"/agency/people/{membership.pk}/").content.decode()
    )
    assert client.post(reset_url(agency_admin, agency), {"reason": "x"}).status_code == 403
    assert TOTPDevice.objects.filter(user=agency_admin).exists()
    assert not changes_of(agency_admin).exists()


def test_only_an_admin_of_the_persons_agency_can_reset(
    client, agency, lead, supervisee, outsider, other_agency
):
    add_authenticator(supervisee)
    url = reset_url(supervisee, agency)
    sign_in_verified(client, lead)  # same agency, not an admin
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "x"}).status_code == 403
    client.logout()
    sign_in_verified(client, outsider)  # an admin of another agency
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "x"}).status_code == 404
    assert TOTPDevice.objects.filter(user=supervisee).exists()
    assert not changes_of(supervisee).exists()
