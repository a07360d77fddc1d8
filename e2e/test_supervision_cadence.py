"""A supervisor schedules, moves and downloads a session and sees the alerts the rules
raised; the safeguarding lead sees the escalation. axe-core on every page."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from agencies import demo
from contracts import demo as contracts_demo
from e2e.conftest import check_accessibility, sign_in
from supervision import services
from supervision.models import Case, CaseCategory, PlannedSession

pytestmark = pytest.mark.browser

SAM, LENA = "sam.okafor@council.example", "lena.fischer@council.example"


@pytest.fixture
def world(transactional_db):
    world = demo.seed()
    contracts_demo.seed(world)
    case = services.create_case(
        agency=world.agencies["council"],
        by=None,
        reference="NS-E2E-001",
        initials="EE",
        year_of_birth=2017,
        category=CaseCategory.CHILD_IN_NEED,
        allocated_practitioner=world.users["priya.shah@council.example"],
    )
    Case.objects.filter(pk=case.pk).update(
        last_discussed_on=timezone.localdate() - timedelta(days=200)
    )
    services.run_rules_now(today=timezone.localdate())
    return world


def test_supervisor_schedules_a_session_and_sees_alerts(page, live_server, world):
    sign_in(page, live_server, SAM, settings.DEMO_PASSWORD)
    assert page.get_by_text("Sessions and alerts for your supervisees").is_visible()
    assert page.get_by_text("Case NS-E2E-001").first.is_visible()
    check_accessibility(page, "cadence-home-supervisor")

    page.get_by_role("link", name="Planned sessions", exact=True).first.click()
    check_accessibility(page, "planned-sessions-empty")
    page.get_by_role("link", name="Schedule a session").click()
    page.get_by_label("Place or video link").fill("Room 2.14, Civic Centre")
    page.get_by_role("button", name="Schedule the session").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.get_by_label("Place or video link").input_value() == "Room 2.14, Civic Centre"
    check_accessibility(page, "schedule-session-errors")

    day = timezone.localdate() + timedelta(days=8)
    page.get_by_label("Priya Shah").check()
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Length").select_option("60")
    page.get_by_label("In person").check()
    page.get_by_role("button", name="Schedule the session").click()
    assert page.get_by_text("Session with Priya Shah scheduled").is_visible()
    check_accessibility(page, "planned-session")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download calendar entry (.ics)").click()
    assert download.value.suggested_filename == "supervision-session.ics"

    page.get_by_role("link", name="Move this session").click()
    check_accessibility(page, "move-session")
    page.get_by_label("Start time").fill("14:30")
    page.get_by_label("Why is the session moving?").fill("Clash with a core group meeting")
    page.get_by_role("button", name="Move the session").click()
    assert page.get_by_text("Clash with a core group meeting").is_visible()
    assert PlannedSession.objects.get().sequence == 1

    page.get_by_role("link", name="Alerts", exact=True).first.click()
    assert page.get_by_text("For you to act on").is_visible()
    check_accessibility(page, "alerts-supervisor")
    page.get_by_role("link", name="Email settings").click()
    check_accessibility(page, "email-settings")


def test_lead_sees_the_escalation(page, live_server, world):
    sign_in(page, live_server, LENA, settings.DEMO_PASSWORD)
    assert page.get_by_text("Escalations and drift").is_visible()
    assert page.get_by_text("Case NS-E2E-001").first.is_visible()
    check_accessibility(page, "cadence-home-lead")
    page.get_by_role("link", name="Alerts", exact=True).first.click()
    assert page.get_by_text("Open alerts in").is_visible()
    check_accessibility(page, "alerts-lead")
