"""The assurance report's files (CSV, XLSX, PDF) and the lead's list downloads.

Formula injection (SECURITY.md check 24, CWE-1236): a spreadsheet runs a cell that starts
with = + - @, a tab, a carriage return or NUL. Every text cell that starts with one of them
gets a leading apostrophe in CSV and XLSX, and XLSX text cells are written as strings,
never formulas. Numbers are written as numbers; a suppressed figure is the text "<5".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from .catalogue import RATED
from .presentation import Cell, RatedFigure
from .report_content import TOTAL_NAME, BoardView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Characters XML 1.0 cannot hold (openpyxl refuses them): replaced, never dropped silently.
_XML_ILLEGAL = {c: "\ufffd" for c in range(32) if c not in (9, 10, 13)}


def safe_text(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def cell_value(value):
    """What goes in a spreadsheet cell: ints as numbers, dates as ISO dates, anything else
    as safe text."""
    if isinstance(value, Cell):
        return value.value if value.value is not None and not value.suppressed else value.text
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return safe_text(value)


def write_csv(headers: Sequence[str], rows: Iterable[Sequence]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_text(h) for h in headers])
    for row in rows:
        writer.writerow([cell_value(v) for v in row])
    return buffer.getvalue()


def write_xlsx(sheets: list[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    """A workbook of (title, headers, rows) sheets. Text is a string cell, always."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=safe_text(title)[:31].replace("'", ""))
        sheet.append([safe_text(h).translate(_XML_ILLEGAL) for h in headers])
        for c in sheet[1]:
            c.font = Font(bold=True)
        for row in rows:
            values = [cell_value(v) for v in row]
            sheet.append([v.translate(_XML_ILLEGAL) if isinstance(v, str) else v for v in values])
        for row in sheet.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    c.data_type = "s"  # a string, even one that starts with "="
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- The assurance report ------------------------------------------------------------------

LONG_HEADERS = ["Period", "As at", "Agency", "Indicator", "Measure", "Value"]


def _rated_measures(figure: RatedFigure) -> list[tuple[str, object]]:
    return [
        ("Numerator", figure.numerator),
        ("Denominator", figure.denominator),
        ("Percentage", figure.percent.text),
        ("Rating", figure.rating_label),
    ]


def long_rows(view: BoardView) -> list[list]:
    """Every figure of the report, one per row (tidy data): the period's figures per
    agency and in total, then the trend."""
    rows: list[list] = []
    as_at = view.as_at.isoformat()
    for row in [*view.rows, view.total]:
        for indicator in RATED:
            for measure, value in _rated_measures(row.rated[indicator.code]):
                rows.append([view.period_label, as_at, row.name, indicator.title, measure, value])
        rag = row.rag
        for measure, value in (
            ("Red", rag.red),
            ("Amber", rag.amber),
            ("Green", rag.green),
            ("Not rated", rag.unrated),
            ("Total", rag.total),
        ):
            rows.append([view.period_label, as_at, row.name, "RAG ratings", measure, value])
        rows.append(
            [view.period_label, as_at, row.name, "Risk escalations", "Raised", row.escalations]
        )
        rows.append(
            [view.period_label, as_at, row.name, "Supervision", "Sessions held", row.sessions]
        )
        if row.name != TOTAL_NAME:
            e = row.evaluation
            rows.append([view.period_label, as_at, row.name, "Evaluation", "Year", e.year or ""])
            for measure, value in (
                ("Yes answers", e.yes_percent),
                ("Resilience (1 to 5)", e.resilience),
                ("Stress (1 to 5)", e.stress),
                ("Ability to reflect (1 to 5)", e.reflection),
            ):
                rows.append(
                    [view.period_label, as_at, row.name, "Evaluation", measure, value or e.note]
                )
            rows.append([view.period_label, as_at, row.name, "SPR policy", "Status", row.policy])
            rows.append(
                [view.period_label, as_at, row.name, "Workforce", "Sickness rate", row.sickness]
            )
            rows.append(
                [view.period_label, as_at, row.name, "Workforce", "Vacancy rate", row.vacancies]
            )
    for indicator in RATED:
        for trend_row in view.trend.get(indicator.code, []):
            for label, figure in zip(view.quarters, trend_row.cells, strict=True):
                rows.append(
                    [label, "", trend_row.name, indicator.title, "Percentage", figure.percent.text]
                )
    return rows


def report_csv(view: BoardView) -> bytes:
    return ("\ufeff" + write_csv(LONG_HEADERS, long_rows(view))).encode("utf-8")


def report_xlsx(view: BoardView) -> bytes:
    summary_headers = ["Agency", "Sector"]
    for indicator in RATED:
        summary_headers += [f"{indicator.title} (%)", f"{indicator.title}: rating"]
    summary_headers += ["SPR policy", "Risk escalations raised"]
    summary = []
    for row in [*view.rows, view.total]:
        line: list = [row.name, row.sector]
        for indicator in RATED:
            figure = row.rated[indicator.code]
            line += [figure.percent, figure.rating_label]
        line += [row.policy if row.name != TOTAL_NAME else "", row.escalations]
        summary.append(line)
    sheets = [
        (
            "About",
            ["Assurance report", ""],
            [
                ["Partnership", view.partnership],
                ["Period", view.period_label],
                ["As at", view.as_at],
                ["Marking", "OFFICIAL-SENSITIVE"],
                ["Small numbers", 'Any figure from fewer than 5 people or cases shows as "<5".'],
            ],
        ),
        ("Summary", summary_headers, summary),
    ]
    for indicator in RATED:
        headers = ["Agency", "Numerator", "Denominator", "Percentage", "Rating", *view.quarters]
        trend = {t.name: t.cells for t in view.trend.get(indicator.code, [])}
        rows = []
        for name, figure in view.section(indicator.code):
            rows.append(
                [
                    name,
                    figure.numerator,
                    figure.denominator,
                    figure.percent,
                    figure.rating_label,
                    *[c.percent for c in trend.get(name, [])],
                ]
            )
        sheets.append((indicator.title, headers, rows))
    sheets.append(
        (
            "RAG ratings",
            ["Agency", "Red", "Amber", "Green", "Not rated", "Total"],
            [
                [r.name, r.rag.red, r.rag.amber, r.rag.green, r.rag.unrated, r.rag.total]
                for r in [*view.rows, view.total]
            ],
        )
    )
    sheets.append(
        (
            "Evaluation and policy",
            [
                "Agency",
                "Evaluation year",
                "Response rate",
                "Yes answers",
                "Resilience",
                "Stress",
                "Ability to reflect",
                "Note",
                "SPR policy",
                "Sickness rate",
                "Vacancy rate",
            ],
            [
                [
                    r.name,
                    r.evaluation.year or "",
                    r.evaluation.rate.percent,
                    r.evaluation.yes_percent,
                    r.evaluation.resilience,
                    r.evaluation.stress,
                    r.evaluation.reflection,
                    r.evaluation.note,
                    r.policy,
                    r.sickness,
                    r.vacancies,
                ]
                for r in view.rows
            ],
        )
    )
    sheets.append(("All figures", LONG_HEADERS, long_rows(view)))
    return write_xlsx(sheets)


def report_pdf(view: BoardView) -> bytes:
    from config.pdf import render_pdf

    report = view.report
    return render_pdf(
        "assurance/report_pdf.html",
        {"view": view, "report": report},
        title=f"Assurance report: {view.period_label}",
        generated_by=report.requested_by.full_name if report else "SPR",
    )
