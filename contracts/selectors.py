"""Scoped reads of agreements, of who supervises whom and of supervisor training.

Who sees an agreement: its two parties and the safeguarding lead(s) of its agency. Anyone
else gets 404, the same as for an agreement that does not exist (STYLE.md habit 10).
"""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from agencies.models import Agency, Membership, Role, User
from agencies.selectors import require_agency_role, standards_for

from .models import (
    IN_FORCE,
    SUPERVISE,
    Agreement,
    AgreementStatus,
    CompetenceStatus,
    MembershipUserObjectPermission,
    TrainingRecord,
    competence_status,
)


def supervisee_memberships_of(user: User) -> QuerySet[Membership]:
    """Memberships the user supervises now (granted by an agreement in force)."""
    granted = MembershipUserObjectPermission.objects.filter(
        user=user, permission__codename=SUPERVISE
    ).values("content_object_id")
    return (
        Membership.objects.active()
        .filter(id__in=granted)
        .select_related("user", "agency", "team")
        .order_by("user__full_name")
    )


def can_supervise(user: User, membership: Membership) -> bool:
    return MembershipUserObjectPermission.objects.filter(
        user=user, permission__codename=SUPERVISE, content_object=membership
    ).exists()


def is_lead_of(user: User, agency_id: UUID) -> bool:
    return (
        Membership.objects.active()
        .filter(user=user, agency_id=agency_id)
        .with_role(Role.SAFEGUARDING_LEAD)
        .exists()
    )


# --- Competence -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Competence:
    status: str
    expires_on: date | None

    @property
    def label(self) -> str:
        return CompetenceStatus(self.status).label

    @property
    def is_in_date(self) -> bool:
        return self.status in (CompetenceStatus.VALID, CompetenceStatus.EXPIRING)


def _latest_expiry_subquery(user_ref: str = "user"):
    return Subquery(
        TrainingRecord.objects.filter(supervisor=OuterRef(user_ref))
        .with_expiry()
        .order_by("-expires_on")
        .values("expires_on")[:1]
    )


def competence_of(user: User, *, today: date | None = None) -> Competence:
    """The supervisor's training status from their most recent record (seed 000 vii)."""
    expires_on = (
        TrainingRecord.objects.filter(supervisor=user)
        .with_expiry()
        .order_by("-expires_on")
        .values_list("expires_on", flat=True)
        .first()
    )
    return Competence(competence_status(expires_on, today), expires_on)


def training_expiry_by_supervisor(agency: Agency) -> dict[UUID, date | None]:
    """For every current supervisor of the agency, when their training expires (None when
    they have none recorded). One query; for the cadence rules' lapsed-training alerts."""
    rows = (
        Membership.objects.active()
        .filter(agency=agency)
        .with_role(Role.SUPERVISOR)
        .annotate(expires_on=_latest_expiry_subquery())
        .values_list("user_id", "expires_on")
    )
    return dict(rows)


def supervisors_with_competence(membership: Membership | None) -> list[Membership]:
    """The agency's supervisors, each with `.competence`, for its safeguarding lead."""
    require_agency_role(membership, Role.SAFEGUARDING_LEAD)
    today = timezone.localdate()
    supervisors = list(
        Membership.objects.active()
        .filter(agency_id=membership.agency_id)
        .with_role(Role.SUPERVISOR)
        .select_related("user", "team")
        .annotate(
            expires_on=_latest_expiry_subquery(),
            supervisee_count=Count(
                "user__agreements_as_supervisor",
                filter=Q(user__agreements_as_supervisor__status__in=IN_FORCE),
            ),
        )
        .order_by("user__full_name")
    )
    for supervisor in supervisors:
        supervisor.competence = Competence(
            competence_status(supervisor.expires_on, today), supervisor.expires_on
        )
    return supervisors


def training_records_of(user: User) -> QuerySet[TrainingRecord]:
    """The person's own training records, newest first, with expiry."""
    return (
        TrainingRecord.objects.filter(supervisor=user)
        .with_expiry()
        .select_related("agency", "recorded_by")
        .order_by("-completed_on")
    )


def training_records_for_lead(membership: Membership | None, supervisor_id: UUID):
    """One supervisor's records in the lead's agency (404 for anyone not a supervisor of
    this agency)."""
    require_agency_role(membership, Role.SAFEGUARDING_LEAD)
    person = (
        Membership.objects.filter(agency_id=membership.agency_id, id=supervisor_id)
        .with_role(Role.SUPERVISOR)
        .select_related("user")
        .first()
    )
    if person is None:
        raise Http404
    records = training_records_of(person.user).filter(agency_id=membership.agency_id)
    return person, records


