"""The access log (issue 5): every call site of log_access writes exactly one event, with
no content; the lead's log (filters, pages, CSV with formula escaping), the change history
and "who has viewed records about me", with their query counts."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.models import Role
from assurance import services as assurance_services
from assurance.periods import current_quarter
from audit import services
from audit.history import SOURCES
from audit.models import AccessEvent, AccessKind
from contracts.models import AgreementStatus
from supervision.models import Case
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory
from tests.factories.evaluation import CampaignFactory
from tests.factories.supervision import CaseFactory
from tests.recording.conftest import REFLECTIVE_TEXT

# Session, user, memberships, partnership memberships, the history context, the count,
# the page's keys and the session save.
BASE_QUERIES = 10


def only_event(**filters) -> AccessEvent:
    events = list(AccessEvent.objects.filter(**filters))
    assert len(events) == 1, events
    return events[0]


# --- The service ------------------------------------------------------------------------


def test_log_access_keeps_who_what_whom_and_never_content(agency, lead, supervisee, supervisor):
    case = CaseFactory(agency=agency)
    event = services.log_access(
        user=lead,
        kind=AccessKind.VIEW,
        label="A label",
        agency_id=agency.id,
        obj=case,
        subjects=[supervisee, supervisee.pk, None, supervisor.pk],
        reason="Because",
    )
    event.refresh_from_db()
    assert (event.object_type, event.object_id) == ("supervision.case", str(case.pk))
    assert event.subject_ids == [supervisee.pk, supervisor.pk]
    assert (event.user, event.agency, event.reason) == (lead, agency, "Because")


def test_log_access_refuses_unknown_kinds_and_tenantless_events(lead, agency):
    with pytest.raises(ValueError):
        services.log_access(user=lead, kind="peek", label="x", agency_id=agency.id)
    with pytest.raises(ValueError):
        services.log_access(user=lead, kind=AccessKind.VIEW, label="x")


def test_the_access_log_is_append_only(agency, lead):
    event = services.log_access(user=lead, kind=AccessKind.VIEW, label="x", agency_id=agency.id)
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.filter(pk=event.pk).update(label="forged")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.filter(pk=event.pk).delete()


# --- Each call site writes one event ----------------------------------------------------


def test_lead_reading_a_record_writes_one_view_event(client_for, signed_record, lead, supervisee):
    client_for(lead).get(f"/records/{signed_record.id}/")
    event = only_event(user=lead)
    assert event.kind == AccessKind.VIEW
    assert supervisee.pk in event.subject_ids
    assert REFLECTIVE_TEXT not in f"{event.label} {event.detail} {event.reason}"


def test_audit_access_writes_one_grant_and_then_one_reflective_view(
    client_for, signed_record, lead, supervisor, supervisee
):
    client = client_for(lead)
    reason = "Audit of neglect cases for the partnership review"
    client.post(f"/records/{signed_record.id}/audit-access/", {"reason": reason})
    granted = only_event(user=lead, kind=AccessKind.AUDIT_ACCESS)
    assert granted.reason == reason
    assert set(granted.subject_ids) == {supervisor.pk, supervisee.pk}
    client.get(f"/records/{signed_record.id}/")
    only_event(user=lead, kind=AccessKind.VIEW_REFLECTIVE)


def test_record_pdf_writes_one_event(client_for, signed_record, supervisee):
    client_for(supervisee).get(f"/records/{signed_record.id}/pdf/")
    assert only_event(user=supervisee).kind == AccessKind.PDF_REFLECTIVE


def test_agreement_pdf_and_print_write_one_event_each(client_for, lead, supervisor, supervisee):
    agreement = AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    client = client_for(lead)
    assert client.get(f"/agreements/{agreement.id}/pdf/").status_code == 200
    pdf = only_event(user=lead, kind=AccessKind.PDF)
    assert (pdf.object_type, pdf.object_id) == ("contracts.agreement", str(agreement.id))
    assert set(pdf.subject_ids) == {supervisor.pk, supervisee.pk}
    assert client.get(f"/agreements/{agreement.id}/print/").status_code == 200
    only_event(user=lead, kind=AccessKind.PRINT)


def test_evaluation_group_export_writes_one_event(client_for, agency, lead):
    campaign = CampaignFactory(agency=agency, opened_by=lead)
    response = client_for(lead).get(f"/evaluation/{campaign.id}/results/by-team/export.csv")
    assert response.status_code == 200
    event = only_event(user=lead, kind=AccessKind.EXPORT)
    assert (event.detail, event.agency_id) == ("by_team", agency.id)


def test_assurance_list_csv_writes_one_event(client_for, agency, lead):
    response = client_for(lead).get("/assurance/lists/coverage/download.csv")
    assert response.status_code == 200
    event = only_event(user=lead, kind=AccessKind.EXPORT)
    assert event.agency_id == agency.id
    assert event.row_count is not None


def test_assurance_report_download_writes_one_event(agency, board_member):
    from assurance.models import AssuranceReport, ReportStatus

    period = current_quarter(timezone.localdate())
    report = AssuranceReport.objects.create(
        partnership=agency.partnership,
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        as_at=period.as_at,
        period_label=period.label,
        requested_by=board_member,
        requested_at=timezone.now(),
        finished_at=timezone.now(),
        status=ReportStatus.DONE,
    )
    assurance_services.record_download(report=report, user=board_member, fmt="csv")
    event = only_event(user=board_member, kind=AccessKind.REPORT)
    assert (event.partnership_id, event.agency_id) == (agency.partnership_id, None)


def test_assurance_report_generation_writes_one_event(agency, board_member, monkeypatch):
    from assurance import exports

    # The files' content is the assurance tests' business; here only the log matters.
    monkeypatch.setattr(exports, "report_pdf", lambda content: b"%PDF-1.7 test")
    period = current_quarter(timezone.localdate())
    report = assurance_services.request_report(
        partnership=agency.partnership, requested_by=board_member, period=period, enqueue=False
    )
    report = assurance_services.generate_report(report_id=report.id)
    assert report.status == "done", report.error
    event = only_event(user=board_member, kind=AccessKind.REPORT)
    assert (event.partnership_id, event.object_id) == (agency.partnership_id, str(report.id))
    assert event.detail.startswith("generated")


# --- The lead's access log ----------------------------------------------------------------


@pytest.fixture
def logged(agency, other_agency, lead, supervisor, supervisee):
    """Events of the lead's agency (by two people, two kinds) and one of another agency."""
    services.log_access(
        user=supervisor,
        kind=AccessKind.PDF,
        label='=HYPERLINK("http://evil.example")',
        agency_id=agency.id,
        subjects=[supervisee],
    )
    services.log_access(
        user=lead,
        kind=AccessKind.AUDIT_ACCESS,
        label="Supervision record of 1 March 2026",
        agency_id=agency.id,
        subjects=[supervisee, supervisor],
        reason="+Audit of neglect cases",
    )
    outsider = person(other_agency, Role.SAFEGUARDING_LEAD)
    services.log_access(
        user=outsider,
        kind=AccessKind.PDF,
        label="Other agency's record",
        agency_id=other_agency.id,
        subjects=[supervisee],
    )


