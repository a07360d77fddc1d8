"""Every write to Space to Think sessions, learning themes and the reflective log.

Callers (views, demo data, tests) pass the acting user; each function checks that this
person may do it, validates, and saves inside a transaction.
"""

import re
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, Membership, User
from contracts.selectors import can_supervise

from . import stages
from .models import (
    LearningLogEntry,
    LearningTheme,
    ParticipantRole,
    SessionStatus,
    SpaceToThinkFeedback,
    SpaceToThinkParticipant,
    SpaceToThinkSession,
)
from .selectors import WORKS_WITH_CHILDREN, can_manage_session, require_works_with_children

# --- Space to Think: asking for a session and bringing people in ------------------------


@transaction.atomic
def request_session(
    *,
    membership: Membership,
    topic: str,
    scheduled_for: datetime,
    mode: str,
    venue: str = "",
    role: str,
) -> SpaceToThinkSession:
    """Anyone who works with children asks for a session (seed 004) and takes a role in it;
    the session belongs to the partnership of the agency they work in."""
    require_works_with_children(membership)
    session = SpaceToThinkSession.objects.create(
        partnership=membership.agency.partnership,
        requested_by=membership.user,
        topic=topic.strip(),
        scheduled_for=scheduled_for,
        mode=mode,
        venue=venue.strip(),
    )
    SpaceToThinkParticipant.objects.create(
        partnership=session.partnership,
        session=session,
        membership=membership,
        user=membership.user,
        agency=membership.agency,
        role=role,
        invited_by=membership.user,
    )
    return session


def _locked(session: SpaceToThinkSession) -> SpaceToThinkSession:
    return SpaceToThinkSession.objects.select_for_update().get(id=session.id)


def _participants(session: SpaceToThinkSession) -> list[SpaceToThinkParticipant]:
    return list(session.participants.select_related("user", "agency"))


def _require_manager(session: SpaceToThinkSession, user: User, participants) -> None:
    if not can_manage_session(user, session, participants):
        raise PermissionDenied("Only the person who asked for the session or its Facilitator can.")


def _role_taken(participants, role: str, except_id=None) -> SpaceToThinkParticipant | None:
    if role == ParticipantRole.CONSULTANT:
        return None
    return next((p for p in participants if p.role == role and p.id != except_id), None)


@transaction.atomic
def invite_participant(
    *, session: SpaceToThinkSession, invited_by: User, email: str, agency: Agency, role: str
) -> SpaceToThinkParticipant:
    """Invite a practitioner of any agency of the session's partnership, found by their
    work email and agency. Someone outside the partnership cannot be found this way."""
    session = _locked(session)
    participants = _participants(session)
    _require_manager(session, invited_by, participants)
    if session.status == SessionStatus.FINISHED:
        raise ValidationError("The session has finished: no one else can join it.")
    if agency.partnership_id != session.partnership_id:
        raise ValidationError({"agency": "Choose an agency of this partnership."})
    invitee = (
        Membership.objects.active()
        .filter(agency=agency, user__email__iexact=email.strip(), user__is_active=True)
        .select_related("user", "agency")
        .first()
    )
    if invitee is None or not any(invitee.has_role(r) for r in WORKS_WITH_CHILDREN):
        raise ValidationError(
            {"email": "No one who works with children has this email address in that agency"}
        )
    if any(p.user_id == invitee.user_id for p in participants):
        raise ValidationError({"email": f"{invitee.user.full_name} is already in this session"})
    taken = _role_taken(participants, role)
    if taken is not None:
        raise ValidationError(
            {"role": f"{taken.user.full_name} is already the {taken.get_role_display()}"}
        )
    return SpaceToThinkParticipant.objects.create(
        partnership=session.partnership,
        session=session,
        membership=invitee,
        user=invitee.user,
        agency=invitee.agency,
        role=role,
        invited_by=invited_by,
    )