def get_training_record_for(user: User, record_id: UUID) -> TrainingRecord:
    """A training record, for the supervisor it belongs to or a lead of its agency."""
    record = TrainingRecord.objects.filter(id=record_id).select_related("agency").first()
    if record is None or not user.is_authenticated:
        raise Http404
    if record.supervisor_id != user.pk and not is_lead_of(user, record.agency_id):
        raise Http404
    return record


# --- Agreements -----------------------------------------------------------------------------


def _agreements() -> QuerySet[Agreement]:
    return Agreement.objects.select_related("agency", "supervisor", "supervisee")


def agreements_of_party(user: User) -> QuerySet[Agreement]:
    """Agreements the user is a party to (as supervisor or supervisee), in any agency.
    Superseded versions are left out: the version that replaced them is listed."""
    if not user.is_authenticated:
        return Agreement.objects.none()
    return (
        _agreements()
        .filter(Q(supervisor=user) | Q(supervisee=user))
        .exclude(status=AgreementStatus.SUPERSEDED)
        .order_by("supervisee__full_name", "-version")
    )


def get_agreement_for(user: User, agreement_id: UUID) -> Agreement:
    """One agreement version, for its parties and its agency's safeguarding leads;
    404 for anyone else (another agency, or colleagues who are not party to it)."""
    agreement = _agreements().filter(id=agreement_id).first() if user.is_authenticated else None
    if agreement is None:
        raise Http404
    if agreement.party_of(user) is None and not is_lead_of(user, agreement.agency_id):
        raise Http404
    return agreement


def can_manage_agreement(user: User, agreement: Agreement) -> bool:
    """The supervisor drafts, changes and ends; so may the agency's safeguarding lead."""
    return agreement.supervisor_id == user.pk or is_lead_of(user, agreement.agency_id)


def versions_of(agreement: Agreement) -> QuerySet[Agreement]:
    """Every version of the agreement (the caller has been given the agreement already)."""
    return Agreement.objects.filter(
        agency_id=agreement.agency_id, series_id=agreement.series_id
    ).order_by("-version")


@dataclass(frozen=True)
class SupervisorSpell:
    """One supervisor's time with a supervisee: all versions of one agreement."""

    supervisor: User
    started_on: date
    ended_on: date | None
    status: str
    status_label: str
    latest: Agreement


def supervisor_history(*, agency_id: UUID, supervisee_id: UUID) -> list[SupervisorSpell]:
    """Who has supervised this person in this agency, earliest first (seed 000 standard
    xii: SPR is ideally a continuous relationship). An agreement counts once it has been
    in force, or while it waits for signatures; drafts and withdrawn drafts do not."""
    rows = list(
        Agreement.objects.filter(agency_id=agency_id, supervisee_id=supervisee_id)
        .select_related("supervisor")
        .order_by("start_date", "version")
    )
    series: dict[UUID, list[Agreement]] = {}
    for row in rows:
        series.setdefault(row.series_id, []).append(row)
    history = []
    for versions in series.values():
        latest = max(versions, key=lambda a: a.version)
        in_force = [v for v in versions if v.activated_at is not None]
        if not in_force and latest.status != AgreementStatus.AWAITING_SIGNATURES:
            continue
        current = next((v for v in versions if v.is_in_force), latest)
        history.append(
            SupervisorSpell(
                supervisor=latest.supervisor,
                started_on=min(v.start_date for v in (in_force or versions)),
                ended_on=latest.ended_on if latest.status == AgreementStatus.ENDED else None,
                status=current.status,
                status_label=current.get_status_display(),
                latest=current,
            )
        )
    return sorted(history, key=lambda s: s.started_on)


def get_supervisee_for_history(user: User, membership_id: UUID) -> Membership:
    """A supervisee whose supervisor history the user may see: themselves, the person
    who supervises them now, or a safeguarding lead of their agency; else 404."""
    membership = (
        Membership.objects.filter(id=membership_id).select_related("user", "agency").first()
    )
    if membership is None or not user.is_authenticated:
        raise Http404
    if (
        membership.user_id == user.pk
        or can_supervise(user, membership)
        or is_lead_of(user, membership.agency_id)
    ):
        return membership
    raise Http404


