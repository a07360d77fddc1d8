"""Supervision agreements (seed 002 Appendix IV) — the relationship every record hangs on —
and the training records that show a supervisor is competent (seed 000 standard vii).

An agreement that is active (or due for review) is what lets a supervisor supervise:
services grant the object permission `agencies.supervise_membership` on the supervisee's
membership when it starts and remove it when it ends.

Versions: every version of one agreement is its own row sharing `series_id`. Once a
version has been sent for signatures its content never changes; a change makes the next
version, which both parties sign again. The version in force stays in force until its
successor is signed by both, then it is superseded.
"""

import uuid
from datetime import date
from pathlib import PurePath

from django.db import models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from guardian.models import UserObjectPermissionBase

from agencies.models import Agency, ContactType, Membership, MinimumStandards, User


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_SIGNATURES = "awaiting_signatures", "Awaiting signatures"
    ACTIVE = "active", "Active"
    REVIEW_DUE = "review_due", "Review due"
    ENDED = "ended", "Ended"
    SUPERSEDED = "superseded", "Superseded"


# The object permission (on the supervisee's Membership) that an agreement in force grants.
SUPERVISE = "supervise_membership"

# An agreement in force: the supervisor supervises, the cadence rules apply.
IN_FORCE = (AgreementStatus.ACTIVE, AgreementStatus.REVIEW_DUE)
# Not yet in force: still being written, or waiting for the parties to sign.
PENDING = (AgreementStatus.DRAFT, AgreementStatus.AWAITING_SIGNATURES)


class SupervisionForm(models.TextChoices):
    ONE_TO_ONE = "one_to_one", "One-to-one"
    GROUP = "group", "Group"
    PEER = "peer", "Peer"


class Party(models.TextChoices):
    SUPERVISOR = "supervisor", "Supervisor"
    SUPERVISEE = "supervisee", "Supervisee"


# Seed 002 Appendix IV: the content of each template, in the order the template gives it.
# (field name, label, hint). Labels are the seed's words where the seed names the field.
DIRECT_CONTENT = (
    (
        "protected_time",
        "Protected, uninterrupted time",
        "Where and when sessions take place so that they are planned, private and not "
        "interrupted (seed 000 standards x and xi).",
    ),
    (
        "notice_of_changes",
        "How notice of changes is given",
        "For example, the notice period for a change of time, date or venue, and the "
        "cancellation notice.",
    ),
    ("agenda_setting", "How the session agenda is decided", ""),
    (
        "preparation",
        "Preparation expected",
        "What each of you prepares before a session (seed 000 standard xiii).",
    ),
    ("recording", "Recording of the supervision session", "Who records, where and when."),
    (
        "workload_escalation",
        "How issues in relation to workload or performance management are raised and escalated",
        "",
    ),
    (
        "disagreement_escalation",
        "How issues in relation to difference of opinion are raised and escalated",
        "",
    ),
    ("supervisor_responsibilities", "Roles and Responsibilities: Supervisor", ""),
    ("supervisee_responsibilities", "Roles and Responsibilities: Supervisee", ""),
)
INDIRECT_CONTENT = (
    ("session_agenda_items", "Agenda items for the session", ""),
    ("future_agenda_items", "Agenda items for future sessions", ""),
    ("learning_and_development", "Learning and Development Opportunities or Concerns", ""),
    ("role_opportunities", "Role opportunities / concerns", ""),
    DIRECT_CONTENT[0],
    DIRECT_CONTENT[3],
)
CONTENT_BY_TEMPLATE = {ContactType.DIRECT: DIRECT_CONTENT, ContactType.INDIRECT: INDIRECT_CONTENT}
# What must be written before an agreement can be sent for signatures.
REQUIRED_CONTENT = {
    ContactType.DIRECT: ("supervisor_responsibilities", "supervisee_responsibilities"),
    ContactType.INDIRECT: ("session_agenda_items",),
}
CONTENT_FIELDS = tuple(
    dict.fromkeys(name for fields in CONTENT_BY_TEMPLATE.values() for name, _l, _h in fields)
)
TEMPLATE_TITLES = {
    ContactType.DIRECT: "For those employees having direct contact with children / families",
    ContactType.INDIRECT: "For those employees having indirect contact with children / families",
}


