"""Every demo role signs in, sees its own home page, and the page passes axe-core."""

import pytest
from django.conf import settings

from agencies import demo
from e2e.conftest import check_accessibility, sign_in

pytestmark = pytest.mark.browser

ROLE_HOMES = [
    ("practitioner", "priya.shah@council.example", "Your supervision"),
    ("supervisor", "sam.okafor@council.example", "Your supervisees"),
    ("safeguarding-lead", "lena.fischer@council.example", "Safeguarding assurance"),
    ("agency-admin", "adam.price@council.example", "Run Northshire Council"),
    ("board-member", "bola.adeyemi@northshire.example", "Practitioners using SPR"),
    ("partnership-admin", "pat.morgan@northshire.example", "Run the partnership"),
]


@pytest.fixture
def demo_world(transactional_db):
    return demo.seed()


def test_sign_in_page_is_accessible(page, live_server, transactional_db):
    page.goto(f"{live_server.url}/sign-in/")
    check_accessibility(page, "sign-in")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessibility(page, "sign-in-error")


@pytest.mark.parametrize(("role", "email", "heading"), ROLE_HOMES, ids=[r[0] for r in ROLE_HOMES])
def test_each_role_sees_its_home(page, live_server, demo_world, role, email, heading):
    sign_in(page, live_server, email, settings.DEMO_PASSWORD)
    assert page.get_by_text("OFFICIAL-SENSITIVE").is_visible()
    assert page.get_by_text(heading).first.is_visible()
    check_accessibility(page, f"home-{role}")


def test_agency_admin_adds_a_person(page, live_server, demo_world):
    sign_in(page, live_server, "adam.price@council.example", settings.DEMO_PASSWORD)
    page.get_by_role("link", name="People", exact=True).first.click()
    check_accessibility(page, "people")
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Work email address").fill("zoe.new@council.example")
    page.get_by_role("button", name="Add person").click()
    # Missing answers: error summary, and what was typed is still there.
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.get_by_label("Work email address").input_value() == "zoe.new@council.example"
    check_accessibility(page, "add-person-errors")
    page.get_by_label("Full name").fill("Zoe New")
    page.get_by_label("Practitioner", exact=True).check()
    page.get_by_label("Direct contact with children and families", exact=True).check()
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Add person").click()
    assert page.get_by_text("Zoe New was added").is_visible()
    page.get_by_role("link", name="Teams").first.click()
    check_accessibility(page, "teams")
