"""A supervisor records a full session with two case discussions, the supervisee co-signs,
and the PDF downloads; axe-core reports nothing on any page visited."""

import io
from datetime import date, timedelta

import pytest
from django.conf import settings
from pypdf import PdfReader

from agencies.models import Role
from e2e.conftest import check_accessibility, sign_in
from recording.models import RecordStatus, SessionRecord
from tests.factories.agencies import AgencyFactory, person
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def pair(transactional_db):
    agency = AgencyFactory(name="Northshire Council")
    supervisor = person(agency, Role.SUPERVISOR)
    supervisee = person(agency, Role.PRACTITIONER)
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    cases = [
        CaseFactory(agency=agency, allocated_practitioner=supervisee, reference=ref, initials=i)
        for ref, i in (("NS-101", "AB"), ("NS-102", "CD"))
    ]
    return supervisor, supervisee, cases


def _fill_date(scope, legend: str, day: date) -> None:
    group = scope.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _discussion(page, number: int):
    return page.locator("section.spr-discussion").filter(
        has=page.get_by_role("heading", name=f"Case discussion {number}", exact=True)
    )


def _fill_discussion(page, number: int, case_label: str, rag: str, needs: str) -> None:
    section = _discussion(page, number)
    section.get_by_label("Case", exact=True).select_option(label=case_label)
    section.get_by_label("a) Outline identified needs of the child or children").fill(needs)
    section.get_by_label("b) Risks to the child and from whom or what").fill("Neglect")
    section.get_by_label(rag).check()
    section.get_by_label("An entry about this discussion has been made").check()
    section.get_by_label("Quality: the child").fill("Seen alone; quiet and watchful")


def test_supervisor_records_a_session_and_the_supervisee_cosigns(page, live_server, pair):
    supervisor, supervisee, cases = pair
    yesterday = date.today() - timedelta(days=1)

    sign_in(page, live_server, supervisor.email, settings.DEMO_PASSWORD)
    check_accessibility(page, "record-home-supervisor")
    page.get_by_role("link", name="Record a session").click()
    check_accessibility(page, "record-new")
    page.get_by_label(supervisee.full_name).check()
    _fill_date(page, "Date of the session", yesterday)
    page.get_by_role("button", name="Start the record").click()
    page.wait_for_url("**/edit/")
    check_accessibility(page, "record-edit")

    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("11:30")
    page.get_by_label("In person").check()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Agenda and issues for discussion").fill("Two CIN cases; wellbeing")
    _fill_date(page, "Date of the next session", yesterday + timedelta(days=28))
    _fill_discussion(
        page,
        1,
        "NS-101 – AB, born 2015 (Child in need (s17))",
        "Amber: staying the same",
        "School attendance",
    )
    page.get_by_label("Wellbeing, emotional impact of the work and support offered").fill(
        "Tired after a difficult visit"
    )
    # The draft saves itself while the user types.
    page.get_by_text("Draft saved at").wait_for()

    page.get_by_role("button", name="Add another case discussion").click()
    page.wait_for_url("**/edit/#discussions-end")
    _fill_discussion(
        page,
        2,
        "NS-102 – CD, born 2015 (Child in need (s17))",
        "Red: getting worse",
        "Hunger at nursery",
    )
    page.get_by_role("button", name="Add an action").click()
    page.wait_for_url("**/edit/#actions-end")
    action = page.locator("section.spr-part").filter(
        has=page.get_by_role("heading", name="Action 1", exact=True)
    )
    action.get_by_label("What is to be done").fill("Refer CD to the neglect toolkit")
    action.get_by_label(supervisee.full_name).check()
    _fill_date(action, "Due by", yesterday + timedelta(days=14))
    check_accessibility(page, "record-edit-filled")

    page.get_by_role("button", name="Save and sign").click()
    page.wait_for_url("**/sign/")
    check_accessibility(page, "record-sign")
    page.get_by_role("button", name="Sign the record").click()
    assert page.get_by_text("You signed the record").is_visible()
    check_accessibility(page, "record-detail-supervisor")
    record = SessionRecord.objects.get()
    assert record.status == RecordStatus.AWAITING_SUPERVISEE
    assert record.discussions.count() == 2

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, supervisee.email, settings.DEMO_PASSWORD)
    check_accessibility(page, "record-home-supervisee")
    page.get_by_role("link", name="Session of").first.click()
    check_accessibility(page, "record-countersign")
    page.get_by_label("Yes, I agree it is accurate").check()
    page.get_by_role("button", name="Sign the record").click()
    assert page.get_by_text("It is now locked").is_visible()
    check_accessibility(page, "record-detail-signed")
    assert "Tired after a difficult visit" in page.content()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    path = download_info.value.path()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert "OFFICIAL-SENSITIVE" in text
    assert "Hunger at nursery" in text

    page.get_by_role("link", name="Cases", exact=True).first.click()
    check_accessibility(page, "record-cases")
    page.get_by_role("link", name="NS-102").click()
    check_accessibility(page, "record-case-detail")
    page.get_by_role("link", name="Discussion history and RAG over time").click()
    assert page.get_by_text("Red", exact=True).first.is_visible()
    check_accessibility(page, "record-case-history")
    record.refresh_from_db()
    assert record.status == RecordStatus.SIGNED
    for case in cases:
        case.refresh_from_db()
        assert case.last_discussed_on == yesterday
