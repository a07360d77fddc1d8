"""One journey per role through the demo world: every page the role uses, in the order a
working day takes them there, with axe-core on each (zero violations) and a numbered
screenshot of each in test-artifacts/ (journey-<role>-<nn>-<page>.png).

The feature tests (test_recording_session.py, test_contracts_agreements.py, ...) try the
edge cases of each form; these walk the happy path across features, as the person would.
"""

import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from pypdf import PdfReader

from agencies.models import Membership, Role
from assurance import services as assurance_services
from assurance.models import AssuranceReport
from contracts import services as contract_services
from contracts.models import Agreement, AgreementStatus
from e2e.conftest import sign_in
from e2e.flows import Journey, fill_date, fill_discussion, open_nav, seed_everything
from evaluation.questionnaire import STANDARD_STATEMENTS
from recording.models import AuditAccess, RecordStatus, SessionRecord
from supervision.models import PlannedSession

pytestmark = pytest.mark.browser

PASSWORD = settings.DEMO_PASSWORD
SAM = "sam.okafor@council.example"
PRIYA = "priya.shah@council.example"
LENA = "lena.fischer@council.example"
ADAM = "adam.price@council.example"
BOLA = "bola.adeyemi@northshire.example"


@pytest.fixture
def world(transactional_db):
    return seed_everything()


def test_supervisor_journey(page, live_server, world):
    """Sam Okafor: his agreements, a session booked, a session recorded and signed, its
    PDF, and every other page a supervisor uses."""
    journey = Journey(page, "supervisor")
    assert sign_in(page, live_server, SAM, PASSWORD) == []  # two-factor is optional
    assert page.get_by_text("Your supervisees").first.is_visible()
    journey.check("home")

    open_nav(page, "Agreements")
    journey.check("agreements")
    page.get_by_role("link", name=re.compile("Priya Shah")).first.click()
    assert page.get_by_test_id("status").get_by_text("Active").is_visible()
    journey.check("agreement")

    open_nav(page, "Planned sessions")
    journey.check("planned-sessions")
    page.get_by_role("link", name="Schedule a session").click()
    journey.check("schedule")
    page.get_by_label("Priya Shah").check()
    fill_date(page, "Date", timezone.localdate() + timedelta(days=10))
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Length").select_option("60")
    page.get_by_label("In person").check()
    page.get_by_label("Place or video link").fill("Room 2.14, Civic Centre")
    page.get_by_role("button", name="Schedule the session").click()
    assert page.get_by_text("Session with Priya Shah scheduled").is_visible()
    journey.check("planned-session")
    assert PlannedSession.objects.filter(location="Room 2.14, Civic Centre").exists()

    open_nav(page, "Home")
    page.get_by_role("link", name="Record a session").click()
    journey.check("record-new")
    yesterday = timezone.localdate() - timedelta(days=1)
    page.get_by_label("Priya Shah").check()
    fill_date(page, "Date of the session", yesterday)
    page.get_by_role("button", name="Start the record").click()
    page.wait_for_url("**/edit/")
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("End time").fill("15:15")
    page.get_by_label("In person").check()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Agenda and issues for discussion").fill("CIN review next week; wellbeing")
    fill_date(page, "Date of the next session", yesterday + timedelta(days=28))
    for review in page.get_by_role("group", name="Progress").all():  # earlier actions
        review.get_by_label("Done", exact=True).check()
    fill_discussion(page, 1, "Amber: staying the same", "Journey: attendance still low")
    page.get_by_label("Wellbeing, emotional impact of the work and support offered").fill(
        "Busy fortnight; protected time agreed"
    )
    page.get_by_text("Draft saved at").wait_for()
    journey.check("record-edit")
    page.get_by_role("button", name="Save and sign").click()
    page.wait_for_url("**/sign/")
    journey.check("record-sign")
    page.get_by_role("button", name="Sign the record").click()
    assert page.get_by_text("You signed the record").is_visible()
    journey.check("record")
    record = SessionRecord.objects.get(session_date=yesterday, supervisee__email=PRIYA)
    assert record.status == RecordStatus.AWAITING_SUPERVISEE

    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    pdf = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "OFFICIAL-SENSITIVE" in text and "Journey: attendance still low" in text

    open_nav(page, "Cases")
    journey.check("cases")
    page.locator("main table a").first.click()
    journey.check("case")
    journey.visit_nav(
        "Supervisees' sessions",
        "Training",
        "Policy",
        "Alerts",
        "Your feedback",
        "Space to Think",
        "Reflective log",
    )


