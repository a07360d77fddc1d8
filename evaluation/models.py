"""The annual evaluation of supervision (seed 000 standard xv; seed 002 Appendix I and
"Assurance indicators"; seed 002 "Agency Quality Assurance").

Anonymity is built into the tables, not only into the pages:
- `Invitation` knows who was asked and whether they have answered, never what;
- `Draft` holds unfinished answers with the person's invitation, and is deleted in the
  same transaction that writes the anonymous `Response`;
- `Response`, `Answer` and `FreeTextComment` carry no person, no invitation and no
  timestamp, so nothing joins them back to who answered. They cannot be changed or
  deleted once written (database triggers, migration 0002).
"""

import uuid
from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from agencies.models import Agency, Membership, Team, User

from .questionnaire import Choice, Prompt

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class CampaignStatus(models.TextChoices):
    UPCOMING = "upcoming", "Not open yet"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Campaign(models.Model):
    """One agency's evaluation for one year, opened by its safeguarding lead."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="evaluation_campaigns"
    )
    year = models.PositiveSmallIntegerField()
    opens_on = models.DateField()
    closes_on = models.DateField()
    opened_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True, help_text="Closed early by the lead.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_campaign_per_agency_year"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="campaign_closes_after_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} evaluation {self.year}"

    def status_on(self, today: date | None = None) -> str:
        today = today or timezone.localdate()
        if self.closed_at is not None or today > self.closes_on:
            return CampaignStatus.CLOSED
        if today < self.opens_on:
            return CampaignStatus.UPCOMING
        return CampaignStatus.OPEN

    @property
    def status(self) -> str:
        return self.status_on()

    @property
    def status_label(self) -> str:
        return CampaignStatus(self.status).label

    @property
    def is_open(self) -> bool:
        return self.status == CampaignStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == CampaignStatus.CLOSED


class Question(models.Model):
    """A Yes / No / Maybe statement of one campaign: the ten of Appendix I (numbered as
    there) copied in when the campaign opens, then any the agency adds."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    standard_number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="1 to 10 for the Appendix I statements."
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "position"], name="question_position"),
            models.UniqueConstraint(
                fields=["campaign", "standard_number"], name="question_standard_number"
            ),
        ]
        indexes = [models.Index(fields=["agency", "campaign"])]

    def __str__(self) -> str:
        return self.text

    @property
    def is_standard(self) -> bool:
        return self.standard_number is not None


class Invitation(models.Model):
    """A supervisee asked to answer about their supervision with one supervisor.

    Records that they answered (`has_responded`), never what they answered. No page,
    export or log shows this flag person by person: only counts leave this table.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="invitations")
    supervisee = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    supervisor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    has_responded = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "supervisee", "supervisor"], name="one_invitation_per_pair"
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "supervisee"]),
            models.Index(fields=["agency", "campaign", "has_responded"]),
        ]

    def __str__(self) -> str:
        return f"Invitation to {self.supervisee} ({self.campaign.year})"


class Draft(models.Model):
    """Answers saved to come back to. Deleted when the answers are submitted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="draft")
    answers = models.JSONField(default=dict, help_text="Question id → yes / no / maybe.")
    more_of = models.TextField(blank=True)
    less_of = models.TextField(blank=True)
    resilience = models.PositiveSmallIntegerField(null=True, blank=True, validators=ONE_TO_FIVE)
    stress = models.PositiveSmallIntegerField(null=True, blank=True, validators=ONE_TO_FIVE)
    reflection = models.PositiveSmallIntegerField(null=True, blank=True, validators=ONE_TO_FIVE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["agency", "invitation"])]

    def __str__(self) -> str:
        return "Unsubmitted answers"


