"""Assurance: the partnership's thresholds, the statutory meetings seen on cases, the
board's generated reports and the log of downloads.

The figures themselves are never stored: `assurance.indicators` computes them from the
agencies' own rows each time (docs/indicators.md). A generated report keeps its files, so
the board can download what it was given on the day.
"""

import uuid
from pathlib import PurePath

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from agencies.models import Agency, Partnership, User
from supervision.models import Case, StatutoryMeeting

from .catalogue import Code

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Threshold(models.Model):
    """The partnership's target and minimum for one rated indicator (a percentage).

    For an indicator where higher is better a figure at or above the target is "target
    met", at or above the minimum "below target", else "below minimum"; where lower is
    better (drift, overdue actions) the comparisons turn round. Until the partnership saves
    its own, the defaults in `assurance.catalogue` apply.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="assurance_thresholds"
    )
    indicator = models.CharField(max_length=24, choices=Code.choices)
    target = models.PositiveSmallIntegerField(validators=PERCENT)
    minimum = models.PositiveSmallIntegerField(validators=PERCENT)
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "indicator"], name="one_threshold_per_indicator"
            ),
            models.CheckConstraint(
                condition=Q(target__gte=0, target__lte=100, minimum__gte=0, minimum__lte=100),
                name="threshold_percentages",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()}: {self.target} / {self.minimum}"


class SeenMeeting(models.Model):
    """A statutory meeting that was recorded as a case's next meeting on the day it took
    place (or later): kept so that "discussed before the meeting" can still be measured
    after the case's next meeting has been replaced by the one after it.

    Written only by `services.record_statutory_meetings` (nightly, one statement for every
    agency). A meeting moved or removed before its date is dropped, so only meetings
    whose date came while they were recorded are kept.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    meeting_type = models.CharField(max_length=24, choices=StatutoryMeeting.choices)
    meeting_on = models.DateField()
    first_seen_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "case", "meeting_type", "meeting_on"],
                name="one_seen_meeting_per_case_date",
            ),
        ]
        indexes = [models.Index(fields=["agency", "meeting_on"])]

    def __str__(self) -> str:
        return f"{self.get_meeting_type_display()} on {self.meeting_on}"


class Snapshot(models.Model):
    """The figures of every agency of a partnership for one period, as computed at
    `computed_at` by `assurance.indicators` (counts only: no person, no case). The board's
    pages and reports read these, because computing a whole partnership takes seconds:
    the nightly task computes the current quarter and year and the recent quarters, and a
    period nobody has asked for before is computed when first asked for.

    `as_at` is part of the key: a period still running has a snapshot per day."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="assurance_snapshots"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    as_at = models.DateField()
    computed_at = models.DateTimeField()
    seconds = models.FloatField(default=0)
    figures = models.JSONField(default=dict, help_text="Agency id → its figures.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "period_start", "period_end", "as_at"],
                name="one_snapshot_per_period_day",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "period_start", "period_end"])]

    def __str__(self) -> str:
        return f"{self.period_start} to {self.period_end} as at {self.as_at}"


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", "Quarter"
    YEAR = "year", "Year"
    CUSTOM = "custom", "Dates of your choice"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being generated"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "Spreadsheet (XLSX)"
    CSV = "csv", "CSV"


def report_upload_to(instance: "AssuranceReport", filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return f"assurance/{instance.partnership_id}/{uuid.uuid4().hex}{suffix}"


class AssuranceReport(models.Model):
    """An assurance report a board member asked for: generated by a Celery task (PDF,
    XLSX and CSV of the same figures), then kept for download with who asked and when.

    A worker claims the report with a conditional update (queued → running) so that two
    workers never generate it twice; a claim older than `STALE_AFTER` is taken over (the
    worker that held it died)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="assurance_reports"
    )
    period_kind = models.CharField(max_length=16, choices=PeriodKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    as_at = models.DateField(help_text="The earlier of the period's end and the day it was asked.")
    period_label = models.CharField(max_length=100)
    status = models.CharField(
        max_length=16, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0, validators=PERCENT)
    stage = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    pdf = models.FileField(upload_to=report_upload_to, max_length=255, blank=True)
    xlsx = models.FileField(upload_to=report_upload_to, max_length=255, blank=True)
    csv = models.FileField(upload_to=report_upload_to, max_length=255, blank=True)
    pdf_bytes = models.PositiveIntegerField(default=0)
    xlsx_bytes = models.PositiveIntegerField(default=0)
    csv_bytes = models.PositiveIntegerField(default=0)
    generation_seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(finished_at__isnull=False),
                name="report_done_has_finished_at",
            ),
        ]
        indexes = [
            models.Index(fields=["partnership", "requested_at"]),
            models.Index(fields=["partnership", "status"]),
        ]

    def __str__(self) -> str:
        return f"Assurance report {self.period_label} ({self.get_status_display()})"

    @property
    def is_done(self) -> bool:
        return self.status == ReportStatus.DONE

    @property
    def is_pending(self) -> bool:
        return self.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)

    def file_for(self, fmt: str):
        files = {ReportFormat.PDF: self.pdf, ReportFormat.XLSX: self.xlsx}
        files[ReportFormat.CSV] = self.csv
        return files[fmt]

    def size_of(self, fmt: str) -> int:
        return {
            ReportFormat.PDF: self.pdf_bytes,
            ReportFormat.XLSX: self.xlsx_bytes,
            ReportFormat.CSV: self.csv_bytes,
        }[fmt]


class ReportDownload(models.Model):
    """Who downloaded which report, in which format, and when (SECURITY.md check 12)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    report = models.ForeignKey(AssuranceReport, on_delete=models.PROTECT, related_name="downloads")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    format = models.CharField(max_length=8, choices=ReportFormat.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["partnership", "report", "at"])]

    def __str__(self) -> str:
        return f"{self.user} downloaded {self.format} at {self.at}"


class ListExport(models.Model):
    """A safeguarding lead's CSV download of the list behind a figure: who, when, which
    list, which period and filters, how many rows; never the rows (SECURITY.md 12, 25)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    indicator = models.CharField(max_length=24, choices=Code.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    filters = models.CharField(max_length=300, blank=True)
    row_count = models.PositiveIntegerField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["agency", "at"])]

    def __str__(self) -> str:
        return f"{self.user} exported {self.indicator} ({self.row_count} rows)"
