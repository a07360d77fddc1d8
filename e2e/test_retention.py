"""Retention in a browser: the agency admin changes how long records are kept (with a
wrong value first), the nightly job deletes an agreement past its date and the lead reads
the log; a practitioner downloads her own records. axe-core on every page."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from agencies.models import Role
from contracts.models import AgreementStatus
from e2e.conftest import check_accessibility, sign_in
from retention import services
from tests.factories.agencies import AgencyFactory, MembershipFactory, UserFactory
from tests.factories.contracts import AgreementFactory


@pytest.fixture
def council(transactional_db):
    agency = AgencyFactory(name="Northshire Council")
    people = {}
    for key, name, roles in (
        ("practitioner", "Priya Shah", [Role.PRACTITIONER]),
        ("supervisor", "Sam Okafor", [Role.SUPERVISOR]),
        ("lead", "Lena Fischer", [Role.SAFEGUARDING_LEAD]),
        ("admin", "Adam Price", [Role.AGENCY_ADMIN]),
    ):
        user = UserFactory(full_name=name, email=f"{key}@example.org")
        MembershipFactory(user=user, agency=agency, roles=roles)
        people[key] = user
    AgreementFactory(supervisor=people["supervisor"], supervisee=people["practitioner"])
    ended = date.today() - timedelta(days=365 * 9)
    people["old_agreement"] = AgreementFactory(
        supervisor=people["supervisor"],
        supervisee=people["practitioner"],
        status=AgreementStatus.ENDED,
        start_date=ended - timedelta(days=400),
        review_date=ended - timedelta(days=30),
        ended_on=ended,
        supervisor_signed_at=timezone.now(),
        supervisee_signed_at=timezone.now(),
    )
    people["agency"] = agency
    return people


def test_admin_sets_the_period_and_the_lead_reads_what_was_deleted(page, live_server, council):
    sign_in(page, live_server, "admin@example.org", settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Retention").first.click()
    expect(page.get_by_test_id("retention-setting")).to_contain_text("6 years")
    check_accessibility(page, "retention-page-empty")
    page.get_by_role("link", name="Change the retention period").click()
    field = page.get_by_label("Keep records for this many years")
    field.fill("0")
    page.get_by_role("button", name="Save retention period").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("1 years or more")
    check_accessibility(page, "retention-form-errors")
    field.fill("8")
    page.get_by_role("button", name="Save retention period").click()
    expect(page.get_by_test_id("retention-setting")).to_contain_text("8 years")

    services.run_retention(today=date.today(), agency_ids=[council["agency"].id])

    page.context.clear_cookies()
    sign_in(page, live_server, "lead@example.org", settings.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/agency/standards/")
    page.get_by_role("link", name="How long records are kept").click()
    log = page.get_by_test_id("retention-log")
    expect(log).to_contain_text("Supervision agreement")
    expect(log).to_contain_text(str(council["old_agreement"].id))
    expect(page.get_by_role("link", name="Change the retention period")).to_have_count(0)
    check_accessibility(page, "retention-page-log")


def test_a_practitioner_downloads_her_own_records(page, live_server, council):
    sign_in(page, live_server, "practitioner@example.org", settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Download your records").click()
    expect(page.get_by_test_id("my-records-counts")).to_contain_text(
        "2 supervision agreements you are a party to"
    )
    check_accessibility(page, "my-records")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your records (PDF)").click()
    assert download.value.suggested_filename.startswith("my-supervision-records-")


def test_the_lead_places_and_lifts_a_legal_hold(page, live_server, council):
    from supervision.models import Case
    from tests.factories.supervision import CaseFactory

    CaseFactory(agency=council["agency"], reference="NC-4471")
    sign_in(page, live_server, "lead@example.org", settings.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/retention/")
    expect(page.get_by_text("Nothing is on legal hold.")).to_be_visible()
    page.get_by_role("link", name="Place a legal hold").click()
    page.get_by_role("button", name="Place the legal hold").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select the agreement or case to keep")
    expect(summary).to_contain_text("Enter why it must be kept")
    check_accessibility(page, "legal-hold-form-errors")
    page.get_by_label("What to keep").select_option(label="Case NC-4471: Child in need (s17)")
    page.get_by_label("Why it must be kept").fill("Complaint from the family")
    page.get_by_role("button", name="Place the legal hold").click()
    holds = page.get_by_test_id("legal-holds")
    expect(holds).to_contain_text("Case NC-4471")
    expect(holds).to_contain_text("Complaint from the family")
    check_accessibility(page, "retention-page-holds")
    holds.get_by_role("link", name="Lift").click()
    expect(page.get_by_test_id("hold-summary")).to_contain_text("Complaint from the family")
    check_accessibility(page, "legal-hold-lift")
    page.get_by_label("Why it no longer needs to be kept").fill("Complaint closed")
    page.get_by_role("button", name="Lift the legal hold").click()
    expect(page.get_by_test_id("legal-holds")).to_contain_text("Lifted")
    assert Case.objects.filter(reference="NC-4471").exists()
