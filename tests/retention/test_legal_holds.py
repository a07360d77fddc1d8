"""Legal holds on the retention page: the safeguarding lead places and lifts them, choosing
from the agency's own agreements and cases; each place and lift is in the access log."""

import pytest

from audit.models import AccessEvent, AccessKind
from contracts.models import AgreementStatus
from retention.models import LegalHold
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory

PAGE = "/retention/"
PLACE = "/retention/holds/place/"


def lift_url(hold):
    return f"/retention/holds/{hold.pk}/lift/"


@pytest.fixture
def agreement(supervisor, supervisee):
    return AgreementFactory(supervisor=supervisor, supervisee=supervisee)


@pytest.fixture
def case(agency):
    return CaseFactory(agency=agency, reference="CASE-HOLD-1")


def test_the_lead_chooses_from_their_own_agencys_agreements_and_cases(
    client_for, lead, agreement, case, outsider, other_agency
):
    theirs = CaseFactory(agency=other_agency, reference="CASE-THEIRS")
    page = client_for(lead).get(PLACE).content.decode()
    assert f'value="agreement:{agreement.pk}"' in page
    assert agreement.supervisee.full_name in page
    assert f'value="case:{case.pk}"' in page
    assert "CASE-HOLD-1" in page
    assert "CASE-THEIRS" not in page
    assert str(theirs.pk) not in page


def test_placing_a_hold_lists_it_and_writes_the_access_log(client_for, lead, agency, case):
    client = client_for(lead)
    response = client.post(PLACE, {"held": f"case:{case.pk}", "reason": "Court proceedings"})
    assert response.status_code == 302
    assert response["Location"] == PAGE
    hold = LegalHold.objects.get(agency=agency, object_id=case.pk)
    assert (hold.kind, hold.reason, hold.placed_by) == ("case", "Court proceedings", lead)
    event = AccessEvent.objects.get(kind=AccessKind.LEGAL_HOLD)
    assert (event.user, event.agency_id, event.detail) == (lead, agency.pk, "placed")
    assert (event.object_type, event.object_id) == ("supervision.case", str(case.pk))
    assert event.reason == "Court proceedings"
    page = client.get(PAGE).content.decode()
    assert "Case CASE-HOLD-1" in page
    assert "Court proceedings" in page
    assert lift_url(hold) in page
    # What is on hold is not offered again.
    assert f"case:{case.pk}" not in client.get(PLACE).content.decode()


def test_a_held_agreement_series_is_not_offered_again(client_for, lead, supervisor, supervisee):
    first = AgreementFactory(
        supervisor=supervisor, supervisee=supervisee, status=AgreementStatus.SUPERSEDED
    )
    second = AgreementFactory(
        supervisor=supervisor, supervisee=supervisee, series_id=first.series_id, version=2
    )
    client = client_for(lead)
    page = client.get(PLACE).content.decode()
    assert f"agreement:{second.pk}" in page  # the series, by its latest version
    assert f"agreement:{first.pk}" not in page
    client.post(PLACE, {"held": f"agreement:{second.pk}", "reason": "Complaint"})
    assert LegalHold.objects.filter(kind="agreement", object_id=second.pk).exists()
    page = client.get(PLACE).content.decode()
    assert str(first.series_id) not in page
    assert f"agreement:{second.pk}" not in page


def test_errors_re_render_with_the_summary_and_what_was_typed(client_for, lead, case):
    response = client_for(lead).post(PLACE, {"held": "", "reason": "Kept for <b>court</b>"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    assert "Select the agreement or case to keep" in body
    assert "Kept for &lt;b&gt;court&lt;/b&gt;" in body
    response = client_for(lead).post(PLACE, {"held": f"case:{case.pk}", "reason": "   "})
    assert "Enter why it must be kept" in response.content.decode()
    assert not LegalHold.objects.exists()


def test_another_agencys_case_cannot_be_forged_into_the_form(client_for, lead, other_agency):
    theirs = CaseFactory(agency=other_agency)
    response = client_for(lead).post(PLACE, {"held": f"case:{theirs.pk}", "reason": "x"})
    assert response.status_code == 200
    assert "Select the agreement or case to keep" in response.content.decode()
    assert not LegalHold.objects.exists()
    assert not AccessEvent.objects.filter(kind=AccessKind.LEGAL_HOLD).exists()


def test_lifting_asks_for_a_reason_and_is_logged(client_for, lead, agency, case):
    client = client_for(lead)
    client.post(PLACE, {"held": f"case:{case.pk}", "reason": "Complaint"})
    hold = LegalHold.objects.get()
    page = client.get(lift_url(hold)).content.decode()
    assert "Case CASE-HOLD-1" in page and "Complaint" in page
    response = client.post(lift_url(hold), {"reason": ""})
    assert "Enter why it no longer needs to be kept" in response.content.decode()
    response = client.post(lift_url(hold), {"reason": "Complaint closed"})
    assert response["Location"] == PAGE
    hold.refresh_from_db()
    assert hold.lifted_by == lead and hold.lifted_at is not None
    lifted = AccessEvent.objects.get(kind=AccessKind.LEGAL_HOLD, detail="lifted")
    assert (lifted.user, lifted.agency_id, lifted.reason) == (lead, agency.pk, "Complaint closed")
    assert lifted.object_id == str(case.pk)
    assert "Lifted" in client.get(PAGE).content.decode()
    assert client.get(lift_url(hold)).status_code == 404  # already lifted


def test_admins_see_holds_but_only_the_lead_places_and_lifts(
    client_for, lead, agency_admin, supervisor, case, client
):
    client_for(lead).post(PLACE, {"held": f"case:{case.pk}", "reason": "Review"})
    hold = LegalHold.objects.get()
    page = client_for(agency_admin).get(PAGE).content.decode()
    assert "Case CASE-HOLD-1" in page
    assert lift_url(hold) not in page
    assert PLACE not in page
    for who in (agency_admin, supervisor):
        signed_in = client_for(who)
        assert signed_in.get(PLACE).status_code == 403
        assert signed_in.get(lift_url(hold)).status_code == 403
        assert signed_in.post(lift_url(hold), {"reason": "x"}).status_code == 403
    assert LegalHold.objects.get().lifted_at is None


def test_another_agencys_lead_cannot_see_or_lift_a_hold(client_for, lead, outsider, case):
    client_for(lead).post(PLACE, {"held": f"case:{case.pk}", "reason": "Review"})
    hold = LegalHold.objects.get()
    other = client_for(outsider)
    assert "CASE-HOLD-1" not in other.get(PAGE).content.decode()
    assert other.get(lift_url(hold)).status_code == 404
    assert other.post(lift_url(hold), {"reason": "x"}).status_code == 404
    assert LegalHold.objects.get().lifted_at is None
