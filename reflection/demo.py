"""Demo Space to Think sessions and reflective log entries for Northshire.

- a finished session across four agencies, with notes, next steps, the confirmation of a
  note in the child's record, two published learning themes and everyone's feedback;
- a planned session across four agencies, ready for its Facilitator to start the timer;
- reflective log entries: Priya shares one with her supervisor Sam and keeps one private.

Idempotent: fixed ids, updated in place on every run.
"""

import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .models import (
    EscalationNeeded,
    LearningLogEntry,
    LearningTheme,
    MeetingMode,
    ModelRating,
    ParticipantRole,
    SessionStatus,
    SpaceToThinkFeedback,
    SpaceToThinkParticipant,
    SpaceToThinkSession,
)

NAMESPACE = uuid.UUID("6f1d9a8e-2b7c-4c55-9a0e-5d3c1b2a4e60")
LONDON = ZoneInfo("Europe/London")


def _id(name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, name)


def _session(world, key: str, *, requester: str, people: dict[str, str], **fields):
    requested_by = world.users[requester]
    membership = world.memberships[requester]
    session, _ = SpaceToThinkSession.objects.update_or_create(
        id=_id(key),
        defaults={
            "partnership": membership.agency.partnership,
            "requested_by": requested_by,
            **fields,
        },
    )
    # Clear the two single roles first so that re-running never holds two at once.
    session.participants.update(role=ParticipantRole.CONSULTANT)
    for email, role in people.items():
        m = world.memberships[email]
        SpaceToThinkParticipant.objects.update_or_create(
            session=session,
            user=m.user,
            defaults={
                "partnership": session.partnership,
                "membership": m,
                "agency": m.agency,
                "role": role,
                "invited_by": requested_by,
            },
        )
    return session


def seed(world) -> None:
    F, P, C = (
        ParticipantRole.FACILITATOR,
        ParticipantRole.CASE_PRESENTER,
        ParticipantRole.CONSULTANT,
    )
    held_at = datetime(2026, 10, 14, 10, 0, tzinfo=LONDON)
    held = _session(
        world,
        "held",
        requester="nina.patel@nhs.example",
        people={
            "nina.patel@nhs.example": P,
            "maria.lopez@school.example": F,
            "priya.shah@council.example": C,
            "omar.reid@police.example": C,
        },
        topic="Feeling stuck with a family who do not engage with health visiting",
        scheduled_for=held_at,
        mode=MeetingMode.IN_PERSON,
        venue="Riverside Primary School, family room",
        status=SessionStatus.FINISHED,
        current_stage=6,
        stage_started_at=held_at + timedelta(minutes=31),
        clock_running_since=None,
        clock_elapsed_seconds=0,
        stage_seconds=[320, 170, 610, 125, 600, 290],
        timer_version=7,
        started_at=held_at + timedelta(minutes=2),
        finished_at=held_at + timedelta(minutes=37),
        presenter_notes=(
            "The group noticed that every contact has been at the front door and always "
            "arranged in advance. School sees the child every day and has a good relationship "
            "with mum at the gate. Police have no recent call-outs."
        ),
        next_steps=(
            "Offer a joint visit with the school's pastoral lead.\n"
            "Ask mum what times suit her and what help she would find useful.\n"
            "Take the reflections to my own supervision next week."
        ),
        child_record_note_confirmed_at=held_at + timedelta(hours=3),
        child_record_note_confirmed_by=world.users["nina.patel@nhs.example"],
        themes_draft="",
    )
    for number, text in enumerate(
        [
            "Families who seem not to engage may engage with the professional they already "
            "trust: ask who that is before escalating contact.",
            "Appointments made by letter alone rarely reach families under stress; agree one "
            "way of making contact across agencies.",
        ]
    ):
        LearningTheme.objects.update_or_create(
            id=_id(f"held-theme-{number}"),
            defaults={
                "partnership": held.partnership,
                "session": held,
                "text": text,
                "published_at": held_at + timedelta(days=1),
                "published_by": world.users["maria.lopez@school.example"],
            },
        )
    ratings = {
        "nina.patel@nhs.example": (
            ModelRating.VERY_WELL,
            "Being listened to without interruption.",
        ),
        "maria.lopez@school.example": (ModelRating.VERY_WELL, "The timings kept us focused."),
        "priya.shah@council.example": (ModelRating.WELL, "Hearing how school sees the family."),
        "omar.reid@police.example": (ModelRating.WELL, ""),
    }
    for email, (rating, strengths) in ratings.items():
        participant = held.participants.get(user=world.users[email])
        SpaceToThinkFeedback.objects.update_or_create(
            participant=participant,
            defaults={
                "partnership": held.partnership,
                "rating": rating,
                "strengths": strengths,
                "improvements": "Ten minutes of exploration felt short."
                if email == "priya.shah@council.example"
                else "",
                "given_at": held_at + timedelta(hours=2),
            },
        )

    _session(
        world,
        "planned",
        requester="priya.shah@council.example",
        people={
            "priya.shah@council.example": P,
            "jack.turner@school.example": F,
            "omar.reid@police.example": C,
            "nina.patel@nhs.example": C,
        },
        topic="Repeated missing episodes: how can we work together differently?",
        scheduled_for=datetime(2026, 12, 3, 14, 0, tzinfo=LONDON),
        mode=MeetingMode.VIRTUAL,
        venue="Teams link in the calendar invitation",
        status=SessionStatus.PLANNED,
        current_stage=0,
        stage_started_at=None,
        clock_running_since=None,
        clock_elapsed_seconds=0,
        stage_seconds=[],
        timer_version=0,
        started_at=None,
        finished_at=None,
    )

    _log_entries(world)


