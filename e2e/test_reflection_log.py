"""The reflective learning log in a browser: a practitioner writes an entry and shares it
with her supervisor, who reads it to prepare the next session; a safeguarding lead sees
only that her staff took part in Space to Think. axe-core on every page."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from agencies.models import Role
from e2e.conftest import check_accessibility, sign_in
from tests.factories.agencies import AgencyFactory, MembershipFactory, UserFactory
from tests.factories.contracts import AgreementFactory
from tests.factories.reflection import space_to_think


@pytest.fixture
def council(transactional_db):
    agency = AgencyFactory(name="Northshire Council")
    police = AgencyFactory(partnership=agency.partnership, name="Northshire Police")
    people = {}
    for key, where, name, roles in (
        ("practitioner", agency, "Priya Shah", [Role.PRACTITIONER]),
        ("supervisor", agency, "Sam Okafor", [Role.SUPERVISOR]),
        ("lead", agency, "Lena Fischer", [Role.SAFEGUARDING_LEAD]),
        ("officer", police, "Omar Reid", [Role.PRACTITIONER]),
        ("sergeant", police, "Helen Wu", [Role.SUPERVISOR]),
    ):
        user = UserFactory(full_name=name, email=f"{key}@example.org")
        MembershipFactory(user=user, agency=where, roles=roles)
        people[key] = user
    AgreementFactory(supervisor=people["supervisor"], supervisee=people["practitioner"])
    return people


def test_practitioner_shares_a_reflection_with_her_supervisor(page, live_server, council):
    sign_in(page, live_server, "practitioner@example.org", settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Reflective log").first.click()
    check_accessibility(page, "log-list-empty")
    page.get_by_role("link", name="Add a reflection").click()
    check_accessibility(page, "log-new")
    page.get_by_label("Title").fill("Core group where the plan had drifted")
    page.get_by_role("button", name="Save entry").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what prompted")
    check_accessibility(page, "log-new-errors")
    page.get_by_label("Day", exact=True).fill("20")
    page.get_by_label("Month", exact=True).fill("10")
    page.get_by_label("Year", exact=True).fill("2026")
    page.get_by_label("Details of what prompted this reflection").fill(
        "The same actions carried forward for the third time."
    )
    page.get_by_label("With the benefit of hindsight, what are your feelings about it?").fill(
        "I would challenge sooner."
    )
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Save entry").click()
    expect(page.get_by_text("Only you can see this entry.")).to_be_visible()
    check_accessibility(page, "log-entry")

    page.get_by_role("link", name="Share with your supervisor").click()
    check_accessibility(page, "log-share")
    page.get_by_label("Sam Okafor").check()
    page.get_by_role("button", name="Share with this supervisor").click()
    expect(page.get_by_text("The entry is shared with Sam Okafor.")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, "supervisor@example.org", settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Reflections your supervisees have shared with you").click()
    check_accessibility(page, "log-shared-list")
    page.get_by_role("link", name="Priya Shah").click()
    expect(page.get_by_text("I would challenge sooner.")).to_be_visible()
    check_accessibility(page, "log-shared-by")
    page.get_by_role("link", name="Core group where the plan had drifted").click()
    expect(page.get_by_text(re.compile("Priya Shah shared this entry with you"))).to_be_visible()
    check_accessibility(page, "log-entry-as-supervisor")


def test_lead_sees_only_that_her_staff_took_part(page, live_server, council):
    session = space_to_think(
        presenter=council["practitioner"],
        facilitator=council["officer"],
        consultants=[council["sergeant"]],
        topic="A topic only the participants read",
    )
    assert session.participants.count() == 3
    sign_in(page, live_server, "lead@example.org", settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Space to Think participation by your staff").click()
    expect(page.get_by_role("cell", name="Priya Shah")).to_be_visible()
    expect(page.get_by_text("Omar Reid")).to_have_count(0)
    expect(page.get_by_text("A topic only the participants read")).to_have_count(0)
    check_accessibility(page, "stt-participation-lead")
    page.get_by_role("link", name="Space to Think", exact=True).first.click()
    expect(page.get_by_text("A topic only the participants read")).to_have_count(0)
