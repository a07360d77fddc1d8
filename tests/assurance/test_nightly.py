"""The nightly job: it notes each case's next statutory meeting (so a meeting is still
measured after the next one is entered) and forgets a meeting moved or removed before
its date; then it computes the board's snapshots."""

from datetime import date, timedelta

from assurance import services, tasks
from assurance.models import SeenMeeting, Snapshot
from supervision.models import Case, StatutoryMeeting
from tests.factories.assurance import case, staff

REVIEW = StatutoryMeeting.CIN_REVIEW


def seen(c) -> list[date]:
    return sorted(SeenMeeting.objects.filter(case=c).values_list("meeting_on", flat=True))


def test_meetings_are_noted_kept_once_held_and_dropped_when_moved(agency):
    worker = staff(agency)
    day = date(2026, 5, 1)
    held = case(agency, worker, next_meeting_type=REVIEW, next_meeting_on=day + timedelta(10))
    moved = case(agency, worker, next_meeting_type=REVIEW, next_meeting_on=day + timedelta(20))

    assert services.record_statutory_meetings(today=day) == (2, 0)
    assert services.record_statutory_meetings(today=day) == (0, 0)  # idempotent

    # The next meeting after the one held is entered; the other meeting is moved.
    Case.objects.filter(pk=held.pk).update(next_meeting_on=day + timedelta(60))
    Case.objects.filter(pk=moved.pk).update(next_meeting_on=day + timedelta(30))
    later = day + timedelta(12)  # the held meeting's day has passed, the moved one's not
    assert services.record_statutory_meetings(today=later) == (2, 1)
    assert seen(held) == [day + timedelta(10), day + timedelta(60)]
    assert seen(moved) == [day + timedelta(30)]

    # Removed altogether before its date: forgotten.
    Case.objects.filter(pk=moved.pk).update(next_meeting_on=None, next_meeting_type="")
    assert services.record_statutory_meetings(today=later) == (0, 1)
    assert seen(moved) == []


def test_the_nightly_task_notes_meetings_and_computes_snapshots(agency, other_agency):
    worker = staff(agency)
    case(agency, worker, next_meeting_type=REVIEW, next_meeting_on=date(2030, 1, 1))
    result = tasks.nightly_assurance.apply().get()
    assert result["meetings_added"] == 1 and result["meetings_dropped"] == 0
    assert result["snapshots"] == Snapshot.objects.count() >= 5
    snapshot = Snapshot.objects.first()
    assert set(snapshot.figures) == {str(agency.id), str(other_agency.id)}
