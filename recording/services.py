"""Every write to session records goes through these functions (STYLE.md: writes in one place).

Drafts carry a version: a save names the version it started from and is refused with
`DraftConflict` when someone else saved in between, so nothing is overwritten silently
(SECURITY.md 17). Sign-offs are conditional updates, so of two simultaneous sign-offs
exactly one succeeds (SECURITY.md 18).
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from agencies.models import Membership, Role, User
from audit import services as audit_services
from audit.models import AccessKind
from contracts.models import IN_FORCE, Agreement, SupervisionForm
from contracts.selectors import can_supervise
from supervision.services import mark_cases_discussed

from .models import (
    ActionReview,
    ActionStatus,
    Addendum,
    AgreedAction,
    AuditAccess,
    CaseDiscussion,
    CaseDiscussionReflection,
    RecordAttendee,
    RecordStatus,
    RiskEscalation,
    SessionRecord,
    SessionReflection,
    SupervisionGroup,
)
from .prompts import REFLECTION_MODELS
from .selectors import cases_for_record

logger = logging.getLogger(__name__)

AUDIT_ACCESS_MINUTES = 60

# Group and peer sessions: "groups of practitioners" (seed 000 standard viii), so at least
# two besides the facilitator; more than fifteen leaves no time for each to bring a case.
MIN_ATTENDEES = 2
MAX_ATTENDEES = 15
# Who may be supervised in a group or peer session, and who may facilitate a peer session.
ATTENDEE_ROLES = (Role.PRACTITIONER, Role.SUPERVISOR)

RECORD_FIELDS = (
    "session_date",
    "start_time",
    "end_time",
    "mode",
    "was_uninterrupted",
    "agenda",
    "next_session_on",
)
REFLECTION_FIELDS = ("wellbeing", "learning")
DISCUSSION_FIELDS = (
    "case",
    "presenter",
    "needs",
    "risks",
    "engagement",
    "plan",
    "rag",
    "drift_amendment",
    "refusal_action",
    "challenge_raised",
    "case_record_updated",
)
DISCUSSION_REFLECTION_FIELDS = (
    "quantity",
    "quality_child",
    "quality_parent_carer",
    "quality_practitioner",
    "quality_partnership",
    "outcomes",
    "model_answers",
)
ACTION_FIELDS = ("description", "owner", "due_on", "case")
REVIEW_FIELDS = ("status", "note")


class DraftConflict(Exception):
    """Someone saved the draft after the version this change started from."""

    def __init__(self, current: SessionRecord):
        super().__init__("The draft was saved by someone else in the meantime.")
        self.current = current


@dataclass
class DraftChanges:
    """What one save of the draft changes, by part. Only the fields given are written."""

    record: dict = field(default_factory=dict)
    reflection: dict = field(default_factory=dict)
    discussions: dict[UUID, dict] = field(default_factory=dict)
    discussion_reflections: dict[UUID, dict] = field(default_factory=dict)
    actions: dict[UUID, dict] = field(default_factory=dict)
    reviews: dict[UUID, dict] = field(default_factory=dict)
    add_discussion: bool = False
    add_action: bool = False
    remove_discussions: set[UUID] = field(default_factory=set)
    remove_actions: set[UUID] = field(default_factory=set)


# --- Reading helpers used by the writes --------------------------------------------------


def open_actions_of_pair(*, agency_id, supervisor_id, supervisee_id, exclude_record=None):
    """Actions agreed in earlier records of this pair (signed by the supervisor at least)
    that are not done yet: they are carried forward into the next session."""
    actions = AgreedAction.objects.filter(
        agency_id=agency_id,
        record__supervisor_id=supervisor_id,
        record__supervisee_id=supervisee_id,
        record__status__in=[RecordStatus.AWAITING_SUPERVISEE, RecordStatus.SIGNED],
    ).exclude(status=ActionStatus.DONE)
    if exclude_record is not None:
        actions = actions.exclude(record=exclude_record)
    return actions


def open_actions_of_group(*, agency_id, group_id, owner_ids, exclude_record=None):
    """Actions agreed in earlier sessions of this group (signed by the facilitator at
    least), not done yet, owned by one of `owner_ids`: each is carried forward into the
    next session of the group that its owner attends."""
    actions = AgreedAction.objects.filter(
        agency_id=agency_id,
        record__group_id=group_id,
        record__status__in=[RecordStatus.AWAITING_SUPERVISEE, RecordStatus.SIGNED],
        owner_id__in=list(owner_ids),
    ).exclude(status=ActionStatus.DONE)
    if exclude_record is not None:
        actions = actions.exclude(record=exclude_record)
    return actions


def attendee_ids(record: SessionRecord) -> set[UUID]:
    if not record.is_group_kind:
        return set()
    return set(RecordAttendee.objects.filter(record=record).values_list("user_id", flat=True))


def party_ids(record: SessionRecord) -> set[UUID]:
    """The people a record is about and for: supervisor and supervisee, or the facilitator
    and every attendee. They read all of it, including the reflective part."""
    if record.is_group_kind:
        return {record.supervisor_id, *attendee_ids(record)}
    return {record.supervisor_id, record.supervisee_id}


def sign_off_problems(record: SessionRecord) -> list[str]:
    """What still needs an answer before the supervisor can sign (empty when complete)."""
    problems = []
    attendees: set[UUID] = set()
    if record.is_group_kind:
        attendees = {a.user_id for a in record.attendees.all()}
        if len(attendees) < MIN_ATTENDEES:
            problems.append(f"A group session has at least {MIN_ATTENDEES} attendees")
    if record.session_date > timezone.localdate():
        problems.append("The session date must be today or in the past")
    if not record.start_time or not record.end_time:
        problems.append("Enter the start and end time of the session")
    if not record.mode:
        problems.append("Select whether the session was in person or virtual")
    if record.was_uninterrupted is None:
        problems.append("Say whether the session was uninterrupted")
    if not record.agenda.strip():
        problems.append("Enter the agreed agenda")
    if record.next_session_on is None:
        problems.append("Enter the date of the next session")
    elif record.next_session_on <= record.session_date:
        problems.append("The next session must be after this one")
    seen_cases = set()
    for n, discussion in enumerate(record.discussions.all(), start=1):
        if discussion.case_id is None:
            problems.append(f"Case discussion {n}: select the case")
        elif discussion.case_id in seen_cases:
            problems.append(f"Case discussion {n}: this case is already discussed above")
        seen_cases.add(discussion.case_id)
        if record.is_group_kind and discussion.presenter_id not in attendees:
            problems.append(f"Case discussion {n}: select who presented the case")
        if not discussion.rag:
            problems.append(f"Case discussion {n}: select a RAG rating")
    for n, action in enumerate(record.actions.all(), start=1):
        if not action.description.strip():
            problems.append(f"Agreed action {n}: enter what is to be done")
        if action.owner_id is None:
            problems.append(f"Agreed action {n}: select who is responsible")
        if action.due_on is None:
            problems.append(f"Agreed action {n}: enter the date it is due")
    for review in record.action_reviews.all():
        if not review.status:
            problems.append(
                f"Previous action “{review.action.description[:50]}”: "
                "mark it done, in progress or not done"
            )
    return problems


# --- Starting and saving a draft -----------------------------------------------------------


@transaction.atomic
def start_record(
    *, supervisor: User, supervisee_membership: Membership, session_date: date
) -> SessionRecord:
    """Open a draft record of a one-to-one session. The supervisor must supervise the
    supervisee (an agreement in force). The previous session's open actions are carried
    forward for review, and the draft starts with one empty case discussion."""
    if not can_supervise(supervisor, supervisee_membership):
        raise PermissionDenied("You do not supervise this person.")
    agency = supervisee_membership.agency
    supervisee = supervisee_membership.user
    agreement = (
        Agreement.objects.filter(
            agency=agency, supervisor=supervisor, supervisee=supervisee, status__in=IN_FORCE
        )
        .order_by("-start_date")
        .first()
    )
    previous = (
        SessionRecord.objects.filter(agency=agency, supervisee=supervisee)
        .exclude(status=RecordStatus.DRAFT)
        .filter(session_date__lte=session_date)
        .order_by("-session_date", "-created_at")
        .first()
    )
    record = SessionRecord.objects.create(
        agency=agency,
        supervisor=supervisor,
        supervisee=supervisee,
        agreement=agreement,
        previous_record=previous,
        session_date=session_date,
        created_by=supervisor,
        last_saved_by=supervisor,
    )
    SessionReflection.objects.create(agency=agency, record=record)
    _add_discussion(record)
    carried = open_actions_of_pair(
        agency_id=agency.id, supervisor_id=supervisor.id, supervisee_id=supervisee.id
    )
    ActionReview.objects.bulk_create(
        [ActionReview(agency=agency, record=record, action=action) for action in carried]
    )
    return record


def can_facilitate(membership: Membership | None, kind: str) -> bool:
    """Who may facilitate (docs/cases-and-records.md, "Group and peer supervision"):
    group supervision is led by a supervisor of the agency; peer supervision by any
    practitioner or supervisor of the agency, one of the peers."""
    if membership is None or not membership.is_active:
        return False
    if kind == SupervisionForm.GROUP:
        return membership.has_role(Role.SUPERVISOR)
    if kind == SupervisionForm.PEER:
        return any(membership.has_role(r) for r in ATTENDEE_ROLES)
    return False


def _checked_attendees(
    *, agency_id: UUID, facilitator_id: UUID, memberships: Sequence[Membership]
) -> list[Membership]:
    """The attendees, re-read from the database: current practitioners or supervisors of
    the record's agency, not the facilitator, each once."""
    ids = {m.id for m in memberships}
    found = list(
        Membership.objects.active()
        .filter(agency_id=agency_id, id__in=ids)
        .exclude(user_id=facilitator_id)
        .select_related("user")
    )
    found = [m for m in found if any(m.has_role(r) for r in ATTENDEE_ROLES)]
    if len(found) != len(ids) or len({m.user_id for m in found}) != len(found):
        raise ValidationError(
            {"attendees": "Select people of your agency, other than the facilitator"}
        )
    if len(found) < MIN_ATTENDEES:
        raise ValidationError({"attendees": f"Select at least {MIN_ATTENDEES} people who attended"})
    if len(found) > MAX_ATTENDEES:
        raise ValidationError({"attendees": f"Select at most {MAX_ATTENDEES} people"})
    return found


