"""Scoped reads of cases: every view lists or opens a case through these functions.

Who sees which cases (DESIGN.md, People and what they do):
- a practitioner sees the cases allocated to them;
- a supervisor sees the cases allocated to the people they supervise (an agreement in force);
- the safeguarding lead sees every case of the agency.
Another agency's case, or one of one's own agency that one may not see, answers 404.
"""

from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404

from agencies.models import Membership, Role, User
from agencies.selectors import require_agency_role
from contracts.selectors import supervisee_memberships_of

from .models import Case, CaseCategoryChange, CaseImport

CASE_ROLES = (Role.PRACTITIONER, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD)
IMPORT_ROLES = (Role.SAFEGUARDING_LEAD, Role.AGENCY_ADMIN)


def supervisee_user_ids(user: User, membership: Membership) -> QuerySet:
    """Ids of the users `user` supervises in the membership's agency (a subquery)."""
    return supervisee_memberships_of(user).filter(agency_id=membership.agency_id).values("user_id")


def _visibility(user: User, membership: Membership) -> Q:
    if membership.has_role(Role.SAFEGUARDING_LEAD):
        return Q()
    rule = Q(pk__in=[])
    if membership.has_role(Role.PRACTITIONER) or membership.has_role(Role.SUPERVISOR):
        rule |= Q(allocated_practitioner=user)
    if membership.has_role(Role.SUPERVISOR):
        rule |= Q(allocated_practitioner__in=supervisee_user_ids(user, membership))
    return rule


def cases_visible_to(user: User, membership: Membership | None) -> QuerySet[Case]:
    """The cases of the membership's agency that the user may see (403 without a case role)."""
    require_agency_role(membership, *CASE_ROLES)
    return (
        Case.objects.filter(agency_id=membership.agency_id)
        .filter(_visibility(user, membership))
        .select_related("allocated_practitioner")
    )


def get_case_for(user: User, membership: Membership | None, case_id: UUID) -> Case:
    """One case the user may see, or 404 (a missing case and another's look the same)."""
    if membership is None:
        raise Http404
    try:
        return cases_visible_to(user, membership).get(id=case_id)
    except Case.DoesNotExist as exc:
        raise Http404 from exc


def can_edit_case(user: User, membership: Membership, case: Case) -> bool:
    """The lead edits any case of the agency; a supervisor those of their supervisees."""
    if case.agency_id != membership.agency_id:
        return False
    if membership.has_role(Role.SAFEGUARDING_LEAD):
        return True
    return (
        membership.has_role(Role.SUPERVISOR)
        and case.allocated_practitioner_id is not None
        and supervisee_user_ids(user, membership)
        .filter(user_id=case.allocated_practitioner_id)
        .exists()
    )


def category_history(case: Case) -> QuerySet[CaseCategoryChange]:
    """A case's category changes, newest first (the caller has already opened the case)."""
    return CaseCategoryChange.objects.filter(agency_id=case.agency_id, case=case).select_related(
        "changed_by"
    )


def practitioners_of_agency(membership: Membership) -> QuerySet[User]:
    """People a case can be allocated to: current practitioners of the agency."""
    return User.objects.filter(
        memberships__in=Membership.objects.active()
        .filter(agency_id=membership.agency_id)
        .with_role(Role.PRACTITIONER)
    ).order_by("full_name")


def practitioners_visible_to(user: User, membership: Membership) -> QuerySet[User]:
    """Practitioners whose cases the user may allocate: all of them for the lead, the
    supervisees for a supervisor."""
    people = practitioners_of_agency(membership)
    if membership.has_role(Role.SAFEGUARDING_LEAD):
        return people
    return people.filter(id__in=supervisee_user_ids(user, membership))


def get_case_import_for(user: User, membership: Membership | None, import_id: UUID) -> CaseImport:
    """An import of the user's agency (lead or agency admin), or 404."""
    if membership is None:
        raise Http404
    try:
        case_import = CaseImport.objects.get(id=import_id, agency_id=membership.agency_id)
    except CaseImport.DoesNotExist as exc:
        raise Http404 from exc
    require_agency_role(membership, *IMPORT_ROLES)
    return case_import
