"""The agency's written SPR policy: upload checks, versions kept, served to members only."""

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from agencies import services, uploads
from agencies.models import AgencyPolicy
from tests.factories.agencies import MINIMAL_PDF, AgencyPolicyFactory

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name="policy.pdf", content=MINIMAL_PDF, content_type=PDF_TYPE):
    return SimpleUploadedFile(name, content, content_type=content_type)


def upload_policy(agency, lead, *, version="1.0", document=None, **dates):
    return services.upload_policy(
        agency=agency,
        uploaded_by=lead,
        version=version,
        approved_on=dates.get("approved_on", date(2026, 1, 5)),
        next_review_on=dates.get("next_review_on", date(2027, 1, 5)),
        document=document or upload(),
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("policy.pdf", MINIMAL_PDF, PDF_TYPE),
        ("policy.PDF", MINIMAL_PDF, "application/octet-stream"),
        ("policy.docx", docx_bytes(), DOCX_TYPE),
        ("policy.doc", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 100, "application/msword"),
    ],
)
def test_pdf_and_word_documents_are_accepted(agency, lead, name, content, content_type):
    policy = upload_policy(agency, lead, document=upload(name, content, content_type))
    stored = Path(policy.document.path)
    assert stored.read_bytes() == content
    # Stored under MEDIA_ROOT (outside the web root), under an opaque name.
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert not stored.is_relative_to(Path(settings.BASE_DIR) / "static")
    assert name not in stored.name
    assert policy.original_filename == name


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("policy.exe", b"MZ\x90\x00" + b"\0" * 100, "application/octet-stream"),
        ("policy.pdf", b"MZ\x90\x00 not a pdf at all", PDF_TYPE),  # renamed program
        ("policy.pdf", MINIMAL_PDF, "text/html"),  # declared type disagrees
        ("policy.txt", MINIMAL_PDF, "text/plain"),
        ("policy.docx", b"PK\x03\x04" + b"\0" * 100, DOCX_TYPE),  # a zip, but not Word
        ("policy.html", b"<script>alert(1)</script>", "text/html"),
    ],
)
def test_anything_else_is_refused(agency, lead, name, content, content_type):
    with pytest.raises(ValidationError) as exc:
        upload_policy(agency, lead, document=upload(name, content, content_type))
    assert exc.value.message_dict["document"] == [
        "The selected file must be a PDF or Word document"
    ]
    assert not AgencyPolicy.objects.exists()


def test_a_file_over_10_mb_is_refused(agency, lead):
    big = upload(content=MINIMAL_PDF + b"\0" * uploads.MAX_UPLOAD_BYTES)
    with pytest.raises(ValidationError) as exc:
        upload_policy(agency, lead, document=big)
    assert exc.value.message_dict["document"] == ["The selected file must be smaller than 10 MB"]


def test_dates_and_versions_are_checked(agency, lead):
    with pytest.raises(ValidationError) as exc:
        upload_policy(agency, lead, next_review_on=date(2025, 1, 1))
    assert "must be after" in exc.value.message_dict["next_review_on"][0]
    upload_policy(agency, lead, version="2.0")
    with pytest.raises(ValidationError) as exc:
        upload_policy(agency, lead, version="2.0")
    assert "already been uploaded" in exc.value.message_dict["version"][0]


def test_older_versions_are_kept_and_the_newest_is_current(client_for, agency, lead, supervisee):
    upload_policy(agency, lead, version="1.0")
    upload_policy(agency, lead, version="2.0")
    page = client_for(supervisee).get("/agency/policy/").content.decode()
    assert "Download version 2.0" in page
    assert "Earlier versions" in page and "Version 1.0" in page
    assert "Upload a new version" not in page  # only the lead uploads
    assert AgencyPolicy.objects.filter(agency=agency).count() == 2


def test_lead_uploads_through_the_page(client_for, lead, agency):
    response = client_for(lead).post(
        "/agency/policy/upload/",
        {
            "version": "3.0",
            "approved_on_0": "5",
            "approved_on_1": "1",
            "approved_on_2": "2026",
            "next_review_on_0": "5",
            "next_review_on_1": "1",
            "next_review_on_2": "2027",
            "document": upload(),
        },
    )
    assert response.status_code == 302
    assert AgencyPolicy.objects.get(agency=agency).version == "3.0"


def test_a_bad_upload_keeps_what_was_typed(client_for, lead, agency):
    response = client_for(lead).post(
        "/agency/policy/upload/",
        {
            "version": "3.0",
            "approved_on_0": "5",
            "approved_on_1": "1",
            "approved_on_2": "2026",
            "next_review_on_0": "4",
            "next_review_on_1": "1",
            "next_review_on_2": "2026",
            "document": upload("notes.txt", b"hello", "text/plain"),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "The next review date must be after the date it was approved" in page
    assert 'value="3.0"' in page and 'value="2026"' in page
    assert not AgencyPolicy.objects.exists()
    response = client_for(lead).post(
        "/agency/policy/upload/",
        {
            "version": "3.0",
            "approved_on_0": "5",
            "approved_on_1": "1",
            "approved_on_2": "2026",
            "next_review_on_0": "4",
            "next_review_on_1": "1",
            "next_review_on_2": "2027",
            "document": upload("notes.txt", b"hello", "text/plain"),
        },
    )
    assert "The selected file must be a PDF or Word document" in response.content.decode()


def test_only_the_lead_uploads(client_for, supervisor):
    assert client_for(supervisor).get("/agency/policy/upload/").status_code == 403
    assert client_for(supervisor).post("/agency/policy/upload/", {}).status_code == 403


def test_the_document_is_served_to_members_only(client_for, agency, lead, supervisee, outsider):
    policy = AgencyPolicyFactory(agency=agency, uploaded_by=lead)
    url = f"/agency/policy/{policy.id}/document/"
    response = client_for(supervisee).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["Content-Type"] == PDF_TYPE
    assert response["Content-Disposition"].startswith("attachment;")
    assert "SPR policy.pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client_for(outsider).get(url).status_code == 404


def test_a_person_who_left_cannot_read_it(client_for, agency, lead, supervisee):
    policy = AgencyPolicyFactory(agency=agency, uploaded_by=lead)
    membership = supervisee.memberships.get()
    membership.ended_on = date(2026, 1, 1)
    membership.save()
    assert client_for(supervisee).get(f"/agency/policy/{policy.id}/document/").status_code == 404
