"""The supervision session record, on the standard pro forma (seed 002 Appendix III with
seed 000 section 4).

Confidentiality (DESIGN.md, Confidentiality model; seed 001) decides the tables:
- oversight content, visible to the agency's safeguarding lead, lives in `SessionRecord`,
  `CaseDiscussion`, `AgreedAction`, `ActionReview` and `RiskEscalation`;
- reflective content, visible to the supervisor and supervisee only (the lead through a
  logged "audit access"), lives in `SessionReflection` and `CaseDiscussionReflection`,
  separate tables so that a row-level-security policy can protect them on their own.

A record is locked once both parties have signed: the database refuses changes to it and
to its parts (django-pgtrigger), and corrections are `Addendum` rows (append-only).

Group and peer supervision (seed 000 standard viii) use the same record: `kind` says which,
the facilitator is the record's `supervisor` (for peer supervision, the facilitating peer),
there is no single `supervisee`, and the people supervised are `RecordAttendee` rows, each
signing for themselves. The record belongs to a `SupervisionGroup`, so each session of a
group follows on from the last one.
"""

import uuid

import pgtrigger
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from agencies.models import Agency, Membership, User
from contracts.models import Agreement, SupervisionForm
from supervision.models import Case

# A part of a signed record may not be inserted, changed or deleted.
_PART_OF_SIGNED_RECORD = """
    IF EXISTS (
        SELECT 1 FROM recording_sessionrecord
        WHERE id = COALESCE(NEW.record_id, OLD.record_id) AND status = 'signed'
    ) THEN
        RAISE EXCEPTION 'spr: % belongs to a signed session record; add an addendum instead',
            TG_TABLE_NAME USING ERRCODE = 'P0001';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
"""


def locked_with_record(name: str) -> pgtrigger.Trigger:
    return pgtrigger.Trigger(
        name=name,
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
        func=_PART_OF_SIGNED_RECORD,
    )


class RecordStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_SUPERVISEE = "awaiting_supervisee", "Awaiting supervisee"
    SIGNED = "signed", "Signed and locked"


class SessionMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIRTUAL = "virtual", "Virtual"


GROUP_KINDS = (SupervisionForm.GROUP, SupervisionForm.PEER)

# A group or peer record may become signed only when every attendee has signed.
_EVERY_ATTENDEE_SIGNED = """
    IF EXISTS (
        SELECT 1 FROM recording_recordattendee
        WHERE record_id = NEW.id AND signed_at IS NULL
    ) THEN
        RAISE EXCEPTION 'spr: every attendee signs a group record before it is locked'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
"""