def test_practitioner_journey(page, live_server, world):
    """Priya Shah: signs the new version of her agreement, co-signs her last session,
    writes in her reflective log, answers the annual evaluation, and her other pages."""
    sam, priya = world.users[SAM], world.users[PRIYA]
    current = Agreement.objects.get(
        supervisor=sam, supervisee=priya, status__in=[AgreementStatus.ACTIVE]
    )
    second = contract_services.start_new_version(agreement=current, user=sam, version=1)
    contract_services.send_for_signatures(agreement=second, user=sam, revision=second.revision)
    contract_services.sign_agreement(agreement=second, user=sam, version=2)

    journey = Journey(page, "practitioner")
    assert sign_in(page, live_server, PRIYA, PASSWORD) == []
    journey.check("home")

    page.get_by_role("link", name=re.compile("Your agreement with Sam Okafor")).click()
    assert page.get_by_role("heading", name="Sign version 2").is_visible()
    journey.check("agreement-to-sign")
    page.get_by_label("I have read this agreement and I agree to it").check()
    page.get_by_role("button", name="Sign the agreement").click()
    assert page.get_by_text("You signed the agreement. It is now in force.").is_visible()
    journey.check("agreement-in-force")

    open_nav(page, "Home")
    page.get_by_role("link", name=re.compile("Session of .* with Sam Okafor")).first.click()
    journey.check("record-countersign")
    page.get_by_label("Yes, I agree it is accurate").check()
    page.get_by_role("button", name="Sign the record").click()
    assert page.get_by_text("It is now locked").is_visible()
    journey.check("record-signed")

    open_nav(page, "Reflective log")
    journey.check("reflective-log")
    page.get_by_role("link", name="Add a reflection").click()
    page.get_by_label("Title").fill("A strategy discussion that moved quickly")
    fill_date(page, "When did it happen?", timezone.localdate() - timedelta(days=2))
    page.get_by_label("Details of what prompted this reflection").fill(
        "Hunger at nursery led to a strategy discussion the same day."
    )
    page.get_by_label("With the benefit of hindsight, what are your feelings about it?").fill(
        "Relieved that the escalation worked."
    )
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Save entry").click()
    assert page.get_by_text("Only you can see this entry.").is_visible()
    journey.check("reflection")

    open_nav(page, "Home")
    page.get_by_role("link", name=re.compile("Answer the evaluation")).click()
    journey.check("evaluation")
    for number, statement in enumerate(STANDARD_STATEMENTS, start=1):
        group = page.get_by_role("group", name=f"{number}. {statement}")
        group.get_by_label("Yes").check()
    for legend in (
        "How resilient do you feel in your work?",
        "How much stress does the emotional impact of the work cause you?",
        "How able are you to reflect on and evaluate the work you carry out with families?",
    ):
        page.get_by_role("group", name=legend).get_by_label("4").check()
    page.get_by_role("button", name="Submit your answers").click()
    assert page.get_by_text("Your answers have been submitted").is_visible()
    journey.check("evaluation-submitted")

    open_nav(page, "Home")
    page.get_by_role("link", name="My actions").first.click()
    journey.check("my-actions")
    journey.visit_nav(
        "Cases",
        "My sessions",
        "Agreements",
        "Policy",
        "Planned sessions",
        "Alerts",
        "Space to Think",
    )


def test_safeguarding_lead_journey(page, live_server, world):
    """Lena Fischer: her agency's assurance pages, the overdue list, the escalation, and
    audit access to a record's reflective part with a reason (logged)."""
    journey = Journey(page, "lead")
    # Required for a lead: the code from her authenticator app after the password.
    assert sign_in(page, live_server, LENA, PASSWORD, on_step=journey.check) == ["code"]
    assert page.get_by_text("Escalations and drift").is_visible()
    journey.check("home")

    open_nav(page, "Compliance")
    assert page.get_by_role("heading", name="Compliance dashboard").is_visible()
    journey.check("compliance-dashboard")

    open_nav(page, "Alerts")
    assert page.get_by_text("Open alerts in").is_visible()
    journey.check("overdue-list")

    open_nav(page, "Escalations")
    journey.check("escalations")
    page.get_by_role("link", name="Open the record (oversight part)").first.click()
    journey.check("record-oversight")
    page.get_by_role("link", name=re.compile("Open the reflective part")).click()
    page.get_by_role("button", name="Open the reflective part").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.title().startswith("Error: ")
    journey.check("audit-access-errors")
    page.get_by_label("Why do you need to read the reflective part of this record?").fill(
        "Quality audit of supervision for the significant harm escalation."
    )
    page.get_by_role("button", name="Open the reflective part").click()
    assert page.get_by_text("under audit access").is_visible()
    journey.check("record-audit-access")
    assert AuditAccess.objects.filter(user=world.users[LENA]).exists()

    journey.visit_nav(
        "Session records",
        "Cases",
        "Agency agreements",
        "Supervisor training",
        "Policy",
        "Evaluation",
        "Space to Think",
    )


