"""A Space to Think session run end to end by three practitioners from three agencies,
each signed in in their own browser: the Facilitator runs all six stages from the keyboard,
the others' screens follow the same stage, and every page passes axe-core."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from agencies.models import Role
from e2e.conftest import check_accessibility, sign_in
from reflection.models import LearningTheme, SpaceToThinkSession
from tests.factories.agencies import AgencyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

STAGE_NAMES = [
    "Case Presenter offloads",
    "Checking of facts",
    "Group exploration",
    "Sharing of strengths",
    "Purposeful reflection",
    "Summary and next steps",
]


@pytest.fixture
def three_agencies(transactional_db, settings):
    settings.SPACE_TO_THINK_POLL_SECONDS = 1
    council = AgencyFactory(name="Northshire Council")
    nhs = AgencyFactory(partnership=council.partnership, name="Northshire NHS Trust")
    school = AgencyFactory(partnership=council.partnership, name="Riverside Primary")
    people = {}
    for key, agency, name in (
        ("presenter", council, "Priya Shah"),
        ("facilitator", school, "Maria Lopez"),
        ("consultant", nhs, "Nina Patel"),
    ):
        user = UserFactory(full_name=name, email=f"{key}@example.org")
        MembershipFactory(user=user, agency=agency, roles=[Role.PRACTITIONER])
        people[key] = user
    return {"council": council, "nhs": nhs, "school": school, **people}


def _signed_in(browser, live_server, email):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, live_server, email, settings.DEMO_PASSWORD)
    return context, page


def _focused_text(page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.textContent : ''")


def test_three_agencies_run_a_space_to_think_session(browser, live_server, three_agencies):
    contexts = []
    try:
        # --- The Case Presenter (council) asks for a session and invites two agencies ---
        ctx, presenter = _signed_in(browser, live_server, "presenter@example.org")
        contexts.append(ctx)
        presenter.get_by_role("link", name="Space to Think", exact=True).first.click()
        check_accessibility(presenter, "stt-list")
        presenter.get_by_role("link", name="Request a session").click()
        presenter.get_by_role("button", name="Request the session").click()
        expect(presenter.locator(".govuk-error-summary")).to_be_visible()
        check_accessibility(presenter, "stt-request-errors")
        presenter.get_by_label("What would you like to think about?").fill(
            "Feeling stuck with a family who do not engage"
        )
        presenter.get_by_label("Day").fill("3")
        presenter.get_by_label("Month").fill("12")
        presenter.get_by_label("Year").fill("2026")
        presenter.get_by_label("Start time").fill("14:30")
        presenter.get_by_label("In person").check()
        presenter.get_by_label("Case Presenter").check()
        presenter.get_by_role("button", name="Request the session").click()
        invite_heading = presenter.get_by_role("heading", name="Invite people to the session")
        expect(invite_heading).to_be_visible()
        check_accessibility(presenter, "stt-invite")
        for email, agency, role in (
            ("facilitator@example.org", "Riverside Primary", "Facilitator"),
            ("consultant@example.org", "Northshire NHS Trust", "Consultant"),
        ):
            presenter.get_by_label("Their work email address").fill(email)
            presenter.get_by_label("Their agency").select_option(label=agency)
            presenter.get_by_label(role, exact=True).check()
            presenter.get_by_role("button", name="Invite").click()
            expect(presenter.get_by_text("was invited as")).to_be_visible()
        presenter.get_by_role("link", name="Back to the session").click()
        expect(presenter.get_by_text("The session has not started")).to_be_visible()
        check_accessibility(presenter, "stt-session-planned")
        session = SpaceToThinkSession.objects.get()

        # --- The Consultant (NHS) opens it from their own list ----------------------------
        ctx, consultant = _signed_in(browser, live_server, "consultant@example.org")
        contexts.append(ctx)
        consultant.goto(f"{live_server.url}/reflection/space-to-think/")
        consultant.get_by_role("link", name="Feeling stuck with a family").click()
        expect(consultant.get_by_text("The session has not started")).to_be_visible()

        # --- The Facilitator (school) runs the six stages from the keyboard ---------------
        ctx, facilitator = _signed_in(browser, live_server, "facilitator@example.org")
        contexts.append(ctx)
        facilitator.goto(f"{live_server.url}/reflection/space-to-think/{session.id}/")
        check_accessibility(facilitator, "stt-session-facilitator-planned")
        facilitator.get_by_role("button", name="Start the session").focus()
        facilitator.keyboard.press("Enter")
        expect(facilitator.locator("#timer-heading")).to_have_text(STAGE_NAMES[0])
        # Focus stays on the timer's main control, now "Pause the timer".
        expect(facilitator.get_by_role("button", name="Pause the timer")).to_be_focused()
        # The clock counts down on screen.
        expect(facilitator.locator("[data-timer-display]")).not_to_have_text("5:00")
        check_accessibility(facilitator, "stt-stage-1")

        # Everyone else's screen follows without a reload.
        for other in (presenter, consultant):
            expect(other.locator("#timer-heading")).to_have_text(STAGE_NAMES[0])
            expect(other.get_by_role("button", name="Pause the timer")).to_have_count(0)
        speaking = consultant.locator("dt:has-text('Speaking') + dd")
        expect(speaking).to_have_text("Priya Shah")
        check_accessibility(consultant, "stt-stage-1-consultant")

        # Pause and resume: the others see "Paused" too.
        facilitator.keyboard.press("Enter")
        expect(facilitator.get_by_role("button", name="Resume the timer")).to_be_focused()
        expect(presenter.get_by_text("Paused", exact=True)).to_be_visible()
        facilitator.keyboard.press("Enter")
        expect(facilitator.get_by_role("button", name="Pause the timer")).to_be_focused()

        # Tab to "Next stage" and move through stages 2 to 6.
        facilitator.keyboard.press("Tab")
        expect(facilitator.get_by_role("button", name="Next stage")).to_be_focused()
        for number, name in enumerate(STAGE_NAMES[1:], start=2):
            facilitator.keyboard.press("Enter")
            expect(facilitator.locator("#timer-heading")).to_have_text(name)
            expect(consultant.locator("#timer-heading")).to_have_text(name)
            check_accessibility(facilitator, f"stt-stage-{number}")
            if number == 5:
                # Purposeful reflection: the Case Presenter listens and makes notes.
                expect(presenter.locator("#timer-heading")).to_have_text(name)
                presenter.get_by_label("Your notes").fill("School sees the child every day.")
                check_accessibility(presenter, "stt-stage-5-presenter")
            assert "Next stage" in _focused_text(facilitator) or number == 6
        expect(facilitator.get_by_role("button", name="Finish the session")).to_be_focused()
        facilitator.keyboard.press("Enter")
        expect(facilitator.locator("#timer-heading")).to_have_text("The session has finished")
        expect(consultant.locator("#timer-heading")).to_have_text("The session has finished")
        check_accessibility(facilitator, "stt-finished")

        # --- The Case Presenter saves notes, next steps and the record confirmation -------
        presenter.get_by_label("Your next steps").fill("Offer a joint visit with school.")
        presenter.get_by_label(re.compile("I have made a note in the child's record")).check()
        presenter.get_by_role("button", name="Save notes").click()
        expect(presenter.get_by_text("Noted in the child's record")).to_be_visible()
        check_accessibility(presenter, "stt-notes-saved")

        # --- Every participant gives feedback on the model -------------------------------
        for key, page in (("presenter", presenter), ("consultant", consultant), ("f", facilitator)):
            page.goto(f"{live_server.url}/reflection/space-to-think/{session.id}/feedback/")
            if key == "consultant":
                page.get_by_role("button", name="Send feedback").click()
                expect(page.locator(".govuk-error-summary")).to_be_visible()
                check_accessibility(page, "stt-feedback-errors")
            page.get_by_label("Very well", exact=True).check()
            page.get_by_label("Strengths of the model (optional)").fill("The timings kept focus.")
            page.get_by_role("button", name="Send feedback").click()
            expect(page.get_by_text("your feedback on the model was sent")).to_be_visible()
        expect(facilitator.get_by_text("3 of 3 participants have given feedback")).to_be_visible()

        # --- The Facilitator reviews themes for names and publishes them -------------------
        facilitator.goto(f"{live_server.url}/reflection/space-to-think/{session.id}/themes/")
        check_accessibility(facilitator, "stt-themes")
        facilitator.get_by_label("Learning themes").fill(
            "Families may engage with the professional they already trust.\n"
            "Patel suggested a joint visit."
        )
        facilitator.get_by_label(re.compile("I have reviewed these themes")).check()
        facilitator.get_by_role("button", name="Publish to the partnership").click()
        expect(facilitator.locator(".govuk-error-summary")).to_contain_text(
            "Theme 2 contains the name “Patel”"
        )
        check_accessibility(facilitator, "stt-themes-errors")
        facilitator.get_by_label("Learning themes").fill(
            "Families may engage with the professional they already trust.\n"
            "A joint visit with the school can open doors."
        )
        facilitator.get_by_label(re.compile("I have reviewed these themes")).check()
        facilitator.get_by_role("button", name="Publish to the partnership").click()
        expect(facilitator.get_by_text("2 learning themes were published")).to_be_visible()
        assert LearningTheme.objects.count() == 2

        # --- The partnership's themes page, seen by the Consultant -------------------------
        consultant.goto(f"{live_server.url}/reflection/themes/")
        theme = consultant.get_by_text("A joint visit with the school can open doors.")
        expect(theme).to_be_visible()
        expect(consultant.get_by_text("Feeling stuck with a family")).to_have_count(0)
        check_accessibility(consultant, "stt-partnership-themes")
    finally:
        for context in contexts:
            context.close()


def test_timer_page_works_without_javascript(browser, live_server, three_agencies):
    """With JavaScript off, the Facilitator's buttons are ordinary forms and the page
    shows the stage and who speaks. (axe-core cannot be injected into a page without
    JavaScript; the same markup is checked with it on in the test above.)"""
    from tests.factories.reflection import space_to_think

    w = three_agencies
    session = space_to_think(
        presenter=w["presenter"], facilitator=w["facilitator"], consultants=[w["consultant"]]
    )
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, live_server, "facilitator@example.org", settings.DEMO_PASSWORD)
        page.goto(f"{live_server.url}/reflection/space-to-think/{session.id}/")
        page.get_by_role("button", name="Start the session").click()
        expect(page.locator("#timer-heading")).to_have_text(STAGE_NAMES[0])
        expect(page.get_by_text("Reload the page")).to_be_visible()
        page.get_by_role("button", name="Next stage").click()
        expect(page.locator("#timer-heading")).to_have_text(STAGE_NAMES[1])
        expect(page.locator("dt:has-text('Speaking') + dd")).to_have_text("Priya Shah, Maria Lopez")
    finally:
        context.close()
