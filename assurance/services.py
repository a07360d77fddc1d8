"""Every write of the assurance app: thresholds, snapshots of the board's figures, the
statutory meetings seen on cases, reports and the log of downloads and exports."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from agencies.models import Agency, Membership, Partnership, User
from audit import services as audit_services
from audit.models import AccessKind

from . import indicators, periods
from .catalogue import BY_CODE
from .models import (
    AssuranceReport,
    ListExport,
    ReportDownload,
    ReportFormat,
    ReportStatus,
    Snapshot,
    Threshold,
)
from .periods import Period

log = logging.getLogger(__name__)

# A report claimed this long ago and still running was left by a worker that died.
STALE_AFTER = timedelta(minutes=15)
TREND_QUARTERS = 4


# --- Thresholds ------------------------------------------------------------------------------


@transaction.atomic
def save_thresholds(
    *, partnership: Partnership, by: User, values: dict[str, tuple[int, int]]
) -> None:
    """The partnership's target and minimum for each rated indicator. Where higher is
    better the target may not be below the minimum; where lower is better, not above."""
    errors = {}
    for code, (target, minimum) in values.items():
        indicator = BY_CODE[code]
        if not indicator.rated:
            raise ValidationError(f"{indicator.title} is not rated against thresholds")
        for name, value in (("target", target), ("minimum", minimum)):
            if not 0 <= value <= 100:
                errors[f"{code}_{name}"] = "Enter a whole percentage from 0 to 100"
        if indicator.higher_is_better and target < minimum:
            errors[f"{code}_target"] = "The target must be at least the minimum"
        if not indicator.higher_is_better and target > minimum:
            errors[f"{code}_target"] = (
                "Lower is better here: the target must be at most the highest acceptable"
            )
    if errors:
        raise ValidationError(errors)
    for code, (target, minimum) in values.items():
        Threshold.objects.update_or_create(
            partnership=partnership,
            indicator=code,
            defaults={"target": target, "minimum": minimum, "updated_by": by},
        )


# --- The board's figures ---------------------------------------------------------------------


@dataclass
class BoardFigures:
    agencies: list[Agency]
    results: indicators.Results
    computed_at: list[datetime]  # per period


def _compute_settings() -> None:
    """A whole partnership sorts and hashes a million rows: more memory for this
    transaction's sorts, and no JIT compilation (it costs more than it saves here)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true)"
        )


def board_figures(
    *,
    partnership: Partnership,
    periods_: list[Period],
    today: date,
    fresh: tuple[int, ...] = (),
) -> BoardFigures:
    """Figures of every agency of the partnership for each period, from the snapshots,
    computing (and keeping) those missing, and those at the positions in `fresh`.

    A snapshot is kept per (period, as-at day): a period still running gets a new one
    each day. A snapshot that lacks an agency added since is computed again."""
    agencies = list(Agency.objects.filter(partnership=partnership).order_by("name"))
    agency_ids = [a.id for a in agencies]
    wanted = Q(pk__in=[])
    for p in periods_:
        wanted |= Q(period_start=p.start, period_end=p.end, as_at=p.as_at)
    found = {
        (s.period_start, s.period_end, s.as_at): s
        for s in Snapshot.objects.filter(wanted, partnership=partnership)
    }
    by_period: dict[int, dict[UUID, indicators.AgencyFigures]] = {}
    computed_at: list[datetime | None] = []
    missing: list[tuple[int, Period]] = []
    names = {str(a) for a in agency_ids}
    for n, p in enumerate(periods_, start=1):
        snapshot = found.get((p.start, p.end, p.as_at))
        if snapshot is None or set(snapshot.figures) != names or (n - 1) in fresh:
            missing.append((n, p))
            computed_at.append(None)
            continue
        by_period[n] = {
            UUID(a): indicators.figures_from_json(UUID(a), data)
            for a, data in snapshot.figures.items()
        }
        computed_at.append(snapshot.computed_at)
    if missing:
        with transaction.atomic():
            _compute_settings()
            for n, p in missing:
                started = time.perf_counter()
                result = indicators.compute(agency_ids, [p], today=today)
                by_period[n] = result.by_period[1]
                now = timezone.now()
                computed_at[n - 1] = now
                Snapshot.objects.update_or_create(
                    partnership=partnership,
                    period_start=p.start,
                    period_end=p.end,
                    as_at=p.as_at,
                    defaults={
                        "computed_at": now,
                        "seconds": time.perf_counter() - started,
                        "figures": {
                            str(a): indicators.figures_to_json(f) for a, f in by_period[n].items()
                        },
                    },
                )
    results = indicators.Results(periods=periods_, agency_ids=agency_ids, by_period=by_period)
    return BoardFigures(agencies=agencies, results=results, computed_at=computed_at)


