"""Reading a case list exported from an agency's case management system (CSV).

Pure parsing: no database access. Only the recognised columns are read; everything else in
the export (names, full dates of birth, addresses) is dropped and never stored.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from .models import EARLIEST_YEAR_OF_BIRTH, CaseCategory, StatutoryMeeting

MAX_ROWS = 5000

# Our column → the header spellings accepted for it (after lower-casing and replacing
# anything that is not a letter or digit with "_").
COLUMNS = {
    "reference": ("case_reference", "reference", "case_ref", "case_id", "case_number"),
    "initials": ("initials", "child_initials"),
    "year_of_birth": ("year_of_birth", "birth_year", "yob"),
    "category": ("category", "case_category", "status"),
    "practitioner": (
        "allocated_practitioner_email",
        "practitioner_email",
        "allocated_worker_email",
        "worker_email",
    ),
    "meeting_type": ("next_meeting_type", "next_statutory_meeting", "next_meeting"),
    "meeting_on": ("next_meeting_date", "next_meeting_on", "next_statutory_meeting_date"),
}
REQUIRED = ("reference", "initials", "year_of_birth", "category")

CATEGORY_WORDS = {
    CaseCategory.EARLY_HELP: ("early help", "eh", "early_help"),
    CaseCategory.CHILD_IN_NEED: ("child in need", "cin", "s17", "child_in_need"),
    CaseCategory.CHILD_PROTECTION: (
        "child protection",
        "cp",
        "s47",
        "cp plan",
        "child_protection",
    ),
    CaseCategory.CHILD_LOOKED_AFTER: (
        "child looked after",
        "cla",
        "lac",
        "looked after",
        "child_looked_after",
    ),
    CaseCategory.CLOSED: ("closed",),
}
MEETING_WORDS = {
    StatutoryMeeting.CIN_REVIEW: ("cin review", "child in need review", "cin_review"),
    StatutoryMeeting.CORE_GROUP: ("core group", "core_group"),
    StatutoryMeeting.INITIAL_CONFERENCE: (
        "initial conference",
        "icpc",
        "initial cpc",
        "initial child protection conference",
        "initial_conference",
    ),
    StatutoryMeeting.REVIEW_CONFERENCE: (
        "review conference",
        "rcpc",
        "review cpc",
        "review child protection conference",
        "review_conference",
    ),
}


def _lookup(words: dict, value: str) -> str | None:
    key = " ".join(value.lower().replace("-", " ").split())
    for code, spellings in words.items():
        if key == code or key in spellings or key == str(code.label).lower():
            return code
    return None


def _header_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


@dataclass
class ParsedImport:
    rows: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _parse_date(value: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _check_initials(raw: str, problems: list[str]) -> str:
    if re.search(r"[a-z]{2}", raw) or len(raw) > 12:
        problems.append("Initials must be initials only, like JS, not a name")
        return ""
    initials = "".join(ch for ch in raw.upper() if ch.isalpha())
    if not 1 <= len(initials) <= 4 or not re.fullmatch(r"[A-Z.\s]+", raw.upper()):
        problems.append("Initials must be 1 to 4 letters, like JS")
        return ""
    return initials


def _check_year(raw: str, today: date, problems: list[str]) -> int | None:
    if not re.fullmatch(r"\d{4}", raw):
        problems.append(
            "Year of birth must be a year, like 2015 (SPR keeps the year only, never the full date)"
        )
        return None
    year = int(raw)
    if not EARLIEST_YEAR_OF_BIRTH <= year <= today.year:
        problems.append(f"Year of birth must be between {EARLIEST_YEAR_OF_BIRTH} and {today.year}")
        return None
    return year


def parse_case_csv(
    content: bytes,
    *,
    practitioner_ids: dict[str, UUID],
    existing_references: dict[str, str],
    today: date | None = None,
) -> ParsedImport:
    """Check every row; return the cleaned rows and every problem, with its line number.

    `practitioner_ids` maps the agency's practitioners' emails (lower case) to user ids;
    `existing_references` holds the agency's case references (lower case → as stored).
    """
    today = today or date.today()
    result = ParsedImport()
    text = _decode(content)
    if not text.strip():
        result.errors.append({"line": None, "reference": "", "messages": ["The file is empty"]})
        return result
    if "\x00" in text:
        # A spreadsheet saved under a .csv name, or a damaged file; PostgreSQL cannot
        # store a NUL character either, so refuse the file, saying which line.
        line = text.count("\n", 0, text.index("\x00")) + 1
        result.errors.append(
            {
                "line": line,
                "reference": "",
                "messages": [
                    "The file has a character that is not text in it (NUL): "
                    "save it again from your case system as a CSV file"
                ],
            }
        )
        return result
    reader = csv.reader(io.StringIO(text))
    try:
        headers = next(reader)
    except csv.Error:
        headers = []
    columns: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = _header_key(header)
        ours = next((col for col, names in COLUMNS.items() if key in names), None)
        if ours and ours not in columns:
            columns[ours] = index
        elif header.strip():
            result.ignored_columns.append(header.strip()[:60])
    missing = [col for col in REQUIRED if col not in columns]
    if missing:
        names = ", ".join(COLUMNS[col][0] for col in missing)
        result.errors.append(
            {"line": None, "reference": "", "messages": [f"The file has no column for: {names}"]}
        )
        return result

    seen: dict[str, int] = {}
    try:
        for line, record in enumerate(reader, start=2):
            if not any(cell.strip() for cell in record):
                continue
            if len(result.rows) + len(result.errors) >= MAX_ROWS:
                result.errors.append(
                    {
                        "line": line,
                        "reference": "",
                        "messages": [f"The file has more than {MAX_ROWS} rows: split it"],
                    }
                )
                break
            result_row, problems = _parse_row(
                record, line, columns, practitioner_ids, existing_references, seen, today
            )
            if problems:
                result.errors.append(
                    {"line": line, "reference": result_row["reference"], "messages": problems}
                )
            else:
                result.rows.append(result_row)
    except csv.Error as exc:
        result.errors.append(
            {"line": reader.line_num, "reference": "", "messages": [f"Unreadable CSV: {exc}"]}
        )
    if not result.rows and not result.errors:
        result.errors.append({"line": None, "reference": "", "messages": ["The file has no cases"]})
    return result


def _parse_row(record, line, columns, practitioner_ids, existing_references, seen, today):
    def cell(col: str) -> str:
        index = columns.get(col)
        if index is None or index >= len(record):
            return ""
        return record[index].strip()

    problems: list[str] = []
    reference = cell("reference")[:40]
    if not reference:
        problems.append("Enter the case reference")
    elif reference.lower() in seen:
        problems.append(f"The case reference is also on line {seen[reference.lower()]}")
    else:
        seen[reference.lower()] = line
    initials = _check_initials(cell("initials"), problems)
    year = _check_year(cell("year_of_birth"), today, problems)
    category = _lookup(CATEGORY_WORDS, cell("category"))
    if category is None:
        problems.append(
            "Category must be one of: early help, child in need, child protection, "
            "child looked after, closed"
        )
    practitioner_id = ""
    email = cell("practitioner").lower()
    if email:
        if email in practitioner_ids:
            practitioner_id = str(practitioner_ids[email])
        else:
            problems.append(f"No practitioner of this agency has the email {email[:80]}")
    meeting_type = ""
    if cell("meeting_type"):
        meeting_type = _lookup(MEETING_WORDS, cell("meeting_type")) or ""
        if not meeting_type:
            problems.append(
                "Next meeting must be one of: CIN review, core group, initial conference, "
                "review conference"
            )
    meeting_on = None
    if cell("meeting_on"):
        meeting_on = _parse_date(cell("meeting_on"))
        if meeting_on is None:
            problems.append("Next meeting date must be a date, like 2026-03-27 or 27/03/2026")
    if bool(cell("meeting_type")) != bool(cell("meeting_on")):
        problems.append("Give both the next meeting and its date, or neither")
    row = {
        "line": line,
        "reference": reference,
        "initials": initials,
        "year_of_birth": year,
        "category": category or "",
        "allocated_practitioner_id": practitioner_id,
        "allocated_practitioner_email": email if practitioner_id else "",
        "next_meeting_type": meeting_type,
        "next_meeting_on": meeting_on.isoformat() if meeting_on else "",
        "action": "update" if reference.lower() in existing_references else "create",
    }
    return row, problems
