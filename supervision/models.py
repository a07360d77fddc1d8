"""Cases: the children (or sibling groups) known to an agency, and how their category changed.

Data minimisation (DESIGN.md, Confidentiality model): a child is identified by the agency's
case reference, initials and year of birth only, never a name or a full date of birth.
"""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from agencies.models import Agency, User

# Initials only: one to four capital letters (a sibling group may use "AB+2" in the
# reference, never in the initials).
INITIALS_PATTERN = r"^[A-Z]{1,4}$"
EARLIEST_YEAR_OF_BIRTH = 1990


class CaseCategory(models.TextChoices):
    """The spectrum of support under the Children Act 1989 (seed 002, guiding principle 1)."""

    EARLY_HELP = "early_help", "Early help"
    CHILD_IN_NEED = "child_in_need", "Child in need (s17)"
    CHILD_PROTECTION = "child_protection", "Child protection (s47, CP plan)"
    CHILD_LOOKED_AFTER = "child_looked_after", "Child looked after"
    CLOSED = "closed", "Closed"


class StatutoryMeeting(models.TextChoices):
    """The next statutory meeting a supervision discussion should come before (seed 002, aim 4)."""

    CIN_REVIEW = "cin_review", "Child in need review"
    CORE_GROUP = "core_group", "Core group"
    INITIAL_CONFERENCE = "initial_conference", "Initial child protection conference"
    REVIEW_CONFERENCE = "review_conference", "Review child protection conference"


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(category=CaseCategory.CLOSED)

    def child_in_need(self):
        return self.filter(category=CaseCategory.CHILD_IN_NEED)


class Case(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(
        "Case reference",
        max_length=40,
        help_text="The reference in your agency's case management system.",
    )
    initials = models.CharField(
        max_length=4,
        validators=[RegexValidator(INITIALS_PATTERN, "Enter initials only, like JS")],
    )
    year_of_birth = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(EARLIEST_YEAR_OF_BIRTH), MaxValueValidator(2100)]
    )
    category = models.CharField(max_length=24, choices=CaseCategory.choices)
    allocated_practitioner = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocated_cases",
    )
    next_meeting_type = models.CharField(
        "Next statutory meeting", max_length=24, choices=StatutoryMeeting.choices, blank=True
    )
    next_meeting_on = models.DateField("Date of the next statutory meeting", null=True, blank=True)
    # Set by recording.services when a record that discussed the case is signed.
    last_discussed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "reference"], name="case_reference_unique"),
            models.CheckConstraint(
                condition=Q(initials__regex=INITIALS_PATTERN), name="case_initials_only"
            ),
            models.CheckConstraint(
                condition=Q(year_of_birth__gte=EARLIEST_YEAR_OF_BIRTH, year_of_birth__lte=2100),
                name="case_year_of_birth_range",
            ),
            # A meeting has a date and a date has a meeting, or neither is known.
            models.CheckConstraint(
                condition=Q(next_meeting_type="", next_meeting_on__isnull=True)
                | (~Q(next_meeting_type="") & Q(next_meeting_on__isnull=False)),
                name="case_next_meeting_complete",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "allocated_practitioner"]),
            models.Index(fields=["agency", "category"]),
            models.Index(fields=["agency", "next_meeting_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.initials}, {self.year_of_birth})"

    @property
    def is_open(self) -> bool:
        return self.category != CaseCategory.CLOSED


class CaseCategoryChange(models.Model):
    """One change of a case's category, kept so the history reads as it happened."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="category_changes")
    from_category = models.CharField(max_length=24, choices=CaseCategory.choices, blank=True)
    to_category = models.CharField(max_length=24, choices=CaseCategory.choices)
    changed_on = models.DateField()
    changed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source = models.CharField(
        max_length=16, choices=[("manual", "Changed in SPR"), ("import", "Imported")]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-created_at"]
        indexes = [models.Index(fields=["agency", "case", "changed_on"])]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.from_category or '-'} → {self.to_category}"


class CaseImportStatus(models.TextChoices):
    PREVIEWED = "previewed", "Previewed"
    IMPORTED = "imported", "Imported"
    DISCARDED = "discarded", "Discarded"


class CaseImport(models.Model):
    """An uploaded CSV, parsed and checked, waiting to be confirmed (all rows or none).

    Only the recognised columns are kept (`rows`, already cleaned); any other column of the
    export, such as a name or a full date of birth, is dropped before anything is stored.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="case_imports")
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=200)
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=list)
    ignored_columns = models.JSONField(default=list)
    status = models.CharField(
        max_length=16, choices=CaseImportStatus.choices, default=CaseImportStatus.PREVIEWED
    )
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["agency", "created_at"])]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def can_import(self) -> bool:
        return self.status == CaseImportStatus.PREVIEWED and not self.errors and bool(self.rows)


# --- Planned sessions (seed 001: protected, planned, uninterrupted time) -----------------


class PlannedSessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class SessionSetting(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIRTUAL = "virtual", "Online (video call)"


class PlannedSession(models.Model):
    """A supervision session booked ahead in both diaries. Rescheduling and cancelling keep
    their reason in `PlannedSessionChange`; `sequence` counts the changes, as calendar
    programs expect of an updated .ics entry."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="planned_sessions")
    supervisor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    supervisee = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(
        "contracts.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="planned_sessions",
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    setting = models.CharField(max_length=16, choices=SessionSetting.choices)
    location = models.CharField(
        "Place or video link",
        max_length=300,
        help_text="A room and building, or the link to the video call.",
    )
    is_protected_time = models.BooleanField(
        "The time is protected: no interruptions, phones and email off", default=True
    )
    status = models.CharField(
        max_length=16, choices=PlannedSessionStatus.choices, default=PlannedSessionStatus.SCHEDULED
    )
    sequence = models.PositiveIntegerField(default=0)
    cancellation_reason = models.TextField(blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="planned_session_ends_after"
            ),
            models.CheckConstraint(
                condition=~Q(supervisor=models.F("supervisee")), name="planned_session_not_self"
            ),
            # A cancelled session says why, and when.
            models.CheckConstraint(
                condition=Q(status="scheduled")
                | (Q(status="cancelled", cancelled_at__isnull=False) & ~Q(cancellation_reason="")),
                name="planned_session_cancellation_complete",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "supervisor", "starts_at"]),
            models.Index(fields=["agency", "supervisee", "starts_at"]),
        ]

    def __str__(self) -> str:
        return f"Supervision of {self.supervisee} by {self.supervisor} at {self.starts_at}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == PlannedSessionStatus.CANCELLED

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class PlannedSessionChangeKind(models.TextChoices):
    RESCHEDULED = "rescheduled", "Rescheduled"
    CANCELLED = "cancelled", "Cancelled"


class PlannedSessionChange(models.Model):
    """One reschedule or cancellation of a planned session, with its reason."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(PlannedSession, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=16, choices=PlannedSessionChangeKind.choices)
    previous_starts_at = models.DateTimeField()
    previous_ends_at = models.DateTimeField()
    new_starts_at = models.DateTimeField(null=True, blank=True)
    new_ends_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField()
    changed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at"]
        indexes = [models.Index(fields=["agency", "session"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.changed_by} at {self.changed_at}"


# --- Alerts raised and cleared by the cadence rules (supervision/cadence.py) -------------


class AlertRule(models.TextChoices):
    CIN_DISCUSSION_DUE = "cin_discussion_due", "Child-in-Need discussion due"
    CIN_DISCUSSION_OVERDUE = "cin_discussion_overdue", "Child-in-Need discussion overdue"
    SUPERVISION_OVERDUE = "supervision_overdue", "Supervision overdue"
    DRIFT = "drift", "Drift"
    AGREEMENT_REVIEW_DUE = "agreement_review_due", "Agreement review due"
    ACTION_OVERDUE = "action_overdue", "Agreed action overdue"
    TRAINING_EXPIRING = "training_expiring", "Supervisor training expiring"
    TRAINING_LAPSED = "training_lapsed", "Supervisor training lapsed"


class Alert(models.Model):
    """Something a person must act on, raised by a cadence rule and cleared by it when it
    no longer holds. At most one open alert per (agency, rule, subject): the rules upsert
    against that constraint, so running them twice raises nothing twice.

    `subject_id` is what the rule is about: a case (Child-in-Need discussion, drift), an
    agreement (supervision overdue, review due), an agreed action, or a supervisor's
    membership (training). `owner` is who must act; no owner means the agency's
    safeguarding leads. An overdue Child-in-Need discussion more than 14 days late is
    `escalated_at` to the safeguarding leads as well.

    Rows are written only by supervision.cadence (set-based SQL), never one by one.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="alerts")
    rule = models.CharField(max_length=32, choices=AlertRule.choices)
    subject_id = models.UUIDField()
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="alerts"
    )
    person = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    owner = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="owned_alerts"
    )
    reason = models.TextField()
    due_on = models.DateField(null=True, blank=True)
    raised_at = models.DateTimeField()
    escalated_at = models.DateTimeField(null=True, blank=True)
    cleared_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["due_on", "raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "rule", "subject_id"],
                condition=Q(cleared_at__isnull=True),
                name="one_open_alert_per_subject",
            ),
        ]
        indexes = [
            models.Index(
                fields=["agency", "owner"],
                condition=Q(cleared_at__isnull=True),
                name="open_alert_owner",
            ),
            models.Index(
                fields=["agency", "person"],
                condition=Q(cleared_at__isnull=True),
                name="open_alert_person",
            ),
            models.Index(fields=["agency", "rule", "raised_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_rule_display()} ({self.subject_id})"

    @property
    def is_open(self) -> bool:
        return self.cleared_at is None

    @property
    def is_overdue_rule(self) -> bool:
        return self.rule in OVERDUE_RULES


OVERDUE_RULES = frozenset(
    {
        AlertRule.CIN_DISCUSSION_OVERDUE,
        AlertRule.SUPERVISION_OVERDUE,
        AlertRule.ACTION_OVERDUE,
        AlertRule.TRAINING_LAPSED,
    }
)


class NotificationPreference(models.Model):
    """A person's choice about email. Personal, not tenant data: one daily digest covers
    every agency the person works in."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="notification_pref")
    email_digest = models.BooleanField(
        "Send me a daily email when something new needs my attention", default=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user}: digest {'on' if self.email_digest else 'off'}"


class DigestDelivery(models.Model):
    """The daily digest sent to one person on one day: at most one (the idempotency key)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField()
    alert_count = models.PositiveIntegerField(default=0)
    new_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="one_digest_per_person_per_day"),
        ]

    def __str__(self) -> str:
        return f"Digest for {self.user} on {self.day}"


class JobRun(models.Model):
    """One completed run of a periodic job for one slot (a day): the run key. It is written
    in the same transaction as the job's work, under an advisory lock, so a second beat, a
    redelivered message or a retry after a killed worker finds it and does nothing."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    job = models.CharField(max_length=64)
    slot = models.CharField(max_length=64)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    summary = models.JSONField(default=dict)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="one_run_per_job_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.slot}"