def board_periods(period: Period) -> list[Period]:
    """The period, then the quarters of its trend (oldest first)."""
    return [period, *periods.trailing_quarters(period, TREND_QUARTERS)]


def refresh_snapshots(*, today: date) -> int:
    """Nightly: for every partnership, compute the current quarter and year to date and
    the recent quarters again (late records change them), so the board's pages open at
    once. Returns the number of snapshots written."""
    current = periods.current_quarter(today)
    wanted = [current, periods.year_period(today.year, today)]
    wanted += periods.trailing_quarters(current, TREND_QUARTERS)
    unique = list({(p.start, p.end): p for p in wanted}.values())
    written = 0
    for partnership in Partnership.objects.order_by("name"):
        board_figures(
            partnership=partnership,
            periods_=unique,
            today=today,
            fresh=tuple(range(len(unique))),
        )
        written += len(unique)
    return written


# --- Statutory meetings ------------------------------------------------------------------------

RECORD_MEETINGS = """
WITH added AS (
    INSERT INTO assurance_seenmeeting
        (id, agency_id, case_id, meeting_type, meeting_on, first_seen_on)
    SELECT gen_random_uuid(), c.agency_id, c.id, c.next_meeting_type, c.next_meeting_on,
           %(today)s::date
    FROM supervision_case c
    WHERE c.next_meeting_on IS NOT NULL AND c.next_meeting_type <> ''
    ON CONFLICT (agency_id, case_id, meeting_type, meeting_on) DO NOTHING
    RETURNING 1
),
dropped AS (
    DELETE FROM assurance_seenmeeting s
    WHERE s.meeting_on > %(today)s::date
      AND NOT EXISTS (
          SELECT 1 FROM supervision_case c
          WHERE c.id = s.case_id AND c.next_meeting_on = s.meeting_on
            AND c.next_meeting_type = s.meeting_type
      )
    RETURNING 1
)
SELECT (SELECT count(*) FROM added), (SELECT count(*) FROM dropped)"""


def record_statutory_meetings(*, today: date) -> tuple[int, int]:
    """Nightly, one statement over every agency: note each case's next statutory meeting,
    and forget noted meetings still in the future that are no longer the case's next
    meeting (moved or cancelled). Idempotent. Returns (added, dropped)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(RECORD_MEETINGS, {"today": today})
        added, dropped = cursor.fetchone()
    return added, dropped


# --- Assurance reports --------------------------------------------------------------------------


@transaction.atomic
def request_report(
    *, partnership: Partnership, requested_by: User, period: Period, enqueue: bool = True
) -> AssuranceReport:
    """A board member asks for a report: it is queued, and a worker generates it once the
    request's transaction has committed."""
    report = AssuranceReport.objects.create(
        partnership=partnership,
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        as_at=period.as_at,
        period_label=period.label,
        requested_by=requested_by,
        requested_at=timezone.now(),
        stage="Waiting for a worker",
    )
    if enqueue:
        from .tasks import generate_report

        report_id = str(report.id)
        transaction.on_commit(lambda: generate_report.delay(report_id))
    return report


def claim_report(*, report_id: UUID, now: datetime) -> bool:
    """Flip the report from queued (or from a claim gone stale) to running. True for the
    one caller whose update changed the row: two workers never generate it twice."""
    claimed = (
        AssuranceReport.objects.filter(id=report_id)
        .filter(
            Q(status=ReportStatus.QUEUED)
            | Q(status=ReportStatus.RUNNING, started_at__lt=now - STALE_AFTER)
        )
        .update(
            status=ReportStatus.RUNNING,
            started_at=now,
            progress=5,
            stage="Starting",
            attempts=F("attempts") + 1,
        )
    )
    return claimed == 1


def _progress(report: AssuranceReport, percent: int, stage: str) -> None:
    AssuranceReport.objects.filter(id=report.id, status=ReportStatus.RUNNING).update(
        progress=percent, stage=stage
    )


