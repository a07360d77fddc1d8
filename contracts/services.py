"""Writes to agreements and training records. Every change of who supervises whom goes
through here, so grants, versions, signatures and the audit trail cannot be forgotten.

Lifecycle (DESIGN.md, contracts): draft → awaiting signatures → active → review due →
ended or superseded. The supervisor (or the agency's safeguarding lead) drafts; both
parties sign in the app; the second signature puts the agreement in force and grants the
supervisor access to the supervisee's records. A change after sending makes a new version
that both sign again; ending an agreement removes the access.
"""

from datetime import date

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from agencies import uploads
from agencies.dates import add_months
from agencies.models import Agency, Membership, MinimumStandards, Role, User
from agencies.selectors import standards_for
from audit import services as audit_services

from .models import (
    CONTENT_BY_TEMPLATE,
    CONTENT_FIELDS,
    IN_FORCE,
    PENDING,
    SUPERVISE,
    Agreement,
    AgreementEvent,
    AgreementStatus,
    CompetenceStatus,
    MembershipUserObjectPermission,
    Party,
    SupervisionForm,
    TrainingRecord,
)
from .selectors import competence_of

DEFAULT_DURATION_MINUTES = 90
# Seed 002: "a contract ... with regular review": a year unless the parties choose sooner.
DEFAULT_REVIEW_MONTHS = 12

Action = AgreementEvent.Action


def _supervise_permission() -> Permission:
    return Permission.objects.get(codename=SUPERVISE, content_type__app_label="agencies")


def grant_supervision(*, agreement: Agreement) -> None:
    """Let the supervisor supervise the supervisee (records, cases, sessions)."""
    membership = Membership.objects.get(agency=agreement.agency, user=agreement.supervisee)
    MembershipUserObjectPermission.objects.get_or_create(
        user=agreement.supervisor,
        permission=_supervise_permission(),
        content_object=membership,
        agency=agreement.agency,
    )


def revoke_supervision(*, agreement: Agreement) -> None:
    """Remove the grant, unless another agreement in force still gives it."""
    still_in_force = (
        Agreement.objects.filter(
            agency=agreement.agency,
            supervisor=agreement.supervisor,
            supervisee=agreement.supervisee,
            status__in=[AgreementStatus.ACTIVE, AgreementStatus.REVIEW_DUE],
        )
        .exclude(id=agreement.id)
        .exists()
    )
    if still_in_force:
        return
    MembershipUserObjectPermission.objects.filter(
        user=agreement.supervisor,
        permission=_supervise_permission(),
        content_object__agency=agreement.agency,
        content_object__user=agreement.supervisee,
    ).delete()


def _event(agreement: Agreement, action: str, actor: User | None = None, detail: str = "") -> None:
    AgreementEvent.objects.create(
        agency_id=agreement.agency_id,
        agreement=agreement,
        actor=actor,
        action=action,
        detail=detail[:300],
    )


@transaction.atomic
def activate_agreement(*, agreement: Agreement, actor: User | None = None) -> Agreement:
    """Put the agreement in force and grant supervision. (Called when both have signed.)"""
    agreement.status = AgreementStatus.ACTIVE
    agreement.activated_at = agreement.activated_at or timezone.now()
    agreement.save(update_fields=["status", "activated_at", "updated_at"])
    grant_supervision(agreement=agreement)
    _event(agreement, Action.ACTIVATED, actor)
    return agreement


@transaction.atomic
def end_agreement(
    *,
    agreement: Agreement,
    ended_on: date,
    ended_by: User | None = None,
    reason: str = "",
) -> Agreement:
    """End the agreement: the supervisor's access to the supervisee's records ends with it.
    A pending next version of the same agreement ends too (nobody may sign it any more)."""
    if agreement.status in (AgreementStatus.ENDED, AgreementStatus.SUPERSEDED):
        raise ValidationError("This agreement has already ended.")
    agreement.status = AgreementStatus.ENDED
    agreement.ended_on = ended_on
    agreement.ended_by = ended_by
    agreement.end_reason = reason.strip()
    agreement.save(update_fields=["status", "ended_on", "ended_by", "end_reason", "updated_at"])
    revoke_supervision(agreement=agreement)
    _event(agreement, Action.ENDED, ended_by, agreement.end_reason)
    for pending in Agreement.objects.filter(
        agency_id=agreement.agency_id, series_id=agreement.series_id, status__in=PENDING
    ):
        pending.status = AgreementStatus.ENDED
        pending.ended_on = ended_on
        pending.ended_by = ended_by
        pending.save(update_fields=["status", "ended_on", "ended_by", "updated_at"])
        _event(pending, Action.ENDED, ended_by, "The agreement it would have changed ended.")
    return agreement