class Response(models.Model):
    """One submitted questionnaire, anonymous: it says which supervisor, team and agency
    it is about and nothing of who gave it or when (no timestamp to match against)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="responses")
    supervisor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resilience = models.PositiveSmallIntegerField(validators=ONE_TO_FIVE)
    stress = models.PositiveSmallIntegerField(validators=ONE_TO_FIVE)
    reflection = models.PositiveSmallIntegerField(validators=ONE_TO_FIVE)

    class Meta:
        ordering = ["id"]  # random: says nothing about the order people answered in
        constraints = [
            models.CheckConstraint(
                condition=Q(resilience__range=(1, 5))
                & Q(stress__range=(1, 5))
                & Q(reflection__range=(1, 5)),
                name="response_indicators_one_to_five",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "campaign", "supervisor"]),
            models.Index(fields=["agency", "campaign", "team"]),
        ]

    def __str__(self) -> str:
        return "Anonymous response"


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    choice = models.CharField(max_length=8, choices=Choice.choices)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
        ]
        indexes = [models.Index(fields=["agency", "question"])]

    def __str__(self) -> str:
        return self.get_choice_display()


class FreeTextComment(models.Model):
    """A "We need more of" / "We need to do less of" answer, kept apart from the response
    (no link to it, its supervisor or team) and shown only in the agency's aggregate view.
    The lead may withhold one that identifies someone; its text never changes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="comments")
    prompt = models.CharField(max_length=8, choices=Prompt.choices)
    text = models.TextField()
    is_withheld = models.BooleanField(default=False)
    withheld_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["agency", "campaign", "prompt"])]

    def __str__(self) -> str:
        return self.get_prompt_display()


class TrainedObserver(models.Model):
    """Someone the safeguarding lead has recorded as trained to observe supervision."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    trained_on = models.DateField()
    added_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["membership__user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "membership"], name="observer_once"),
        ]

    def __str__(self) -> str:
        return str(self.membership.user)


class ObservationStatus(models.TextChoices):
    AWAITING_CONSENT = "awaiting_consent", "Waiting for agreement"
    AGREED = "agreed", "Agreed by both"
    DECLINED = "declined", "Declined"
    RECORDED = "recorded", "Recorded"


class Rating(models.IntegerChoices):
    """How far a rubric area was evident in the observed session."""

    CONSISTENTLY = 4, "Consistently evident"
    MOSTLY = 3, "Mostly evident"
    PARTLY = 2, "Partly evident"
    NOT_EVIDENT = 1, "Not evident"


# The observation rubric: (field, label, hint).
RUBRIC = (
    (
        "reflection_and_challenge",
        "Reflection and challenge",
        "The supervisor helped the supervisee reflect, analyse and, where needed, challenged.",
    ),
    (
        "child_focus",
        "Child focus",
        "The child's voice, experience and outcomes stayed at the centre of the discussion.",
    ),
    (
        "relationship",
        "Relationship",
        "Respectful and supportive; the emotional impact of the work was attended to.",
    ),
    (
        "actions_agreed",
        "Actions agreed",
        "Actions were specific, with who does them and by when.",
    ),
)
RUBRIC_FIELDS = tuple(f for f, _label, _hint in RUBRIC)


class Observation(models.Model):
    """A trained observer's observation of one supervision session, made only with the
    agreement of both the supervisor and the supervisee (seed 000 standard xv)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    observer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    supervisor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    supervisee = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    planned_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=ObservationStatus.choices, default=ObservationStatus.AWAITING_CONSENT
    )
    supervisor_agreed_at = models.DateTimeField(null=True, blank=True)
    supervisee_agreed_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    observed_on = models.DateField(null=True, blank=True)
    reflection_and_challenge = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=Rating.choices
    )
    child_focus = models.PositiveSmallIntegerField(null=True, blank=True, choices=Rating.choices)
    relationship = models.PositiveSmallIntegerField(null=True, blank=True, choices=Rating.choices)
    actions_agreed = models.PositiveSmallIntegerField(null=True, blank=True, choices=Rating.choices)
    notes = models.TextField(blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-planned_on"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="recorded")
                | (Q(supervisor_agreed_at__isnull=False) & Q(supervisee_agreed_at__isnull=False)),
                name="observation_recorded_only_with_consent",
            ),
            models.CheckConstraint(
                condition=~Q(observer=models.F("supervisor")) & ~Q(observer=models.F("supervisee")),
                name="observer_is_not_a_party",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "supervisor"]),
            models.Index(fields=["agency", "observer"]),
            models.Index(fields=["agency", "supervisee"]),
        ]

    def __str__(self) -> str:
        return f"Observation of {self.supervisor} and {self.supervisee}"

    def ratings(self) -> list[tuple[str, str, int | None, str]]:
        return [
            (field, label, getattr(self, field), getattr(self, f"get_{field}_display")())
            for field, label, _hint in RUBRIC
        ]