def test_lead_sees_their_agency_only(client_for, lead, logged):
    body = client_for(lead).get("/audit/access-log/").content.decode()
    assert "Supervision record of 1 March 2026" in body
    assert "Other agency&#x27;s record" not in body and "Other agency's record" not in body
    assert "2 events" in body


def test_filters_by_person_kind_and_dates(client_for, lead, supervisor, logged):
    client = client_for(lead)
    body = client.get("/audit/access-log/", {"person": str(supervisor.pk)}).content.decode()
    assert "1 event" in body and "HYPERLINK" in body
    body = client.get("/audit/access-log/", {"kind": AccessKind.AUDIT_ACCESS}).content.decode()
    assert "1 event" in body and "Audit of neglect cases" in body
    tomorrow = date.today() + timedelta(days=1)
    body = client.get(
        "/audit/access-log/",
        {"start_0": tomorrow.day, "start_1": tomorrow.month, "start_2": tomorrow.year},
    ).content.decode()
    assert "0 events" in body


def test_a_bad_date_range_shows_the_error_summary_and_keeps_what_was_typed(client_for, lead):
    response = client_for(lead).get(
        "/audit/access-log/",
        {
            "start_0": "5",
            "start_1": "3",
            "start_2": "2026",
            "end_0": "1",
            "end_1": "3",
            "end_2": "2026",
        },
    )
    body = response.content.decode()
    assert "There is a problem" in body
    assert "The last day to show must be the same as or after the first" in body
    assert 'value="2026"' in body


