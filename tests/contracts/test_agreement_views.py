"""Agreement pages: drafting, signing, changing and ending through the browser's requests,
and each bad input answered in the error summary with nothing typed lost."""

from datetime import date

import pytest

from agencies import services as agency_services
from agencies.models import Role
from contracts import selectors
from contracts.models import Agreement, AgreementStatus
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory, TrainingRecordFactory


def terms(agreement, **changes):
    data = {
        "revision": agreement.revision,
        "form": "one_to_one",
        "frequency_weeks": "4",
        "duration_minutes": "90",
        "start_date_0": "1",
        "start_date_1": "12",
        "start_date_2": "2026",
        "review_date_0": "30",
        "review_date_1": "11",
        "review_date_2": "2027",
        "protected_time": "Tuesday mornings, room 4, phones off.",
        "supervisor_responsibilities": "Keep the time; follow up actions.",
        "supervisee_responsibilities": "Bring the cases; prepare.",
    }
    data.update(changes)
    return data


def start(client, supervisee):
    response = client.post("/agreements/new/", {"supervisee": supervisee.memberships.get().id})
    return response


def test_supervisor_drafts_and_both_sign(client_for, agency, supervisor, supervisee):
    TrainingRecordFactory(supervisor=supervisor)
    client = client_for(supervisor)
    page = client.get("/agreements/new/").content.decode()
    assert supervisee.full_name in page
    response = start(client, supervisee)
    agreement = Agreement.objects.get(supervisee=supervisee)
    assert response["Location"] == f"/agreements/{agreement.id}/edit/"
    page = client.get(response["Location"]).content.decode()
    assert "Example 1: For those employees having direct contact with children / families" in page
    assert "Roles and Responsibilities: Supervisee" in page

    response = client.post(f"/agreements/{agreement.id}/edit/", {**terms(agreement), "send": "1"})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.AWAITING_SIGNATURES
    assert agreement.protected_time == "Tuesday mornings, room 4, phones off."

    client = client_for(supervisee)
    page = client.get(f"/agreements/{agreement.id}/").content.decode()
    assert "Sign version 1" in page
    response = client.post(f"/agreements/{agreement.id}/sign/", {"version": "1"})
    assert "Confirm that you have read and agree to the agreement" in response.content.decode()
    response = client.post(f"/agreements/{agreement.id}/sign/", {"version": "1", "confirm": "on"})
    assert response.status_code == 302

    client = client_for(supervisor)
    client.post(f"/agreements/{agreement.id}/sign/", {"version": "1", "confirm": "on"})
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    assert selectors.can_supervise(supervisor, supervisee.memberships.get())
    page = client.get(f"/agreements/{agreement.id}/").content.decode()
    assert f"{supervisee.full_name}, " in page  # "Signed (Supervisee): name, date at time"


