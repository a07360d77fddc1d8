"""Assurance in the browser: a safeguarding lead opens the compliance dashboard and
follows a figure to the list behind it; a board member asks for an assurance report,
watches its progress and downloads the PDF. axe-core runs on every page visited.

The report's Celery task is run by the test itself, where a worker would pick it up: the
page shows the progress while it waits, then reloads itself when the report is ready."""

import io

import pytest
from django.conf import settings
from pypdf import PdfReader

from assurance import tasks
from assurance.models import AssuranceReport
from e2e.conftest import check_accessibility, sign_in
from e2e.flows import open_nav, seed_everything

pytestmark = pytest.mark.browser

LENA = "lena.fischer@council.example"  # Northshire Council's safeguarding lead
BOLA = "bola.adeyemi@northshire.example"  # a board member of the partnership


@pytest.fixture
def demo_world(transactional_db):
    return seed_everything()


@pytest.fixture
def queued(monkeypatch):
    """Report ids handed to Celery (kept here instead of sent to a broker)."""
    sent = []
    monkeypatch.setattr(tasks.generate_report, "delay", sent.append)
    return sent


def test_lead_follows_a_figure_to_its_list(page, live_server, demo_world):
    sign_in(page, live_server, LENA, settings.DEMO_PASSWORD)
    open_nav(page, "Compliance")
    assert page.get_by_role("heading", name="Compliance dashboard").is_visible()
    check_accessibility(page, "assurance-dashboard")

    figure = page.get_by_test_id("figure-coverage")
    shown = figure.inner_text().split(":")[0].strip()
    assert shown.endswith("%")
    figure.click()
    page.wait_for_load_state()
    assert "/assurance/lists/coverage/" in page.url
    assert page.get_by_role(
        "heading", name="Practitioners and their supervision agreements"
    ).is_visible()
    assert page.get_by_test_id("list").locator("tbody tr").count() >= 1
    check_accessibility(page, "assurance-list-coverage")

    # Filter the list: only those without an agreement, then back to the dashboard.
    page.get_by_label("Show").select_option("not_met")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "status=not_met" in page.url
    check_accessibility(page, "assurance-list-coverage-filtered")
    page.get_by_role("link", name="Change the period on the dashboard").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("figure-coverage").inner_text().startswith(shown)


def test_board_member_generates_and_downloads_the_report(
    page, live_server, demo_world, queued, tmp_path
):
    sign_in(page, live_server, BOLA, settings.DEMO_PASSWORD)
    open_nav(page, "Partnership assurance")
    summary = page.get_by_test_id("board-summary").inner_text()
    assert "Northshire Council" in summary and "All agencies" in summary
    check_accessibility(page, "assurance-board")

    open_nav(page, "Assurance reports")
    check_accessibility(page, "assurance-reports")
    page.get_by_role("button", name="Generate the report").click()
    page.wait_for_load_state()
    report = AssuranceReport.objects.get()
    assert queued == [str(report.id)]
    assert page.get_by_test_id("progress").is_visible()
    check_accessibility(page, "assurance-report-progress")

    tasks.generate_report(str(report.id))  # the worker's turn
    downloads = page.get_by_test_id("downloads")
    downloads.wait_for(timeout=20_000)  # the page asks for the status and reloads itself
    check_accessibility(page, "assurance-report-ready")

    with page.expect_download() as info:
        downloads.get_by_role("link", name="PDF", exact=False).first.click()
    path = tmp_path / "report.pdf"
    info.value.save_as(path)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert "OFFICIAL-SENSITIVE" in text and "Annex: each agency" in text
    assert report.period_label in text
