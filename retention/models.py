"""How long an agency keeps records, and what the nightly retention job deleted.

`RetentionPolicy` is one row per agency (absent means the default, six years).
`RetentionRun` is the run key of one agency's job for one day; `RetentionLogEntry` says
what one run deleted: kind, id, agency and dates, never any of the content.
"""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from agencies.models import Agency, User

DEFAULT_RETENTION_YEARS = 6
MIN_RETENTION_YEARS = 1
MAX_RETENTION_YEARS = 25


class RetentionPolicy(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="+")
    years_after_end = models.PositiveSmallIntegerField(
        default=DEFAULT_RETENTION_YEARS,
        validators=[
            MinValueValidator(MIN_RETENTION_YEARS),
            MaxValueValidator(MAX_RETENTION_YEARS),
        ],
    )
    updated_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    years_after_end__gte=MIN_RETENTION_YEARS,
                    years_after_end__lte=MAX_RETENTION_YEARS,
                ),
                name="retention_years_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.years_after_end} years"


class RetentionRun(models.Model):
    """One agency's retention job for one day: written in the same transaction as the
    deletions, so a second run for that day finds it and does nothing."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    run_on = models.DateField()
    years_after_end = models.PositiveSmallIntegerField()
    cutoff = models.DateField(help_text="Ended or closed before this day: deleted.")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    # Rows deleted, by kind; "previous_session_unlinked" counts kept records whose link to
    # a deleted previous session was removed.
    deleted = models.JSONField(default=dict)

    class Meta:
        ordering = ["-run_on"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "run_on"], name="one_retention_run_per_day"),
        ]
        indexes = [models.Index(fields=["agency", "run_on"])]

    def __str__(self) -> str:
        return f"Retention for {self.agency_id} on {self.run_on}"

    @property
    def total_deleted(self) -> int:
        return sum(n for kind, n in self.deleted.items() if kind != "previous_session_unlinked")


class DeletedKind(models.TextChoices):
    AGREEMENT = "agreement", "Supervision agreement"
    SESSION_RECORD = "session_record", "Session record"
    GROUP = "group", "Supervision group"
    CASE = "case", "Case"
    CASE_DISCUSSION = "case_discussion", "Case discussion"
    AGREED_ACTION = "agreed_action", "Agreed action"
    CASE_IMPORT = "case_import", "Case list upload"


# Parts deleted with a record, as the log page names them (singular, plural).
PART_LABELS = {
    "reflective_part": ("reflective part", "reflective parts"),
    "case_discussion": ("case discussion", "case discussions"),
    "agreed_action": ("agreed action", "agreed actions"),
    "action_review": ("action review", "action reviews"),
    "review_in_later_record": (
        "review of its actions in a later record",
        "reviews of its actions in later records",
    ),
    "attendee": ("attendee", "attendees"),
    "addendum": ("addendum", "addenda"),
    "risk_escalation": ("risk escalation", "risk escalations"),
    "audit_access": ("audit access", "audit accesses"),
    "history_event": ("change-history copy", "change-history copies"),
}


class RetentionLogEntry(models.Model):
    """One thing the retention job deleted: what kind, its id, and the dates that decided
    it. Never any of its content (no names, no text): the log outlives the record."""

    id = models.BigAutoField(primary_key=True)
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey(RetentionRun, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=24, choices=DeletedKind.choices)
    object_id = models.UUIDField()
    # The day the agreement ended, the group last met, the case closed, or the case list
    # was uploaded.
    ended_on = models.DateField()
    # The record's session date, or the agreement's start date, where there is one.
    dated = models.DateField(null=True, blank=True)
    # Parts deleted with it, by kind (for example {"addendum": 2, "history_event": 5}).
    parts = models.JSONField(default=dict, blank=True)
    deleted_at = models.DateTimeField()

    class Meta:
        ordering = ["-deleted_at", "kind", "id"]
        indexes = [models.Index(fields=["agency", "deleted_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id}"

    @property
    def parts_display(self) -> str:
        """ "2 addenda, 1 case discussion": what went with it, in words."""
        words = []
        for kind, n in self.parts.items():
            one, many = PART_LABELS.get(kind, (kind, kind))
            words.append(f"{n} {one if n == 1 else many}")
        return ", ".join(words)


class SubjectAccessExport(models.Model):
    """A person downloaded their own records (subject access): who, when and how much,
    never the content. Each record in it also gets a record access event."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"Subject access export by {self.user_id} at {self.created_at}"


class LegalHold(models.Model):
    """Keep an agreement (every version of it) or a case past its retention date, for
    example while a complaint, a case review or a court case needs it (SECURITY.md 15).
    The retention job skips what is on hold, with what hangs off it, until the hold is
    lifted."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", "Supervision agreement"
        CASE = "case", "Case"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    object_id = models.UUIDField()
    reason = models.TextField()
    placed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(auto_now_add=True)
    lifted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-placed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "object_id"],
                condition=models.Q(lifted_at__isnull=True),
                name="one_open_hold_per_object",
            ),
        ]
        indexes = [models.Index(fields=["agency", "kind", "object_id"])]

    def __str__(self) -> str:
        return f"Legal hold on {self.get_kind_display()} {self.object_id}"