def test_agency_admin_journey(page, live_server, world):
    """Adam Price: adds a person, gives a practitioner the supervisor role, and his other
    pages (teams, policy, workforce figures, the case import)."""
    journey = Journey(page, "admin")
    assert sign_in(page, live_server, ADAM, PASSWORD, on_step=journey.check) == ["code"]
    journey.check("home")

    open_nav(page, "People")
    journey.check("people")
    page.get_by_role("link", name="Add a person").click()
    journey.check("person-add")
    page.get_by_label("Work email address").fill("zoe.new@council.example")
    page.get_by_label("Full name").fill("Zoe New")
    page.get_by_label("Job title").fill("Family support worker")
    page.get_by_label("Practitioner", exact=True).check()
    page.get_by_label("Direct contact with children and families", exact=True).check()
    fill_date(page, "Start date in this agency", timezone.localdate())
    page.get_by_role("button", name="Add person").click()
    assert page.get_by_text("Zoe New was added").is_visible()
    journey.check("person-added")

    page.get_by_role("link", name="Tom Baker").click()
    journey.check("person")
    page.get_by_label("Supervisor", exact=True).check()
    page.get_by_role("button", name="Save changes").click()
    assert page.get_by_text("Changes to Tom Baker were saved.").is_visible()
    tom = Membership.objects.get(user__email="tom.baker@council.example")
    assert Role.SUPERVISOR in tom.roles and Role.PRACTITIONER in tom.roles

    journey.visit_nav("Teams", "Policy", "Workforce")
    open_nav(page, "Home")
    page.get_by_role("link", name="Import cases from a CSV file").click()
    journey.check("case-import")

    # The agency's sign-in rule: two-factor sign-in for everyone in the agency.
    open_nav(page, "Home")
    page.get_by_role("link", name="Sign-in rule").click()
    journey.check("sign-in-rule")
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("The sign-in rule was saved.").is_visible()
    journey.check("sign-in-rule-saved")
    page.get_by_role("link", name="Sign-in security").click()
    assert page.get_by_text("Required by your role or your agency").is_visible()
    journey.check("sign-in-security")


def test_board_member_journey(page, live_server, world):
    """Bola Adeyemi: the partnership's learning themes, its dashboard (every agency side
    by side) and an assurance report asked for, made and downloaded as a PDF."""
    journey = Journey(page, "board")
    assert sign_in(page, live_server, BOLA, PASSWORD, on_step=journey.check) == ["code"]
    assert page.get_by_text("Practitioners using SPR").first.is_visible()
    journey.check("home")
    journey.visit_nav("Learning themes")

    open_nav(page, "Partnership assurance")
    assert page.get_by_role("heading", name="Every agency side by side").is_visible()
    journey.check("partnership-dashboard")

    open_nav(page, "Assurance reports")
    journey.check("assurance-reports")
    page.get_by_role("button", name="Generate the report").click()
    page.wait_for_url("**/reports/*/")
    journey.check("report-waiting")
    # A Celery worker makes the report; here the test makes it, as the worker would.
    report = AssuranceReport.objects.get(requested_by=world.users[BOLA])
    assurance_services.generate_report(report_id=report.id)
    page.reload()
    assert page.get_by_test_id("report-status").get_by_text("Ready").is_visible()
    journey.check("report-ready")
    with page.expect_download() as download:
        page.get_by_test_id("downloads").get_by_role("link", name=re.compile("^PDF")).click()
    pdf = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    assert "OFFICIAL-SENSITIVE" in pdf.pages[0].extract_text()
