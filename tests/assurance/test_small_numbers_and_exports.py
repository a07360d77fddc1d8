"""The board sees aggregates only: a count under 5, or a percentage of fewer than 5, shows
as "<5" on the board's page and in every file of the assurance report (CSV, XLSX, PDF).
The safeguarding lead sees their own agency's exact figures. Every export escapes text
that a spreadsheet would run as a formula."""

import csv
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from agencies.models import Role
from assurance.catalogue import RATED, Code
from assurance.exports import FORMULA_STARTS, safe_text
from tests.assurance.conftest import generated_report
from tests.assurance.tables import row_of, table
from tests.factories.agencies import AgencyFactory, TeamFactory, person
from tests.factories.contracts import AgreementFactory

COUNCIL, POLICE, TOTAL = "Northshire Council", "Northshire Police", "All agencies"
COVERAGE = "Agreement coverage"


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def stored(report, fmt) -> bytes:
    with getattr(report, fmt).open("rb") as f:
        return f.read()


# --- Pages -----------------------------------------------------------------------------------


def test_board_page_shows_fewer_than_5_as_less_than_5(client_for, board_member, covered):
    response = client_for(board_member).get("/assurance/partnership/?indicator=coverage")
    assert response.status_code == 200
    page = response.content.decode()
    detail = table(page, "board-detail")
    # Percentage, number, out of, rating
    assert row_of(detail, COUNCIL)[2:6] == ["<5", "<5", "<5", "No rating"]
    assert row_of(detail, POLICE)[2:6] == ["83%", "5", "6", "Below minimum"]
    assert row_of(detail, TOTAL)[2:6] == ["67%", "6", "9", "Below minimum"]
    summary = table(page, "board-summary")
    assert row_of(summary, COUNCIL)[1] == "<5"  # coverage is the first rated indicator
    assert row_of(summary, POLICE)[1].startswith("83%")
    rag = table(page, "board-rag")
    assert row_of(rag, POLICE)[2:] == ["<5"] * 5  # no discussions: every count is "<5"
    assert "33%" not in page  # the council's exact figure never reaches the board
    for someone in covered:
        assert someone.full_name not in page


def test_the_lead_sees_the_agencys_exact_figures(client_for, lead, covered):
    page = client_for(lead).get("/assurance/").content.decode()
    assert 'data-testid="figure-coverage">33%<' in page
    assert "1 of 3 practitioners" in page


def test_the_board_trend_suppresses_each_quarter(client_for, board_member, covered):
    page = client_for(board_member).get("/assurance/partnership/").content.decode()
    trend = table(page, "board-trend")
    assert len(trend[0]) == 5  # the agency and four quarters
    assert row_of(trend, COUNCIL)[1:] == ["<5"] * 4
    assert row_of(trend, POLICE)[-1].startswith("83%")


# --- The report's files --------------------------------------------------------------------------


@pytest.fixture
def report(agency, board_member, covered):
    return generated_report(agency.partnership, board_member)


def test_csv_suppresses_small_numbers(report):
    rows = csv_rows(stored(report, "csv"))
    assert rows[0] == ["Period", "As at", "Agency", "Indicator", "Measure", "Value"]

    def measures(agency):
        return {r[4]: r[5] for r in rows[1:] if r[2] == agency and r[3] == COVERAGE and r[1]}

    assert measures(COUNCIL) == {
        "Numerator": "<5",
        "Denominator": "<5",
        "Percentage": "<5",
        "Rating": "No rating",
    }
    assert measures(POLICE) == {
        "Numerator": "5",
        "Denominator": "6",
        "Percentage": "83%",
        "Rating": "Below minimum",
    }
    assert measures(TOTAL)["Percentage"] == "67%"
    # every rated figure of the council comes from fewer than 5: all suppressed
    titles = {i.title for i in RATED}
    council = [r[5] for r in rows[1:] if r[2] == COUNCIL and r[3] in titles]
    assert council and set(council) <= {"<5", "No rating"}
    assert not any("33%" in cell for r in rows for cell in r)