@transaction.atomic
def assign_roles(
    *, session: SpaceToThinkSession, user: User, roles: dict[str, str]
) -> SpaceToThinkSession:
    """The group decides on a Facilitator and a Case Presenter; all the others are
    Consultants (seed 004). `roles` maps participant id to role. Only before the start."""
    session = _locked(session)
    participants = _participants(session)
    _require_manager(session, user, participants)
    if session.status != SessionStatus.PLANNED:
        raise ValidationError("Roles cannot change once the session has started.")
    chosen = {str(p.id): roles.get(str(p.id), p.role) for p in participants}
    for role in (ParticipantRole.FACILITATOR, ParticipantRole.CASE_PRESENTER):
        count = sum(1 for value in chosen.values() if value == role)
        if count != 1:
            raise ValidationError(f"Choose exactly one {role.label}.")
    # Two steps, so that swapping the Facilitator and the Case Presenter never holds two
    # people in one of those roles at once (the unique constraints are not deferrable).
    SpaceToThinkParticipant.objects.filter(session=session).update(role=ParticipantRole.CONSULTANT)
    for participant in participants:
        role = chosen[str(participant.id)]
        if role != ParticipantRole.CONSULTANT:
            SpaceToThinkParticipant.objects.filter(id=participant.id).update(role=role)
    return session


# --- Space to Think: the timer ----------------------------------------------------------

START, PAUSE, RESUME, NEXT = "start", "pause", "resume", "next"
TIMER_ACTIONS = (START, PAUSE, RESUME, NEXT)


class TimerConflict(Exception):
    """The timer changed after the Facilitator's page was drawn (a double click, or a
    second tab): nothing is done, and the page shows the current stage."""


def _check_can_start(participants) -> None:
    roles = [p.role for p in participants]
    if roles.count(ParticipantRole.FACILITATOR) != 1:
        raise ValidationError("Choose a Facilitator before starting.")
    if roles.count(ParticipantRole.CASE_PRESENTER) != 1:
        raise ValidationError("Choose a Case Presenter before starting.")
    if roles.count(ParticipantRole.CONSULTANT) < 1:
        raise ValidationError("Invite at least one Consultant before starting.")


@transaction.atomic
def control_timer(
    *,
    session: SpaceToThinkSession,
    user: User,
    action: str,
    version: int,
    now: datetime | None = None,
) -> SpaceToThinkSession:
    """The Facilitator starts the session, pauses and resumes the clock, and moves to the
    next stage; after the sixth stage, "next" finishes the session. `version` is the
    timer version the Facilitator's page showed: if it moved on since, nothing happens."""
    now = now or timezone.now()
    session = _locked(session)
    participants = _participants(session)
    if not any(
        p.user_id == user.id and p.role == ParticipantRole.FACILITATOR for p in participants
    ):
        raise PermissionDenied("Only the Facilitator runs the timer.")
    if action not in TIMER_ACTIONS:
        raise ValidationError("Unknown timer action.")
    if version != session.timer_version:
        raise TimerConflict
    if action == START:
        if session.status != SessionStatus.PLANNED:
            raise TimerConflict
        _check_can_start(participants)
        session.status = SessionStatus.IN_PROGRESS
        session.started_at = now
        _enter_stage(session, 1, now)
    elif session.status != SessionStatus.IN_PROGRESS:
        raise TimerConflict
    elif action == PAUSE:
        if session.clock_running_since is None:
            raise TimerConflict
        session.clock_elapsed_seconds = session.elapsed_seconds(now)
        session.clock_running_since = None
    elif action == RESUME:
        if session.clock_running_since is not None:
            raise TimerConflict
        session.clock_running_since = now
    elif action == NEXT:
        session.stage_seconds = [*session.stage_seconds, session.elapsed_seconds(now)]
        if session.current_stage < stages.STAGE_COUNT:
            _enter_stage(session, session.current_stage + 1, now)
        else:
            session.status = SessionStatus.FINISHED
            session.finished_at = now
            session.clock_running_since = None
            session.clock_elapsed_seconds = 0
    session.timer_version += 1
    session.save()
    return session