class RecordAudit(models.Model):
    """A random sample of signed session records for a period, drawn by the lead to
    audit the quality of supervision recording (seed 002, "Agency Quality Assurance")."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField()
    period_end = models.DateField()
    requested_size = models.PositiveSmallIntegerField()
    records_in_period = models.PositiveIntegerField()
    drawn_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-drawn_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="audit_period_order"
            ),
        ]
        indexes = [models.Index(fields=["agency", "period_start"])]

    def __str__(self) -> str:
        return f"Record audit {self.period_start:%d %b %Y} to {self.period_end:%d %b %Y}"


class Score(models.TextChoices):
    MET = "met", "Met"
    PARTLY = "partly", "Partly met"
    NOT_MET = "not_met", "Not met"
    NOT_APPLICABLE = "na", "Not applicable"


SCORE_POINTS = {Score.MET: 2, Score.PARTLY: 1, Score.NOT_MET: 0}

# The record-quality checklist: (field, question).
CHECKLIST = (
    ("agreement_in_date", "A supervision agreement is in place and in date"),
    ("frequency_met", "The agreed frequency of supervision was met"),
    ("both_signed", "Both supervisor and supervisee signed the record"),
    ("previous_actions_reviewed", "Actions from the previous session were reviewed"),
    ("childs_voice", "The child's voice and lived experience are evident"),
    ("risks_analysed", "Risks are analysed, not just listed"),
    ("actions_specific", "Actions are specific, with an owner and a date"),
    ("rag_justified", "The RAG rating is justified"),
    ("wellbeing_addressed", "The supervisee's wellbeing was addressed"),
)
CHECKLIST_FIELDS = tuple(f for f, _q in CHECKLIST)


def _score_field():
    return models.CharField(max_length=8, choices=Score.choices, blank=True)


class AuditItem(models.Model):
    """One sampled record, scored against the checklist, with a comment back to its
    supervisor. `record_id` names the signed session record (recording app)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    audit = models.ForeignKey(RecordAudit, on_delete=models.PROTECT, related_name="items")
    record_id = models.UUIDField()
    supervisor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    session_date = models.DateField()
    agreement_in_date = _score_field()
    frequency_met = _score_field()
    both_signed = _score_field()
    previous_actions_reviewed = _score_field()
    childs_voice = _score_field()
    risks_analysed = _score_field()
    actions_specific = _score_field()
    rag_justified = _score_field()
    wellbeing_addressed = _score_field()
    comment_to_supervisor = models.TextField(blank=True)
    scored_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "record_id"], name="record_once_per_audit"),
        ]
        indexes = [
            models.Index(fields=["agency", "audit"]),
            models.Index(fields=["agency", "supervisor"]),
        ]

    def __str__(self) -> str:
        return f"Audit of the record of {self.session_date:%d %b %Y}"

    @property
    def is_scored(self) -> bool:
        return self.scored_at is not None

    def checklist(self) -> list[tuple[str, str, str, str]]:
        return [
            (field, question, getattr(self, field), getattr(self, f"get_{field}_display")())
            for field, question in CHECKLIST
        ]

    @property
    def score_percent(self) -> int | None:
        """Points (met 2, partly 1, not met 0) over the most possible for the items that
        apply; None until scored or when nothing applies."""
        values = [getattr(self, f) for f in CHECKLIST_FIELDS]
        applicable = [v for v in values if v in SCORE_POINTS]
        if not self.is_scored or not applicable:
            return None
        return round(100 * sum(SCORE_POINTS[v] for v in applicable) / (2 * len(applicable)))


class WorkforceQuarter(models.Model):
    """Quarterly workforce figures for assurance indicator 2 (seed 002): work-related
    sickness and vacancy levels, entered by the agency admin."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    sickness_rate = models.DecimalField(
        max_digits=5, decimal_places=2, help_text="Working days lost to sickness, as a percentage."
    )
    vacancy_rate = models.DecimalField(
        max_digits=5, decimal_places=2, help_text="Vacant posts, as a percentage of establishment."
    )
    entered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "quarter"], name="one_figure_per_quarter"
            ),
            models.CheckConstraint(condition=Q(quarter__range=(1, 4)), name="quarter_one_to_four"),
            models.CheckConstraint(
                condition=Q(sickness_rate__range=(0, 100)) & Q(vacancy_rate__range=(0, 100)),
                name="workforce_rates_are_percentages",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}"

    @property
    def quarter_label(self) -> str:
        months = {1: "January to March", 2: "April to June", 3: "July to September"}
        return f"{self.year} Q{self.quarter} ({months.get(self.quarter, 'October to December')})"
