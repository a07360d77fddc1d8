"""Scoped reads for retention: the agency's setting and the log of what was deleted.

The log is for the agency's admins and safeguarding leads (it names kinds, ids and
dates only); everyone else in the agency gets 403, and nobody sees another agency's.
Legal holds are listed for the same people; only the safeguarding lead places and lifts
them, choosing from the agency's own agreements and cases."""

from django.db.models import F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from agencies.models import Membership, Role
from agencies.selectors import require_agency_role
from contracts.models import Agreement
from supervision.models import Case

from . import services
from .models import LegalHold, RetentionLogEntry, RetentionRun

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


# --- Legal holds (the safeguarding lead places and lifts them) -------------------------

HOLD_ROLES = (Role.SAFEGUARDING_LEAD,)


def require_hold_manager(membership: Membership | None) -> Membership:
    return require_agency_role(membership, *HOLD_ROLES)


def holds_of_agency(membership: Membership) -> list[LegalHold]:
    """The agency's holds, open ones first, each with `held_label` naming what it holds."""
    reader = require_log_reader(membership)
    holds = list(
        LegalHold.objects.filter(agency_id=reader.agency_id)
        .select_related("placed_by", "lifted_by")
        .order_by(F("lifted_at").desc(nulls_first=True), "-placed_at")
    )
    agreement_ids = [h.object_id for h in holds if h.kind == LegalHold.Kind.AGREEMENT]
    case_ids = [h.object_id for h in holds if h.kind == LegalHold.Kind.CASE]
    labels = {
        a.id: agreement_label(a)
        for a in Agreement.objects.filter(
            agency_id=reader.agency_id, id__in=agreement_ids
        ).select_related("supervisor", "supervisee")
    }
    labels |= {
        c.id: case_label(c)
        for c in Case.objects.filter(agency_id=reader.agency_id, id__in=case_ids)
    }
    for hold in holds:
        hold.held_label = labels.get(hold.object_id, "No longer held (deleted)")
    return holds


def open_hold(membership: Membership, hold_id) -> LegalHold:
    """One open hold of the lead's agency, or 404."""
    lead = require_hold_manager(membership)
    return get_object_or_404(
        LegalHold, id=hold_id, agency_id=lead.agency_id, lifted_at__isnull=True
    )


def agreement_label(agreement: Agreement) -> str:
    return (
        f"Agreement: {agreement.supervisee.full_name} supervised by "
        f"{agreement.supervisor.full_name}, from {agreement.start_date:%-d %B %Y} "
        f"({agreement.get_status_display().lower()})"
    )


def case_label(case: Case) -> str:
    return f"Case {case.reference}: {case.get_category_display()}"


def holdable_choices(membership: Membership) -> list[tuple[str, str]]:
    """What the lead can put on hold: each agreement series (named by its latest version)
    and each case of the agency that is not on hold already. Values are "kind:id"."""
    lead = require_hold_manager(membership)
    held = LegalHold.objects.filter(agency_id=lead.agency_id, lifted_at__isnull=True)
    held_ids = set(held.values_list("object_id", flat=True))
    held_series = set(
        Agreement.objects.filter(agency_id=lead.agency_id, id__in=held_ids).values_list(
            "series_id", flat=True
        )
    )
    latest = (
        Agreement.objects.filter(agency_id=lead.agency_id)
        .exclude(series_id__in=held_series)
        .select_related("supervisor", "supervisee")
        .order_by("series_id", "-version")
        .distinct("series_id")
    )
    agreements = sorted(latest, key=lambda a: (a.supervisee.full_name, a.start_date))
    cases = Case.objects.filter(agency_id=lead.agency_id).exclude(id__in=held_ids)
    return [(f"{LegalHold.Kind.AGREEMENT}:{a.id}", agreement_label(a)) for a in agreements] + [
        (f"{LegalHold.Kind.CASE}:{c.id}", case_label(c)) for c in cases.order_by("reference")
    ]