def generate_report(*, report_id: UUID, now: datetime | None = None) -> AssuranceReport | None:
    """Generate a claimed report: figures, CSV, XLSX, PDF, then keep the files. Runs
    outside any transaction in a worker, so each progress step is seen by the page at
    once. Returns None when another worker holds the report."""
    from . import exports, report_content

    now = now or timezone.now()
    if not claim_report(report_id=report_id, now=now):
        return None
    report = AssuranceReport.objects.select_related("partnership", "requested_by").get(id=report_id)
    started = time.perf_counter()
    try:
        today = timezone.localdate()
        # As at the day it was asked for, even if a worker only gets to it the next day.
        period = Period(report.period_kind, report.period_start, report.period_end, report.as_at)
        wanted = board_periods(period)
        agencies = Agency.objects.filter(partnership=report.partnership).count()
        _progress(report, 10, f"Computing the figures of {agencies} agencies")
        board = board_figures(
            partnership=report.partnership,
            periods_=wanted,
            today=today,
            # The report's own period is computed afresh; closed quarters come from their
            # snapshots (the same code made them).
            fresh=(0,) if period.as_at >= today else (),
        )
        content = report_content.build(report=report, board=board)
        _progress(report, 45, "Writing the spreadsheet and the CSV file")
        csv_bytes = exports.report_csv(content)
        xlsx_bytes = exports.report_xlsx(content)
        _progress(report, 60, "Drawing the PDF")
        pdf_bytes = exports.report_pdf(content)
        _progress(report, 90, "Keeping the files")
        stem = f"assurance-report-{report.period_start:%Y-%m-%d}-to-{report.period_end:%Y-%m-%d}"
        report.csv.save(f"{stem}.csv", ContentFile(csv_bytes), save=False)
        report.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx_bytes), save=False)
        report.pdf.save(f"{stem}.pdf", ContentFile(pdf_bytes), save=False)
        report.csv_bytes, report.xlsx_bytes = len(csv_bytes), len(xlsx_bytes)
        report.pdf_bytes = len(pdf_bytes)
        report.status = ReportStatus.DONE
        report.progress = 100
        report.stage = "Ready"
        report.finished_at = timezone.now()
        report.generation_seconds = time.perf_counter() - started
        report.save(
            update_fields=[
                "csv",
                "xlsx",
                "pdf",
                "csv_bytes",
                "xlsx_bytes",
                "pdf_bytes",
                "status",
                "progress",
                "stage",
                "finished_at",
                "generation_seconds",
            ]
        )
        audit_services.log_access(
            user=report.requested_by,
            kind=AccessKind.REPORT,
            label=f"Assurance report {report.period_start:%-d %B %Y} to "
            f"{report.period_end:%-d %B %Y} (generated)",
            partnership_id=report.partnership_id,
            obj=report,
            detail="generated: CSV, XLSX, PDF",
        )
    except Exception:
        log.exception("Assurance report %s failed", report_id)
        AssuranceReport.objects.filter(id=report_id).update(
            status=ReportStatus.FAILED,
            stage="Failed",
            error="The report could not be generated. Ask for it again; if it fails again, "
            "tell the SPR support team.",
            finished_at=timezone.now(),
        )
        report.refresh_from_db()
    return report


def record_download(*, report: AssuranceReport, user: User, fmt: str) -> ReportDownload:
    if fmt not in ReportFormat.values:
        raise ValidationError("Unknown format")
    audit_services.log_access(
        user=user,
        kind=AccessKind.REPORT,
        label=f"Assurance report {report.period_start:%-d %B %Y} to {report.period_end:%-d %B %Y}"
        f" ({fmt.upper()})",
        partnership_id=report.partnership_id,
        obj=report,
        detail=f"download {fmt}",
    )
    return ReportDownload.objects.create(
        partnership_id=report.partnership_id, report=report, user=user, format=fmt
    )


def record_list_export(
    *,
    membership: Membership,
    user: User,
    indicator: str,
    period: Period,
    filters: str,
    row_count: int,
) -> ListExport:
    audit_services.log_access(
        user=user,
        kind=AccessKind.EXPORT,
        label=f"Compliance list {indicator}, {period.start:%-d %B %Y} to {period.end:%-d %B %Y}"
        " (CSV)",
        agency_id=membership.agency_id,
        row_count=row_count,
        detail=filters,
    )
    return ListExport.objects.create(
        agency_id=membership.agency_id,
        user=user,
        indicator=indicator,
        period_start=period.start,
        period_end=period.end,
        filters=filters[:300],
        row_count=row_count,
    )
