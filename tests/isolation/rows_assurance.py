"""Isolation rows for the assurance pages (every URL in assurance/urls.py).

- The compliance dashboard and its lists: the safeguarding lead of agency A. Another
  agency's lead sees their own agency's figures (200) and none of A's: the marker is A's
  name, or the name of A's practitioner on a list.
- The board's dashboard: P1's board member. P2's partnership admin sees P2's board, never
  A's name. The thresholds: P1's partnership admin. Reports: P1's board member only (P1's
  partnership admin gets 403); a report of P1 answers 404 outside P1.
"""

from django.core.files.base import ContentFile
from django.utils import timezone

from assurance.models import AssuranceReport, ReportStatus
from assurance.periods import current_quarter
from tests.isolation.matrix import Row

AGENCY_PEOPLE = ("B.lead", "C.lead", "C.admin")


def extend_world(world) -> None:
    """A finished report of P1 (with small stand-in files: the download only streams them)."""
    period = current_quarter(timezone.localdate())
    report = AssuranceReport.objects.create(
        partnership=world.agencies["A"].partnership,
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        as_at=period.as_at,
        period_label=period.label,
        requested_by=world.people["P1.board"],
        requested_at=timezone.now(),
        status=ReportStatus.DONE,
        progress=100,
        stage="Ready",
        finished_at=timezone.now(),
    )
    report.pdf.save("p1-report.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    report.csv.save("p1-report.csv", ContentFile(b"Period\n"), save=False)
    report.xlsx.save("p1-report.xlsx", ContentFile(b"PK"), save=False)
    report.save()
    world.objects["P1.assurance_report"] = report


def _report(w) -> str:
    return f"/assurance/partnership/reports/{w.objects['P1.assurance_report'].id}/"


def _practitioner_a(w) -> str:
    return w.people["A.practitioner"].full_name


def _caption_a(w) -> str:
    """Agency A's name as the page's caption (the header names the signed-in agency)."""
    return 'govuk-caption-l">Agency A<'


ROWS = [
    Row(
        "assurance dashboard",
        url=lambda w: "/assurance/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=("B.lead", "C.lead"),
        marker=_caption_a,
    ),
    Row(
        "assurance list",
        url=lambda w: "/assurance/lists/coverage/",
        owner="A.lead",
        wrong_role="A.admin",
        outsiders=("B.lead", "C.lead"),
        marker=_practitioner_a,
    ),
    Row(
        "assurance list of escalations",
        url=lambda w: "/assurance/lists/escalations/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=("B.lead", "C.lead"),
        marker=_caption_a,
    ),
    Row(
        "assurance list csv",
        url=lambda w: "/assurance/lists/coverage/download.csv",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=("B.lead", "C.lead"),
        marker=_practitioner_a,
    ),
    Row(
        "assurance board dashboard",
        url=lambda w: "/assurance/partnership/",
        owner="P1.board",
        wrong_role="A.lead",
        outsiders=("P2.admin", *AGENCY_PEOPLE),
        marker=lambda w: '">Agency A</th>',
    ),
    Row(
        "assurance thresholds",
        url=lambda w: "/assurance/partnership/thresholds/",
        owner="P1.admin",
        wrong_role="P1.board",
        outsiders=("P2.admin", *AGENCY_PEOPLE),
        marker=lambda w: f'govuk-caption-l">{w.agencies["A"].partnership.name}<',
    ),
    Row(
        "assurance reports",
        url=lambda w: "/assurance/partnership/reports/",
        owner="P1.board",
        wrong_role="P1.admin",
        outsiders=("P2.admin", *AGENCY_PEOPLE),
        marker=_report,
    ),
    Row(
        "assurance report",
        url=_report,
        owner="P1.board",
        wrong_role="P1.admin",
        outsiders=("P2.admin", "A.lead", *AGENCY_PEOPLE),
    ),
    Row(
        "assurance report status",
        url=lambda w: _report(w) + "status/",
        owner="P1.board",
        wrong_role="P1.admin",
        outsiders=("P2.admin", "A.lead", *AGENCY_PEOPLE),
    ),
    *[
        Row(
            f"assurance report download {fmt}",
            url=lambda w, fmt=fmt: _report(w) + f"download/{fmt}/",
            owner="P1.board",
            wrong_role="P1.admin",
            outsiders=("P2.admin", "A.lead", *AGENCY_PEOPLE),
        )
        for fmt in ("pdf", "xlsx", "csv")
    ],
]