def normalise_group_name(name: str) -> str:
    return " ".join(name.split())


@transaction.atomic
def start_group_record(
    *,
    facilitator_membership: Membership,
    kind: str,
    group_name: str,
    attendee_memberships: Sequence[Membership],
    session_date: date,
) -> SessionRecord:
    """Open a draft record of a group or peer session (seed 000 standard viii).

    The facilitator must be allowed to lead this kind of session (`can_facilitate`); the
    attendees are two or more people of the same agency. The group is found by name in the
    agency, or made: sessions of one group follow on from each other, and each attendee's
    open actions from earlier sessions of the group are carried forward for review."""
    if kind not in (SupervisionForm.GROUP, SupervisionForm.PEER):
        raise ValidationError({"kind": "Select group or peer supervision"})
    if not can_facilitate(facilitator_membership, kind):
        raise PermissionDenied(
            "Group supervision is facilitated by a supervisor of the agency."
            if kind == SupervisionForm.GROUP
            else "Peer supervision is facilitated by a practitioner of the agency."
        )
    agency = facilitator_membership.agency
    facilitator = facilitator_membership.user
    name = normalise_group_name(group_name)
    if not name:
        raise ValidationError({"group_name": "Enter the name of the group"})
    attendees = _checked_attendees(
        agency_id=agency.id, facilitator_id=facilitator.id, memberships=attendee_memberships
    )
    # The unique constraint on (agency, lower(name)) makes two people starting the same new
    # group at once find one group.
    group, _ = SupervisionGroup.objects.get_or_create(
        agency=agency, name__iexact=name, defaults={"name": name, "created_by": facilitator}
    )
    previous = (
        SessionRecord.objects.filter(agency=agency, group=group)
        .exclude(status=RecordStatus.DRAFT)
        .filter(session_date__lte=session_date)
        .order_by("-session_date", "-created_at")
        .first()
    )
    record = SessionRecord.objects.create(
        agency=agency,
        kind=kind,
        supervisor=facilitator,
        group=group,
        previous_record=previous,
        session_date=session_date,
        created_by=facilitator,
        last_saved_by=facilitator,
    )
    RecordAttendee.objects.bulk_create(
        RecordAttendee(agency=agency, record=record, membership=m, user_id=m.user_id)
        for m in attendees
    )
    SessionReflection.objects.create(agency=agency, record=record)
    _add_discussion(record)
    _carry_forward_group_actions(
        record, owner_ids={facilitator.id, *(m.user_id for m in attendees)}
    )
    return record


