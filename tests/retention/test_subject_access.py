"""Subject access: a person downloads their own records as one PDF, and only their own."""

import io

import pytest
from pypdf import PdfReader

from agencies.models import Role
from audit.models import AccessEvent, AccessKind
from recording.models import RecordAttendee, SessionRecord
from retention.models import SubjectAccessExport
from retention.subject_access import EXPORT_DETAIL
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory
from tests.factories.recording import CaseDiscussionFactory, SessionRecordFactory
from tests.factories.reflection import LearningLogEntryFactory, space_to_think
from tests.factories.supervision import CaseFactory

PAGE = "/retention/my-records/"
PDF = "/retention/my-records/download/"


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def world(agency, supervisor, supervisee):
    """The supervisee's own records, and other people's that must not appear."""
    agreement = AgreementFactory(
        supervisor=supervisor,
        supervisee=supervisee,
        supervisor_responsibilities="Protect the time for supervision",
    )
    record = SessionRecordFactory(
        supervisor=supervisor,
        supervisee=supervisee,
        agreement=agreement,
        agenda="Own agenda about workload",
        reflection__wellbeing="Own wellbeing note",
    )
    case = CaseFactory(agency=agency, reference="OWN-CASE-1")
    CaseDiscussionFactory(
        record=record, case=case, needs="Own needs text", reflection__outcomes="Own outcomes"
    )
    LearningLogEntryFactory(author=supervisee, title="Own learning log title")
    space_to_think(
        facilitator=supervisor,
        presenter=supervisee,
        consultants=[],
        topic="Own Space to Think topic",
        partnership=agency.partnership,
    )
    # Someone else's, in the same agency and with the same supervisor.
    colleague = person(agency, Role.PRACTITIONER)
    AgreementFactory(
        supervisor=supervisor,
        supervisee=colleague,
        supervisor_responsibilities="Colleague agreement text",
    )
    SessionRecordFactory(
        supervisor=supervisor,
        supervisee=colleague,
        agenda="Colleague agenda",
        reflection__wellbeing="Colleague wellbeing",
    )
    LearningLogEntryFactory(author=colleague, title="Colleague learning log title")
    return {"record": record, "colleague": colleague}


def test_anonymous_people_are_sent_to_sign_in(client, db):
    for url in (PAGE, PDF):
        assert client.get(url)["Location"].startswith("/sign-in/")


def test_the_page_says_what_the_download_holds(client_for, supervisee, world):
    page = client_for(supervisee).get(PAGE).content.decode()
    assert "1 supervision agreement you are a party to" in page
    assert "1 session record where" in page
    assert "1 entry of your reflective learning log" in page
    assert "1 Space to Think session you took part in" in page


def test_the_pdf_holds_the_persons_own_records_with_their_reflective_parts(
    client_for, supervisee, world
):
    response = client_for(supervisee).get(PDF)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith("attachment;")
    text = pdf_text(response)
    for own in (
        "Records about",
        supervisee.full_name,
        "Protect the time for supervision",
        "Own agenda about workload",
        "Own wellbeing note",
        "OWN-CASE-1",
        "Own needs text",
        "Own outcomes",
        "Own learning log title",
        "Own Space to Think topic",
        "OFFICIAL-SENSITIVE",
    ):
        assert own in text, own
    for theirs in (
        "Colleague agreement text",
        "Colleague agenda",
        "Colleague wellbeing",
        "Colleague learning log title",
    ):
        assert theirs not in text, theirs


def test_the_supervisor_gets_the_records_they_made_but_not_the_supervisees_log(
    client_for, supervisor, world
):
    text = pdf_text(client_for(supervisor).get(PDF))
    assert "Own agenda about workload" in text
    assert "Colleague agenda" in text  # they supervise the colleague too
    assert "Own learning log title" not in text
    assert "Colleague learning log title" not in text


def test_an_attendee_of_a_group_session_gets_it(client_for, agency, supervisor, supervisee):
    from recording.models import SupervisionGroup

    group = SupervisionGroup.objects.create(agency=agency, name="Peer group", created_by=supervisor)
    record = SessionRecord.objects.create(
        agency=agency,
        kind="group",
        supervisor=supervisor,
        group=group,
        session_date="2026-10-01",
        agenda="Group agenda for attendees",
        created_by=supervisor,
    )
    RecordAttendee.objects.create(
        agency=agency,
        record=record,
        membership=supervisee.memberships.get(agency=agency),
        user=supervisee,
    )
    assert "Group agenda for attendees" in pdf_text(client_for(supervisee).get(PDF))


def test_another_agencys_person_gets_none_of_it(client_for, outsider, world):
    text = pdf_text(client_for(outsider).get(PDF))
    assert "Own agenda about workload" not in text
    assert "Supervision agreements (0)" in text
    assert "Session records (0)" in text


def test_the_page_counts_what_the_pdf_holds(client_for, supervisee, world):
    from retention import subject_access

    assert subject_access.counts_for(supervisee) == subject_access.gather(supervisee).counts


def test_the_export_is_logged_and_shows_on_each_record(client_for, supervisee, world):
    client_for(supervisee).get(PDF)
    export = SubjectAccessExport.objects.get(user=supervisee)
    assert export.counts == {
        "agreements": 1,
        "session_records": 1,
        "learning_log_entries": 1,
        "space_to_think_sessions": 1,
    }
    event = AccessEvent.objects.get(object_id=str(world["record"].id), user=supervisee)
    assert event.kind == AccessKind.PDF_REFLECTIVE
    assert event.detail == EXPORT_DETAIL


def test_the_pdf_takes_a_fixed_number_of_queries(
    client_for, supervisee, world, django_assert_max_num_queries
):
    client = client_for(supervisee)
    with django_assert_max_num_queries(30):
        client.get(PDF)