def _enter_stage(session: SpaceToThinkSession, number: int, now: datetime) -> None:
    """Moving on starts the next stage's clock at once: the conversation does not wait."""
    session.current_stage = number
    session.stage_started_at = now
    session.clock_running_since = now
    session.clock_elapsed_seconds = 0


# --- Space to Think: notes, themes, feedback --------------------------------------------


@transaction.atomic
def save_presenter_notes(
    *,
    session: SpaceToThinkSession,
    user: User,
    presenter_notes: str,
    next_steps: str,
    child_record_note_made: bool,
) -> SpaceToThinkSession:
    """The Case Presenter's notes and next steps, and their confirmation that they made a
    note in the child's record and chronology that the session took place (seed 004,
    "Recording, Consent and Information Sharing"). Decisions stay in the child's record."""
    session = _locked(session)
    participants = _participants(session)
    if not any(
        p.user_id == user.id and p.role == ParticipantRole.CASE_PRESENTER for p in participants
    ):
        raise PermissionDenied("Only the Case Presenter writes the presenter's notes.")
    session.presenter_notes = presenter_notes.strip()
    session.next_steps = next_steps.strip()
    if child_record_note_made and session.child_record_note_confirmed_at is None:
        session.child_record_note_confirmed_at = timezone.now()
        session.child_record_note_confirmed_by = user
    elif not child_record_note_made:
        session.child_record_note_confirmed_at = None
        session.child_record_note_confirmed_by = None
    session.save()
    return session


def split_themes(text: str) -> list[str]:
    """One theme per line; blank lines and bullet marks are dropped."""
    themes = []
    for line in text.splitlines():
        theme = line.strip().lstrip("-•*").strip()
        if theme:
            themes.append(theme)
    return themes


def names_to_avoid(session: SpaceToThinkSession) -> list[str]:
    """Words that identify people or agencies: each participant's full name and each part
    of it, and the names of the partnership's agencies. A theme must mention none of them."""
    names: set[str] = set()
    for participant in session.participants.select_related("user"):
        full_name = participant.user.full_name.strip()
        if full_name:
            names.add(full_name)
            names.update(part for part in full_name.split() if len(part) > 1)
    names.update(
        Agency.objects.filter(partnership_id=session.partnership_id).values_list("name", flat=True)
    )
    return sorted(names, key=len, reverse=True)


def names_in(text: str, names: list[str]) -> list[str]:
    """The names that `text` mentions as whole words. A full name (with a space) matches in
    any case; a single name only with its capital, so that "Families may engage" does not
    match a participant called May."""
    found = []
    for name in names:
        flags = re.IGNORECASE if " " in name else 0
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags=flags):
            found.append(name)
    return found


def _require_facilitator(session: SpaceToThinkSession, user: User) -> None:
    if not session.participants.filter(user=user, role=ParticipantRole.FACILITATOR).exists():
        raise PermissionDenied("Only the Facilitator publishes learning themes.")


@transaction.atomic
def save_themes_draft(*, session: SpaceToThinkSession, user: User, text: str) -> None:
    session = _locked(session)
    _require_facilitator(session, user)
    session.themes_draft = text.strip()
    session.save(update_fields=["themes_draft"])


