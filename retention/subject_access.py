"""Subject access: one person's own records, gathered for a single PDF.

What is theirs (DESIGN.md, Confidentiality model; docs/retention.md):
- the agreements they are a party to (supervisor or supervisee), every version;
- the session records they are a party to: supervisee, supervisor or facilitator, or
  attendee of a group or peer session. The parties of a record see all of it, so the
  reflective parts, addenda and risk escalations come with it;
- their own reflective learning log entries (as author);
- the Space to Think sessions they took part in: the session's notes and next steps,
  their role and their own feedback.

Only their own: every query starts from the requesting user, in the agencies they are a
member of now. Nobody else's learning log, no evaluation answers (anonymous by design).
The export is logged: one `SubjectAccessExport` row, and a record access event on every
record it contains (so the other party sees it on the record, as with any PDF).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from django.db import transaction
from django.db.models import Q

from agencies.models import Membership, User
from agencies.selectors import memberships_of
from audit.models import AccessKind
from contracts.models import Agreement
from recording.models import (
    ActionReview,
    Addendum,
    AgreedAction,
    CaseDiscussion,
    CaseDiscussionReflection,
    RecordAttendee,
    RiskEscalation,
    SessionRecord,
)
from recording.services import log_record_access
from reflection.models import LearningLogEntry, SpaceToThinkFeedback, SpaceToThinkParticipant

from .models import SubjectAccessExport

EXPORT_DETAIL = "Subject access export"


@dataclass
class RecordParts:
    record: SessionRecord
    attendees: list[RecordAttendee]
    discussions: list[tuple[CaseDiscussion, CaseDiscussionReflection | None]]
    actions: list[AgreedAction]
    reviews: list[ActionReview]
    addenda: list[Addendum]
    escalations: list[RiskEscalation]


@dataclass
class SubjectAccessData:
    user: User
    memberships: list[Membership]
    agreements: list[Agreement]
    records: list[RecordParts]
    log_entries: list[LearningLogEntry]
    space_to_think: list[SpaceToThinkParticipant]

    @property
    def counts(self) -> dict[str, int]:
        return {
            "agreements": len(self.agreements),
            "session_records": len(self.records),
            "learning_log_entries": len(self.log_entries),
            "space_to_think_sessions": len(self.space_to_think),
        }


def _by_record(rows, key="record_id") -> dict:
    rows = sorted(rows, key=lambda r: str(getattr(r, key)))
    return {k: list(v) for k, v in groupby(rows, key=lambda r: getattr(r, key))}


def records_of_person(user: User, agency_ids: list) -> list[SessionRecord]:
    attended = RecordAttendee.objects.filter(agency_id__in=agency_ids, user=user).values(
        "record_id"
    )
    return list(
        SessionRecord.objects.filter(agency_id__in=agency_ids)
        .filter(Q(supervisor=user) | Q(supervisee=user) | Q(id__in=attended))
        .select_related("agency", "supervisor", "supervisee", "group", "reflection")
        .order_by("session_date", "created_at")
    )


def gather(user: User) -> SubjectAccessData:
    """Everything of the user's own, in the agencies they belong to (a fixed number of
    queries, whatever the number of records)."""
    memberships = list(memberships_of(user))
    agency_ids = [m.agency_id for m in memberships]
    agreements = list(
        Agreement.objects.filter(agency_id__in=agency_ids)
        .filter(Q(supervisor=user) | Q(supervisee=user))
        .select_related("agency", "supervisor", "supervisee")
        .order_by("start_date", "series_id", "version")
    )
    records = records_of_person(user, agency_ids)
    ids = [r.id for r in records]
    attendees = _by_record(RecordAttendee.objects.filter(record_id__in=ids).select_related("user"))
    reflections = {
        r.discussion_id: r for r in CaseDiscussionReflection.objects.filter(record_id__in=ids)
    }
    discussions = _by_record(
        CaseDiscussion.objects.filter(record_id__in=ids).select_related("case", "presenter")
    )
    actions = _by_record(
        AgreedAction.objects.filter(record_id__in=ids).select_related("owner", "case")
    )
    reviews = _by_record(ActionReview.objects.filter(record_id__in=ids).select_related("action"))
    addenda = _by_record(Addendum.objects.filter(record_id__in=ids).select_related("author"))
    escalations = _by_record(RiskEscalation.objects.filter(record_id__in=ids))
    parts = [
        RecordParts(
            record=r,
            attendees=attendees.get(r.id, []),
            discussions=[
                (d, reflections.get(d.id))
                for d in sorted(discussions.get(r.id, []), key=lambda d: d.position)
            ],
            actions=sorted(actions.get(r.id, []), key=lambda a: a.position),
            reviews=reviews.get(r.id, []),
            addenda=sorted(addenda.get(r.id, []), key=lambda a: a.created_at),
            escalations=escalations.get(r.id, []),
        )
        for r in records
    ]
    log_entries = list(
        LearningLogEntry.objects.filter(agency_id__in=agency_ids, author=user)
        .select_related("agency", "shared_with")
        .order_by("event_date", "created_at")
    )
    space_to_think = list(
        SpaceToThinkParticipant.objects.filter(user=user, agency_id__in=agency_ids)
        .select_related("session", "agency")
        .order_by("session__scheduled_for")
    )
    feedback_of = {
        f.participant_id: f
        for f in SpaceToThinkFeedback.objects.filter(participant__in=space_to_think)
    }
    for participant in space_to_think:
        participant.own_feedback = feedback_of.get(participant.id)
    return SubjectAccessData(
        user=user,
        memberships=memberships,
        agreements=agreements,
        records=parts,
        log_entries=log_entries,
        space_to_think=space_to_think,
    )


def counts_for(user: User) -> dict[str, int]:
    """How many of each kind the user's download would hold (four count queries)."""
    agency_ids = [m.agency_id for m in memberships_of(user)]
    attended = RecordAttendee.objects.filter(agency_id__in=agency_ids, user=user).values(
        "record_id"
    )
    return {
        "agreements": Agreement.objects.filter(agency_id__in=agency_ids)
        .filter(Q(supervisor=user) | Q(supervisee=user))
        .count(),
        "session_records": SessionRecord.objects.filter(agency_id__in=agency_ids)
        .filter(Q(supervisor=user) | Q(supervisee=user) | Q(id__in=attended))
        .count(),
        "learning_log_entries": LearningLogEntry.objects.filter(
            agency_id__in=agency_ids, author=user
        ).count(),
        "space_to_think_sessions": SpaceToThinkParticipant.objects.filter(
            user=user, agency_id__in=agency_ids
        ).count(),
    }


@transaction.atomic
def log_export(*, data: SubjectAccessData) -> SubjectAccessExport:
    """Log the export: who, when, how much (never content); and an access event on each
    record it contains, which both parties see on the record."""
    for p in data.records:
        log_record_access(
            record=p.record, user=data.user, kind=AccessKind.PDF_REFLECTIVE, detail=EXPORT_DETAIL
        )
    return SubjectAccessExport.objects.create(user=data.user, counts=data.counts)