@dataclass(frozen=True)
class AgreementFilters:
    statuses: tuple[str, ...] = ()
    supervisor_id: UUID | None = None
    team_id: UUID | None = None


def agreements_of_agency(
    membership: Membership | None, filters: AgreementFilters | None = None
) -> QuerySet[Agreement]:
    """The agency's agreements for its safeguarding lead, filtered by status, supervisor
    and the supervisee's team. Each row carries `supervisee_team` (its name)."""
    require_agency_role(membership, Role.SAFEGUARDING_LEAD)
    filters = filters or AgreementFilters()
    team_of_supervisee = Membership.objects.filter(
        agency_id=OuterRef("agency_id"), user_id=OuterRef("supervisee_id")
    )
    queryset = (
        _agreements()
        .filter(agency_id=membership.agency_id)
        .annotate(
            supervisee_team=Subquery(team_of_supervisee.values("team__name")[:1]),
            supervisee_team_id=Subquery(team_of_supervisee.values("team_id")[:1]),
        )
        .order_by("review_date", "supervisee__full_name", "-version")
    )
    if filters.statuses:
        queryset = queryset.filter(status__in=filters.statuses)
    if filters.supervisor_id:
        queryset = queryset.filter(supervisor_id=filters.supervisor_id)
    if filters.team_id:
        queryset = queryset.filter(supervisee_team_id=filters.team_id)
    return queryset


def status_counts(membership: Membership | None) -> dict[str, int]:
    """How many of the agency's agreements are in each status (for the lead)."""
    require_agency_role(membership, Role.SAFEGUARDING_LEAD)
    rows = (
        Agreement.objects.filter(agency_id=membership.agency_id)
        .values("status")
        .annotate(n=Count("id"))
    )
    counts = dict.fromkeys(AgreementStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def supervisors_of_agency(membership: Membership) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(agency_id=membership.agency_id)
        .with_role(Role.SUPERVISOR)
        .select_related("user")
        .order_by("user__full_name")
    )


# --- Choices for the "start an agreement" form ---------------------------------------------


def can_draft_agreements(membership: Membership | None) -> bool:
    return membership is not None and (
        membership.has_role(Role.SUPERVISOR) or membership.has_role(Role.SAFEGUARDING_LEAD)
    )


def require_drafter(membership: Membership | None) -> Membership:
    if not can_draft_agreements(membership):
        raise PermissionDenied("Only supervisors and safeguarding leads draft agreements.")
    return membership


def supervisee_choices(membership: Membership) -> QuerySet[Membership]:
    """Practitioners of the agency the drafter works in."""
    return (
        Membership.objects.active()
        .filter(agency_id=membership.agency_id)
        .with_role(Role.PRACTITIONER)
        .select_related("user", "team")
        .order_by("user__full_name")
    )


def supervisors_of_partnership(membership: Membership) -> QuerySet[Membership]:
    """Every current supervisor of the drafter's partnership: what a lead's choice of
    supervisor is validated against, so that a supervisor of another agency gets its own
    message from the service. Only `supervisor_choices` are shown."""
    return (
        Membership.objects.active()
        .filter(agency__partnership_id=membership.agency.partnership_id)
        .with_role(Role.SUPERVISOR)
        .select_related("user", "agency")
    )


def minimum_frequency_weeks(agreement: Agreement) -> int:
    """The least frequent supervision the agency allows for this agreement's supervisee."""
    standards = standards_for(agreement.agency)
    membership = Membership.objects.filter(
        agency_id=agreement.agency_id, user_id=agreement.supervisee_id
    ).first()
    if membership is None:
        return standards.direct_contact_frequency_weeks
    return standards.frequency_weeks_for(membership, agreement.start_date)


def supervisor_choices(membership: Membership) -> QuerySet[Membership]:
    """Supervisors a lead may choose: the agency's own, and those of the partnership's
    other agencies when the agency's standards allow supervisors from other agencies."""
    agency = membership.agency
    scope = Q(agency_id=agency.id)
    if standards_for(agency).supervisors_from_other_agencies_allowed:
        scope = Q(agency__partnership_id=agency.partnership_id)
    return (
        Membership.objects.active()
        .filter(scope)
        .with_role(Role.SUPERVISOR)
        .select_related("user", "agency")
        .order_by("user__full_name", "agency__name")
    )
