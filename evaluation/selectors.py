"""Scoped reads of the annual evaluation: every view reads through these functions.

Another agency's object answers 404, like a missing one; inside the agency, a person
without the role answers 403 (agencies.selectors). Personal objects (an invitation, an
observation one is not part of) answer 404 to everyone else, as guardian grants do.

No selector returns who answered: invitations are read only by their own supervisee,
and elsewhere only as counts (results.response_rate).
"""

from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from agencies.models import Membership, Role
from agencies.selectors import require_agency_role
from contracts.models import IN_FORCE, Agreement

from .models import (
    AuditItem,
    Campaign,
    FreeTextComment,
    Invitation,
    Observation,
    ObservationStatus,
    Question,
    RecordAudit,
    TrainedObserver,
    WorkforceQuarter,
)

LEAD = Role.SAFEGUARDING_LEAD


def _in_agency(membership: Membership | None, queryset: QuerySet, object_id: UUID):
    if membership is None:
        raise Http404
    try:
        return queryset.get(id=object_id, agency_id=membership.agency_id)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


# --- Campaigns ---------------------------------------------------------------------------


def campaigns_for_lead(membership: Membership | None) -> QuerySet[Campaign]:
    """The agency's campaigns, newest first, with invitation counts (never who)."""
    require_agency_role(membership, LEAD)
    return (
        Campaign.objects.filter(agency_id=membership.agency_id)
        .annotate(
            invited=Count("invitations"),
            responded=Count("invitations", filter=Q(invitations__has_responded=True)),
        )
        .order_by("-year")
    )


def get_campaign_for_lead(membership: Membership | None, campaign_id: UUID) -> Campaign:
    campaign = _in_agency(membership, Campaign.objects.select_related("agency"), campaign_id)
    require_agency_role(membership, LEAD)
    return campaign


def get_campaign_for_results(membership: Membership | None, campaign_id: UUID) -> Campaign:
    """A campaign whose agency-level results the person may read: the lead, and the
    agency's supervisors (who see figures only once it has closed)."""
    campaign = _in_agency(membership, Campaign.objects.select_related("agency"), campaign_id)
    require_agency_role(membership, LEAD, Role.SUPERVISOR)
    return campaign


def is_lead(membership: Membership | None) -> bool:
    return membership is not None and membership.has_role(LEAD)


def questions_of(campaign: Campaign) -> QuerySet[Question]:
    return Question.objects.filter(campaign=campaign).order_by("position")


def get_agency_question_for_lead(
    membership: Membership | None, campaign: Campaign, question_id: UUID
) -> Question:
    question = _in_agency(membership, Question.objects.filter(campaign=campaign), question_id)
    require_agency_role(membership, LEAD)
    return question


def get_comment_for_lead(
    membership: Membership | None, campaign: Campaign, comment_id: UUID
) -> FreeTextComment:
    comment = _in_agency(membership, FreeTextComment.objects.filter(campaign=campaign), comment_id)
    require_agency_role(membership, LEAD)
    return comment


def campaigns_for_supervisor(membership: Membership | None) -> QuerySet[Campaign]:
    """The agency's campaigns, for a supervisor choosing which year's results to see."""
    require_agency_role(membership, Role.SUPERVISOR)
    return Campaign.objects.filter(agency_id=membership.agency_id).order_by("-year")


def get_campaign_for_supervisor(membership: Membership | None, campaign_id: UUID) -> Campaign:
    campaign = _in_agency(membership, Campaign.objects.select_related("agency"), campaign_id)
    require_agency_role(membership, Role.SUPERVISOR)
    return campaign


# --- Invitations (the supervisee's own) ---------------------------------------------------


def open_invitations_of(membership: Membership | None) -> list[Invitation]:
    """The person's own invitations to campaigns open now in their agency."""
    if membership is None:
        return []
    rows = (
        Invitation.objects.filter(agency_id=membership.agency_id, supervisee_id=membership.user_id)
        .select_related("campaign", "supervisor")
        .annotate(has_draft=Count("draft"))
        .order_by("campaign__closes_on")
    )
    return [i for i in rows if i.campaign.is_open]


def get_invitation_for(membership: Membership | None, invitation_id: UUID) -> Invitation:
    """The person's own invitation; anyone else's answers 404."""
    invitation = _in_agency(
        membership,
        Invitation.objects.select_related("campaign", "supervisor", "campaign__agency"),
        invitation_id,
    )
    if invitation.supervisee_id != membership.user_id:
        raise Http404
    return invitation


# --- Observations ---------------------------------------------------------------------------


def trained_observer_of(membership: Membership | None) -> TrainedObserver | None:
    if membership is None:
        return None
    return TrainedObserver.objects.filter(
        agency_id=membership.agency_id, membership=membership
    ).first()


def observers_for_lead(membership: Membership | None) -> QuerySet[TrainedObserver]:
    require_agency_role(membership, LEAD)
    return TrainedObserver.objects.filter(agency_id=membership.agency_id).select_related(
        "membership__user"
    )