def _carry_forward_group_actions(record: SessionRecord, *, owner_ids: set[UUID]) -> None:
    already = ActionReview.objects.filter(record=record).values("action_id")
    carried = open_actions_of_group(
        agency_id=record.agency_id,
        group_id=record.group_id,
        owner_ids=owner_ids,
        exclude_record=record,
    ).exclude(id__in=already)
    ActionReview.objects.bulk_create(
        [ActionReview(agency_id=record.agency_id, record=record, action=a) for a in carried]
    )


@transaction.atomic
def change_attendees(
    *, record: SessionRecord, by: User, attendee_memberships: Sequence[Membership]
) -> SessionRecord:
    """The facilitator corrects who attended, while the record is a draft. Someone removed
    stops presenting and owning actions in it (the facilitator chooses again), and their
    carried-forward actions wait for the next session they attend; someone added brings
    their open actions from the group's earlier sessions."""
    if not record.is_group_kind or by.id != record.supervisor_id:
        raise PermissionDenied("Only the facilitator changes who attended.")
    current = SessionRecord.objects.select_for_update().get(pk=record.pk)
    if current.status != RecordStatus.DRAFT:
        raise ValidationError("This record has been signed and can no longer be edited.")
    wanted = _checked_attendees(
        agency_id=current.agency_id,
        facilitator_id=current.supervisor_id,
        memberships=attendee_memberships,
    )
    wanted_users = {m.user_id for m in wanted}
    present = {a.user_id: a for a in RecordAttendee.objects.filter(record=current)}
    removed = set(present) - wanted_users
    if removed:
        RecordAttendee.objects.filter(record=current, user_id__in=removed).delete()
        CaseDiscussion.objects.filter(record=current, presenter_id__in=removed).update(
            presenter=None
        )
        AgreedAction.objects.filter(record=current, owner_id__in=removed).update(owner=None)
        ActionReview.objects.filter(record=current, action__owner_id__in=removed).delete()
    added = [m for m in wanted if m.user_id not in present]
    RecordAttendee.objects.bulk_create(
        RecordAttendee(agency_id=current.agency_id, record=current, membership=m, user_id=m.user_id)
        for m in added
    )
    if added:
        _carry_forward_group_actions(current, owner_ids={m.user_id for m in added})
    SessionRecord.objects.filter(pk=current.pk).update(
        version=F("version") + 1, last_saved_by=by, updated_at=timezone.now()
    )
    return SessionRecord.objects.get(pk=current.pk)


