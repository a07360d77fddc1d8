"""A signed record cannot change through save(), queryset.update() or raw SQL, nor can its
parts (SECURITY.md 14); addenda are append-only."""

import pytest
from django.db import DatabaseError, connection, transaction

from recording.models import (
    Addendum,
    AgreedAction,
    CaseDiscussion,
    CaseDiscussionReflection,
    SessionRecord,
    SessionReflection,
)

REFUSED = DatabaseError


def _refused(fn):
    with pytest.raises(REFUSED), transaction.atomic():
        fn()


def test_the_record_row_is_locked(signed_record):
    signed_record.agenda = "Changed"
    _refused(signed_record.save)
    _refused(lambda: SessionRecord.objects.filter(pk=signed_record.pk).update(agenda="x"))
    _refused(lambda: SessionRecord.objects.filter(pk=signed_record.pk).delete())

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE recording_sessionrecord SET agenda = 'raw' WHERE id = %s",
                [signed_record.pk],
            )

    _refused(raw)
    signed_record.refresh_from_db()
    assert signed_record.agenda == "Caseload"


def test_the_parts_are_locked(signed_record):
    discussion = CaseDiscussion.objects.filter(record=signed_record).first()
    _refused(lambda: CaseDiscussion.objects.filter(pk=discussion.pk).update(rag="green"))
    _refused(
        lambda: CaseDiscussionReflection.objects.filter(record=signed_record).update(
            quality_child="x"
        )
    )
    _refused(lambda: SessionReflection.objects.filter(record=signed_record).update(wellbeing="x"))
    _refused(
        lambda: CaseDiscussion.objects.create(agency=signed_record.agency, record=signed_record)
    )
    _refused(lambda: AgreedAction.objects.filter(record=signed_record).update(description="other"))


def test_an_agreed_action_status_can_still_move_on(signed_record):
    # Later sessions review the action: its status is not part of what was agreed.
    assert AgreedAction.objects.filter(record=signed_record).update(status="done") == 1


def test_addenda_are_append_only(signed_record, supervisee):
    addendum = Addendum.objects.create(
        agency=signed_record.agency, record=signed_record, author=supervisee, text="Correction"
    )
    _refused(lambda: Addendum.objects.filter(pk=addendum.pk).update(text="Changed"))
    _refused(lambda: Addendum.objects.filter(pk=addendum.pk).delete())
