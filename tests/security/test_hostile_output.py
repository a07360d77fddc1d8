"""Hostile text on the way out: spreadsheets, PDFs, calendar entries, uploaded files.

test_hostile_input.py sends hostile text through every form; this file checks what the
app then hands out: CSV and XLSX cells never start a formula (SECURITY.md 24), PDFs keep
the text as text, a calendar entry cannot be given extra properties, and uploaded file
names lose their folders and their control characters.
"""

import io
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from pypdf import PdfReader

from agencies.models import AgencyPolicy
from agencies.uploads import printable_filename
from assurance.exports import write_csv, write_xlsx
from evaluation.exports import safe_cell
from supervision.ics import session_calendar
from supervision.models import Case, CaseImport
from tests.factories.reflection import LearningLogEntryFactory
from tests.factories.supervision import PlannedSessionFactory
from tests.security.test_hostile_input import HOSTILE

FORMULAS = [
    HOSTILE["formula"],
    HOSTILE["formula_plus"],
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "\x00=1",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_no_spreadsheet_cell_starts_a_formula(text):
    assert str(safe_cell(text)).startswith("'")
    csv_text = write_csv(["Name"], [[text]])
    assert csv_text.splitlines()[1].lstrip('"').startswith("'")
    book = load_workbook(io.BytesIO(write_xlsx([("Sheet", ["Name"], [[text]])])))
    cell = book.active["A2"]
    assert cell.data_type == "s"
    assert str(cell.value).startswith("'")


@pytest.mark.parametrize("kind", ["script", "sql", "path", "formula"])
def test_the_own_records_pdf_keeps_hostile_text_as_text(client_for, supervisee, kind):
    LearningLogEntryFactory(author=supervisee, title="Hostile entry", prompted_by=HOSTILE[kind])
    response = client_for(supervisee).get("/retention/my-records/download/")
    assert response.status_code == 200
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert " ".join(HOSTILE[kind].split()) in text


def test_a_calendar_entry_cannot_be_given_extra_properties(supervisor, supervisee):
    session = PlannedSessionFactory(
        supervisor=supervisor,
        supervisee=supervisee,
        location="Room 1\rATTENDEE:mailto:evil@example.org\x07\x1b;x,y",
    )
    calendar = session_calendar(
        session, url="https://spr.example/s/", now=datetime(2026, 11, 26, tzinfo=UTC)
    )
    lines = calendar.split("\r\n")
    assert not any(line.startswith("ATTENDEE") for line in lines)
    assert "\x07" not in calendar and "\x1b" not in calendar
    assert "\r" not in calendar.replace("\r\n", "")
    location = (
        "".join(line[1:] if line.startswith(" ") else "\n" + line for line in lines)
        .split("\nLOCATION:", 1)[1]
        .split("\n", 1)[0]
    )
    assert location == "Room 1\\nATTENDEE:mailto:evil@example.org\\;x\\,y"


def test_an_imported_csv_with_a_nul_character_is_refused_with_a_message(client_for, lead):
    upload = SimpleUploadedFile(
        "cases.csv",
        b"case_reference,initials,year_of_birth,category\nREF\x001,AB,2015,cin\n",
        content_type="text/csv",
    )
    client = client_for(lead)
    response = client.post("/supervision/cases/import/", {"file": upload}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "a character that is not text in it (NUL)" in page
    assert not Case.objects.filter(reference__startswith="REF").exists()
    assert not CaseImport.objects.filter(rows__icontains="REF").exists()


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/Policy.pdf", "Policy.pdf"),
        ("..\\..\\windows\\Policy.pdf", "Policy.pdf"),
        ("Policy\u202eFDP.exe.pdf", "PolicyFDP.exe.pdf"),
        ("Po\x00li\x1bcy\u200b.pdf", "Policy.pdf"),
        ("\u202e", "document"),
    ],
)
def test_uploaded_file_names_lose_folders_and_control_characters(given, kept):
    assert printable_filename(given) == kept


def test_a_policy_uploaded_with_a_hostile_name_is_stored_and_served_safely(client_for, lead):
    upload = SimpleUploadedFile(
        "../../Policy\u202eFDP.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"
    )
    client = client_for(lead)
    response = client.post(
        "/agency/policy/upload/",
        {
            "version": '<script>alert("spr")</script>'[:20],
            "approved_on_0": "1",
            "approved_on_1": "3",
            "approved_on_2": "2026",
            "next_review_on_0": "1",
            "next_review_on_1": "3",
            "next_review_on_2": "2027",
            "document": upload,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    policy = AgencyPolicy.objects.get(agency=lead.memberships.first().agency)
    assert policy.original_filename == "PolicyFDP.pdf"
    assert ".." not in policy.document.name
    page = client.get("/agency/policy/").content.decode()
    assert "<script>alert" not in page
    download = client.get(f"/agency/policy/{policy.id}/document/")
    assert "PolicyFDP.pdf" in download["Content-Disposition"]
    assert "/" not in download["Content-Disposition"].split("filename", 1)[1]
