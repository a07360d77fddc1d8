"""Space to Think sessions across the agencies of one partnership (seed 004) and the
practitioner's reflective learning log (seed 003).

Tenancy: a Space to Think session belongs to a partnership (its participants come from
several of its agencies), and every row about it carries that partnership. A learning log
entry belongs to its author's agency. Primary keys are UUIDs.
"""

import uuid
from datetime import datetime

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from agencies.models import Agency, Membership, Partnership, User

from . import stages


class SessionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    FINISHED = "finished", "Finished"


class MeetingMode(models.TextChoices):
    # seed 004: face to face recommended; "may also be facilitated virtually".
    IN_PERSON = "in_person", "In person"
    VIRTUAL = "virtual", "Virtual"


class ParticipantRole(models.TextChoices):
    # seed 004, "You will need to assign roles".
    FACILITATOR = stages.FACILITATOR, "Facilitator"
    CASE_PRESENTER = stages.CASE_PRESENTER, "Case Presenter"
    CONSULTANT = stages.CONSULTANTS, "Consultant"


class SpaceToThinkSession(models.Model):
    """A multi-agency reflective practice session. It holds no new case decisions and no
    child names (seed 004, "What the multi-agency reflective practice session IS NOT")."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="space_to_think_sessions"
    )
    requested_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="space_to_think_requests"
    )
    topic = models.CharField(max_length=200)
    scheduled_for = models.DateTimeField()
    mode = models.CharField(max_length=16, choices=MeetingMode.choices)
    venue = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=16, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )

    # The timer: the server holds it, so every participant's screen shows the same stage.
    current_stage = models.PositiveSmallIntegerField(default=0)  # 0 before the start
    stage_started_at = models.DateTimeField(null=True, blank=True)
    clock_running_since = models.DateTimeField(null=True, blank=True)  # null: paused
    clock_elapsed_seconds = models.PositiveIntegerField(default=0)  # before running_since
    stage_seconds = ArrayField(models.PositiveIntegerField(), default=list, blank=True)
    timer_version = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    # The Case Presenter's notes, next steps and the note in the child's record.
    presenter_notes = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    child_record_note_confirmed_at = models.DateTimeField(null=True, blank=True)
    child_record_note_confirmed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    # Learning themes as the Facilitator drafts them, before review and publishing.
    themes_draft = models.TextField(blank=True)

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-scheduled_for"]
        indexes = [models.Index(fields=["partnership", "scheduled_for"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(current_stage__gte=0) & Q(current_stage__lte=stages.STAGE_COUNT),
                name="space_to_think_stage_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Space to Think on {self.scheduled_for:%d %B %Y}"

    @property
    def stage(self) -> stages.Stage | None:
        if self.current_stage == 0:
            return None
        return stages.stage(self.current_stage)

    @property
    def is_running(self) -> bool:
        return self.status == SessionStatus.IN_PROGRESS and self.clock_running_since is not None

    def elapsed_seconds(self, now: datetime | None = None) -> int:
        """Time spent in the current stage, not counting pauses."""
        elapsed = self.clock_elapsed_seconds
        if self.clock_running_since is not None:
            now = now or timezone.now()
            elapsed += max(0, int((now - self.clock_running_since).total_seconds()))
        return elapsed

    def remaining_seconds(self, now: datetime | None = None) -> int:
        """Time left in the current stage; negative once the stage runs over."""
        if self.stage is None:
            return 0
        return self.stage.seconds - self.elapsed_seconds(now)


class SpaceToThinkParticipant(models.Model):
    """A practitioner invited to a session, in one role, from one agency of the partnership."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        SpaceToThinkSession, on_delete=models.PROTECT, related_name="participants"
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="space_to_think_participations"
    )
    # Carried from the membership so that scoping (and an agency lead's count) needs no join.
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=16, choices=ParticipantRole.choices)
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["invited_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_place_per_person"),
            models.UniqueConstraint(
                fields=["session"],
                condition=Q(role=stages.FACILITATOR),
                name="one_facilitator_per_session",
            ),
            models.UniqueConstraint(
                fields=["session"],
                condition=Q(role=stages.CASE_PRESENTER),
                name="one_case_presenter_per_session",
            ),
        ]
        indexes = [
            models.Index(fields=["partnership", "user"]),
            models.Index(fields=["agency", "user"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class LearningTheme(models.Model):
    """An anonymised learning theme, published to the whole partnership (seed 004: "Any
    identified multi-agency learning and/or themes should be shared with the ... Partnership").
    It names no session participant and no agency on the partnership's page."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="learning_themes"
    )
    session = models.ForeignKey(
        SpaceToThinkSession, on_delete=models.PROTECT, related_name="published_themes"
    )
    text = models.TextField()
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-published_at", "id"]
        indexes = [models.Index(fields=["partnership", "published_at"])]

    def __str__(self) -> str:
        return self.text[:60]


class ModelRating(models.TextChoices):
    VERY_WELL = "very_well", "Very well"
    WELL = "well", "Well"
    NOT_VERY_WELL = "not_very_well", "Not very well"
    NOT_AT_ALL = "not_at_all", "Not at all well"


class SpaceToThinkFeedback(models.Model):
    """One participant's feedback on how the model worked for them (seed 004, "Please
    provide your feedback ... on how the model worked for you")."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    participant = models.OneToOneField(
        SpaceToThinkParticipant, on_delete=models.PROTECT, related_name="feedback"
    )
    rating = models.CharField(max_length=16, choices=ModelRating.choices)
    strengths = models.TextField(blank=True)
    improvements = models.TextField(blank=True)
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["partnership", "rating"])]

    def __str__(self) -> str:
        return f"Feedback: {self.get_rating_display()}"


class EscalationNeeded(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"


class LearningLogEntry(models.Model):
    """One entry of a practitioner's reflective learning log (seed 003). Private to its
    author; shared with one supervisor of theirs only when the author chooses."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="learning_log_entries"
    )
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    event_date = models.DateField()
    prompted_by = models.TextField()
    learning_need = models.TextField(blank=True)
    outcome_and_scaling = models.TextField(blank=True)
    smarter_planning = models.TextField(blank=True)
    hindsight = models.TextField(blank=True)
    fit_with_practice = models.TextField(blank=True)
    escalation_needed = models.CharField(max_length=3, choices=EscalationNeeded.choices, blank=True)
    escalation_reason = models.TextField(blank=True)
    changes_to_practice = models.TextField(blank=True)
    further_learning_needs = models.TextField(blank=True)

    shared_with = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    shared_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-event_date", "-created_at"]
        verbose_name_plural = "learning log entries"
        indexes = [
            models.Index(fields=["agency", "author", "event_date"]),
            models.Index(fields=["agency", "shared_with"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(shared_with__isnull=True, shared_at__isnull=True)
                | Q(shared_with__isnull=False, shared_at__isnull=False),
                name="learning_log_share_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(shared_with=models.F("author")),
                name="learning_log_not_shared_with_self",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_shared(self) -> bool:
        return self.shared_with_id is not None