def test_csv_escapes_formulas_and_is_itself_logged(client_for, lead, logged):
    response = client_for(lead).get("/audit/access-log.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert len(rows) == 3
    assert '\'=HYPERLINK("http://evil.example")' in cells
    assert "'+Audit of neglect cases" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    export = only_event(user=lead, kind=AccessKind.EXPORT)
    assert export.row_count == 2


def test_access_log_pages_and_a_fixed_number_of_queries(client_for, agency, lead, supervisor):
    client = client_for(lead)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/audit/access-log/").status_code == 200
        return len(captured)

    services.log_access(user=supervisor, kind=AccessKind.PDF, label="x", agency_id=agency.id)
    few = queries()
    AccessEvent.objects.bulk_create(
        AccessEvent(
            user=person(agency, Role.SUPERVISOR) if n % 10 == 0 else supervisor,
            kind=AccessKind.PDF,
            label=f"Record {n}",
            agency=agency,
        )
        for n in range(60)
    )
    assert queries() == few
    body = client.get("/audit/access-log/", {"page": 2}).content.decode()
    assert "Page 2 of 2" in body


# --- Who has viewed records about me --------------------------------------------------------


def test_about_me_shows_others_reads_of_my_records_only(
    client_for, supervisee, supervisor, lead, logged
):
    services.log_access(
        user=supervisee,
        kind=AccessKind.PDF,
        label="My own download",
        agency_id=supervisee.memberships.get().agency_id,
        subjects=[supervisee],
    )
    body = client_for(supervisee).get("/audit/viewed-my-records/").content.decode()
    assert "3 times" in body  # the supervisor, the lead and the other agency's lead
    assert "Audit of neglect cases" in body
    assert "My own download" not in body
    # The lead is in none of these records: nothing about them is shown to them.
    lead_body = client_for(lead).get("/audit/viewed-my-records/").content.decode()
    assert "0 times" in lead_body


def test_about_me_uses_a_fixed_number_of_queries(client_for, agency, supervisee, supervisor):
    client = client_for(supervisee)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/audit/viewed-my-records/").status_code == 200
        return len(captured)

    services.log_access(
        user=supervisor, kind=AccessKind.PDF, label="x", agency_id=agency.id, subjects=[supervisee]
    )
    few = queries()
    for n in range(12):
        services.log_access(
            user=person(agency, Role.SUPERVISOR),
            kind=AccessKind.VIEW,
            label=f"Record {n}",
            agency_id=agency.id,
            subjects=[supervisee],
        )
    assert queries() == few


# --- The change history page ----------------------------------------------------------------


def test_history_shows_field_level_changes_and_who(
    client_for, agency, lead, supervisor, supervisee
):
    client = client_for(lead)
    case = CaseFactory(agency=agency, reference="NS-100")
    response = client.post(
        f"/supervision/cases/{case.pk}/edit/",
        {
            "reference": case.reference,
            "initials": "ZQ",
            "year_of_birth": case.year_of_birth,
            "category": case.category,
        },
    )
    assert response.status_code == 302, response.content.decode()
    membership = supervisee.memberships.get()
    membership.roles = [Role.PRACTITIONER, Role.SUPERVISOR]
    membership.save()
    body = client.get("/audit/changes/").content.decode()
    assert "Case NS-100: changed" in body
    assert f'<td class="govuk-table__cell">{case.initials}</td>' in body  # before
    assert '<td class="govuk-table__cell">ZQ</td>' in body  # after
    assert f"by {lead.full_name}" in body  # who
    assert f"Membership of {supervisee.full_name}: changed" in body
    assert "Practitioner, Supervisor" in body
    assert membership.team.name in body  # names, not ids
    cases_only = client.get("/audit/changes/", {"what": "cases"}).content.decode()
    assert "Membership of" not in cases_only
    assert "Case NS-100" in cases_only


def test_history_names_what_changed_in_a_draft_but_not_what_it_said(
    client_for, signed_record, lead
):
    from recording.models import SessionRecord

    draft = SessionRecord.objects.create(
        agency=signed_record.agency,
        supervisor=signed_record.supervisor,
        supervisee=signed_record.supervisee,
        session_date=date.today(),
        created_by=signed_record.supervisor,
        agenda="Draft agenda the lead must not read",
    )
    SessionRecord.objects.filter(pk=draft.pk).update(agenda="Second draft the lead must not read")
    body = client_for(lead).get("/audit/changes/", {"what": "records"}).content.decode()
    assert (
        '<th scope="row" class="govuk-table__header govuk-!-font-weight-regular">Agenda</th>'
        in body
    )
    assert "Not shown: the record was a draft" in body
    assert "must not read" not in body
    # Changes once a record is signed are shown in full: here, its signing.
    assert "Signed and locked" in body


def test_history_shows_other_agencies_nothing(client_for, lead, other_agency):
    CaseFactory(agency=other_agency, reference="OTHER-1")
    body = client_for(lead).get("/audit/changes/").content.decode()
    assert "OTHER-1" not in body


def test_history_uses_a_fixed_number_of_queries(client_for, agency, lead):
    client = client_for(lead)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/audit/changes/").status_code == 200
        return len(captured)

    def add_changes(count: int) -> None:
        """Cases created and changed, people added, and lastly an agreement: the newest
        page always holds the same kinds of change."""
        for n in range(count):
            case = CaseFactory(
                agency=agency, allocated_practitioner=person(agency, Role.PRACTITIONER)
            )
            Case.objects.filter(pk=case.pk).update(initials="AZ" if n % 2 else "ZA")
        AgreementFactory(
            supervisor=person(agency, Role.SUPERVISOR),
            supervisee=person(agency, Role.PRACTITIONER),
            status=AgreementStatus.DRAFT,
        )

    add_changes(3)
    few = queries()
    add_changes(20)
    # At most two queries per kind of history on the page (its events, their previous
    # versions), one per kind of name (people, cases, teams, groups) and one for when the
    # page's records were signed, whatever the number of rows; fewer when fewer kinds are
    # on the page.
    assert queries() <= few <= BASE_QUERIES + 2 * len(SOURCES) + 5