def _log_entries(world) -> None:
    priya = world.memberships["priya.shah@council.example"]
    nina = world.memberships["nina.patel@nhs.example"]
    entries = [
        (
            "priya-core-group",
            priya,
            world.users["sam.okafor@council.example"],
            {
                "title": "Core group where the plan had drifted",
                "event_date": date(2026, 10, 20),
                "prompted_by": "Child A.B. (case ref. NC-1042): the third core group in a row "
                "where the same actions were carried forward.",
                "learning_need": "To discuss children who present as worrying: how my report "
                "framed the concerns, and whether partners' input supported them.",
                "outcome_and_scaling": "Plan continued. Scaling 4 out of 10 from partners, "
                "3 from me.",
                "smarter_planning": "Not fully: two actions had no date and no named owner.",
                "hindsight": "Frustrated with myself for not challenging sooner.",
                "fit_with_practice": "I tend to wait for the next meeting instead of raising "
                "drift in between.",
                "escalation_needed": EscalationNeeded.YES,
                "escalation_reason": "If the next core group shows no change, I will use the "
                "partnership's escalation procedure.",
                "changes_to_practice": "Write every action with an owner and a date, and check "
                "them two weeks after the meeting.",
                "further_learning_needs": "Becoming more conscious of how I am working: "
                "confident challenge in multi-agency meetings.",
            },
        ),
        (
            "priya-home-visit",
            priya,
            None,
            {
                "title": "Home visit where the child was not seen",
                "event_date": date(2026, 11, 6),
                "prompted_by": "I accepted that the child was asleep upstairs.",
                "hindsight": "Uneasy. I should have asked to see them.",
                "escalation_needed": EscalationNeeded.NO,
                "escalation_reason": "I returned the next day and saw the child.",
            },
        ),
        (
            "nina-first-contact",
            nina,
            None,
            {
                "title": "First contact with a family new to the area",
                "event_date": date(2026, 9, 30),
                "prompted_by": "A family who moved from another authority without records.",
                "further_learning_needs": "How to request records across authorities quickly.",
            },
        ),
    ]
    now = datetime(2026, 11, 1, 9, 0, tzinfo=LONDON)
    for key, membership, shared_with, fields in entries:
        LearningLogEntry.objects.update_or_create(
            id=_id(key),
            defaults={
                "agency": membership.agency,
                "membership": membership,
                "author": membership.user,
                "shared_with": shared_with,
                "shared_at": now if shared_with else None,
                **fields,
            },
        )
