"""Who had a signed supervision session, and when: for the cadence rule "a supervisee is
overdue when no signed session within their agreement frequency" (DESIGN.md, supervision).

A signed one-to-one record counts for its supervisee; a signed group or peer record counts
for every attendee (seed 000 standard viii: each is a form of supervision). Read the
sessions from here, not from `recording_sessionrecord.supervisee_id`, which is empty for
group and peer records.
"""

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from django.db.models import Max

from .models import RecordAttendee, RecordStatus, SessionRecord

# One row per person per signed session: (agency_id, person_id, session_date, record_id).
# For set-based SQL over all agencies, e.g.
#   WITH signed AS ({SIGNED_SESSIONS_SQL})
#   SELECT agency_id, person_id, max(session_date) FROM signed GROUP BY 1, 2
SIGNED_SESSIONS_SQL = """
SELECT r.agency_id, r.supervisee_id AS person_id, r.session_date, r.id AS record_id
FROM recording_sessionrecord r
WHERE r.status = 'signed' AND r.supervisee_id IS NOT NULL
UNION ALL
SELECT r.agency_id, a.user_id AS person_id, r.session_date, r.id AS record_id
FROM recording_recordattendee a
JOIN recording_sessionrecord r ON r.id = a.record_id
WHERE r.status = 'signed'
"""


def last_signed_session_on(*, agency_id: UUID, user_ids: Iterable[UUID]) -> dict[UUID, date]:
    """For each of the people (in one agency), the date of their last signed supervision
    session of any form; people with none are left out. Two queries."""
    user_ids = list(user_ids)
    latest: dict[UUID, date] = dict(
        SessionRecord.objects.filter(
            agency_id=agency_id, status=RecordStatus.SIGNED, supervisee_id__in=user_ids
        )
        .values("supervisee_id")
        .annotate(last=Max("session_date"))
        .values_list("supervisee_id", "last")
    )
    attended = (
        RecordAttendee.objects.filter(
            agency_id=agency_id, record__status=RecordStatus.SIGNED, user_id__in=user_ids
        )
        .values("user_id")
        .annotate(last=Max("record__session_date"))
        .values_list("user_id", "last")
    )
    for user_id, last in attended:
        if user_id not in latest or last > latest[user_id]:
            latest[user_id] = last
    return latest