@transaction.atomic
def publish_themes(
    *, session: SpaceToThinkSession, user: User, text: str, reviewed: bool
) -> list[LearningTheme]:
    """Publish the anonymised learning themes to the partnership, after the Facilitator has
    reviewed them for names (seed 004: "Careful consideration should be given to
    anonymising individual/agency comments"). A theme that still holds a participant's or
    an agency's name is refused, with the name, so nothing identifying is published."""
    session = _locked(session)
    _require_facilitator(session, user)
    if session.status != SessionStatus.FINISHED:
        raise ValidationError("Publish learning themes once the session has finished.")
    themes = split_themes(text)
    errors: dict[str, list[str]] = {"text": [], "reviewed": []}
    if not themes:
        errors["text"].append("Enter at least one learning theme")
    avoid = names_to_avoid(session)
    for number, theme in enumerate(themes, start=1):
        found = names_in(theme, avoid)
        if found:
            errors["text"].append(
                f"Theme {number} contains the name “{found[0]}”: remove names before publishing"
            )
    if not reviewed:
        errors["reviewed"].append("Confirm that you have reviewed the themes for names")
    errors = {field: messages for field, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    published = [
        LearningTheme.objects.create(
            partnership=session.partnership,
            session=session,
            text=theme,
            published_at=now,
            published_by=user,
        )
        for theme in themes
    ]
    session.themes_draft = ""
    session.save(update_fields=["themes_draft"])
    return published


@transaction.atomic
def give_feedback(
    *, session: SpaceToThinkSession, user: User, rating: str, strengths: str, improvements: str
) -> SpaceToThinkFeedback:
    """Each participant tells the partnership how the model worked for them (seed 004).
    Giving it again replaces their earlier answer."""
    participant = (
        SpaceToThinkParticipant.objects.select_for_update()
        .filter(session=session, user=user)
        .first()
    )
    if participant is None:
        raise PermissionDenied("Only participants give feedback on a session.")
    if session.status != SessionStatus.FINISHED:
        raise ValidationError("Give feedback once the session has finished.")
    feedback, _ = SpaceToThinkFeedback.objects.update_or_create(
        participant=participant,
        defaults={
            "partnership_id": session.partnership_id,
            "rating": rating,
            "strengths": strengths.strip(),
            "improvements": improvements.strip(),
            "given_at": timezone.now(),
        },
    )
    return feedback


# --- Reflective learning log ------------------------------------------------------------

LOG_FIELDS = (
    "title",
    "event_date",
    "prompted_by",
    "learning_need",
    "outcome_and_scaling",
    "smarter_planning",
    "hindsight",
    "fit_with_practice",
    "escalation_needed",
    "escalation_reason",
    "changes_to_practice",
    "further_learning_needs",
)


def _clean_log_fields(fields: dict) -> dict:
    unknown = set(fields) - set(LOG_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}")
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


@transaction.atomic
def create_log_entry(*, membership: Membership, **fields) -> LearningLogEntry:
    """A new, private entry in the author's reflective learning log (seed 003)."""
    require_works_with_children(membership)
    return LearningLogEntry.objects.create(
        agency=membership.agency,
        membership=membership,
        author=membership.user,
        **_clean_log_fields(fields),
    )


def _require_author(entry: LearningLogEntry, user: User) -> None:
    if entry.author_id != user.id:
        raise PermissionDenied("Only the author changes a log entry.")


@transaction.atomic
def update_log_entry(*, entry: LearningLogEntry, user: User, **fields) -> LearningLogEntry:
    _require_author(entry, user)
    for name, value in _clean_log_fields(fields).items():
        setattr(entry, name, value)
    entry.save()
    return entry


@transaction.atomic
def share_log_entry(*, entry: LearningLogEntry, user: User, supervisor: User) -> LearningLogEntry:
    """The author shares an entry with one of their supervisors, who then sees it when
    preparing the next session. Only a person who supervises them now can be chosen."""
    _require_author(entry, user)
    if not can_supervise(supervisor, entry.membership):
        raise ValidationError({"supervisor": "Choose a person who supervises you now"})
    entry.shared_with = supervisor
    entry.shared_at = timezone.now()
    entry.save(update_fields=["shared_with", "shared_at", "updated_at"])
    return entry


@transaction.atomic
def stop_sharing_log_entry(*, entry: LearningLogEntry, user: User) -> LearningLogEntry:
    _require_author(entry, user)
    entry.shared_with = None
    entry.shared_at = None
    entry.save(update_fields=["shared_with", "shared_at", "updated_at"])
    return entry