def test_review_date_before_start_keeps_what_was_typed(client_for, supervisor, supervisee):
    agreement = AgreementFactory(supervisor=supervisor, supervisee=supervisee, status="draft")
    data = terms(agreement, review_date_2="2025", supervisee_responsibilities="Typed by hand")
    response = client_for(supervisor).post(f"/agreements/{agreement.id}/edit/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "govuk-error-summary" in page
    assert "The date of review must be after the start date" in page
    assert "Typed by hand" in page and 'value="2025"' in page
    agreement.refresh_from_db()
    assert agreement.supervisee_responsibilities != "Typed by hand"


def test_a_stale_draft_keeps_what_was_typed(client_for, supervisor, supervisee):
    agreement = AgreementFactory(supervisor=supervisor, supervisee=supervisee, status="draft")
    client = client_for(supervisor)
    client.post(f"/agreements/{agreement.id}/edit/", terms(agreement, protected_time="First tab"))
    response = client.post(
        f"/agreements/{agreement.id}/edit/", terms(agreement, protected_time="Second tab")
    )
    page = response.content.decode()
    assert "This agreement has changed since you opened the page" in page
    assert "Second tab" in page
    agreement.refresh_from_db()
    assert agreement.protected_time == "First tab"


def test_signing_a_version_that_changed_since_the_page_loaded(client_for, supervisor, supervisee):
    first = AgreementFactory(
        supervisor=supervisor,
        supervisee=supervisee,
        status=AgreementStatus.AWAITING_SIGNATURES,
    )
    client_for(supervisor).post(f"/agreements/{first.id}/change/", {"version": "1"})
    client = client_for(supervisee)
    response = client.post(f"/agreements/{first.id}/sign/", {"version": "1", "confirm": "on"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "This agreement changed after you opened it: version 2 is now the current" in page
    assert "Read version 2" in page
    first.refresh_from_db()
    assert first.supervisee_signed_at is None


def test_second_active_agreement_for_the_pair(client_for, supervisor, supervisee):
    TrainingRecordFactory(supervisor=supervisor)
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    response = start(client_for(supervisor), supervisee)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "already have an active agreement" in page
    assert Agreement.objects.filter(supervisee=supervisee).count() == 1


def test_supervisor_cannot_choose_themselves(client_for, agency):
    both = person(agency, Role.PRACTITIONER, Role.SUPERVISOR)
    TrainingRecordFactory(supervisor=both)
    response = start(client_for(both), both)
    assert "A supervisor cannot supervise themselves" in response.content.decode()
    assert not Agreement.objects.exists()


def test_supervisor_from_another_agency(client_for, agency, other_agency, lead, supervisee):
    visitor = person(other_agency, Role.SUPERVISOR)
    TrainingRecordFactory(supervisor=visitor)
    client = client_for(lead)
    # Not offered...
    assert visitor.full_name not in client.get("/agreements/new/").content.decode()
    # ...and refused with its own message if sent anyway.
    data = {
        "supervisor": visitor.memberships.get().id,
        "supervisee": supervisee.memberships.get().id,
    }
    page = client.post("/agreements/new/", data).content.decode()
    assert f"is a supervisor in {other_agency.name}, not {agency.name}" in page
    assert f'value="{data["supervisee"]}" selected' in page
    agency_services.update_standards(
        agency=agency, updated_by=lead, supervisors_from_other_agencies_allowed=True
    )
    assert visitor.full_name in client.get("/agreements/new/").content.decode()
    assert client.post("/agreements/new/", data).status_code == 302


def test_lapsed_supervisor_sees_why(client_for, supervisor, supervisee):
    TrainingRecordFactory(supervisor=supervisor, completed_on=date(2020, 1, 1))
    page = start(client_for(supervisor), supervisee).content.decode()
    assert "supervisor training lapsed on 1 January 2023" in page
    assert "govuk-error-summary" in page


def test_the_supervisee_cannot_edit_send_change_or_end(client_for, supervisor, supervisee):
    draft = AgreementFactory(supervisor=supervisor, supervisee=supervisee, status="draft")
    client = client_for(supervisee)
    assert client.get(f"/agreements/{draft.id}/edit/").status_code == 403
    assert client.post(f"/agreements/{draft.id}/send/", {"revision": "1"}).status_code == 403
    assert client.post(f"/agreements/{draft.id}/change/", {"version": "1"}).status_code == 403
    assert client.get(f"/agreements/{draft.id}/end/").status_code == 403
    draft.refresh_from_db()
    assert draft.status == AgreementStatus.DRAFT


def test_outsiders_cannot_sign_or_end(client_for, supervisor, supervisee, outsider, stranger):
    agreement = AgreementFactory(
        supervisor=supervisor, supervisee=supervisee, status=AgreementStatus.AWAITING_SIGNATURES
    )
    for intruder in (outsider, stranger):
        client = client_for(intruder)
        sign = {"version": "1", "confirm": "on"}
        assert client.post(f"/agreements/{agreement.id}/sign/", sign).status_code == 404
        end = {"ended_on_0": "1", "ended_on_1": "1", "ended_on_2": "2027", "reason": "x"}
        assert client.post(f"/agreements/{agreement.id}/end/", end).status_code == 404
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.AWAITING_SIGNATURES
    assert agreement.supervisee_signed_at is None


def test_the_lead_ends_an_agreement_and_access_goes(client_for, lead, supervisor, supervisee):
    agreement = AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    membership = supervisee.memberships.get()
    assert selectors.can_supervise(supervisor, membership)
    today = date.today()
    response = client_for(lead).post(
        f"/agreements/{agreement.id}/end/",
        {
            "ended_on_0": str(today.day),
            "ended_on_1": str(today.month),
            "ended_on_2": str(today.year),
            "reason": "Supervisor has left the team",
        },
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ENDED and agreement.ended_by == lead
    assert not selectors.can_supervise(supervisor, membership)


def test_an_ending_needs_a_reason(client_for, supervisor, supervisee):
    agreement = AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    response = client_for(supervisor).post(
        f"/agreements/{agreement.id}/end/",
        {"ended_on_0": "1", "ended_on_1": "2", "ended_on_2": "2027", "reason": ""},
    )
    page = response.content.decode()
    assert "Enter why the agreement is ending" in page and 'value="2027"' in page


def test_change_opens_the_next_version(client_for, supervisor, supervisee):
    first = AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    response = client_for(supervisor).post(f"/agreements/{first.id}/change/", {"version": "1"})
    second = Agreement.objects.get(series_id=first.series_id, version=2)
    assert response["Location"] == f"/agreements/{second.id}/edit/"
    page = client_for(supervisee).get(f"/agreements/{first.id}/").content.decode()
    assert "Version 2 of this agreement is draft" in page


def test_my_agreements_lists_both_sides(client_for, agency, supervisor, supervisee):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    page = client_for(supervisee).get("/agreements/").content.decode()
    assert supervisor.full_name in page and "Your supervisors over time" in page
    page = client_for(supervisor).get("/agreements/").content.decode()
    assert supervisee.full_name in page and "People you supervise" in page


def test_the_supervisee_history_page(client_for, lead, supervisor, supervisee, agency_admin):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    url = f"/agreements/supervisees/{supervisee.memberships.get().id}/"
    assert supervisor.full_name in client_for(lead).get(url).content.decode()
    assert client_for(supervisor).get(url).status_code == 200  # supervises them now
    assert client_for(supervisee).get(url).status_code == 200
    assert client_for(agency_admin).get(url).status_code == 404


@pytest.mark.parametrize("size", [2, 20])
def test_my_agreements_and_the_detail_page_in_fixed_queries(
    client_for, agency, supervisor, size, django_assert_max_num_queries
):
    agreements = [
        AgreementFactory(supervisor=supervisor, supervisee=person(agency, Role.PRACTITIONER))
        for _ in range(size)
    ]
    client = client_for(supervisor)
    with django_assert_max_num_queries(13):
        page = client.get("/agreements/").content.decode()
    assert all(a.supervisee.full_name in page for a in agreements)
    with django_assert_max_num_queries(15):
        client.get(f"/agreements/{agreements[0].id}/")
