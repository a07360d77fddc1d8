"""The scoping layer for the tenant tree: every view reads people, teams and agencies here.

Rules (DESIGN.md, Tenancy; STYLE.md habit 10):
- an object of an agency the user does not belong to answers 404, like a missing one;
- inside the user's own agency, lacking the role answers 403.
"""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import Http404

from .models import (
    Agency,
    AgencyPolicy,
    Membership,
    MinimumStandards,
    Partnership,
    PartnershipMembership,
    PartnershipRole,
    Role,
    Team,
    User,
)


def memberships_of(user: User) -> QuerySet[Membership]:
    """The user's current memberships, with agency and partnership loaded."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.active()
        .filter(user=user)
        .select_related("agency__partnership", "team")
        .order_by("agency__name")
    )


def partnership_memberships_of(user: User) -> QuerySet[PartnershipMembership]:
    if not user.is_authenticated:
        return PartnershipMembership.objects.none()
    return (
        PartnershipMembership.objects.filter(user=user)
        .exclude(roles=[])
        .select_related("partnership")
        .order_by("partnership__name")
    )


def require_agency_role(membership: Membership | None, *roles: str) -> Membership:
    """The membership, if it holds one of `roles`; else 403 (the user is inside the agency)."""
    if membership is None or not any(membership.has_role(r) for r in roles):
        raise PermissionDenied("You do not have the role this page needs.")
    return membership


def require_partnership_role(
    partnership_membership: PartnershipMembership | None, *roles: str
) -> PartnershipMembership:
    if partnership_membership is None or not any(partnership_membership.has_role(r) for r in roles):
        raise PermissionDenied("You do not have the partnership role this page needs.")
    return partnership_membership


def people_of_agency(membership: Membership) -> QuerySet[Membership]:
    """Everyone in the membership's agency (agency admins and safeguarding leads)."""
    require_agency_role(membership, Role.AGENCY_ADMIN, Role.SAFEGUARDING_LEAD)
    return (
        Membership.objects.filter(agency_id=membership.agency_id)
        .select_related("user", "team")
        .order_by("ended_on", "user__full_name")
    )


def get_person_for_admin(membership: Membership | None, membership_id: UUID) -> Membership:
    """One membership of the admin's agency: 404 across agencies, 403 without the role."""
    if membership is None:
        raise Http404
    try:
        person = Membership.objects.select_related("user", "team", "agency").get(
            id=membership_id, agency_id=membership.agency_id
        )
    except Membership.DoesNotExist as exc:
        raise Http404 from exc
    require_agency_role(membership, Role.AGENCY_ADMIN)
    return person


def teams_of_agency(membership: Membership) -> QuerySet[Team]:
    require_agency_role(membership, Role.AGENCY_ADMIN, Role.SAFEGUARDING_LEAD)
    return Team.objects.filter(agency_id=membership.agency_id).annotate(
        member_count=Count("memberships")
    )


def agencies_of_partnership(
    partnership_membership: PartnershipMembership | None,
) -> QuerySet[Agency]:
    """The partnership's agencies, for its admins and board members."""
    require_partnership_role(
        partnership_membership, PartnershipRole.PARTNERSHIP_ADMIN, PartnershipRole.BOARD_MEMBER
    )
    return Agency.objects.filter(partnership_id=partnership_membership.partnership_id).annotate(
        team_count=Count("teams", distinct=True)
    )


def agency_admins_of_partnership(partnership: Partnership) -> QuerySet[Membership]:
    return (
        Membership.objects.active()
        .filter(agency__partnership=partnership)
        .with_role(Role.AGENCY_ADMIN)
        .select_related("user")
    )


def practitioner_counts_by_agency(partnership: Partnership) -> dict[UUID, int]:
    """Number of active practitioners per agency: an aggregate, safe for board members."""
    rows = (
        Membership.objects.active()
        .filter(agency__partnership=partnership)
        .with_role(Role.PRACTITIONER)
        .values("agency_id")
        .annotate(n=Count("id"))
    )
    return {row["agency_id"]: row["n"] for row in rows}


# --- Policy and minimum standards ---------------------------------------------------------


def standards_for(agency: Agency) -> MinimumStandards:
    """The agency's minimum standards. An agency that has not set its own gets the
    defaults, as an unsaved instance (services.ensure_standards saves them).

    This is the one place cadence rules, agreements and training read the standards from.
    """
    standards = MinimumStandards.objects.filter(agency_id=agency.id).first()
    if standards is None:
        standards = MinimumStandards(agency=agency)
    return standards


def policies_of_agency(membership: Membership | None) -> QuerySet[AgencyPolicy]:
    """Every version of the agency's written SPR policy, newest first. Anyone in the
    agency may read their own agency's policy (seed 000 standard i)."""
    if membership is None:
        raise PermissionDenied("You are not working in an agency.")
    return AgencyPolicy.objects.filter(agency_id=membership.agency_id).select_related("uploaded_by")


def get_policy_for(user: User, policy_id: UUID) -> AgencyPolicy:
    """A policy version, for a current member of its agency (any role); 404 otherwise,
    the same for another agency's policy as for a missing one."""
    if not user.is_authenticated:
        raise Http404
    try:
        return AgencyPolicy.objects.get(
            id=policy_id,
            agency__memberships__in=Membership.objects.active().filter(user=user),
        )
    except AgencyPolicy.DoesNotExist as exc:
        raise Http404 from exc
