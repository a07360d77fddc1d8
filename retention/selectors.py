"""Scoped reads for retention: the agency's setting and the log of what was deleted.

The log is for the agency's admins and safeguarding leads (it names kinds, ids and
dates only); everyone else in the agency gets 403, and nobody sees another agency's."""

from django.db.models import Prefetch, QuerySet

from agencies.models import Membership, Role
from agencies.selectors import require_agency_role

from . import services
from .models import RetentionLogEntry, RetentionRun

LOG_ROLES = (Role.AGENCY_ADMIN, Role.SAFEGUARDING_LEAD)


def require_log_reader(membership: Membership | None) -> Membership:
    return require_agency_role(membership, *LOG_ROLES)


def require_retention_editor(membership: Membership | None) -> Membership:
    return require_agency_role(membership, Role.AGENCY_ADMIN)


def retention_years_for(membership: Membership) -> int:
    return services.retention_years(membership.agency)


def recent_runs(membership: Membership, *, limit: int = 30) -> QuerySet[RetentionRun]:
    """The agency's latest runs, newest first, each with what it deleted."""
    reader = require_log_reader(membership)
    return RetentionRun.objects.filter(agency_id=reader.agency_id).prefetch_related(
        Prefetch(
            "entries",
            queryset=RetentionLogEntry.objects.filter(agency_id=reader.agency_id).order_by(
                "kind", "ended_on", "id"
            ),
        )
    )[:limit]