def get_observer_for_lead(membership: Membership | None, observer_id: UUID) -> TrainedObserver:
    observer = _in_agency(membership, TrainedObserver.objects.all(), observer_id)
    require_agency_role(membership, LEAD)
    return observer


def members_who_could_observe(membership: Membership) -> QuerySet[Membership]:
    """Current members of the agency not yet recorded as trained observers."""
    return (
        Membership.objects.active()
        .filter(agency_id=membership.agency_id)
        .exclude(
            id__in=TrainedObserver.objects.filter(agency_id=membership.agency_id).values(
                "membership_id"
            )
        )
        .select_related("user")
        .order_by("user__full_name")
    )


def observations_visible_to(membership: Membership | None) -> QuerySet[Observation]:
    """The lead sees the agency's observations; anyone else those they observe, or
    whose session is observed (supervisor or supervisee)."""
    if membership is None:
        return Observation.objects.none()
    rows = Observation.objects.filter(agency_id=membership.agency_id).select_related(
        "observer", "supervisor", "supervisee"
    )
    if not is_lead(membership):
        user_id = membership.user_id
        rows = rows.filter(
            Q(observer_id=user_id) | Q(supervisor_id=user_id) | Q(supervisee_id=user_id)
        )
    return rows.order_by("-planned_on", "id")


def get_observation_for(membership: Membership | None, observation_id: UUID) -> Observation:
    if membership is None:
        raise Http404
    try:
        return observations_visible_to(membership).get(id=observation_id)
    except Observation.DoesNotExist as exc:
        raise Http404 from exc


def can_read_observation_record(membership: Membership, observation: Observation) -> bool:
    """The rubric and notes: the observer, the supervisor (to improve) and the lead."""
    return is_lead(membership) or membership.user_id in (
        observation.observer_id,
        observation.supervisor_id,
    )


def observations_awaiting_answer_from(membership: Membership | None) -> QuerySet[Observation]:
    """Requests to observe a session that this person has not yet answered."""
    if membership is None:
        return Observation.objects.none()
    user_id = membership.user_id
    return (
        Observation.objects.filter(
            agency_id=membership.agency_id, status=ObservationStatus.AWAITING_CONSENT
        )
        .filter(
            Q(supervisor_id=user_id, supervisor_agreed_at__isnull=True)
            | Q(supervisee_id=user_id, supervisee_agreed_at__isnull=True)
        )
        .select_related("observer", "supervisor", "supervisee")
    )


def agreements_to_observe(membership: Membership) -> QuerySet[Agreement]:
    """Agreements in force in the agency that this observer is not a party to."""
    return (
        Agreement.objects.filter(agency_id=membership.agency_id, status__in=IN_FORCE)
        .exclude(supervisor_id=membership.user_id)
        .exclude(supervisee_id=membership.user_id)
        .select_related("supervisor", "supervisee")
        .order_by("supervisor__full_name", "supervisee__full_name")
    )


def recorded_observations_of_supervisor(membership: Membership) -> QuerySet[Observation]:
    return Observation.objects.filter(
        agency_id=membership.agency_id,
        supervisor_id=membership.user_id,
        status=ObservationStatus.RECORDED,
    ).select_related("observer", "supervisee")


# --- Record quality audit --------------------------------------------------------------------


def audits_for_lead(membership: Membership | None) -> QuerySet[RecordAudit]:
    require_agency_role(membership, LEAD)
    return (
        RecordAudit.objects.filter(agency_id=membership.agency_id)
        .select_related("drawn_by")
        .annotate(
            sampled=Count("items"),
            scored=Count("items", filter=Q(items__scored_at__isnull=False)),
        )
    )


def get_audit_for_lead(membership: Membership | None, audit_id: UUID) -> RecordAudit:
    audit = _in_agency(membership, RecordAudit.objects.all(), audit_id)
    require_agency_role(membership, LEAD)
    return audit


def items_of_audit(audit: RecordAudit) -> QuerySet[AuditItem]:
    return AuditItem.objects.filter(audit=audit).select_related("supervisor", "scored_by")


def get_audit_item_for_lead(membership: Membership | None, item_id: UUID) -> AuditItem:
    item = _in_agency(membership, AuditItem.objects.select_related("audit", "supervisor"), item_id)
    require_agency_role(membership, LEAD)
    return item


def audit_feedback_for_supervisor(membership: Membership | None) -> QuerySet[AuditItem]:
    """Scored audit items of the supervisor's own records, with the auditor's comment."""
    require_agency_role(membership, Role.SUPERVISOR)
    return (
        AuditItem.objects.filter(
            agency_id=membership.agency_id,
            supervisor_id=membership.user_id,
            scored_at__isnull=False,
        )
        .select_related("scored_by")
        .order_by("-scored_at")
    )


# --- Workforce -------------------------------------------------------------------------------


def workforce_for_admin(membership: Membership | None) -> QuerySet[WorkforceQuarter]:
    require_agency_role(membership, Role.AGENCY_ADMIN)
    return WorkforceQuarter.objects.filter(agency_id=membership.agency_id).select_related(
        "entered_by"
    )


def require_lead(membership: Membership | None) -> Membership:
    return require_agency_role(membership, LEAD)
