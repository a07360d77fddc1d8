"""Retention: deleting what an agency no longer keeps, deliberately and with a log.

The rule (docs/retention.md): an agency keeps records for N years (its `RetentionPolicy`,
six by default) after

- an agreement ends: every version of the agreement (its series) has ended or been
  superseded, and the last of them ended before the cut-off. The agreement goes with its
  events, planned sessions, alerts about it and every session record made under it;
- a group stops meeting: a supervision or peer group whose last session was before the
  cut-off goes with all its session records;
- a case closes: a case closed before the cut-off goes with its category history, the
  case discussions and agreed actions about it (in records that are otherwise kept),
  and alerts about it;
- a case list was uploaded (it holds case references and initials): the upload goes
  N years after the day it was uploaded.

A session record goes with every part of it: reflective parts, case discussions and
their reflections, agreed actions and their reviews, attendees, addenda, risk
escalations, audit accesses, access events, alerts about its actions and the record
audit items that scored it. Signed records, addenda, escalations and the access logs are
protected by database triggers; the job steps past exactly those triggers
(`pgtrigger.ignore`) for its own statements and nothing else.

A kept record may point at a deleted one: as its "previous session" (a link the
recording app derives, not content) or by reviewing one of its actions. The link is
removed (the previous session becomes unknown) and the review of the deleted action goes
with the action: holding the old record back instead would keep a supervisee's whole
chain of records for as long as they are supervised, far past its date.

What is on legal hold (`LegalHold`, SECURITY.md 15: an agreement series or a case) is
skipped with everything that hangs off it until the hold is lifted.

Evaluation answers are anonymous (no person or agreement is linked to them) and are not
personal records: they stay. Space to Think sessions belong to the partnership, not to an
agreement or case: they are not touched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from uuid import UUID

import pgtrigger
from dateutil.relativedelta import relativedelta
from django.db import connection, models, transaction
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from agencies.models import Agency, User
from audit.models import AccessKind
from audit.services import log_access, purge_history
from contracts.models import Agreement, AgreementEvent, AgreementStatus
from evaluation.models import AuditItem
from recording.models import (
    ActionReview,
    Addendum,
    AgreedAction,
    AuditAccess,
    CaseDiscussion,
    CaseDiscussionReflection,
    RecordAttendee,
    RiskEscalation,
    SessionRecord,
    SessionReflection,
    SupervisionGroup,
)
from supervision.models import (
    Alert,
    Case,
    CaseCategory,
    CaseCategoryChange,
    CaseImport,
    PlannedSession,
)

from .models import (
    DEFAULT_RETENTION_YEARS,
    DeletedKind,
    LegalHold,
    RetentionLogEntry,
    RetentionPolicy,
    RetentionRun,
)

# Exactly the triggers that protect signed and append-only rows from deletion. The job
# ignores these, for its own statements, inside its own transaction; nothing else does.
PROTECTING_TRIGGERS = (
    "recording.SessionRecord:protect_signed_record",
    "recording.RecordAttendee:lock_attendees_of_signed_record",
    "recording.SessionReflection:lock_signed_reflection",
    "recording.CaseDiscussion:lock_signed_discussion",
    "recording.CaseDiscussionReflection:lock_signed_discussion_reflection",
    "recording.AgreedAction:lock_signed_action",
    "recording.ActionReview:lock_signed_review",
    "recording.Addendum:append_only_addendum",
    "recording.RiskEscalation:escalation_never_deleted",
    "recording.AuditAccess:append_only_audit_access",
)

# A fixed pg advisory lock key for the retention job (one run at a time).
RETENTION_LOCK_KEY = 815_2026_05

ENDED_STATUSES = (AgreementStatus.ENDED, AgreementStatus.SUPERSEDED)


# --- the setting ---------------------------------------------------------------------


def retention_years(agency: Agency) -> int:
    """The agency's retention period in years (the default when it never set one)."""
    years = (
        RetentionPolicy.objects.filter(agency=agency)
        .values_list("years_after_end", flat=True)
        .first()
    )
    return years or DEFAULT_RETENTION_YEARS