class SupervisionGroup(models.Model):
    """A standing supervision or peer group of one agency (seed 000 standard viii: "a peer
    model for groups of practitioners"). Its sessions follow on from each other: an action
    agreed in one is reviewed at the next session of the group that its owner attends."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                models.F("agency"), Lower("name"), name="group_name_unique_in_agency"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SessionRecord(models.Model):
    """A supervision session, one-to-one, group or peer: the oversight part of the pro forma.

    One-to-one: `supervisor` and `supervisee`. Group and peer: `supervisor` is the
    facilitator, `supervisee` is empty and the attendees are `RecordAttendee` rows."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="session_records")
    kind = models.CharField(
        max_length=16, choices=SupervisionForm.choices, default=SupervisionForm.ONE_TO_ONE
    )
    supervisor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    supervisee = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    group = models.ForeignKey(
        SupervisionGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="records"
    )
    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, null=True, blank=True, related_name="records"
    )
    previous_record = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    session_date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    mode = models.CharField(max_length=16, choices=SessionMode.choices, blank=True)
    # Seed 000 standard xi, seed 001: protected, uninterrupted time.
    was_uninterrupted = models.BooleanField(null=True, blank=True)
    agenda = models.TextField(blank=True)
    next_session_on = models.DateField(null=True, blank=True)

    status = models.CharField(
        max_length=24, choices=RecordStatus.choices, default=RecordStatus.DRAFT
    )
    # Optimistic locking: every save of the draft must name the version it started from.
    version = models.PositiveIntegerField(default=1)
    last_saved_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    supervisor_signed_at = models.DateTimeField(null=True, blank=True)
    supervisee_signed_at = models.DateTimeField(null=True, blank=True)
    supervisee_agrees = models.BooleanField(null=True, blank=True)
    supervisee_disagreement = models.TextField(blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-session_date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(supervisor=models.F("supervisee")), name="record_not_self"
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="record_ends_after_start",
            ),
            # One-to-one: a supervisee and no group. Group and peer: a group, attendees
            # (their own table) and no single supervisee.
            models.CheckConstraint(
                condition=Q(kind="one_to_one", supervisee__isnull=False, group__isnull=True)
                | Q(kind__in=["group", "peer"], supervisee__isnull=True, group__isnull=False),
                name="record_parties_match_kind",
            ),
            # Signed means the signatures are there: both parties' for one-to-one; the
            # facilitator's for group and peer (every attendee's: see the trigger below).
            models.CheckConstraint(
                condition=~Q(status="signed")
                | Q(supervisor_signed_at__isnull=False)
                & (Q(supervisee_signed_at__isnull=False) | ~Q(kind="one_to_one")),
                name="record_signed_by_both",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "supervisee", "session_date"]),
            models.Index(fields=["agency", "supervisor", "session_date"]),
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["agency", "group", "session_date"]),
            # Signed sessions of an agency up to a day, for the assurance dashboards.
            models.Index(
                fields=["agency", "status", "session_date"],
                include=["id", "supervisee", "supervisor", "created_at"],
                name="record_assurance_cover",
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="protect_signed_record",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__status="signed"),
            ),
            pgtrigger.Trigger(
                name="group_signed_by_every_attendee",
                when=pgtrigger.Before,
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(new__status="signed") & ~pgtrigger.Q(new__kind="one_to_one"),
                func=_EVERY_ATTENDEE_SIGNED,
            ),
        ]

    def __str__(self) -> str:
        if self.is_group_kind:
            return f"{self.get_kind_display()} supervision of {self.group} on {self.session_date}"
        return f"Supervision of {self.supervisee} by {self.supervisor} on {self.session_date}"

    @property
    def is_group_kind(self) -> bool:
        """A group or peer session (attendees), not one-to-one."""
        return self.kind in GROUP_KINDS

    @property
    def facilitator(self) -> User:
        return self.supervisor

    @property
    def status_label(self) -> str:
        if self.is_group_kind and self.status == RecordStatus.AWAITING_SUPERVISEE:
            return "Awaiting attendees"
        return self.get_status_display()

    @property
    def is_draft(self) -> bool:
        return self.status == RecordStatus.DRAFT

    @property
    def is_locked(self) -> bool:
        return self.status == RecordStatus.SIGNED

    @property
    def duration_minutes(self) -> int | None:
        if not (self.start_time and self.end_time):
            return None
        start = self.start_time.hour * 60 + self.start_time.minute
        end = self.end_time.hour * 60 + self.end_time.minute
        return end - start


_ATTENDEE_OF_SIGNED_RECORD = """
    SELECT status INTO record_status FROM recording_sessionrecord
        WHERE id = COALESCE(NEW.record_id, OLD.record_id);
    IF record_status = 'signed' THEN
        RAISE EXCEPTION 'spr: the attendees of a signed record cannot change'
            USING ERRCODE = 'P0001';
    END IF;
    -- Once the facilitator has signed, who attended is fixed; each attendee only signs,
    -- once.
    IF record_status = 'awaiting_supervisee' AND (
        TG_OP <> 'UPDATE'
        OR NEW.user_id IS DISTINCT FROM OLD.user_id
        OR NEW.membership_id IS DISTINCT FROM OLD.membership_id
        OR NEW.record_id IS DISTINCT FROM OLD.record_id
        OR OLD.signed_at IS NOT NULL
    ) THEN
        RAISE EXCEPTION 'spr: the attendees of a record signed by its facilitator cannot change'
            USING ERRCODE = 'P0001';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
"""


