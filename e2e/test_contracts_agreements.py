"""A supervisor drafts an agreement, the supervisee signs it; the lead's pages. axe-core
runs on every page visited."""

import re
from datetime import date

import pytest
from django.conf import settings
from playwright.sync_api import expect

from agencies import demo
from agencies import services as agency_services
from agencies.models import ContactType, Role
from contracts import demo as contracts_demo
from contracts.models import Agreement, AgreementStatus
from e2e.conftest import check_accessibility, sign_in

pytestmark = pytest.mark.browser
PASSWORD = settings.DEMO_PASSWORD


@pytest.fixture
def demo_world(transactional_db):
    world = demo.seed()
    contracts_demo.seed(world)
    return world


@pytest.fixture
def new_practitioner(demo_world):
    membership = agency_services.add_person(
        agency=demo_world.agencies["council"],
        email="zara.quinn@council.example",
        full_name="Zara Quinn",
        roles=[Role.PRACTITIONER],
        job_title="Family support worker",
        contact_type=ContactType.INDIRECT,
        start_date=date(2024, 1, 8),  # past the new-starter period
    )
    membership.user.set_password(PASSWORD)
    membership.user.save()
    return membership.user


def test_supervisor_drafts_and_supervisee_signs(browser, live_server, new_practitioner):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.set_default_timeout(15_000)
    sign_in(page, live_server, "sam.okafor@council.example", PASSWORD)
    page.get_by_role("link", name="Agreements", exact=True).first.click()
    assert page.get_by_role("heading", name="Your supervision agreements").is_visible()
    check_accessibility(page, "agreements-mine-supervisor")

    page.get_by_role("link", name="Draft a new agreement").click()
    page.get_by_role("button", name="Continue").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.title().startswith("Error: ")
    check_accessibility(page, "agreement-start-errors")
    page.get_by_label("Name of Supervisee").select_option(label="Zara Quinn, Family support worker")
    page.get_by_role("button", name="Continue").click()

    # Example 2: indirect contact, frequency defaulted from the standards (quarterly).
    assert page.get_by_role(
        "group", name=re.compile("Example 2: For those employees having indirect")
    ).is_visible()
    assert page.get_by_label("Frequency of Supervision").input_value() == "13"
    check_accessibility(page, "agreement-edit")
    page.get_by_label("Agenda items for the session").fill("Cases I support through my team")
    page.get_by_label("Learning and Development Opportunities or Concerns").fill("Thresholds")
    review = page.get_by_role("group", name="Date of Review")
    review.get_by_label("Year").fill("2020")
    page.get_by_role("button", name="Save and send for signatures").click()
    assert (
        page.locator(".govuk-error-summary")
        .get_by_text("The date of review must be after the start date")
        .is_visible()
    )
    assert page.get_by_label("Agenda items for the session").input_value() == (
        "Cases I support through my team"
    )
    check_accessibility(page, "agreement-edit-errors")
    review.get_by_label("Year").fill("2030")
    page.get_by_role("button", name="Save and send for signatures").click()
    assert page.get_by_text("The agreement was sent for signatures").is_visible()
    assert page.get_by_test_id("status").get_by_text("Awaiting signatures").is_visible()
    page.get_by_label("I have read this agreement and I agree to it").check()
    page.get_by_role("button", name="Sign the agreement").click()
    assert page.get_by_text("It comes into force when both have signed").is_visible()
    assert page.get_by_test_id("signed-supervisor").get_by_text("Sam Okafor").is_visible()
    check_accessibility(page, "agreement-signed-by-supervisor")
    page.close()

    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.set_default_timeout(15_000)
    sign_in(page, live_server, "zara.quinn@council.example", PASSWORD)
    check_accessibility(page, "home-new-practitioner")
    page.get_by_role("link", name=re.compile("Your agreement with Sam Okafor")).click()
    assert page.get_by_role("heading", name="Sign version 1").is_visible()
    check_accessibility(page, "agreement-to-sign")
    page.get_by_role("button", name="Sign the agreement").click()
    assert (
        page.locator(".govuk-error-summary")
        .get_by_text("Confirm that you have read and agree to the agreement")
        .is_visible()
    )
    check_accessibility(page, "agreement-sign-errors")
    page.get_by_label("I have read this agreement and I agree to it").check()
    page.get_by_role("button", name="Sign the agreement").click()
    assert page.get_by_text("You signed the agreement. It is now in force.").is_visible()
    assert page.get_by_test_id("status").get_by_text("Active").is_visible()
    check_accessibility(page, "agreement-in-force")
    page.get_by_role("link", name=re.compile("Print view")).click()
    # The click returns before the print page has loaded: wait for it.
    expect(page.get_by_test_id("classification")).to_be_visible()
    check_accessibility(page, "agreement-print")
    page.goto(f"{live_server.url}/agreements/")
    check_accessibility(page, "agreements-mine-practitioner")
    page.close()

    agreement = Agreement.objects.get(supervisee=new_practitioner)
    assert agreement.status == AgreementStatus.ACTIVE
    assert agreement.template == ContactType.INDIRECT
    assert agreement.supervisor_signed_at and agreement.supervisee_signed_at


def test_lead_pages(page, live_server, demo_world):
    sign_in(page, live_server, "lena.fischer@council.example", PASSWORD)
    check_accessibility(page, "home-lead-with-agreements")
    page.get_by_role("link", name="Agency agreements").click()
    assert page.get_by_test_id("agreements").get_by_text("Priya Shah").is_visible()
    check_accessibility(page, "agreements-agency")
    page.get_by_label("Draft").check()
    page.get_by_role("button", name="Apply filters").click()
    assert page.get_by_text("No agreements match these filters").is_visible()
    check_accessibility(page, "agreements-agency-filtered")
    page.get_by_role("link", name="Supervisor training").first.click()
    check_accessibility(page, "training-agency")
    page.get_by_role("link", name=re.compile("Sam Okafor")).click()
    check_accessibility(page, "training-supervisor")
    page.get_by_role("link", name="Add a training record").click()
    page.get_by_role("button", name="Save training record").click()
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessibility(page, "training-add-errors")
    page.get_by_role("link", name="Policy", exact=True).first.click()
    assert page.get_by_test_id("current-policy").get_by_text("2.0", exact=True).is_visible()
    check_accessibility(page, "policy")
    page.get_by_role("link", name="Upload a new version").click()
    page.get_by_role("button", name="Upload policy").click()
    assert page.locator(".govuk-error-summary").get_by_text("Select a file").is_visible()
    check_accessibility(page, "policy-upload-errors")
    page.goto(f"{live_server.url}/agency/standards/")
    check_accessibility(page, "standards")
    page.get_by_role("link", name="Change the standards").click()
    page.get_by_label(re.compile("Staff in direct contact")).fill("20")
    page.get_by_role("button", name="Save standards").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.get_by_label(re.compile("Staff in direct contact")).input_value() == "20"
    check_accessibility(page, "standards-errors")
    history_link = f"{live_server.url}/agreements/supervisees/"
    membership = demo_world.memberships["priya.shah@council.example"]
    page.goto(f"{history_link}{membership.id}/")
    check_accessibility(page, "supervisee-history")


def test_supervisor_training_page(page, live_server, demo_world):
    sign_in(page, live_server, "grace.hill@nhs.example", PASSWORD)
    page.get_by_role("link", name="Training", exact=True).click()
    assert page.get_by_test_id("my-competence").get_by_text("Expiring within 60 days").is_visible()
    check_accessibility(page, "training-mine")
    page.get_by_role("link", name="Add a training record").click()
    check_accessibility(page, "training-add")