@transaction.atomic
def set_retention_years(*, agency: Agency, years: int, updated_by: User) -> RetentionPolicy:
    """Set how many years the agency keeps records after an agreement ends or a case
    closes. The form validates the range; the database refuses anything outside it."""
    policy, _created = RetentionPolicy.objects.update_or_create(
        agency=agency, defaults={"years_after_end": years, "updated_by": updated_by}
    )
    return policy


@transaction.atomic
def place_legal_hold(*, agency: Agency, kind: str, object_id: UUID, reason: str, by: User):
    """Keep an agreement (all its versions) or a case, of this agency, past its date.
    Written to the access log (kind "legal_hold") with the reason, in the same
    transaction."""
    model = Agreement if kind == LegalHold.Kind.AGREEMENT else Case
    held = model.objects.get(agency=agency, id=object_id)  # of this agency, or DoesNotExist
    hold = LegalHold.objects.create(
        agency=agency, kind=kind, object_id=object_id, reason=reason, placed_by=by
    )
    log_access(
        user=by,
        kind=AccessKind.LEGAL_HOLD,
        label=f"Placed a legal hold on a {hold.get_kind_display().lower()}",
        agency_id=agency.pk,
        obj=held,
        reason=reason,
        detail="placed",
    )
    return hold


@transaction.atomic
def lift_legal_hold(*, hold: LegalHold, by: User, reason: str = "") -> LegalHold:
    """End a hold: the retention job may delete what it held from its next run. Written
    to the access log with the reason for lifting."""
    hold.lifted_by, hold.lifted_at = by, timezone.now()
    hold.save(update_fields=["lifted_by", "lifted_at"])
    model = Agreement if hold.kind == LegalHold.Kind.AGREEMENT else Case
    log_access(
        user=by,
        kind=AccessKind.LEGAL_HOLD,
        label=f"Lifted a legal hold on a {hold.get_kind_display().lower()}",
        agency_id=hold.agency_id,
        obj=model(pk=hold.object_id),
        reason=reason,
        detail="lifted",
    )
    return hold


def cutoff_for(*, today: date, years: int) -> date:
    """What ended or closed before this day is past retention.

    Ended exactly N years ago today: kept today, deleted tomorrow ("more than N years").
    29 February counts from 28 February in a year that has none (relativedelta).
    """
    return today - relativedelta(years=years)


# --- what is past its date -----------------------------------------------------------


@dataclass
class Doomed:
    """What one agency's run will delete, with the date that decided each."""

    agreements: dict[UUID, date] = field(default_factory=dict)
    groups: dict[UUID, date] = field(default_factory=dict)
    records: dict[UUID, date] = field(default_factory=dict)
    cases: dict[UUID, date] = field(default_factory=dict)
    case_imports: dict[UUID, date] = field(default_factory=dict)


def _expired_agreements(agency: Agency, cutoff: date) -> dict[UUID, date]:
    """Agreement id → the day its series ended, for series wholly ended before cutoff."""
    series = (
        Agreement.objects.filter(agency=agency)
        .values("series_id")
        .annotate(
            last_end=Max("ended_on"),
            still_open=Count("id", filter=~Q(status__in=ENDED_STATUSES) | Q(ended_on__isnull=True)),
        )
        .filter(still_open=0, last_end__lt=cutoff)
    )
    ends = {row["series_id"]: row["last_end"] for row in series}
    rows = Agreement.objects.filter(agency=agency, series_id__in=list(ends)).values_list(
        "id", "series_id"
    )
    return {agreement_id: ends[series_id] for agreement_id, series_id in rows}


def _expired_groups(agency: Agency, cutoff: date) -> dict[UUID, date]:
    """Group id → the day it last met, for groups that last met before cutoff."""
    rows = (
        SupervisionGroup.objects.filter(agency=agency)
        .annotate(last_met=Max("records__session_date"))
        .filter(last_met__lt=cutoff)
        .values_list("id", "last_met")
    )
    return dict(rows)


def _expired_cases(agency: Agency, cutoff: date) -> dict[UUID, date]:
    """Case id → the day it closed, for cases still closed that closed before cutoff.
    The day it closed is the last change to "closed"; failing that, its last update."""
    closed_on = (
        CaseCategoryChange.objects.filter(
            case=models.OuterRef("pk"), to_category=CaseCategory.CLOSED
        )
        .order_by("-changed_on")
        .values("changed_on")[:1]
    )
    rows = (
        Case.objects.filter(agency=agency, category=CaseCategory.CLOSED)
        .annotate(
            closed_on=Coalesce(
                models.Subquery(closed_on), TruncDate("updated_at"), output_field=models.DateField()
            )
        )
        .filter(closed_on__lt=cutoff)
        .values_list("id", "closed_on")
    )
    return dict(rows)


