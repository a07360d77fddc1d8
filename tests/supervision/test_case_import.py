"""Importing cases from a CSV export: preview, row-level errors, nothing half-imported, and
nothing kept from columns SPR does not need (names, full dates of birth)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from supervision.models import Case, CaseCategory, CaseImport, CaseImportStatus
from tests.factories.supervision import CaseFactory

HEADER = (
    "Case Reference,Child Name,Initials,Date of Birth,Year of Birth,Category,"
    "Allocated Practitioner Email,Next Meeting Type,Next Meeting Date\n"
)


def _upload(client, text, name="cases.csv"):
    return client.post(
        "/supervision/cases/import/",
        {"file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")},
    )


def test_a_clean_file_is_previewed_then_imported(client_for, lead, supervisee, agency):
    existing = CaseFactory(agency=agency, reference="NS-2", category=CaseCategory.CHILD_IN_NEED)
    text = HEADER + (
        f"NS-1,Jane Smith,JS,2016-04-03,2016,CIN,{supervisee.email},CIN review,2027-01-15\n"
        f"NS-2,Adam Brown,AB,2019-01-01,2019,child protection,{supervisee.email.upper()},"
        "core group,15/01/2027\n"
    )
    client = client_for(lead)
    response = _upload(client, text)
    assert response.status_code == 302
    case_import = CaseImport.objects.get()
    assert Case.objects.count() == 1  # nothing changed yet
    preview = client.get(response["Location"]).content.decode()
    assert "Import 2 cases" in preview
    assert "Child Name" in preview and "Date of Birth" in preview  # named as ignored
    # Data minimisation: no name or full date of birth is stored anywhere.
    stored = str(case_import.rows) + str(case_import.errors)
    assert "Jane" not in stored and "2016-04-03" not in stored

    response = client.post(response["Location"], {"confirm": "1"})
    assert response.status_code == 302
    case = Case.objects.get(reference="NS-1")
    assert (case.initials, case.year_of_birth, case.category) == ("JS", 2016, "child_in_need")
    assert case.allocated_practitioner == supervisee
    assert str(case.next_meeting_on) == "2027-01-15"
    existing.refresh_from_db()
    assert existing.category == CaseCategory.CHILD_PROTECTION
    assert existing.category_changes.filter(source="import").exists()
    case_import.refresh_from_db()
    assert (case_import.created_count, case_import.updated_count) == (1, 1)
    # Confirming again changes nothing.
    client.post(f"/supervision/cases/import/{case_import.id}/", {"confirm": "1"})
    assert Case.objects.count() == 2


def test_row_errors_are_listed_and_nothing_is_imported(client_for, lead):
    text = HEADER + (
        "NS-1,,JS,,2016,CIN,,,\n"
        "NS-2,,John,,2019,CIN,,,\n"
        "NS-3,,AB,,03/04/2016,CIN,,,\n"
        "NS-4,,AB,,2016,Unknown,,,\n"
        "NS-5,,AB,,2016,CIN,nobody@example.org,,\n"
        "NS-6,,AB,,2016,CIN,,CIN review,\n"
        "NS-1,,CD,,2017,CIN,,,\n"
    )
    client = client_for(lead)
    response = _upload(client, text)
    body = client.get(response["Location"]).content.decode()
    assert "<title>Error: " in body
    assert "Line 3 (NS-2)" in body and "Initials must be initials only, like JS, not a name" in body
    assert "Line 4 (NS-3)" in body and "never the full date" in body
    assert "Line 5 (NS-4)" in body and "Category must be one of" in body
    assert "Line 6 (NS-5)" in body and "No practitioner of this agency" in body
    assert "Line 7 (NS-6)" in body and "or neither" in body
    assert "Line 8 (NS-1)" in body and "also on line 2" in body
    assert "Import 1 case" not in body  # no import button while there are errors
    case_import = CaseImport.objects.get()
    response = client.post(f"/supervision/cases/import/{case_import.id}/", {"confirm": "1"})
    assert Case.objects.count() == 0


def test_a_file_without_the_required_columns(client_for, lead):
    response = _upload(client_for(lead), "Name,Address\nJane,1 Street\n")
    body = client_for(lead).get(response["Location"]).content.decode()
    assert "The file has no column for: case_reference, initials, year_of_birth, category" in body


def test_a_failure_while_importing_rolls_everything_back(client_for, lead, agency, monkeypatch):
    text = HEADER + "NS-1,,JS,,2016,CIN,,,\nNS-2,,AB,,2016,CIN,,,\n"
    client = client_for(lead)
    response = _upload(client, text)
    from supervision import services

    original = services.create_case
    calls = []

    def fail_second(**kwargs):
        calls.append(kwargs["reference"])
        if len(calls) == 2:
            raise services.ValidationError("Simulated failure")
        return original(**kwargs)

    monkeypatch.setattr(services, "create_case", fail_second)
    body = client.post(response["Location"], {"confirm": "1"}).content.decode()
    assert "Row 3: Simulated failure" in body
    assert Case.objects.count() == 0
    assert CaseImport.objects.get().status == CaseImportStatus.PREVIEWED


def test_discard(client_for, lead):
    client = client_for(lead)
    response = _upload(client, HEADER + "NS-1,,JS,,2016,CIN,,,\n")
    client.post(response["Location"], {"discard": "1"})
    case_import = CaseImport.objects.get()
    assert case_import.status == CaseImportStatus.DISCARDED
    assert case_import.rows == []
    assert Case.objects.count() == 0


def test_the_agency_admin_may_import_a_practitioner_may_not(client_for, agency_admin, supervisee):
    assert client_for(agency_admin).get("/supervision/cases/import/").status_code == 200
    assert client_for(supervisee).get("/supervision/cases/import/").status_code == 403


def test_an_import_of_another_agency_is_404(client_for, lead, outsider):
    response = _upload(client_for(lead), HEADER + "NS-1,,JS,,2016,CIN,,,\n")
    assert client_for(outsider).get(response["Location"]).status_code == 404