class RecordAttendee(models.Model):
    """A person supervised in a group or peer session, and their sign-off: each attendee
    reads the record and signs it, agreeing or recording their disagreement."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(SessionRecord, on_delete=models.CASCADE, related_name="attendees")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(null=True, blank=True)
    agrees = models.BooleanField(null=True, blank=True)
    disagreement = models.TextField(blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]
        constraints = [
            models.UniqueConstraint(fields=["record", "user"], name="one_attendance_per_person"),
            models.CheckConstraint(
                condition=Q(signed_at__isnull=False) | Q(agrees__isnull=True, disagreement=""),
                name="attendee_answers_only_when_signed",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "user", "signed_at"]),
            models.Index(fields=["agency", "record"]),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="lock_attendees_of_signed_record",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
                declare=[("record_status", "text")],
                func=_ATTENDEE_OF_SIGNED_RECORD,
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.record_id}"

    @property
    def has_signed(self) -> bool:
        return self.signed_at is not None


class SessionReflection(models.Model):
    """The reflective part of a record: wellbeing, emotional impact, support, learning.

    Supervisor and supervisee only (seed 001: confidential unless risk is identified).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    record = models.OneToOneField(
        SessionRecord, on_delete=models.CASCADE, related_name="reflection"
    )
    wellbeing = models.TextField(
        "Wellbeing, emotional impact of the work and support offered", blank=True
    )
    learning = models.TextField("Areas of learning and professional development", blank=True)

    class Meta:
        indexes = [models.Index(fields=["agency", "record"])]
        triggers = [locked_with_record("lock_signed_reflection")]

    def __str__(self) -> str:
        return f"Reflective part of {self.record_id}"


class Rag(models.TextChoices):
    """Seed 002 Appendix III e): are the children's circumstances improving?"""

    RED = "red", "Red: getting worse"
    AMBER = "amber", "Amber: staying the same"
    GREEN = "green", "Green: improving"


class CaseDiscussion(models.Model):
    """One family discussed in a session (seed 002 Appendix III, a–g): oversight content."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(SessionRecord, on_delete=models.CASCADE, related_name="discussions")
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="discussions"
    )
    # Group and peer sessions: the attendee who brought the case.
    presenter = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=1)
    needs = models.TextField("Identified needs of the child or children", blank=True)
    risks = models.TextField("Risks to the child, and from whom or what", blank=True)
    engagement = models.TextField("Engagement of the family and capacity for change", blank=True)
    plan = models.TextField("Plan for the family and agency contribution to the plan", blank=True)
    rag = models.CharField("RAG rating", max_length=8, choices=Rag.choices, blank=True)
    drift_amendment = models.TextField(
        "Proposed amendment to the plan to address escalating concerns or drift", blank=True
    )
    refusal_action = models.TextField(
        "Action if parents refuse services and the significant harm threshold is not met",
        blank=True,
    )
    challenge_raised = models.TextField("Professional challenge or escalation raised", blank=True)
    case_record_updated = models.BooleanField(
        "An entry has been made on the child's case record", default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "created_at"]
        indexes = [
            models.Index(fields=["agency", "case"]),
            models.Index(fields=["agency", "record"]),
            # The assurance dashboards read discussions by agency and record without
            # touching the table (index-only scans): docs/performance.md.
            models.Index(
                fields=["agency", "record"],
                include=["case", "rag", "created_at"],
                name="discussion_assurance_cover",
            ),
        ]
        triggers = [locked_with_record("lock_signed_discussion")]

    def __str__(self) -> str:
        return f"Discussion {self.position} of {self.record_id}"


class ReflectionModel(models.TextChoices):
    KOLB = "kolb", "Kolb's experiential learning cycle"
    GIBBS = "gibbs", "Gibbs' reflective cycle"
    FOOK = "fook", "Fook's critical reflection"


class CaseDiscussionReflection(models.Model):
    """The reflection areas for one case discussion (seed 000 section 4) and an optional
    reflection model (seed 002 Appendix II, seed 003): supervisor and supervisee only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(SessionRecord, on_delete=models.CASCADE, related_name="+")
    discussion = models.OneToOneField(
        CaseDiscussion, on_delete=models.CASCADE, related_name="reflection"
    )
    quantity = models.TextField(blank=True)
    quality_child = models.TextField(blank=True)
    quality_parent_carer = models.TextField(blank=True)
    quality_practitioner = models.TextField(blank=True)
    quality_partnership = models.TextField(blank=True)
    outcomes = models.TextField(blank=True)
    # {"kolb": {"experience": "...", ...}, "gibbs": {...}, "fook": {...}}: see prompts.py.
    model_answers = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["agency", "record"])]
        triggers = [locked_with_record("lock_signed_discussion_reflection")]

    def __str__(self) -> str:
        return f"Reflection on {self.discussion_id}"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    IN_PROGRESS = "in_progress", "In progress"
    NOT_DONE = "not_done", "Not done"


REVIEW_STATUSES = [
    (ActionStatus.DONE.value, ActionStatus.DONE.label),
    (ActionStatus.IN_PROGRESS.value, ActionStatus.IN_PROGRESS.label),
    (ActionStatus.NOT_DONE.value, ActionStatus.NOT_DONE.label),
]