class Agreement(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="agreements")
    supervisor = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="agreements_as_supervisor"
    )
    supervisee = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="agreements_as_supervisee"
    )
    status = models.CharField(
        max_length=24, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    form = models.CharField(
        max_length=16, choices=SupervisionForm.choices, default=SupervisionForm.ONE_TO_ONE
    )
    frequency_weeks = models.PositiveSmallIntegerField(
        help_text="How often sessions take place, in weeks (13 is quarterly, the minimum)."
    )
    duration_minutes = models.PositiveSmallIntegerField(default=90)
    start_date = models.DateField()
    review_date = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # Versions: all versions of one agreement share series_id; version counts from 1.
    series_id = models.UUIDField(default=uuid.uuid4, editable=False)
    version = models.PositiveSmallIntegerField(default=1)
    # Counts saves of a draft: a form carries it so a stale page cannot overwrite.
    revision = models.PositiveIntegerField(default=1)
    template = models.CharField(
        max_length=16,
        choices=ContactType.choices,
        default=ContactType.DIRECT,
        help_text="Seed 002 Appendix IV: example 1 (direct contact) or example 2 (indirect).",
    )
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    # Content (Appendix IV, example 1 and DESIGN.md)
    protected_time = models.TextField(blank=True)
    notice_of_changes = models.TextField(blank=True)
    agenda_setting = models.TextField(blank=True)
    preparation = models.TextField(blank=True)
    recording = models.TextField(blank=True)
    workload_escalation = models.TextField(blank=True)
    disagreement_escalation = models.TextField(blank=True)
    supervisor_responsibilities = models.TextField(blank=True)
    supervisee_responsibilities = models.TextField(blank=True)
    # Content (Appendix IV, example 2)
    session_agenda_items = models.TextField(blank=True)
    future_agenda_items = models.TextField(blank=True)
    learning_and_development = models.TextField(blank=True)
    role_opportunities = models.TextField(blank=True)

    # Lifecycle: who signed is the party itself; when is recorded here.
    sent_for_signatures_at = models.DateTimeField(null=True, blank=True)
    supervisor_signed_at = models.DateTimeField(null=True, blank=True)
    supervisee_signed_at = models.DateTimeField(null=True, blank=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    end_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervisor", "supervisee"],
                condition=Q(status__in=IN_FORCE),
                name="one_agreement_in_force_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(supervisor=models.F("supervisee")), name="no_self_supervision"
            ),
            models.CheckConstraint(
                condition=Q(review_date__gt=models.F("start_date")),
                name="review_after_start",
            ),
            models.UniqueConstraint(
                fields=["agency", "series_id", "version"], name="agreement_version_unique"
            ),
            models.UniqueConstraint(
                fields=["agency", "supervisor", "supervisee"],
                condition=Q(status__in=PENDING),
                name="one_pending_agreement_per_pair",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["agency", "supervisee"]),
            models.Index(fields=["agency", "supervisor"]),
            models.Index(fields=["agency", "series_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.supervisor} supervises {self.supervisee}"

    @property
    def is_in_force(self) -> bool:
        return self.status in IN_FORCE

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING

    @property
    def template_title(self) -> str:
        return TEMPLATE_TITLES[self.template]

    @property
    def template_example(self) -> int:
        return 1 if self.template == ContactType.DIRECT else 2

    def content(self) -> list[tuple[str, str, str]]:
        """(label, hint, text) for each field of this agreement's template, in order."""
        return [
            (label, hint, getattr(self, name))
            for name, label, hint in CONTENT_BY_TEMPLATE[self.template]
        ]

    def missing_content(self) -> list[str]:
        labels = {name: label for name, label, _h in CONTENT_BY_TEMPLATE[self.template]}
        return [labels[n] for n in REQUIRED_CONTENT[self.template] if not getattr(self, n).strip()]

    def signed_at(self, party: str):
        return self.supervisor_signed_at if party == Party.SUPERVISOR else self.supervisee_signed_at

    def party_of(self, user: User) -> str | None:
        if user.pk == self.supervisor_id:
            return Party.SUPERVISOR
        if user.pk == self.supervisee_id:
            return Party.SUPERVISEE
        return None

    def awaits_signature_of(self, user: User) -> bool:
        party = self.party_of(user)
        return (
            self.status == AgreementStatus.AWAITING_SIGNATURES
            and party is not None
            and self.signed_at(party) is None
        )

    @property
    def is_fully_signed(self) -> bool:
        return self.supervisor_signed_at is not None and self.supervisee_signed_at is not None


TERM_LABELS = (
    ("form", "Form of supervision"),
    ("frequency_weeks", "Frequency of Supervision"),
    ("duration_minutes", "Duration of Supervision Session"),
    ("start_date", "Date"),
    ("review_date", "Date of Review"),
)


def changed_fields(older: Agreement, newer: Agreement) -> list[str]:
    """Labels of what a version changed, for the parties to see before they sign again."""
    labels = dict(TERM_LABELS)
    labels.update({name: label for name, label, _h in CONTENT_BY_TEMPLATE[newer.template]})
    return [label for name, label in labels.items() if getattr(older, name) != getattr(newer, name)]


class AgreementEvent(models.Model):
    """What happened to an agreement, by whom and when: its audit trail on the page."""

    class Action(models.TextChoices):
        DRAFTED = "drafted", "Drafted"
        EDITED = "edited", "Draft changed"
        SENT = "sent", "Sent for signatures"
        SIGNED = "signed", "Signed"
        ACTIVATED = "activated", "In force"
        NEW_VERSION = "new_version", "New version started"
        SUPERSEDED = "superseded", "Superseded by a new version"
        REVIEW_DUE = "review_due", "Review date reached"
        ENDED = "ended", "Ended"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    detail = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at"]
        indexes = [models.Index(fields=["agency", "agreement"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} at {self.at:%Y-%m-%d %H:%M}"


class MembershipUserObjectPermission(UserObjectPermissionBase):
    """Direct-FK guardian grants on memberships (no generic object_pk casts), with the
    agency carried so that row-level security can cover this table too."""

    content_object = models.ForeignKey(Membership, on_delete=models.CASCADE)
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        indexes = [models.Index(fields=["agency", "user"])]


# --- Supervisor competence (seed 000 standard vii; seed 002 "Supervisor Competence") -------

EXPIRING_WITHIN_DAYS = 60
DEFAULT_REFRESH_MONTHS = MinimumStandards._meta.get_field("training_refresh_months").default


class CompetenceStatus(models.TextChoices):
    VALID = "valid", "Valid"
    EXPIRING = "expiring", "Expiring within 60 days"
    LAPSED = "lapsed", "Lapsed"
    NONE = "none", "No training recorded"


def competence_status(expires_on: date | None, today: date | None = None) -> str:
    """Valid until the expiry date; expiring in its last 60 days; lapsed after it."""
    today = today or timezone.localdate()
    if expires_on is None:
        return CompetenceStatus.NONE
    if expires_on < today:
        return CompetenceStatus.LAPSED
    if (expires_on - today).days <= EXPIRING_WITHIN_DAYS:
        return CompetenceStatus.EXPIRING
    return CompetenceStatus.VALID


class AddMonths(Func):
    """date + n months in SQL; PostgreSQL clamps to the month's end like agencies.dates."""

    output_field = models.DateField()
    arity = 2

    def as_sql(self, compiler, connection, **extra_context):
        day_sql, day_params = compiler.compile(self.source_expressions[0])
        months_sql, months_params = compiler.compile(self.source_expressions[1])
        sql = f"(({day_sql}) + make_interval(0, ({months_sql})::integer))::date"
        return sql, [*day_params, *months_params]


def expiry_expression(completed_on: str = "completed_on", agency: str = "agency"):
    """SQL for a training record's expiry: completion + the agency's refresh interval,
    read at query time, so a change of the interval applies to every record at once."""
    refresh = Coalesce(
        F(f"{agency}__minimum_standards__training_refresh_months"),
        Value(DEFAULT_REFRESH_MONTHS, output_field=models.PositiveSmallIntegerField()),
    )
    return AddMonths(F(completed_on), refresh)


class TrainingRecordQuerySet(models.QuerySet):
    def with_expiry(self):
        return self.annotate(expires_on=expiry_expression())


def evidence_upload_to(instance: "TrainingRecord", filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return f"training/{instance.agency_id}/{uuid.uuid4().hex}{suffix}"


class TrainingRecord(models.Model):
    """A supervisor's completed supervision training, with its evidence. It expires after
    the agency's refresh interval (MinimumStandards.training_refresh_months)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="training_records")
    supervisor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="training_records")
    course = models.CharField(max_length=200)
    provider = models.CharField(max_length=200)
    completed_on = models.DateField()
    evidence = models.FileField(upload_to=evidence_upload_to, max_length=255, blank=True)
    evidence_filename = models.CharField(max_length=255, blank=True)
    evidence_content_type = models.CharField(max_length=100, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = TrainingRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_on"]
        indexes = [
            models.Index(fields=["agency", "supervisor"]),
            models.Index(fields=["agency", "completed_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.course} ({self.supervisor}, {self.completed_on:%d %b %Y})"