def find_expired(*, agency: Agency, cutoff: date) -> Doomed:
    """Everything of the agency past its date."""
    doomed = Doomed(
        agreements=_expired_agreements(agency, cutoff),
        groups=_expired_groups(agency, cutoff),
        cases=_expired_cases(agency, cutoff),
        case_imports=dict(
            CaseImport.objects.filter(agency=agency)
            .annotate(uploaded_on=TruncDate("created_at"))
            .filter(uploaded_on__lt=cutoff)
            .values_list("id", "uploaded_on")
        ),
    )
    held = LegalHold.objects.filter(agency=agency, lifted_at__isnull=True)
    held_cases = set(held.filter(kind=LegalHold.Kind.CASE).values_list("object_id", flat=True))
    held_series = set(
        Agreement.objects.filter(
            agency=agency,
            id__in=held.filter(kind=LegalHold.Kind.AGREEMENT).values("object_id"),
        ).values_list("series_id", flat=True)
    )
    if held_series:
        for agreement_id in Agreement.objects.filter(
            id__in=list(doomed.agreements), series_id__in=held_series
        ).values_list("id", flat=True):
            del doomed.agreements[agreement_id]
    for case_id in held_cases & set(doomed.cases):
        del doomed.cases[case_id]
    records = SessionRecord.objects.filter(agency=agency).filter(
        Q(agreement_id__in=list(doomed.agreements)) | Q(group_id__in=list(doomed.groups))
    )
    for record_id, agreement_id, group_id, session_date in records.values_list(
        "id", "agreement_id", "group_id", "session_date"
    ):
        if agreement_id in doomed.agreements or group_id in doomed.groups:
            doomed.records[record_id] = session_date
    return doomed


# --- deleting ------------------------------------------------------------------------


def _count_by(model, key: str, ids: Iterable[UUID]) -> dict[UUID, int]:
    rows = model.objects.filter(**{f"{key}__in": list(ids)}).values(key).annotate(n=Count("pk"))
    return {row[key]: row["n"] for row in rows}


RECORD_PARTS = (
    ("reflective_part", SessionReflection),
    ("case_discussion", CaseDiscussion),
    ("agreed_action", AgreedAction),
    ("action_review", ActionReview),
    ("review_in_later_record", None),
    ("attendee", RecordAttendee),
    ("addendum", Addendum),
    ("risk_escalation", RiskEscalation),
    ("audit_access", AuditAccess),
)


def _delete_records(record_ids: list[UUID]) -> Counter:
    """Delete session records and every part of them; returns rows deleted by kind."""
    deleted: Counter = Counter()
    if not record_ids:
        return deleted
    action_ids = list(
        AgreedAction.objects.filter(record_id__in=record_ids).values_list("id", flat=True)
    )
    steps = (
        ("record_audit_item", AuditItem.objects.filter(record_id__in=record_ids)),
        ("audit_access", AuditAccess.objects.filter(record_id__in=record_ids)),
        ("risk_escalation", RiskEscalation.objects.filter(record_id__in=record_ids)),
        ("addendum", Addendum.objects.filter(record_id__in=record_ids)),
        (
            "action_review",
            ActionReview.objects.filter(Q(record_id__in=record_ids) | Q(action_id__in=action_ids)),
        ),
        ("alert", Alert.objects.filter(subject_id__in=action_ids)),
        ("agreed_action", AgreedAction.objects.filter(id__in=action_ids)),
        (
            "case_discussion_reflection",
            CaseDiscussionReflection.objects.filter(record_id__in=record_ids),
        ),
        ("case_discussion", CaseDiscussion.objects.filter(record_id__in=record_ids)),
        ("reflective_part", SessionReflection.objects.filter(record_id__in=record_ids)),
        ("attendee", RecordAttendee.objects.filter(record_id__in=record_ids)),
    )
    for kind, queryset in steps:
        deleted[kind] += queryset.delete()[0]
    # Records point at the one before ("previous session"), kept ones included: unlink.
    deleted["previous_session_unlinked"] += (
        SessionRecord.objects.filter(previous_record_id__in=record_ids)
        .exclude(id__in=record_ids)
        .update(previous_record=None)
    )
    SessionRecord.objects.filter(id__in=record_ids).update(previous_record=None)
    deleted["session_record"] += SessionRecord.objects.filter(id__in=record_ids).delete()[0]
    return deleted