def _add_discussion(record: SessionRecord) -> CaseDiscussion:
    position = (
        record.discussions.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    discussion = CaseDiscussion.objects.create(
        agency_id=record.agency_id, record=record, position=position
    )
    CaseDiscussionReflection.objects.create(
        agency_id=record.agency_id, record=record, discussion=discussion
    )
    return discussion


def _add_action(record: SessionRecord) -> AgreedAction:
    position = (
        record.actions.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    return AgreedAction.objects.create(agency_id=record.agency_id, record=record, position=position)


def _require_party(record: SessionRecord, user: User) -> None:
    if user.id not in party_ids(record):
        raise PermissionDenied("Only the people in the session can add to this record.")


def _require_editor(record: SessionRecord, user: User) -> None:
    """Both parties edit a one-to-one draft; the facilitator writes a group or peer one."""
    editors = {record.supervisor_id} if record.is_group_kind else party_ids(record)
    if user.id not in editors:
        raise PermissionDenied("Only the supervisor and supervisee can change this record.")


def _only(values: dict, allowed: tuple[str, ...]) -> dict:
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    return values


def _clean_model_answers(answers: dict) -> dict:
    """Keep only known models and stages, and only answers with text."""
    cleaned: dict = {}
    for model, stages in REFLECTION_MODELS.items():
        given = answers.get(model) or {}
        kept = {s.key: str(given[s.key]) for s in stages if str(given.get(s.key, "")).strip()}
        if kept:
            cleaned[model] = kept
    return cleaned


@transaction.atomic
def save_draft(
    *, record: SessionRecord, by: User, version: int, changes: DraftChanges
) -> SessionRecord:
    """Save changes to a draft that started from `version`.

    Raises DraftConflict (and writes nothing) if the draft has moved on since, and
    ValidationError if the record is no longer a draft. Returns the saved record with its
    new version."""
    _require_editor(record, by)
    record_values = _only(dict(changes.record), RECORD_FIELDS)
    claimed = SessionRecord.objects.filter(
        pk=record.pk, version=version, status=RecordStatus.DRAFT
    ).update(version=F("version") + 1, last_saved_by=by, updated_at=timezone.now(), **record_values)
    if claimed != 1:
        current = SessionRecord.objects.get(pk=record.pk)
        if current.status != RecordStatus.DRAFT:
            raise ValidationError("This record has been signed and can no longer be edited.")
        raise DraftConflict(current)
    record = SessionRecord.objects.select_related("supervisor", "supervisee").get(pk=record.pk)

    if changes.reflection:
        SessionReflection.objects.filter(record=record).update(
            **_only(dict(changes.reflection), REFLECTION_FIELDS)
        )

    allowed_cases = set(cases_for_record(record).values_list("id", flat=True))
    parties = party_ids(record)
    attendees = attendee_ids(record)

    discussions = {d.id: d for d in record.discussions.all()}
    for discussion_id, values in changes.discussions.items():
        discussion = discussions.get(discussion_id)
        if discussion is None or discussion_id in changes.remove_discussions:
            continue
        values = _only(dict(values), DISCUSSION_FIELDS)
        case = values.get("case")
        if case is not None and case.id not in allowed_cases:
            raise ValidationError("Choose one of the supervisee's cases.")
        presenter = values.get("presenter")
        if presenter is not None and presenter.id not in attendees:
            raise ValidationError("The presenter of a case is one of the attendees.")
        for name, value in values.items():
            setattr(discussion, name, value)
        discussion.save()
    reflections = {
        r.discussion_id: r for r in CaseDiscussionReflection.objects.filter(record=record)
    }
    for discussion_id, values in changes.discussion_reflections.items():
        reflection = reflections.get(discussion_id)
        if reflection is None or discussion_id in changes.remove_discussions:
            continue
        values = _only(dict(values), DISCUSSION_REFLECTION_FIELDS)
        if "model_answers" in values:
            values["model_answers"] = _clean_model_answers(values["model_answers"])
        for name, value in values.items():
            setattr(reflection, name, value)
        reflection.save()

    actions = {a.id: a for a in record.actions.all()}
    for action_id, values in changes.actions.items():
        action = actions.get(action_id)
        if action is None or action_id in changes.remove_actions:
            continue
        values = _only(dict(values), ACTION_FIELDS)
        owner = values.get("owner")
        if owner is not None and owner.id not in parties:
            raise ValidationError("An action's owner is one of the people in the session.")
        case = values.get("case")
        if case is not None and case.id not in allowed_cases:
            raise ValidationError("Choose one of the supervisee's cases.")
        for name, value in values.items():
            setattr(action, name, value)
        action.save()

    reviews = {r.id: r for r in record.action_reviews.all()}
    for review_id, values in changes.reviews.items():
        review = reviews.get(review_id)
        if review is None:
            continue
        for name, value in _only(dict(values), REVIEW_FIELDS).items():
            setattr(review, name, value)
        review.save()

    if changes.remove_discussions:
        doomed = [d for d in changes.remove_discussions if d in discussions]
        CaseDiscussionReflection.objects.filter(record=record, discussion_id__in=doomed).delete()
        CaseDiscussion.objects.filter(record=record, id__in=doomed).delete()
    if changes.remove_actions:
        AgreedAction.objects.filter(
            record=record, id__in=[a for a in changes.remove_actions if a in actions]
        ).delete()
    if changes.add_discussion:
        _add_discussion(record)
    if changes.add_action:
        _add_action(record)
    return record


# --- Sign-off ----------------------------------------------------------------------------------


@transaction.atomic
def sign_as_supervisor(*, record: SessionRecord, by: User, version: int) -> SessionRecord:
    """The supervisor signs the version they read. After this nobody edits the draft; the
    supervisee signs or records their disagreement."""
    if by.id != record.supervisor_id:
        raise PermissionDenied("Only the supervisor signs first.")
    current = SessionRecord.objects.select_for_update().get(pk=record.pk)
    if current.status != RecordStatus.DRAFT:
        raise ValidationError("This record has already been signed.")
    if current.version != version:
        raise DraftConflict(current)
    problems = sign_off_problems(current)
    if problems:
        raise ValidationError(problems)
    signed = SessionRecord.objects.filter(
        pk=record.pk, status=RecordStatus.DRAFT, version=version
    ).update(
        status=RecordStatus.AWAITING_SUPERVISEE,
        supervisor_signed_at=timezone.now(),
        version=F("version") + 1,
    )
    if signed != 1:  # pragma: no cover - the row lock above makes this unreachable
        raise ValidationError("This record has already been signed.")
    return SessionRecord.objects.get(pk=record.pk)


@transaction.atomic
def countersign(
    *, record: SessionRecord, by: User, agrees: bool, disagreement: str = ""
) -> SessionRecord:
    """The supervisee signs, agreeing or recording their disagreement; the record is then
    locked. Carried actions take the status given in this session, and each discussed
    case's "last discussed" date moves to the session date."""
    if by.id != record.supervisee_id:
        raise PermissionDenied("Only the supervisee countersigns.")
    disagreement = disagreement.strip()
    if not agrees and not disagreement:
        raise ValidationError({"disagreement": "Say what you disagree with"})
    signed = SessionRecord.objects.filter(
        pk=record.pk, status=RecordStatus.AWAITING_SUPERVISEE
    ).update(
        status=RecordStatus.SIGNED,
        supervisee_signed_at=timezone.now(),
        supervisee_agrees=agrees,
        supervisee_disagreement="" if agrees else disagreement,
        version=F("version") + 1,
    )
    if signed != 1:
        raise ValidationError("This record is not waiting for your signature.")
    record = SessionRecord.objects.get(pk=record.pk)
    _after_signed(record)
    return record


@transaction.atomic
def sign_as_attendee(
    *, record: SessionRecord, by: User, agrees: bool, disagreement: str = ""
) -> SessionRecord:
    """An attendee of a group or peer session signs, agreeing or recording their
    disagreement. When the last attendee signs the record is locked and counts as a
    supervision session for every attendee (as the supervisee's signature does for a
    one-to-one record). The record row is locked first, so of two attendees signing at the
    same moment exactly one is the last."""
    if not record.is_group_kind:
        raise PermissionDenied("Only the supervisee countersigns.")
    attendee = RecordAttendee.objects.filter(record=record, user=by).first()
    if attendee is None:
        raise PermissionDenied("Only the attendees sign after the facilitator.")
    disagreement = disagreement.strip()
    if not agrees and not disagreement:
        raise ValidationError({"disagreement": "Say what you disagree with"})
    current = SessionRecord.objects.select_for_update().get(pk=record.pk)
    if current.status != RecordStatus.AWAITING_SUPERVISEE:
        raise ValidationError("This record is not waiting for your signature.")
    signed = RecordAttendee.objects.filter(pk=attendee.pk, signed_at__isnull=True).update(
        signed_at=timezone.now(),
        agrees=agrees,
        disagreement="" if agrees else disagreement,
    )
    if signed != 1:
        raise ValidationError("You have already signed this record.")
    if RecordAttendee.objects.filter(record=current, signed_at__isnull=True).exists():
        SessionRecord.objects.filter(pk=current.pk).update(version=F("version") + 1)
        return SessionRecord.objects.get(pk=current.pk)
    SessionRecord.objects.filter(pk=current.pk, status=RecordStatus.AWAITING_SUPERVISEE).update(
        status=RecordStatus.SIGNED, version=F("version") + 1
    )
    record = SessionRecord.objects.get(pk=current.pk)
    _after_signed(record)
    return record


def _after_signed(record: SessionRecord) -> None:
    """Once a record is locked: carried actions take the status given in this session, and
    each discussed case's "last discussed" date moves to the session date."""
    for review in record.action_reviews.select_related("action"):
        AgreedAction.objects.filter(pk=review.action_id).update(
            status=review.status, status_changed_on=record.session_date
        )
    mark_cases_discussed(
        agency=record.agency,
        case_ids=record.discussions.exclude(case=None).values_list("case_id", flat=True),
        on=record.session_date,
    )
    # The cadence rules run after every signed record (DESIGN.md, supervision), for the
    # discussed cases and the people in the session: the supervisor and supervisee, or the
    # facilitator and every attendee (attendance.py says who had a session).
    from supervision.tasks import enqueue_reevaluation

    enqueue_reevaluation(
        case_ids=record.discussions.exclude(case=None).values_list("case_id", flat=True),
        user_ids=party_ids(record),
    )


# --- After signing -------------------------------------------------------------------------------


@transaction.atomic
def add_addendum(*, record: SessionRecord, by: User, text: str, part: str) -> Addendum:
    """Append a correction to a signed record (the record itself never changes)."""
    _require_party(record, by)
    if record.status != RecordStatus.SIGNED:
        raise ValidationError("Addenda are for signed records. Edit the draft instead.")
    if not text.strip():
        raise ValidationError({"text": "Enter the addendum"})
    if part not in Addendum.Part.values:
        raise ValidationError({"part": "Select which part of the record this adds to"})
    return Addendum.objects.create(
        agency_id=record.agency_id, record=record, author=by, text=text.strip(), part=part
    )


# --- Confidentiality: audit access, risk exceptions, the access log -----------------------------


def record_subjects(record: SessionRecord) -> list:
    """The people a record is about: its supervisor and supervisee, or its attendees."""
    if record.supervisee_id:
        return [record.supervisee_id, record.supervisor_id]
    attendees = list(RecordAttendee.objects.filter(record=record).values_list("user_id", flat=True))
    return [*attendees, record.supervisor_id]


def log_record_access(
    *, record: SessionRecord, user: User | None, kind: str, detail: str = "", reason: str = ""
) -> None:
    """Write an access event for a record (the one access log): never any of its text."""
    audit_services.log_access(
        user=user,
        kind=kind,
        label=f"Supervision record of {record.session_date:%-d %B %Y}",
        agency_id=record.agency_id,
        obj=record,
        subjects=record_subjects(record),
        reason=reason,
        detail=detail,
    )


@transaction.atomic
def grant_audit_access(*, record: SessionRecord, lead: User, reason: str) -> AuditAccess:
    """A safeguarding lead opens the reflective part, with a reason both parties will see."""
    is_lead = (
        Membership.objects.active()
        .filter(agency_id=record.agency_id, user=lead)
        .with_role(Role.SAFEGUARDING_LEAD)
        .exists()
    )
    if not is_lead:
        raise PermissionDenied("Only the agency's safeguarding lead has audit access.")
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError({"reason": "Give the reason for opening the reflective part"})
    access = AuditAccess.objects.create(
        agency_id=record.agency_id,
        record=record,
        user=lead,
        reason=reason,
        expires_at=timezone.now() + timedelta(minutes=AUDIT_ACCESS_MINUTES),
    )
    logger.info("audit access to record %s by user %s", record.id, lead.id)
    log_record_access(record=record, user=lead, kind=AccessKind.AUDIT_ACCESS, reason=reason)
    return access


@transaction.atomic
def raise_risk_exception(
    *, record: SessionRecord, by: User, kind: str, shared_text: str
) -> RiskEscalation:
    """Seed 001: confidentiality gives way to risk. The agency's safeguarding leads see the
    escalation at once (their home page) and are emailed a link, never the text."""
    _require_party(record, by)
    if not shared_text.strip():
        raise ValidationError({"shared_text": "Enter what the safeguarding lead needs to know"})
    escalation = RiskEscalation.objects.create(
        agency_id=record.agency_id,
        record=record,
        kind=kind,
        shared_text=shared_text.strip(),
        raised_by=by,
    )
    lead_emails = list(
        Membership.objects.active()
        .filter(agency_id=record.agency_id)
        .with_role(Role.SAFEGUARDING_LEAD)
        .values_list("user__email", flat=True)
    )
    if lead_emails:
        transaction.on_commit(
            lambda: send_mail(
                "SPR: a risk exception has been raised",
                "A risk exception has been raised from a supervision session in your agency.\n"
                "Sign in to SPR and open Escalations to read it.\n",
                None,
                lead_emails,
            )
        )
    return escalation


@transaction.atomic
def acknowledge_escalation(*, escalation: RiskEscalation, by: User) -> RiskEscalation:
    RiskEscalation.objects.filter(pk=escalation.pk, acknowledged_at__isnull=True).update(
        acknowledged_by=by, acknowledged_at=timezone.now()
    )
    escalation.refresh_from_db()
    return escalation


def record_pdf_generated(*, record: SessionRecord, user: User, reflective: bool) -> None:
    log_record_access(
        record=record,
        user=user,
        kind=AccessKind.PDF_REFLECTIVE if reflective else AccessKind.PDF,
    )
