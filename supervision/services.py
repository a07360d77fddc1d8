"""Every write to cases goes through these functions (STYLE.md: writes in one place)."""

from collections.abc import Iterable
from datetime import date, datetime
from uuid import UUID

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.utils import timezone

from agencies.models import Agency, Membership, Role, User
from contracts.models import IN_FORCE, Agreement

from . import cadence, digest
from .cadence import CadenceResult
from .case_import import parse_case_csv
from .models import (
    Case,
    CaseCategoryChange,
    CaseImport,
    CaseImportStatus,
    DigestDelivery,
    JobRun,
    NotificationPreference,
    PlannedSession,
    PlannedSessionChange,
    PlannedSessionChangeKind,
    PlannedSessionStatus,
)


def normalise_initials(value: str) -> str:
    """'j.s.' → 'JS': initials only, letters in capitals."""
    return "".join(ch for ch in value.upper() if ch.isalpha())


def _check_practitioner(agency: Agency, practitioner: User | None) -> None:
    if practitioner is None:
        return
    is_member = (
        Membership.objects.active()
        .filter(agency=agency, user=practitioner)
        .with_role(Role.PRACTITIONER)
        .exists()
    )
    if not is_member:
        raise ValidationError({"allocated_practitioner": "Choose a practitioner of this agency."})


def _check_meeting(next_meeting_type: str, next_meeting_on: date | None) -> None:
    if next_meeting_type and next_meeting_on is None:
        raise ValidationError({"next_meeting_on": "Enter the date of the next statutory meeting"})
    if next_meeting_on is not None and not next_meeting_type:
        raise ValidationError(
            {"next_meeting_type": "Select the type of the next statutory meeting"}
        )


def _record_category(
    *, case: Case, from_category: str, by: User | None, on: date, source: str
) -> None:
    CaseCategoryChange.objects.create(
        agency_id=case.agency_id,
        case=case,
        from_category=from_category,
        to_category=case.category,
        changed_on=on,
        changed_by=by,
        source=source,
    )


@transaction.atomic
def create_case(
    *,
    agency: Agency,
    by: User | None,
    reference: str,
    initials: str,
    year_of_birth: int,
    category: str,
    allocated_practitioner: User | None = None,
    next_meeting_type: str = "",
    next_meeting_on: date | None = None,
    source: str = "manual",
) -> Case:
    """Add a case to the agency. The first category starts the category history."""
    reference = reference.strip()
    if Case.objects.filter(agency=agency, reference__iexact=reference).exists():
        raise ValidationError({"reference": "This agency already has a case with that reference."})
    _check_practitioner(agency, allocated_practitioner)
    _check_meeting(next_meeting_type, next_meeting_on)
    case = Case(
        agency=agency,
        reference=reference,
        initials=normalise_initials(initials),
        year_of_birth=year_of_birth,
        category=category,
        allocated_practitioner=allocated_practitioner,
        next_meeting_type=next_meeting_type,
        next_meeting_on=next_meeting_on,
    )
    case.full_clean(exclude=["agency", "allocated_practitioner"])
    case.save()
    _record_category(case=case, from_category="", by=by, on=timezone.localdate(), source=source)
    return case


@transaction.atomic
def update_case(
    *,
    case: Case,
    by: User | None,
    initials: str,
    year_of_birth: int,
    category: str,
    allocated_practitioner: User | None,
    next_meeting_type: str,
    next_meeting_on: date | None,
    source: str = "manual",
) -> Case:
    """Change a case. A change of category is added to the case's category history."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _check_practitioner(case.agency, allocated_practitioner)
    _check_meeting(next_meeting_type, next_meeting_on)
    previous_category = case.category
    case.initials = normalise_initials(initials)
    case.year_of_birth = year_of_birth
    case.category = category
    case.allocated_practitioner = allocated_practitioner
    case.next_meeting_type = next_meeting_type
    case.next_meeting_on = next_meeting_on
    case.full_clean(exclude=["agency", "allocated_practitioner", "reference"])
    case.save()
    if previous_category != category:
        _record_category(
            case=case,
            from_category=previous_category,
            by=by,
            on=timezone.localdate(),
            source=source,
        )
    return case


def mark_cases_discussed(*, agency: Agency, case_ids: Iterable[UUID], on: date) -> int:
    """Move each case's "last discussed" date forward to `on` (never backwards), in one
    update. Called when a session record that discussed them is signed."""
    return (
        Case.objects.filter(agency=agency, id__in=list(case_ids))
        .filter(Q(last_discussed_on__isnull=True) | Q(last_discussed_on__lt=on))
        .update(last_discussed_on=Greatest(F("last_discussed_on"), on))
    )


# --- Import from the case management system's CSV export ------------------------------


@transaction.atomic
def preview_case_import(
    *, agency: Agency, uploaded_by: User, filename: str, content: bytes
) -> CaseImport:
    """Parse and check an uploaded CSV without changing any case. Keeps only the recognised
    columns, already cleaned, with every row's errors, for the person to confirm."""
    practitioners = {
        email.lower(): user_id
        for email, user_id in Membership.objects.active()
        .filter(agency=agency)
        .with_role(Role.PRACTITIONER)
        .values_list("user__email", "user_id")
    }
    existing = {
        ref.lower(): ref
        for ref in Case.objects.filter(agency=agency).values_list("reference", flat=True)
    }
    parsed = parse_case_csv(content, practitioner_ids=practitioners, existing_references=existing)
    return CaseImport.objects.create(
        agency=agency,
        uploaded_by=uploaded_by,
        filename=filename[:200],
        rows=parsed.rows,
        errors=parsed.errors,
        ignored_columns=parsed.ignored_columns,
    )


