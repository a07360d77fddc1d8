"""A supervisor records a group supervision session with three attendees; two of them
co-sign (one recording disagreement) and the record waits for the third. axe-core reports
nothing on any page visited."""

from datetime import date, timedelta

import pytest
from django.conf import settings

from agencies.models import Role
from e2e.conftest import check_accessibility, sign_in
from recording.models import RecordAttendee, RecordStatus, SessionRecord
from tests.factories.agencies import AgencyFactory, person
from tests.factories.supervision import CaseFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def group(transactional_db):
    agency = AgencyFactory(name="Northshire Council")
    supervisor = person(agency, Role.SUPERVISOR)
    attendees = [person(agency, Role.PRACTITIONER) for _ in range(3)]
    cases = [
        CaseFactory(agency=agency, allocated_practitioner=attendee, reference=f"GR-{n}", initials=i)
        for n, (attendee, i) in enumerate(zip(attendees, ("AB", "CD", "EF"), strict=True), 1)
    ]
    bystander = person(agency, Role.PRACTITIONER)
    return supervisor, attendees, cases, bystander


def _fill_date(scope, legend: str, day: date) -> None:
    fieldset = scope.get_by_role("group", name=legend)
    fieldset.get_by_label("Day").fill(str(day.day))
    fieldset.get_by_label("Month").fill(str(day.month))
    fieldset.get_by_label("Year").fill(str(day.year))


def _case_label(case) -> str:
    return (
        f"{case.reference} – {case.initials}, born {case.year_of_birth} "
        f"({case.get_category_display()}), {case.allocated_practitioner.full_name}"
    )


def _discussion(page, number: int):
    return page.locator("section.spr-discussion").filter(
        has=page.get_by_role("heading", name=f"Case discussion {number}", exact=True)
    )


def _fill_discussion(page, number: int, case, rag: str, needs: str) -> None:
    section = _discussion(page, number)
    section.get_by_label("Case", exact=True).select_option(label=_case_label(case))
    section.get_by_role("group", name="Who presented the case?").get_by_label(
        case.allocated_practitioner.full_name
    ).check()
    section.get_by_label("a) Outline identified needs of the child or children").fill(needs)
    section.get_by_label(rag).check()
    section.get_by_label("An entry about this discussion has been made").check()
    section.get_by_label("Quality: the practitioner").fill("The group noticed the worry")


def test_a_group_session_recorded_and_cosigned_by_two_of_three(page, live_server, group):
    supervisor, attendees, cases, bystander = group
    yesterday = date.today() - timedelta(days=1)

    sign_in(page, live_server, supervisor.email, settings.DEMO_PASSWORD)
    check_accessibility(page, "group-home-supervisor")
    page.get_by_role("link", name="Record a group or peer session").click()
    check_accessibility(page, "group-new")
    page.get_by_label("Group supervision, facilitated by you as a supervisor").check()
    page.get_by_label("Name of the group").fill("Assessment team reflective group")
    for attendee in attendees:
        page.get_by_label(attendee.full_name, exact=False).check()
    _fill_date(page, "Date of the session", yesterday)
    page.get_by_role("button", name="Start the record").click()
    page.wait_for_url("**/edit/")
    check_accessibility(page, "group-edit")

    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("End time").fill("15:30")
    page.get_by_label("In person").check()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Agenda and issues for discussion").fill("Each brings one case")
    _fill_date(page, "Date of the next session", yesterday + timedelta(days=28))
    _fill_discussion(page, 1, cases[0], "Amber: staying the same", "School attendance")
    page.get_by_label("Wellbeing, emotional impact of the work and support offered").fill(
        "The group shared the weight of neglect cases"
    )
    page.get_by_text("Draft saved at").wait_for()

    page.get_by_role("button", name="Add another case discussion").click()
    page.wait_for_url("**/edit/#discussions-end")
    _fill_discussion(page, 2, cases[1], "Red: getting worse", "Hunger at nursery")
    page.get_by_role("button", name="Add an action").click()
    page.wait_for_url("**/edit/#actions-end")
    action = page.locator("section.spr-part").filter(
        has=page.get_by_role("heading", name="Action 1", exact=True)
    )
    action.get_by_label("What is to be done").fill("Refer CD to the neglect toolkit")
    action.get_by_label(attendees[1].full_name).check()
    _fill_date(action, "Due by", yesterday + timedelta(days=14))
    check_accessibility(page, "group-edit-filled")

    page.get_by_role("button", name="Save and sign").click()
    page.wait_for_url("**/sign/")
    check_accessibility(page, "group-sign")
    page.get_by_role("button", name="Sign the record").click()
    assert page.get_by_text("Each attendee can now sign it").is_visible()
    check_accessibility(page, "group-detail-facilitator")
    record = SessionRecord.objects.get()
    assert record.kind == "group"
    assert record.status == RecordStatus.AWAITING_SUPERVISEE
    assert list(record.discussions.values_list("presenter", flat=True)) == [
        attendees[0].id,
        attendees[1].id,
    ]
    page.get_by_role("button", name="Sign out").click()

    # The first attendee agrees; the second records disagreement.
    for attendee, agrees in ((attendees[0], True), (attendees[1], False)):
        sign_in(page, live_server, attendee.email, settings.DEMO_PASSWORD)
        check_accessibility(page, f"group-home-attendee-{agrees}")
        page.get_by_role("link", name="Group session of").click()
        check_accessibility(page, f"group-countersign-{agrees}")
        if agrees:
            page.get_by_label("Yes, I agree it is accurate").check()
        else:
            page.get_by_label("No, I want to record my disagreement").check()
            page.get_by_label("What do you disagree with?").fill("GR-2 was Red before today")
        page.get_by_role("button", name="Sign the record").click()
        assert page.get_by_text("It is locked once every attendee has signed").is_visible()
        assert "The group shared the weight of neglect cases" in page.content()
        check_accessibility(page, f"group-detail-attendee-{agrees}")
        page.get_by_role("link", name="My sessions").first.click()
        assert page.get_by_text("Group: Assessment team reflective group").is_visible()
        check_accessibility(page, f"group-my-sessions-{agrees}")
        page.get_by_role("button", name="Sign out").click()

    record.refresh_from_db()
    assert record.status == RecordStatus.AWAITING_SUPERVISEE
    signed = RecordAttendee.objects.filter(record=record, signed_at__isnull=False)
    assert {a.user_id for a in signed} == {attendees[0].id, attendees[1].id}
    assert signed.get(user=attendees[1]).disagreement == "GR-2 was Red before today"

    # A colleague who did not attend finds nothing.
    sign_in(page, live_server, bystander.email, settings.DEMO_PASSWORD)
    response = page.goto(f"{live_server.url}/records/{record.id}/")
    assert response.status == 404
