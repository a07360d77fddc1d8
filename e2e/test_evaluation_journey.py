"""A supervisee completes the evaluation questionnaire; the lead and the supervisor read
the results. axe-core runs on every page visited."""

import pytest
from django.conf import settings
from django.utils import timezone

from agencies import demo as agency_demo
from contracts import demo as contract_demo
from e2e.conftest import check_accessibility, sign_in
from evaluation import demo as evaluation_demo
from evaluation.questionnaire import STANDARD_STATEMENTS

pytestmark = pytest.mark.browser

PRIYA = "priya.shah@council.example"
LENA = "lena.fischer@council.example"
SAM = "sam.okafor@council.example"
ADAM = "adam.price@council.example"
NEXT_YEAR = timezone.localdate().year + 1


@pytest.fixture
def demo_world(transactional_db):
    world = agency_demo.seed()
    contract_demo.seed(world)
    evaluation_demo.seed(world)
    return world


def _statement(page, number: int):
    return page.get_by_role("group", name=f"{number}. {STANDARD_STATEMENTS[number - 1]}")


def test_supervisee_answers_and_lead_sees_the_results(page, live_server, demo_world):
    sign_in(page, live_server, PRIYA, settings.DEMO_PASSWORD)
    check_accessibility(page, "evaluation-home-invited")
    page.get_by_role("link", name="Answer the evaluation").click()
    check_accessibility(page, "evaluation-questionnaire")

    # Answer two statements, save, and come back later.
    _statement(page, 1).get_by_label("Yes").check()
    _statement(page, 2).get_by_label("Maybe").check()
    page.get_by_label("We need more of").fill("Time to think about the hardest families")
    page.get_by_role("button", name="Save and come back later").click()
    assert page.get_by_text("Your answers are saved").is_visible()
    check_accessibility(page, "evaluation-home-saved")
    page.get_by_role("link", name="Continue your answers").click()
    assert _statement(page, 2).get_by_label("Maybe").is_checked()

    # Submitting with gaps: the error summary, and nothing typed is lost.
    page.get_by_role("button", name="Submit your answers").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.title().startswith("Error: ")
    assert page.get_by_label("We need more of").input_value().startswith("Time to think")
    check_accessibility(page, "evaluation-questionnaire-errors")

    for number in range(3, 11):
        _statement(page, number).get_by_label("No" if number == 7 else "Yes").check()
    for legend in (
        "How resilient do you feel in your work?",
        "How much stress does the emotional impact of the work cause you?",
        "How able are you to reflect on and evaluate the work you carry out with families?",
    ):
        page.get_by_role("group", name=legend).get_by_label("4").check()
    page.get_by_role("button", name="Submit your answers").click()
    assert page.get_by_text("Your answers have been submitted").is_visible()
    check_accessibility(page, "evaluation-submitted")
    page.get_by_role("button", name="Sign out").click()

    # The lead: this year's results (6 answered now), live at agency level.
    sign_in(page, live_server, LENA, settings.DEMO_PASSWORD)
    check_accessibility(page, "evaluation-home-lead")
    page.get_by_role("link", name="Evaluation", exact=True).click()
    check_accessibility(page, "evaluation-campaigns")
    year = page.locator("table tbody tr").first.locator("td").first.inner_text().split()[0]
    page.get_by_role("link", name=f"Results for {year}").click()
    assert page.get_by_text("6 people answered").is_visible()
    assert page.get_by_text("Time to think about the hardest families").is_visible()
    check_accessibility(page, "evaluation-results")
    page.get_by_role("button", name="Withhold this comment").first.click()
    assert page.get_by_text("The comment is withheld").is_visible()
    check_accessibility(page, "evaluation-results-withheld")
    page.get_by_role("link", name="Results by supervisor").click()
    assert page.get_by_text("appear when the evaluation closes").is_visible()
    check_accessibility(page, "evaluation-results-by-supervisor-open")
    page.get_by_role("link", name="Back to the agency's results").click()
    page.get_by_role("link", name=f"Back to the {year} evaluation").click()
    assert page.get_by_text("only until the first person submits").is_visible()
    check_accessibility(page, "evaluation-campaign")


def test_last_year_results_for_lead_and_supervisor(page, live_server, demo_world):
    sign_in(page, live_server, LENA, settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Evaluation", exact=True).click()
    last_year = page.locator("table tbody tr").nth(1).locator("td").first.inner_text().split()[0]
    page.get_by_role("link", name=f"Results for {last_year}").click()
    assert page.get_by_text("6 people answered").is_visible()
    check_accessibility(page, "evaluation-results-last-year")
    page.get_by_role("link", name="Results by team").click()
    # Both teams had fewer than 5 answers last year: hidden.
    assert page.get_by_text("<5").first.is_visible()
    check_accessibility(page, "evaluation-results-by-team")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server, SAM, settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Your feedback").click()
    assert page.get_by_text("6 people answered about your supervision").is_visible()
    check_accessibility(page, "evaluation-my-results")
    page.get_by_role("link", name="with Aisha Khan").click()
    assert page.get_by_text("Actions agreed").is_visible()
    check_accessibility(page, "evaluation-observation")


def test_setting_up_next_year_and_the_other_pages(page, live_server, demo_world):
    sign_in(page, live_server, LENA, settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Evaluation", exact=True).click()
    page.get_by_role("link", name="Set up an evaluation").click()
    page.get_by_label("Evaluation year").fill(str(NEXT_YEAR))
    page.get_by_role("button", name="Open the evaluation").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.get_by_label("Evaluation year").input_value() == str(NEXT_YEAR)
    check_accessibility(page, "evaluation-campaign-errors")
    for legend, day in (("Opens on", "1"), ("Closes on", "30")):
        group = page.get_by_role("group", name=legend)
        group.get_by_label("Day").fill(day)
        group.get_by_label("Month").fill("11")
        group.get_by_label("Year").fill(str(NEXT_YEAR))
    page.get_by_role("button", name="Open the evaluation").click()
    assert page.get_by_text(f"The {NEXT_YEAR} evaluation was set up").is_visible()
    page.get_by_role("link", name="Add your agency's own statement").click()
    page.get_by_role("button", name="Add statement").click()
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessibility(page, "evaluation-question-errors")
    page.get_by_label("Your agency's statement").fill("I know how to raise a concern.")
    page.get_by_role("button", name="Add statement").click()
    assert (
        page.get_by_text("11. I know how to raise a concern.").is_visible()
        or page.get_by_text("I know how to raise a concern.").is_visible()
    )
    check_accessibility(page, "evaluation-campaign-next-year")

    page.goto(f"{live_server.url}/evaluation/observations/")
    check_accessibility(page, "evaluation-observations")
    page.get_by_role("link", name="Ask to observe a session").click()
    page.get_by_role("button", name="Ask both to agree").click()
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessibility(page, "evaluation-observation-request-errors")
    page.goto(f"{live_server.url}/evaluation/observers/")
    check_accessibility(page, "evaluation-observers")
    page.goto(f"{live_server.url}/evaluation/audits/")
    check_accessibility(page, "evaluation-audits")
    page.get_by_role("link", name="Draw a sample").click()
    page.get_by_role("button", name="Draw the sample").click()
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessibility(page, "evaluation-audit-errors")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server, ADAM, settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Workforce", exact=True).click()
    check_accessibility(page, "evaluation-workforce")
    page.get_by_role("button", name="Save figures").click()
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessibility(page, "evaluation-workforce-errors")
