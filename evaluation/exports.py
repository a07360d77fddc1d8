"""CSV exports of evaluation results: the same figures, and the same suppression, as the
pages (they are built from evaluation.results), with formula injection defused."""

import csv
import io
from decimal import Decimal

from .results import Figures, ResponseRate

# CWE-1236 / SECURITY.md check 24: a spreadsheet treats these first characters as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def safe_cell(value) -> str | int | float | Decimal:
    """Numbers as they are; text starting with a formula character gets a leading "'"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float | Decimal) and value >= 0:
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _csv(rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue()


SUPPRESSED = "Fewer than 5 responses: not shown"


def agency_results_csv(campaign, figures: Figures, rate: ResponseRate | None) -> tuple[str, int]:
    """The agency's results as CSV text, and the number of data rows."""
    rows: list[list] = [
        ["Agency", campaign.agency.name],
        ["Year", campaign.year],
        ["Invited", rate.invited if rate else ""],
        ["Responded", rate.responded if rate else ""],
        [],
    ]
    if not figures.shown:
        rows.append([SUPPRESSED])
        return _csv(rows), 0
    rows.append(["Responses", figures.responses])
    rows.append(
        [
            "Number",
            "Statement",
            "Yes",
            "No",
            "Maybe",
            "Yes %",
            "No %",
            "Maybe %",
            "Yes % last year",
        ]
    )
    for result in figures.questions:
        s = result.shares
        rows.append(
            [
                result.question.position,
                result.question.text,
                s.yes,
                s.no,
                s.maybe,
                s.yes_percent,
                s.no_percent,
                s.maybe_percent,
                result.last_year.yes_percent if result.last_year else "",
            ]
        )
    rows.append([])
    rows.append(["Indicator", "Average (1 to 5)", "Last year"])
    for indicator in figures.indicators:
        rows.append(
            [
                indicator.label,
                indicator.average if indicator.average is not None else "",
                indicator.last_year if indicator.last_year is not None else "",
            ]
        )
    return _csv(rows), len(figures.questions) + len(figures.indicators)


def group_results_csv(campaign, by: str, groups: list[Figures], questions) -> tuple[str, int]:
    """One row per team or supervisor; hidden groups show only "<5" or "[c]"."""
    header = [by.capitalize(), "Responses"]
    header += [f"{q.position}. Yes %" for q in questions]
    header += ["Resilience", "Stress", "Ability to reflect"]
    rows: list[list] = [["Agency", campaign.agency.name], ["Year", campaign.year], [], header]
    for group in groups:
        row = [group.name, group.responses_label]
        if group.shown:
            by_question = {r.question.id: r.shares for r in group.questions}
            row += [by_question[q.id].yes_percent for q in questions]
            row += [i.average if i.average is not None else "" for i in group.indicators]
        rows.append(row)
    return _csv(rows), len(groups)