# --- Who may supervise whom --------------------------------------------------------------


def _name(user: User) -> str:
    return user.full_name or user.email


def _long_date(day: date) -> str:
    return date_format(day, "j F Y")


def check_new_pair(
    *,
    agency: Agency,
    supervisor: User,
    supervisee: User,
    standards: MinimumStandards | None = None,
    today: date | None = None,
) -> dict[str, str]:
    """Why this supervisor may not take on this supervisee in this agency, by form field;
    empty when they may: each bad pairing gets its own message."""
    today = today or timezone.localdate()
    standards = standards or standards_for(agency)
    errors: dict[str, str] = {}
    if supervisor.pk == supervisee.pk:
        errors["supervisee"] = (
            "A supervisor cannot supervise themselves: choose another supervisee or supervisor"
        )
        return errors
    supervisee_membership = (
        Membership.objects.active(today)
        .filter(agency=agency, user=supervisee)
        .with_role(Role.PRACTITIONER)
        .first()
    )
    if supervisee_membership is None:
        errors["supervisee"] = f"Choose a practitioner of {agency.name}"
        return errors
    supervisor_memberships = list(
        Membership.objects.active(today)
        .filter(user=supervisor, agency__partnership_id=agency.partnership_id)
        .with_role(Role.SUPERVISOR)
        .select_related("agency")
    )
    in_agency = any(m.agency_id == agency.id for m in supervisor_memberships)
    if not supervisor_memberships:
        errors["supervisor"] = f"{_name(supervisor)} is not a supervisor in {agency.name}"
    elif not in_agency and not standards.supervisors_from_other_agencies_allowed:
        errors["supervisor"] = (
            f"{_name(supervisor)} is a supervisor in {supervisor_memberships[0].agency.name}, "
            f"not {agency.name}. {agency.name}'s minimum standards do not allow supervisors "
            "from other agencies"
        )
    if errors:
        return errors
    existing = (
        Agreement.objects.filter(
            agency=agency,
            supervisor=supervisor,
            supervisee=supervisee,
            status__in=(*IN_FORCE, *PENDING),
        )
        .order_by("-version")
        .first()
    )
    if existing is not None and existing.is_in_force:
        errors["supervisee"] = (
            f"{_name(supervisor)} and {_name(supervisee)} already have an active agreement. "
            "Open it and choose ‘Change this agreement’ instead of starting a second one"
        )
    elif existing is not None:
        errors["supervisee"] = (
            f"{_name(supervisor)} and {_name(supervisee)} already have an agreement that is "
            f"{existing.get_status_display().lower()}: carry on with that one"
        )
    if errors:
        return errors
    competence = competence_of(supervisor, today=today)
    if (
        competence.status in (CompetenceStatus.LAPSED, CompetenceStatus.NONE)
        and not standards.lapsed_supervisor_may_take_new_supervisees
    ):
        why = (
            f"{_name(supervisor)}'s supervisor training lapsed on "
            f"{_long_date(competence.expires_on)}"
            if competence.expires_on
            else f"{_name(supervisor)} has no supervisor training recorded"
        )
        errors["supervisor"] = (
            f"{why}. {agency.name}'s minimum standards do not let a supervisor without "
            "in-date training take on new supervisees"
        )
    return errors


def default_terms(
    *, agency: Agency, supervisee_membership: Membership, start_date: date | None = None
) -> dict:
    """Frequency and duration from the agency's standards (new starters more often)."""
    start_date = start_date or timezone.localdate()
    standards = standards_for(agency)
    return {
        "frequency_weeks": standards.frequency_weeks_for(supervisee_membership, start_date),
        "duration_minutes": DEFAULT_DURATION_MINUTES,
        "start_date": start_date,
        "review_date": add_months(start_date, DEFAULT_REVIEW_MONTHS),
    }


