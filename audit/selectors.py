"""Scoped reads of the access log and the change history (STYLE: every view reads here).

The safeguarding lead sees their own agency's log and history; every person sees who has
read records about them, and nothing else of the log.
"""

from django.db.models import QuerySet

from agencies.models import Membership, Role, User
from agencies.selectors import people_of_agency, require_agency_role

from .history import Timeline
from .models import AccessEvent, AccessKind


def require_lead(membership: Membership | None) -> Membership:
    return require_agency_role(membership, Role.SAFEGUARDING_LEAD)


def people_for_filter(membership: Membership) -> list[Membership]:
    return list(people_of_agency(require_lead(membership)))


def access_log_of_agency(membership: Membership | None, filters: dict) -> QuerySet[AccessEvent]:
    """The agency's access events, newest first, filtered by person, kind and dates."""
    lead = require_lead(membership)
    events = AccessEvent.objects.filter(agency_id=lead.agency_id).select_related("user")
    if filters.get("person"):
        events = events.filter(user_id=filters["person"])
    if filters.get("kind"):
        events = events.filter(kind=filters["kind"])
    if filters.get("start"):
        events = events.filter(at__date__gte=filters["start"])
    if filters.get("end"):
        events = events.filter(at__date__lte=filters["end"])
    return events.order_by("-at", "-id")


def history_of_agency(membership: Membership | None, filters: dict) -> Timeline:
    lead = require_lead(membership)
    return Timeline(
        lead.agency_id,
        what=filters.get("what", ""),
        start=filters.get("start"),
        end=filters.get("end"),
    )


# Security actions about a person that are not reads of their records: shown on their
# "Sign-in security" page instead (two_factor_changes_about).
NOT_READS = (AccessKind.LEGAL_HOLD, AccessKind.TWO_FACTOR)


def views_of_records_about(user: User) -> QuerySet[AccessEvent]:
    """Who else has read, printed or exported records about this person."""
    if not user.is_authenticated:
        return AccessEvent.objects.none()
    return (
        AccessEvent.objects.filter(subject_ids__contains=[user.pk])
        .exclude(user=user)
        .exclude(kind__in=NOT_READS)
        .select_related("user", "agency")
        .order_by("-at", "-id")
    )


def two_factor_changes_about(user: User) -> QuerySet[AccessEvent]:
    """Changes to this person's two-factor sign-in, by them or by an admin, newest first."""
    if not user.is_authenticated:
        return AccessEvent.objects.none()
    return (
        AccessEvent.objects.filter(subject_ids__contains=[user.pk], kind=AccessKind.TWO_FACTOR)
        .select_related("user")
        .order_by("-at", "-id")
    )
