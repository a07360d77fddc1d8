"""The audit pages in a browser: the safeguarding lead opens the reflective part of a
record with a reason, then reads her access log (with a filter error and a filter) and
the change history; the practitioner sees who viewed records about her. axe-core on each."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from playwright.sync_api import expect

from agencies.models import Role
from audit.models import AccessKind
from e2e.conftest import check_accessibility, sign_in
from recording import services as recording_services
from tests.factories.agencies import AgencyFactory, MembershipFactory, UserFactory
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory
from tests.recording.conftest import complete, sign_both

REASON = "Quarterly audit of neglect cases"


@pytest.fixture
def council(transactional_db):
    agency = AgencyFactory(name="Northshire Council")
    people = {}
    for key, name, roles in (
        ("practitioner", "Priya Shah", [Role.PRACTITIONER]),
        ("supervisor", "Sam Okafor", [Role.SUPERVISOR]),
        ("lead", "Lena Fischer", [Role.SAFEGUARDING_LEAD]),
    ):
        user = UserFactory(full_name=name, email=f"{key}@example.org")
        MembershipFactory(user=user, agency=agency, roles=roles)
        people[key] = user
    AgreementFactory(supervisor=people["supervisor"], supervisee=people["practitioner"])
    case = CaseFactory(agency=agency, allocated_practitioner=people["practitioner"])
    record = recording_services.start_record(
        supervisor=people["supervisor"],
        supervisee_membership=people["practitioner"].memberships.get(),
        session_date=date.today() - timedelta(days=3),
    )
    record = complete(record, by=people["supervisor"], cases=[case])
    record = sign_both(record, supervisor=people["supervisor"], supervisee=people["practitioner"])
    recording_services.grant_audit_access(record=record, lead=people["lead"], reason=REASON)
    recording_services.log_record_access(
        record=record, user=people["lead"], kind=AccessKind.VIEW_REFLECTIVE
    )
    return people


def test_lead_reads_the_access_log_and_history(page, live_server, council):
    sign_in(page, live_server, "lead@example.org", settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Access log").first.click()
    expect(page.get_by_text(REASON)).to_be_visible()
    check_accessibility(page, "audit-access-log")
    page.locator("#id_start_0").fill("9")
    page.locator("#id_start_1").fill("3")
    page.locator("#id_start_2").fill("2026")
    page.locator("#id_end_0").fill("1")
    page.locator("#id_end_1").fill("3")
    page.locator("#id_end_2").fill("2026")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The last day to show")
    check_accessibility(page, "audit-access-log-errors")
    page.get_by_role("link", name="Change history").first.click()
    expect(page.get_by_role("heading", name="Change history")).to_be_visible()
    check_accessibility(page, "audit-history")


def test_practitioner_sees_who_viewed_her_records(page, live_server, council):
    sign_in(page, live_server, "practitioner@example.org", settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Who viewed my records").first.click()
    expect(page.get_by_text(REASON)).to_be_visible()
    expect(page.get_by_text("Lena Fischer").first).to_be_visible()
    check_accessibility(page, "audit-about-me")