@transaction.atomic
def start_agreement(
    *, agency: Agency, supervisor: User, supervisee: User, drafted_by: User
) -> Agreement:
    """A new draft agreement between two people, on the Appendix IV template for the
    supervisee's contact type, with frequency and duration from the agency's standards."""
    errors = check_new_pair(agency=agency, supervisor=supervisor, supervisee=supervisee)
    if errors:
        raise ValidationError(errors)
    membership = Membership.objects.get(agency=agency, user=supervisee)
    agreement = Agreement(
        agency=agency,
        supervisor=supervisor,
        supervisee=supervisee,
        template=membership.contact_type,
        form=SupervisionForm.ONE_TO_ONE,
        created_by=drafted_by,
        **default_terms(agency=agency, supervisee_membership=membership),
    )
    try:
        with transaction.atomic():
            agreement.save()
    except IntegrityError as exc:  # a second tab started the same pair a moment ago
        raise ValidationError(
            {"supervisee": "An agreement for these two people was started a moment ago"}
        ) from exc
    _event(agreement, Action.DRAFTED, drafted_by)
    return agreement


# --- Terms, versions and signatures --------------------------------------------------------

TERM_FIELDS = ("form", "frequency_weeks", "duration_minutes", "start_date", "review_date")
STALE_PAGE = (
    "This agreement has changed since you opened the page. Check the current version "
    "below, then try again"
)


def _locked(agreement: Agreement) -> Agreement:
    return Agreement.objects.select_for_update().select_related("agency").get(pk=agreement.pk)


def validate_terms(*, agreement: Agreement, terms: dict) -> dict[str, str]:
    """Errors in an agreement's terms, by field: dates in order, frequency no less often
    than the agency's minimum for this supervisee."""
    errors: dict[str, str] = {}
    start, review = terms.get("start_date"), terms.get("review_date")
    if start and review and review <= start:
        errors["review_date"] = "The date of review must be after the start date"
    frequency = terms.get("frequency_weeks")
    membership = Membership.objects.filter(
        agency_id=agreement.agency_id, user_id=agreement.supervisee_id
    ).first()
    if frequency and membership is not None:
        standards = standards_for(agreement.agency)
        minimum = standards.frequency_weeks_for(membership, start or timezone.localdate())
        if frequency > minimum:
            errors["frequency_weeks"] = (
                f"Supervision must be at least every {minimum} weeks: that is "
                f"{agreement.agency.name}'s minimum for this supervisee"
            )
    return errors


@transaction.atomic
def save_terms(
    *, agreement: Agreement, user: User, revision: int, terms: dict, content: dict
) -> Agreement:
    """Save the terms and content of a draft. `revision` is the one the form was loaded
    with: if the draft was saved since (another tab, another person), nothing is saved."""
    agreement = _locked(agreement)
    if agreement.status != AgreementStatus.DRAFT or agreement.revision != revision:
        raise ValidationError(STALE_PAGE, code="stale")
    errors = validate_terms(agreement=agreement, terms=terms)
    if errors:
        raise ValidationError(errors)
    allowed_content = {name for name, _l, _h in CONTENT_BY_TEMPLATE[agreement.template]}
    for name in TERM_FIELDS:
        if name in terms:
            setattr(agreement, name, terms[name])
    for name, value in content.items():
        if name in allowed_content:
            setattr(agreement, name, value.strip())
    agreement.revision += 1
    agreement.save()
    _event(agreement, Action.EDITED, user)
    return agreement