@transaction.atomic
def apply_case_import(*, case_import: CaseImport, by: User) -> CaseImport:
    """Create or update every case of a checked import, or none: any error (found at
    preview or now) rolls the whole import back. Two confirmations of the same import
    apply it once (the status is claimed with a conditional update)."""
    claimed = CaseImport.objects.filter(
        pk=case_import.pk, status=CaseImportStatus.PREVIEWED, errors=[]
    ).update(status=CaseImportStatus.IMPORTED, imported_at=timezone.now())
    if claimed != 1:
        raise ValidationError(
            "This import has already been used or has errors. Upload the file again."
        )
    case_import.refresh_from_db()
    agency = case_import.agency
    practitioners = {
        u.id: u
        for u in User.objects.filter(
            id__in=[
                r["allocated_practitioner_id"]
                for r in case_import.rows
                if r["allocated_practitioner_id"]
            ]
        )
    }
    existing = {
        c.reference.lower(): c
        for c in Case.objects.select_for_update().filter(
            agency=agency, reference__in=[r["reference"] for r in case_import.rows]
        )
    }
    created = updated = 0
    for number, row in enumerate(case_import.rows, start=2):
        practitioner = (
            practitioners.get(UUID(row["allocated_practitioner_id"]))
            if row["allocated_practitioner_id"]
            else None
        )
        meeting_on = date.fromisoformat(row["next_meeting_on"]) if row["next_meeting_on"] else None
        fields = {
            "by": by,
            "initials": row["initials"],
            "year_of_birth": row["year_of_birth"],
            "category": row["category"],
            "allocated_practitioner": practitioner,
            "next_meeting_type": row["next_meeting_type"],
            "next_meeting_on": meeting_on,
            "source": "import",
        }
        try:
            case = existing.get(row["reference"].lower())
            if case is None:
                create_case(agency=agency, reference=row["reference"], **fields)
                created += 1
            else:
                update_case(case=case, **fields)
                updated += 1
        except ValidationError as exc:
            raise ValidationError(
                f"Row {row.get('line', number)}: {'; '.join(exc.messages)}"
            ) from exc
    case_import.created_count = created
    case_import.updated_count = updated
    case_import.save(update_fields=["created_count", "updated_count"])
    return case_import


@transaction.atomic
def discard_case_import(*, case_import: CaseImport) -> None:
    """Throw a previewed import away; its rows are cleared so nothing lingers."""
    CaseImport.objects.filter(pk=case_import.pk, status=CaseImportStatus.PREVIEWED).update(
        status=CaseImportStatus.DISCARDED, rows=[], errors=[]
    )


# --- Planned sessions -------------------------------------------------------------------


def _check_planned_times(starts_at: datetime, ends_at: datetime, *, now: datetime) -> None:
    if starts_at <= now:
        raise ValidationError({"starts_on": "The session must be in the future"})
    if ends_at <= starts_at:
        raise ValidationError({"duration_minutes": "The session must end after it starts"})


@transaction.atomic
def schedule_session(
    *,
    supervisor: User,
    supervisee: User,
    agency: Agency,
    starts_at: datetime,
    ends_at: datetime,
    setting: str,
    location: str,
    is_protected_time: bool = True,
) -> PlannedSession:
    """Book a session in both diaries. The supervisor must supervise the supervisee in this
    agency through an agreement in force (the agreement is linked to the session)."""
    agreement = (
        Agreement.objects.filter(
            agency=agency, supervisor=supervisor, supervisee=supervisee, status__in=IN_FORCE
        )
        .order_by("-start_date")
        .first()
    )
    if agreement is None:
        raise ValidationError({"supervisee": "Choose a person you supervise"})
    _check_planned_times(starts_at, ends_at, now=timezone.now())
    return PlannedSession.objects.create(
        agency=agency,
        supervisor=supervisor,
        supervisee=supervisee,
        agreement=agreement,
        starts_at=starts_at,
        ends_at=ends_at,
        setting=setting,
        location=location.strip(),
        is_protected_time=is_protected_time,
        created_by=supervisor,
    )


def _lock_scheduled(session: PlannedSession) -> PlannedSession:
    session = PlannedSession.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise ValidationError("This session has been cancelled.")
    return session