def _delete_case_parts(case_ids: list[UUID]) -> tuple[Counter, list[tuple[str, UUID, UUID]]]:
    """Delete the discussions and actions about closed cases from records that are kept.
    Returns rows deleted by kind, and (kind, id, case id) of each discussion and action."""
    deleted: Counter = Counter()
    discussions = list(
        CaseDiscussion.objects.filter(case_id__in=case_ids).values_list("id", "case_id")
    )
    actions = list(AgreedAction.objects.filter(case_id__in=case_ids).values_list("id", "case_id"))
    action_ids = [a for a, _c in actions]
    discussion_ids = [d for d, _c in discussions]
    steps = (
        ("action_review", ActionReview.objects.filter(action_id__in=action_ids)),
        ("alert", Alert.objects.filter(subject_id__in=action_ids)),
        ("agreed_action", AgreedAction.objects.filter(id__in=action_ids)),
        (
            "case_discussion_reflection",
            CaseDiscussionReflection.objects.filter(discussion_id__in=discussion_ids),
        ),
        ("case_discussion", CaseDiscussion.objects.filter(id__in=discussion_ids)),
    )
    for kind, queryset in steps:
        deleted[kind] += queryset.delete()[0]
    parts = [(DeletedKind.CASE_DISCUSSION, d, c) for d, c in discussions] + [
        (DeletedKind.AGREED_ACTION, a, c) for a, c in actions
    ]
    return deleted, parts


def _delete_history(
    *, record_ids: list[UUID], agreement_ids: list[UUID], group_ids: list[UUID], case_ids: list
) -> int:
    """Delete the change history's copies of what the job deleted (including the
    "deleted" events its own deletions just wrote): a copy kept would keep the content
    past its date. Parts are found by the ids their copies carry (record, case)."""
    return sum(
        (
            purge_history(Agreement, agreement_ids),
            purge_history(SessionRecord, record_ids),
            purge_history(SupervisionGroup, group_ids),
            purge_history(Case, case_ids),
            purge_history(RecordAttendee, record_id=record_ids),
            purge_history(Addendum, record_id=record_ids),
            purge_history(CaseDiscussion, record_id=record_ids, case_id=case_ids),
            purge_history(AgreedAction, record_id=record_ids, case_id=case_ids),
        )
    )


def _take_lock() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RETENTION_LOCK_KEY])