@transaction.atomic
def send_for_signatures(*, agreement: Agreement, user: User, revision: int) -> Agreement:
    """Freeze the draft's content and ask both parties to sign it."""
    agreement = _locked(agreement)
    if agreement.status != AgreementStatus.DRAFT or agreement.revision != revision:
        raise ValidationError(STALE_PAGE, code="stale")
    missing = agreement.missing_content()
    if missing:
        raise ValidationError(
            f"Enter ‘{missing[0]}’ before you send the agreement for signatures", code="missing"
        )
    errors = validate_terms(
        agreement=agreement, terms={n: getattr(agreement, n) for n in TERM_FIELDS}
    )
    if errors:
        raise ValidationError(next(iter(errors.values())), code="terms")
    agreement.status = AgreementStatus.AWAITING_SIGNATURES
    agreement.sent_for_signatures_at = timezone.now()
    agreement.save(update_fields=["status", "sent_for_signatures_at", "updated_at"])
    _event(agreement, Action.SENT, user)
    return agreement


@transaction.atomic
def sign_agreement(*, agreement: Agreement, user: User, version: int) -> Agreement:
    """Record `user`'s signature on this version (STYLE.md's example): the user must be a
    party and `version` — the one on the page they read — must still be the current one,
    awaiting signatures. The second signature puts the agreement in force: the version it
    replaces is superseded and the supervisor is granted access to the supervisee."""
    agreement = _locked(agreement)
    party = agreement.party_of(user)
    if party is None:
        raise ValidationError("Only the supervisor and the supervisee can sign this agreement")
    newer = (
        Agreement.objects.filter(
            agency_id=agreement.agency_id,
            series_id=agreement.series_id,
            version__gt=agreement.version,
        )
        .order_by("-version")
        .first()
    )
    if version != agreement.version or newer is not None:
        current = newer.version if newer else agreement.version
        raise ValidationError(
            f"This agreement changed after you opened it: version {current} is now the "
            "current version. Read it before you sign",
            code="stale",
        )
    if agreement.status != AgreementStatus.AWAITING_SIGNATURES:
        raise ValidationError(
            "This agreement is not waiting for signatures any more", code="not_awaiting"
        )
    if agreement.signed_at(party) is not None:
        raise ValidationError("You have already signed this agreement", code="signed")
    now = timezone.now()
    if party == Party.SUPERVISOR:
        agreement.supervisor_signed_at = now
    else:
        agreement.supervisee_signed_at = now
    agreement.save(update_fields=["supervisor_signed_at", "supervisee_signed_at", "updated_at"])
    _event(agreement, Action.SIGNED, user, f"Signed as {Party(party).label.lower()}")
    if agreement.is_fully_signed:
        _put_in_force(agreement=agreement, actor=user)
    return agreement


def _put_in_force(*, agreement: Agreement, actor: User) -> None:
    previous = Agreement.objects.select_for_update().filter(
        agency_id=agreement.agency_id, series_id=agreement.series_id, status__in=IN_FORCE
    )
    for old in previous:
        # Superseded, not ended: the grant carries over to the new version.
        old.status = AgreementStatus.SUPERSEDED
        old.ended_on = timezone.localdate()
        old.save(update_fields=["status", "ended_on", "updated_at"])
        _event(old, Action.SUPERSEDED, actor, f"Replaced by version {agreement.version}")
    try:
        with transaction.atomic():
            activate_agreement(agreement=agreement, actor=actor)
    except IntegrityError as exc:
        raise ValidationError(
            "These two people already have another agreement in force: end it first",
            code="second_active",
        ) from exc
    if agreement.review_date <= timezone.localdate():
        mark_reviews_due(today=timezone.localdate(), agreements=[agreement.pk])