_ACTION_CONTENT_OF_SIGNED_RECORD = """
    IF EXISTS (
        SELECT 1 FROM recording_sessionrecord
        WHERE id = COALESCE(NEW.record_id, OLD.record_id) AND status = 'signed'
    ) AND (
        TG_OP <> 'UPDATE'
        OR NEW.description IS DISTINCT FROM OLD.description
        OR NEW.owner_id IS DISTINCT FROM OLD.owner_id
        OR NEW.due_on IS DISTINCT FROM OLD.due_on
        OR NEW.case_id IS DISTINCT FROM OLD.case_id
        OR NEW.record_id IS DISTINCT FROM OLD.record_id
    ) THEN
        RAISE EXCEPTION 'spr: an action agreed in a signed session record cannot be changed'
            USING ERRCODE = 'P0001';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
"""


class AgreedAction(models.Model):
    """An action agreed in a session: what, who, by when, which case (oversight).

    What was agreed is locked with the record; its status moves on as later sessions
    review it (done / in progress / not done).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(SessionRecord, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField("Action", blank=True)
    owner = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField("Due by", null=True, blank=True)
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    position = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    status_changed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "created_at"]
        indexes = [
            models.Index(fields=["agency", "owner", "status"]),
            models.Index(fields=["agency", "record"]),
            models.Index(fields=["agency", "due_on"]),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="lock_signed_action",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
                func=_ACTION_CONTENT_OF_SIGNED_RECORD,
            )
        ]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def is_open(self) -> bool:
        return self.status != ActionStatus.DONE


class ActionReview(models.Model):
    """Follow-up of a previous session's action in this session: done / in progress /
    not done (seed 002: each session reviews the actions of the previous one)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(
        SessionRecord, on_delete=models.CASCADE, related_name="action_reviews"
    )
    action = models.ForeignKey(AgreedAction, on_delete=models.PROTECT, related_name="reviews")
    status = models.CharField(max_length=16, choices=REVIEW_STATUSES, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["action__due_on", "action__created_at"]
        constraints = [
            models.UniqueConstraint(fields=["record", "action"], name="one_review_per_action"),
        ]
        indexes = [models.Index(fields=["agency", "record"])]
        triggers = [locked_with_record("lock_signed_review")]

    def __str__(self) -> str:
        return f"{self.action} → {self.status or 'not reviewed'}"


class Addendum(models.Model):
    """A correction or addition to a signed record: append-only, with author and time."""

    class Part(models.TextChoices):
        OVERSIGHT = "oversight", "The oversight part (the safeguarding lead can read it)"
        REFLECTIVE = "reflective", "The reflective part (supervisor and supervisee only)"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(SessionRecord, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    part = models.CharField(max_length=16, choices=Part.choices, default=Part.OVERSIGHT)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["agency", "record"])]
        triggers = [
            pgtrigger.Protect(
                name="append_only_addendum", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"Addendum by {self.author} at {self.created_at}"


class RiskKind(models.TextChoices):
    """Seed 001: when confidentiality gives way."""

    SIGNIFICANT_HARM = "significant_harm", "A child or family member is at significant risk of harm"
    UNSAFE_PRACTICE = "unsafe_practice", "Unsafe practice is placing people at risk"
    ILLEGAL_ACTIVITY = "illegal_activity", "There is illegal activity"


class RiskEscalation(models.Model):
    """A risk exception raised from a session: the safeguarding lead sees it at once, with
    the text the supervisor chose to share (and nothing else of the reflective part)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(SessionRecord, on_delete=models.PROTECT, related_name="escalations")
    kind = models.CharField(max_length=24, choices=RiskKind.choices)
    shared_text = models.TextField("What the safeguarding lead needs to know")
    raised_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["agency", "acknowledged_at", "raised_at"])]
        triggers = [
            pgtrigger.Protect(name="escalation_never_deleted", operation=pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.raised_at:%Y-%m-%d})"


class AuditAccess(models.Model):
    """A safeguarding lead opening the reflective part of a record, with the reason.

    Shown to both parties on the record; valid for a short time, then asked again."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(
        SessionRecord, on_delete=models.PROTECT, related_name="audit_accesses"
    )
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["agency", "record", "user", "expires_at"])]
        triggers = [
            pgtrigger.Protect(
                name="append_only_audit_access", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"Audit access by {self.user} to {self.record_id}"
