"""Browser tests: Playwright driving Debian's Chromium, axe-core on every page visited.

Without /usr/bin/chromium the tests are skipped with the reason, except under CI=true,
where a missing browser fails the run.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# test itself (fixtures, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"No Chromium at {CHROMIUM}: CI needs the browser tests to run.")
        pytest.skip(f"No Chromium at {CHROMIUM}: install Debian's chromium to run browser tests.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


_axe = Axe()


def check_accessibility(page, name: str) -> None:
    """Run axe-core on the page; fail listing every violation. Saves a screenshot."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    results = _axe.run(page)
    violations = results.response["violations"]
    assert not violations, f"axe-core on {name} ({page.url}):\n" + "\n".join(
        f"- {v['id']}: {v['help']} ({len(v['nodes'])} nodes): {v['nodes'][0]['html'][:200]}"
        for v in violations
    )


def sign_in(page, live_server, email: str, password: str, on_step=None) -> list[str]:
    """Sign in as a person would, second factor included: the code from their
    authenticator app (computed from the app's key, as the phone would), or, for someone
    whose role needs one and who has none yet, the set-up pages. Returns the second-factor
    steps taken ([], ["code"] or ["set-up", "recovery-codes"]); `on_step(name)` is called
    on each of those pages (the journeys check them with axe-core)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.twofactor.helpers import code_for, code_for_secret

    steps: list[str] = []
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if page.url.startswith(f"{live_server.url}/sign-in/code/"):
        steps.append("code")
        if on_step:
            on_step("sign-in-code")
        device = TOTPDevice.objects.get(user__email=email, confirmed=True)
        page.get_by_label("Code from your authenticator app, or a recovery code").fill(
            code_for(device)
        )
        page.get_by_role("button", name="Continue").click()
    elif page.url.startswith(f"{live_server.url}/account/security/set-up/"):
        steps.append("set-up")
        if on_step:
            on_step("two-factor-set-up")
        secret = page.get_by_test_id("secret").inner_text()
        page.get_by_label("Code from your authenticator app").fill(code_for_secret(secret))
        page.get_by_role("button", name="Confirm and continue").click()
        page.wait_for_url("**/account/security/recovery-codes/")
        steps.append("recovery-codes")
        if on_step:
            on_step("recovery-codes")
        page.get_by_role("link", name="I have saved my recovery codes").click()
    page.wait_for_url(f"{live_server.url}/")
    return steps