def purge_agency(*, agency: Agency, today: date) -> RetentionRun | None:
    """Delete what the agency keeps no longer, as of `today`, and log it. Returns None
    when the agency's run for `today` has already happened (safe to call twice). The
    deletions, the log and the run key commit together, or none of them do."""
    started = timezone.now()
    with transaction.atomic():
        _take_lock()
        if RetentionRun.objects.filter(agency=agency, run_on=today).exists():
            return None
        years = retention_years(agency)
        cutoff = cutoff_for(today=today, years=years)
        doomed = find_expired(agency=agency, cutoff=cutoff)
        record_ids = list(doomed.records)
        agreement_ids = list(doomed.agreements)
        group_ids = list(doomed.groups)
        case_ids = list(doomed.cases)

        record_parts = {
            kind: _count_by(model, "record_id", record_ids)
            for kind, model in RECORD_PARTS
            if model is not None
        }
        later_reviews = (
            ActionReview.objects.filter(action__record_id__in=record_ids)
            .exclude(record_id__in=record_ids)
            .values("action__record_id")
            .annotate(n=Count("pk"))
        )
        record_parts["review_in_later_record"] = {
            row["action__record_id"]: row["n"] for row in later_reviews
        }
        agreement_start = dict(
            Agreement.objects.filter(id__in=agreement_ids).values_list("id", "start_date")
        )
        record_owner = dict(
            SessionRecord.objects.filter(id__in=record_ids).values_list(
                "id", Coalesce("agreement_id", "group_id")
            )
        )

        deleted: Counter = Counter()
        with pgtrigger.ignore(*PROTECTING_TRIGGERS):
            deleted += _delete_records(record_ids)
            deleted["planned_session"] += PlannedSession.objects.filter(
                agreement_id__in=agreement_ids
            ).delete()[0]
            deleted["agreement_event"] += AgreementEvent.objects.filter(
                agreement_id__in=agreement_ids
            ).delete()[0]
            deleted["alert"] += Alert.objects.filter(
                agency=agency, subject_id__in=agreement_ids + case_ids
            ).delete()[0]
            deleted["agreement"] += Agreement.objects.filter(id__in=agreement_ids).delete()[0]
            deleted["group"] += SupervisionGroup.objects.filter(id__in=group_ids).delete()[0]
            case_deleted, case_parts = _delete_case_parts(case_ids)
            deleted += case_deleted
            case_cascade = Case.objects.filter(id__in=case_ids).delete()[1]
            deleted["case"] += case_cascade.get("supervision.Case", 0)
            deleted["case_category_change"] += case_cascade.get("supervision.CaseCategoryChange", 0)
            deleted["case_import"] += CaseImport.objects.filter(
                id__in=list(doomed.case_imports)
            ).delete()[0]
            deleted["history_event"] += _delete_history(
                record_ids=record_ids,
                agreement_ids=agreement_ids,
                group_ids=group_ids,
                case_ids=case_ids,
            )

        finished = timezone.now()
        run = RetentionRun.objects.create(
            agency=agency,
            run_on=today,
            years_after_end=years,
            cutoff=cutoff,
            started_at=started,
            finished_at=finished,
            deleted={kind: n for kind, n in sorted(deleted.items()) if n},
        )
        ended_of_owner = {**doomed.agreements, **doomed.groups}
        log_entry = partial(RetentionLogEntry, agency=agency, run=run, deleted_at=finished)
        entries = [
            log_entry(
                kind=DeletedKind.AGREEMENT,
                object_id=agreement_id,
                ended_on=ended,
                dated=agreement_start.get(agreement_id),
            )
            for agreement_id, ended in doomed.agreements.items()
        ]
        entries += [
            log_entry(
                kind=DeletedKind.GROUP,
                object_id=group_id,
                ended_on=last_met,
                dated=last_met,
            )
            for group_id, last_met in doomed.groups.items()
        ]
        entries += [
            log_entry(
                kind=DeletedKind.SESSION_RECORD,
                object_id=record_id,
                ended_on=ended_of_owner[record_owner[record_id]],
                dated=session_date,
                parts={
                    kind: counts[record_id]
                    for kind, counts in record_parts.items()
                    if counts.get(record_id)
                },
            )
            for record_id, session_date in doomed.records.items()
        ]
        entries += [
            log_entry(
                kind=DeletedKind.CASE,
                object_id=case_id,
                ended_on=closed_on,
            )
            for case_id, closed_on in doomed.cases.items()
        ]
        entries += [
            log_entry(
                kind=kind,
                object_id=part_id,
                ended_on=doomed.cases[case_id],
            )
            for kind, part_id, case_id in case_parts
        ]
        entries += [
            log_entry(
                kind=DeletedKind.CASE_IMPORT,
                object_id=import_id,
                ended_on=uploaded_on,
            )
            for import_id, uploaded_on in doomed.case_imports.items()
        ]
        RetentionLogEntry.objects.bulk_create(entries)
    return run


def run_retention(*, today: date, agency_ids: Iterable[UUID] | None = None) -> dict[str, dict]:
    """Run the retention job for the named agencies (every agency when None: the nightly
    run lists them explicitly first). Each agency is its own transaction, so one agency's
    failure leaves the others' runs in place; a second run on the same day does nothing."""
    if agency_ids is None:
        agency_ids = list(Agency.objects.order_by("id").values_list("id", flat=True))
    results: dict[str, dict] = {}
    for agency in Agency.objects.filter(id__in=list(agency_ids)).order_by("id"):
        run = purge_agency(agency=agency, today=today)
        results[str(agency.id)] = {"skipped": True} if run is None else run.deleted
    return results