def test_xlsx_suppresses_small_numbers(report):
    workbook = load_workbook(io.BytesIO(stored(report, "xlsx")))
    sheet = list(workbook[COVERAGE].values)
    assert sheet[0][:5] == ("Agency", "Numerator", "Denominator", "Percentage", "Rating")
    assert row_of(sheet, COUNCIL)[1:5] == ("<5", "<5", "<5", "No rating")
    assert row_of(sheet, POLICE)[1:5] == (5, 6, 83, "Below minimum")
    assert row_of(sheet, TOTAL)[1:5] == (6, 9, 67, "Below minimum")
    assert set(row_of(sheet, COUNCIL)[5:]) == {"<5"}  # the trend's quarters too
    about = dict(list(workbook["About"].values)[1:])
    assert about["Marking"] == "OFFICIAL-SENSITIVE"
    for name in workbook.sheetnames:
        for line in workbook[name].values:
            assert "33%" not in [str(v) for v in line]


def test_pdf_has_every_part_and_suppresses_small_numbers(report):
    pages = pdf_text(stored(report, "pdf"))
    text = "\n".join(pages)
    assert all("OFFICIAL-SENSITIVE" in page for page in pages)
    assert "Assurance report" in pages[0] and report.period_label in pages[0]
    assert "Contents" in text
    for indicator in RATED:
        assert text.count(indicator.title) >= 2, indicator.title  # contents and section
    assert "RAG ratings of case discussions" in text
    assert "Annex: each agency" in text
    assert COUNCIL in text and POLICE in text
    assert "<5" in text and "83%" in text and "67%" in text
    assert "33%" not in text


# --- Formula escaping ---------------------------------------------------------------------------


NASTY = [f"{start}SUM(1,2) agency" for start in FORMULA_STARTS if start not in "\n\0"]


def test_report_csv_and_xlsx_escape_formula_text(agency, board_member):
    for name in NASTY:
        AgencyFactory(partnership=agency.partnership, name=name)
    report = generated_report(agency.partnership, board_member)

    names = {r[2] for r in csv_rows(stored(report, "csv"))[1:]}
    for name in NASTY:
        assert "'" + name in names, repr(name)
        assert name not in names

    workbook = load_workbook(io.BytesIO(stored(report, "xlsx")))
    for sheet_name in ("Summary", COVERAGE, "All figures"):
        sheet = workbook[sheet_name]
        column = "A" if sheet_name != "All figures" else "C"
        cells = [c for c in sheet[column][1:] if isinstance(c.value, str)]
        # XML reads a carriage return back as a line feed: the apostrophe is what counts
        values = {c.value for c in cells}
        for name in NASTY:
            assert "'" + name.replace("\r", "\n") in values, (sheet_name, repr(name))
        assert all(c.data_type == "s" for c in cells)


def test_lead_list_csv_escapes_formula_text(client_for, agency, lead):
    team = TeamFactory(agency=agency, name="+Team of formulae")
    boss = person(agency, Role.SUPERVISOR, team=team)
    names = ["=HYPERLINK(1)", "-1+1", "@SUM(1)", "\tTabbed", "\rReturned"]
    for name in names:
        someone = person(agency, Role.PRACTITIONER, team=team)
        someone.full_name = name
        someone.save(update_fields=["full_name"])
        AgreementFactory(supervisor=boss, supervisee=someone)
    response = client_for(lead).get("/assurance/lists/coverage/download.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response.content)
    assert rows[0] == ["Practitioner", "Team", "Contact", "Agreement in force", "Supervisor"]
    cells = {cell for row in rows[1:] for cell in row}
    for name in names:
        assert "'" + name in cells, repr(name)
    assert "'+Team of formulae" in cells
    assert not any(cell.startswith(FORMULA_STARTS) for cell in cells)


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_safe_text_prefixes_every_formula_start(start):
    assert safe_text(f"{start}1") == f"'{start}1"
    assert safe_text(f"a{start}1") == f"a{start}1"


def test_coverage_is_the_first_rated_indicator():
    # the board summary test reads the coverage column by position
    assert RATED[0].code == Code.COVERAGE