@transaction.atomic
def start_new_version(*, agreement: Agreement, user: User, version: int) -> Agreement:
    """Change an agreement that has been sent for signatures or is in force: a new draft
    version with the same content, which both parties must sign again. An unsigned
    version waiting for signatures is superseded at once (nobody can sign it any more);
    a version in force stays in force until the new one is signed by both."""
    agreement = _locked(agreement)
    if version != agreement.version:
        raise ValidationError(STALE_PAGE, code="stale")
    if agreement.status == AgreementStatus.DRAFT:
        return agreement
    if agreement.status not in (AgreementStatus.AWAITING_SIGNATURES, *IN_FORCE):
        raise ValidationError("An agreement that has ended cannot be changed", code="ended")
    pending = Agreement.objects.filter(
        agency_id=agreement.agency_id,
        series_id=agreement.series_id,
        version__gt=agreement.version,
        status__in=PENDING,
    ).first()
    if pending is not None:
        return pending
    latest = (
        Agreement.objects.filter(agency_id=agreement.agency_id, series_id=agreement.series_id)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    if latest != agreement.version:
        raise ValidationError(STALE_PAGE, code="stale")
    if agreement.status == AgreementStatus.AWAITING_SIGNATURES:
        agreement.status = AgreementStatus.SUPERSEDED
        agreement.save(update_fields=["status", "updated_at"])
        _event(agreement, Action.SUPERSEDED, user, f"Replaced by version {agreement.version + 1}")
    successor = Agreement(
        agency_id=agreement.agency_id,
        supervisor_id=agreement.supervisor_id,
        supervisee_id=agreement.supervisee_id,
        series_id=agreement.series_id,
        version=agreement.version + 1,
        template=agreement.template,
        created_by=user,
        status=AgreementStatus.DRAFT,
        **{name: getattr(agreement, name) for name in (*TERM_FIELDS, *CONTENT_FIELDS)},
    )
    successor.save()
    _event(successor, Action.NEW_VERSION, user, f"Changes version {agreement.version}")
    return successor


@transaction.atomic
def mark_reviews_due(*, today: date, agreements: list | None = None) -> int:
    """Active agreements whose date of review has come become "review due" (still in
    force). Set-based and idempotent: a second run on the same day changes nothing."""
    due = Agreement.objects.filter(status=AgreementStatus.ACTIVE, review_date__lte=today)
    if agreements is not None:
        due = due.filter(pk__in=agreements)
    rows = list(due.select_for_update().values_list("pk", "agency_id"))
    if not rows:
        return 0
    Agreement.objects.filter(pk__in=[pk for pk, _a in rows]).update(
        status=AgreementStatus.REVIEW_DUE, updated_at=timezone.now()
    )
    AgreementEvent.objects.bulk_create(
        AgreementEvent(agency_id=agency_id, agreement_id=pk, action=Action.REVIEW_DUE)
        for pk, agency_id in rows
    )
    return len(rows)


# --- Training records (seed 000 standard vii) ---------------------------------------------


@transaction.atomic
def record_training(
    *,
    agency: Agency,
    supervisor: User,
    recorded_by: User,
    course: str,
    provider: str,
    completed_on: date,
    evidence: UploadedFile | None = None,
) -> TrainingRecord:
    """Record a supervisor's completed supervision training, with optional evidence (a
    certificate: PDF, Word or an image, checked by type and content, at most 10 MB)."""
    errors: dict[str, str] = {}
    if completed_on > timezone.localdate():
        errors["completed_on"] = "The completion date must be today or in the past"
    if not (
        Membership.objects.active()
        .filter(agency=agency, user=supervisor)
        .with_role(Role.SUPERVISOR)
        .exists()
    ):
        errors["supervisor"] = f"Choose a supervisor of {agency.name}"
    checked = None
    if evidence is not None:
        try:
            checked = uploads.check_upload(evidence, kinds=uploads.DOCUMENTS_OR_IMAGES)
        except ValidationError as exc:
            errors["evidence"] = exc.messages[0]
    if errors:
        raise ValidationError(errors)
    record = TrainingRecord(
        agency=agency,
        supervisor=supervisor,
        course=course.strip(),
        provider=provider.strip(),
        completed_on=completed_on,
        recorded_by=recorded_by,
    )
    if checked is not None:
        record.evidence_filename = checked.original_filename
        record.evidence_content_type = checked.content_type
        record.evidence.save(checked.original_filename, evidence, save=False)
    record.save()
    return record


def log_agreement_access(*, agreement: Agreement, user: User, kind: str) -> None:
    """A PDF or printable copy of an agreement: one event in the access log."""
    audit_services.log_access(
        user=user,
        kind=kind,
        label=f"Supervision agreement, version {agreement.version}, of {agreement.supervisee}",
        agency_id=agreement.agency_id,
        obj=agreement,
        subjects=[agreement.supervisee_id, agreement.supervisor_id],
    )
