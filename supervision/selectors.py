"""Scoped reads of cases: every view lists or opens a case through these functions.

Who sees which cases (DESIGN.md, People and what they do):
- a practitioner sees the cases allocated to them;
- a supervisor sees the cases allocated to the people they supervise (an agreement in force);
- the safeguarding lead sees every case of the agency.
Another agency's case, or one of one's own agency that one may not see, answers 404.
"""

from datetime import datetime
from uuid import UUID

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from agencies.models import Membership, Role, User
from agencies.selectors import require_agency_role
from contracts.selectors import supervisee_memberships_of

from .models import (
    Alert,
    AlertRule,
    Case,
    CaseCategoryChange,
    CaseImport,
    PlannedSession,
    PlannedSessionChange,
)

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


# --- Planned sessions and alerts ---------------------------------------------------------

SESSION_ROLES = (Role.PRACTITIONER, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD)
ALERT_ROLES = (Role.PRACTITIONER, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD)


def _party(user: User) -> Q:
    return Q(supervisor=user) | Q(supervisee=user)


def planned_sessions_of(user: User, membership: Membership | None) -> QuerySet[PlannedSession]:
    """The sessions of the membership's agency that the user takes part in (403 without a
    role that has sessions)."""
    require_agency_role(membership, *SESSION_ROLES)
    return (
        PlannedSession.objects.filter(agency_id=membership.agency_id)
        .filter(_party(user))
        .select_related("supervisor", "supervisee")
    )


def upcoming_sessions_of(
    user: User, membership: Membership | None, *, now: datetime
) -> QuerySet[PlannedSession]:
    """Sessions not yet over, soonest first, cancelled ones included (marked)."""
    return planned_sessions_of(user, membership).filter(ends_at__gte=now).order_by("starts_at")


def get_planned_session_for(
    user: User, membership: Membership | None, session_id: UUID
) -> PlannedSession:
    """A session the user takes part in, or 404 (anyone else's looks missing)."""
    if membership is None:
        raise Http404
    try:
        return (
            PlannedSession.objects.filter(agency_id=membership.agency_id)
            .filter(_party(user))
            .select_related("supervisor", "supervisee", "agency", "cancelled_by")
            .get(id=session_id)
        )
    except PlannedSession.DoesNotExist as exc:
        raise Http404 from exc


def session_changes(session: PlannedSession) -> QuerySet[PlannedSessionChange]:
    return PlannedSessionChange.objects.filter(
        agency_id=session.agency_id, session=session
    ).select_related("changed_by")


def supervisees_to_schedule(user: User, membership: Membership | None) -> QuerySet[User]:
    """The people a supervisor can book sessions with: supervisees of this agency under an
    agreement in force (403 without the supervisor role)."""
    require_agency_role(membership, Role.SUPERVISOR)
    return User.objects.filter(id__in=supervisee_user_ids(user, membership)).order_by("full_name")


def _open_alerts(membership: Membership) -> QuerySet[Alert]:
    return Alert.objects.filter(
        agency_id=membership.agency_id, cleared_at__isnull=True
    ).select_related("case", "person", "owner")


def alerts_to_act_on(user: User, membership: Membership | None) -> QuerySet[Alert]:
    """Open alerts of the agency that the user must act on: those they own and, for a
    safeguarding lead, those without an owner and those escalated to the leads."""
    require_agency_role(membership, *ALERT_ROLES)
    rule = Q(owner=user)
    if membership.has_role(Role.SAFEGUARDING_LEAD):
        rule |= Q(owner__isnull=True) | Q(escalated_at__isnull=False)
    return (
        _open_alerts(membership)
        .filter(rule)
        .order_by(F("escalated_at").desc(nulls_last=True), "due_on", "raised_at")
    )


def alerts_about(user: User, membership: Membership | None) -> QuerySet[Alert]:
    """Open alerts about the user or their cases that someone else must act on (their
    supervisor, their lead): shown to them for information."""
    require_agency_role(membership, *ALERT_ROLES)
    mine = alerts_to_act_on(user, membership).values("id")
    return _open_alerts(membership).filter(person=user).exclude(id__in=mine).order_by("due_on")


def open_alert_counts(membership: Membership | None) -> list[dict]:
    """For a safeguarding lead: open alerts of the agency by kind, with how many are
    escalated. An aggregate: one query."""
    require_agency_role(membership, Role.SAFEGUARDING_LEAD)
    rows = (
        Alert.objects.filter(agency_id=membership.agency_id, cleared_at__isnull=True)
        .values("rule")
        .annotate(total=Count("id"), escalated=Count("id", filter=Q(escalated_at__isnull=False)))
    )
    by_rule = {row["rule"]: row for row in rows}
    return [
        {"label": label, "total": by_rule[rule]["total"], "escalated": by_rule[rule]["escalated"]}
        for rule, label in AlertRule.choices
        if rule in by_rule
    ]


def alerts_for_leads(membership: Membership | None) -> QuerySet[Alert]:
    """Open alerts of the agency for its safeguarding leads: those without an owner (drift,
    unallocated cases) and those escalated (403 for anyone else)."""
    require_agency_role(membership, Role.SAFEGUARDING_LEAD)
    return (
        _open_alerts(membership)
        .filter(Q(owner__isnull=True) | Q(escalated_at__isnull=False))
        .order_by(F("escalated_at").desc(nulls_last=True), "due_on", "raised_at")
    )


def home_cadence(user: User, membership: Membership | None, *, now: datetime) -> dict:
    """What the home page shows of sessions and alerts, per role the person holds."""
    if membership is None or not any(membership.has_role(r) for r in ALERT_ROLES):
        return {}
    upcoming = list(upcoming_sessions_of(user, membership, now=now)[:10])
    owned = _open_alerts(membership).filter(owner=user).order_by("due_on", "raised_at")
    context = {
        "upcoming_as_supervisee": [s for s in upcoming if s.supervisee_id == user.id][:5],
        "upcoming_as_supervisor": [s for s in upcoming if s.supervisor_id == user.id][:5],
        "owned": list(owned[:8]),
        "owned_count": owned.count(),
        "about": list(alerts_about(user, membership)[:5]),
    }
    if membership.has_role(Role.SAFEGUARDING_LEAD):
        for_leads = alerts_for_leads(membership)
        context["for_leads"] = list(for_leads[:8])
        context["for_leads_count"] = for_leads.count()
    return context
