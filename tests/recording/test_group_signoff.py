"""Sign-off of a group or peer record: the facilitator, then every attendee; locked (in the
database too) once all have signed; counts as a session for every attendee."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction

from recording import services
from recording.models import CaseDiscussion, RecordAttendee, RecordStatus, SessionRecord
from supervision.models import Case
from tests.recording.conftest import complete_group, sign_all


@pytest.fixture
def awaiting(start_group, supervisor):
    record = complete_group(start_group(), by=supervisor)
    return services.sign_as_supervisor(record=record, by=supervisor, version=record.version)


def test_the_facilitator_signs_first(start_group, supervisor, attendees):
    record = complete_group(start_group(), by=supervisor)
    with pytest.raises(ValidationError):
        services.sign_as_attendee(record=record, by=attendees[0], agrees=True)
    with pytest.raises(PermissionDenied):
        services.sign_as_supervisor(record=record, by=attendees[0], version=record.version)
    record = services.sign_as_supervisor(record=record, by=supervisor, version=record.version)
    assert record.status == RecordStatus.AWAITING_SUPERVISEE
    assert record.status_label == "Awaiting attendees"


def test_the_record_locks_once_every_attendee_has_signed(awaiting, attendees):
    first, second, third = attendees
    record = services.sign_as_attendee(record=awaiting, by=first, agrees=True)
    assert record.status == RecordStatus.AWAITING_SUPERVISEE
    record = services.sign_as_attendee(
        record=record, by=second, agrees=False, disagreement="My case's RAG was Red"
    )
    assert record.status == RecordStatus.AWAITING_SUPERVISEE
    record = services.sign_as_attendee(record=record, by=third, agrees=True)
    assert record.status == RecordStatus.SIGNED
    assert record.is_locked
    rows = {a.user_id: a for a in RecordAttendee.objects.filter(record=record)}
    assert rows[second.id].agrees is False
    assert rows[second.id].disagreement == "My case's RAG was Red"
    assert all(a.signed_at for a in rows.values())


def test_each_attendee_signs_once_and_only_attendees_sign(awaiting, attendees, lead, supervisor):
    services.sign_as_attendee(record=awaiting, by=attendees[0], agrees=True)
    with pytest.raises(ValidationError):
        services.sign_as_attendee(record=awaiting, by=attendees[0], agrees=True)
    for outsider in (lead, supervisor):
        with pytest.raises(PermissionDenied):
            services.sign_as_attendee(record=awaiting, by=outsider, agrees=True)


def test_disagreement_needs_words(awaiting, attendees):
    with pytest.raises(ValidationError):
        services.sign_as_attendee(record=awaiting, by=attendees[0], agrees=False)


def test_signing_counts_for_every_discussed_case(awaiting, attendees):
    for attendee in attendees:
        services.sign_as_attendee(record=awaiting, by=attendee, agrees=True)
    cases = Case.objects.filter(discussions__record=awaiting)
    assert cases.count() == 3
    assert all(c.last_discussed_on == awaiting.session_date for c in cases)


def test_nothing_counts_until_the_last_signature(awaiting, attendees):
    services.sign_as_attendee(record=awaiting, by=attendees[0], agrees=True)
    assert not Case.objects.filter(last_discussed_on__isnull=False).exists()


def test_a_signed_group_record_is_locked_in_the_database(start_group, supervisor, attendees):
    record = sign_all(
        complete_group(start_group(), by=supervisor), facilitator=supervisor, people=attendees
    )
    attendee = RecordAttendee.objects.filter(record=record).first()

    def refused(fn):
        with pytest.raises(DatabaseError), transaction.atomic():
            fn()

    refused(lambda: RecordAttendee.objects.filter(pk=attendee.pk).update(disagreement="x"))
    refused(lambda: RecordAttendee.objects.filter(pk=attendee.pk).delete())
    refused(
        lambda: RecordAttendee.objects.create(
            agency=record.agency,
            record=record,
            membership=supervisor.memberships.get(),
            user=supervisor,
        )
    )
    refused(lambda: CaseDiscussion.objects.filter(record=record).update(presenter=None))
    refused(lambda: SessionRecord.objects.filter(pk=record.pk).update(agenda="x"))


def test_who_attended_cannot_change_after_the_facilitator_signed(awaiting, attendees):
    attendee = RecordAttendee.objects.filter(record=awaiting).first()
    with pytest.raises(DatabaseError), transaction.atomic():
        RecordAttendee.objects.filter(pk=attendee.pk).delete()
    services.sign_as_attendee(record=awaiting, by=attendee.user, agrees=True)
    # A signature, once given, stays.
    with pytest.raises(DatabaseError), transaction.atomic():
        RecordAttendee.objects.filter(pk=attendee.pk).update(agrees=False, disagreement="x")


def test_the_database_refuses_to_lock_a_group_record_before_everyone_signed(awaiting):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE recording_sessionrecord SET status = 'signed' WHERE id = %s",
            [awaiting.pk],
        )
    awaiting.refresh_from_db()
    assert awaiting.status == RecordStatus.AWAITING_SUPERVISEE


@pytest.mark.django_db(transaction=True)
def test_the_last_two_attendees_signing_at_once_lock_the_record_once(
    start_group, supervisor, attendees
):
    record = complete_group(start_group(), by=supervisor)
    record = services.sign_as_supervisor(record=record, by=supervisor, version=record.version)
    services.sign_as_attendee(record=record, by=attendees[0], agrees=True)
    barrier = threading.Barrier(2)
    errors = []

    def sign(user):
        try:
            barrier.wait()
            services.sign_as_attendee(record=record, by=user, agrees=True)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=(u,)) for u in attendees[1:]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    record.refresh_from_db()
    assert record.status == RecordStatus.SIGNED
    assert not RecordAttendee.objects.filter(record=record, signed_at__isnull=True).exists()