@transaction.atomic
def reschedule_session(
    *,
    session: PlannedSession,
    by: User,
    starts_at: datetime,
    ends_at: datetime,
    reason: str,
) -> PlannedSession:
    """Move a session to a new time. The old time and the reason are kept; the calendar
    entry's sequence goes up so that calendar programs replace the old entry."""
    session = _lock_scheduled(session)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the session is moving"})
    _check_planned_times(starts_at, ends_at, now=timezone.now())
    PlannedSessionChange.objects.create(
        agency_id=session.agency_id,
        session=session,
        kind=PlannedSessionChangeKind.RESCHEDULED,
        previous_starts_at=session.starts_at,
        previous_ends_at=session.ends_at,
        new_starts_at=starts_at,
        new_ends_at=ends_at,
        reason=reason.strip(),
        changed_by=by,
    )
    session.starts_at, session.ends_at = starts_at, ends_at
    session.sequence += 1
    session.save(update_fields=["starts_at", "ends_at", "sequence", "updated_at"])
    return session


@transaction.atomic
def cancel_session(*, session: PlannedSession, by: User, reason: str) -> PlannedSession:
    """Cancel a session, keeping why. A cancelled session stays in the history."""
    session = _lock_scheduled(session)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the session is cancelled"})
    now = timezone.now()
    PlannedSessionChange.objects.create(
        agency_id=session.agency_id,
        session=session,
        kind=PlannedSessionChangeKind.CANCELLED,
        previous_starts_at=session.starts_at,
        previous_ends_at=session.ends_at,
        reason=reason.strip(),
        changed_by=by,
    )
    session.status = PlannedSessionStatus.CANCELLED
    session.cancellation_reason = reason.strip()
    session.cancelled_at = now
    session.cancelled_by = by
    session.sequence += 1
    session.save(
        update_fields=[
            "status",
            "cancellation_reason",
            "cancelled_at",
            "cancelled_by",
            "sequence",
            "updated_at",
        ]
    )
    return session


# --- Cadence jobs: the nightly run, re-evaluation, the daily digest ----------------------

NIGHTLY_JOB = "cadence.nightly"
DIGEST_JOB = "cadence.digest"
# pg advisory lock keys (any fixed numbers): one for the rules, one for the digest.
RULES_LOCK_KEY = 730_001
DIGEST_LOCK_KEY = 730_002
LOCK_TIMEOUT = "5min"


def _take_job_lock(key: int) -> None:
    """Wait for the job's transaction-scoped advisory lock: a second beat, or a retry
    racing the first delivery, waits here and then finds the run key already written. The
    lock goes with the transaction, so a killed worker never leaves it held."""
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def run_nightly_rules(*, slot: str, today: date) -> CadenceResult | None:
    """Run every rule over every agency once for `slot` (a day). Returns None when the slot
    has already run. The work and the run key commit together, so a worker killed
    mid-run leaves nothing behind and the redelivered task does it all again."""
    started = timezone.now()
    with transaction.atomic():
        _take_job_lock(RULES_LOCK_KEY)
        if JobRun.objects.filter(job=NIGHTLY_JOB, slot=slot).exists():
            return None
        result = cadence.evaluate(today=today, now=started)
        JobRun.objects.create(
            job=NIGHTLY_JOB,
            slot=slot,
            started_at=started,
            finished_at=timezone.now(),
            summary=result.summary(),
        )
    return result


def run_rules_now(*, today: date) -> CadenceResult:
    """Run every rule over every agency now, on demand (the management command). Takes
    the same lock as the nightly run; writes no run key, so the nightly run still runs."""
    with transaction.atomic():
        _take_job_lock(RULES_LOCK_KEY)
        return cadence.evaluate(today=today, now=timezone.now())


def reevaluate(*, case_ids: Iterable[UUID], user_ids: Iterable[UUID]) -> CadenceResult:
    """Run the rules for the cases and people a signed record touched, at once. Safe to
    repeat: the rules are upserts."""
    scope = cadence.Scope(
        case_ids=tuple(dict.fromkeys(case_ids)), user_ids=tuple(dict.fromkeys(user_ids))
    )
    with transaction.atomic():
        _take_job_lock(RULES_LOCK_KEY)
        return cadence.evaluate(today=timezone.localdate(), now=timezone.now(), scope=scope)


@transaction.atomic
def set_email_digest(*, user: User, enabled: bool) -> NotificationPreference:
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_digest": enabled}
    )
    return preference


def send_daily_digests(*, day: date, base_url: str) -> int:
    """Email each person one digest for `day` when something new needs them: counts by
    kind and a link, never a case reference, initials or a reason. At most one per person
    per day (DigestDelivery is the key, written with the send, under a lock)."""
    now = timezone.now()
    with transaction.atomic():
        _take_job_lock(DIGEST_LOCK_KEY)
        digests = digest.pending_digests(day=day, now=now)
        if not digests:
            return 0
        DigestDelivery.objects.bulk_create(
            [
                DigestDelivery(
                    user_id=d.user_id,
                    day=day,
                    sent_at=now,
                    alert_count=d.total,
                    new_count=d.new,
                )
                for d in digests
            ]
        )
        messages = [digest.digest_email(d, base_url=base_url) for d in digests]
        with mail.get_connection() as mail_connection:
            mail_connection.send_messages(messages)
    return len(messages)
