"""Scoped reads for assurance.

- The compliance dashboard and the lists behind it: the safeguarding lead of the agency
  being worked in (403 for anyone else in the agency), and only that agency's rows.
- The board's dashboard: board members and partnership admins of the partnership; its
  reports: board members; its thresholds: partnership admins. A report of another
  partnership answers 404, the same as a missing one.
"""

from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from agencies.models import (
    Agency,
    Membership,
    Partnership,
    PartnershipMembership,
    PartnershipRole,
    Role,
    Team,
)
from agencies.selectors import require_agency_role, require_partnership_role

from .catalogue import RATED
from .models import AssuranceReport, ReportDownload, Threshold
from .presentation import Thresholds


def require_lead(membership: Membership | None) -> Membership:
    return require_agency_role(membership, Role.SAFEGUARDING_LEAD)


def require_board(pm: PartnershipMembership | None) -> PartnershipMembership:
    """Board members and partnership admins see the partnership's aggregate figures."""
    return require_partnership_role(
        pm, PartnershipRole.BOARD_MEMBER, PartnershipRole.PARTNERSHIP_ADMIN
    )


def require_board_member(pm: PartnershipMembership | None) -> PartnershipMembership:
    return require_partnership_role(pm, PartnershipRole.BOARD_MEMBER)


def require_partnership_admin(pm: PartnershipMembership | None) -> PartnershipMembership:
    return require_partnership_role(pm, PartnershipRole.PARTNERSHIP_ADMIN)


def teams_of(membership: Membership) -> QuerySet[Team]:
    return Team.objects.filter(agency_id=membership.agency_id).order_by("name")


def agencies_of(partnership: Partnership) -> list[Agency]:
    return list(Agency.objects.filter(partnership=partnership).order_by("name"))


def thresholds_for(partnership_id: UUID) -> Thresholds:
    """The partnership's thresholds, with the defaults for any it has not set (one query)."""
    saved = {
        t.indicator: (t.target, t.minimum)
        for t in Threshold.objects.filter(partnership_id=partnership_id)
    }
    values = {i.code: saved.get(i.code, (i.target, i.minimum)) for i in RATED}
    return Thresholds(values=values, is_default={i.code: i.code not in saved for i in RATED})


def reports_of(pm: PartnershipMembership | None) -> QuerySet[AssuranceReport]:
    pm = require_board_member(pm)
    return (
        AssuranceReport.objects.filter(partnership_id=pm.partnership_id)
        .select_related("requested_by")
        .order_by("-requested_at")
    )


def get_report_for(pm: PartnershipMembership | None, report_id: UUID) -> AssuranceReport:
    """A report of the person's partnership: 404 for anyone outside it (the same as for a
    report that does not exist), 403 inside it without the board member role."""
    if pm is None:
        raise Http404
    report = (
        AssuranceReport.objects.filter(id=report_id, partnership_id=pm.partnership_id)
        .select_related("requested_by", "partnership")
        .first()
    )
    if report is None:
        raise Http404
    require_board_member(pm)
    return report


def download_counts(reports: list[AssuranceReport]) -> dict[UUID, int]:
    from django.db.models import Count

    rows = (
        ReportDownload.objects.filter(report__in=[r.id for r in reports])
        .values("report_id")
        .annotate(n=Count("id"))
    )
    return {row["report_id"]: row["n"] for row in rows}
