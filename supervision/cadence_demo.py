"""Demo planned sessions and alerts: each demo pair has a session booked in the coming
weeks (one of them moved, one cancelled, each with its reason), and the cadence rules run
once over the demo so every role's home page shows its alerts.

Runs after the cases and session records demos (see seed_demo). Idempotent: sessions are
found by pair and time; the rules are upserts.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from contracts.demo import PAIRS

from . import services
from .models import Case, CaseCategory, PlannedSession, SessionSetting, StatutoryMeeting

# days from today, hour, minutes, setting, place
SLOTS = [
    (3, 10, 90, SessionSetting.IN_PERSON, "Room 2.14, Civic Centre"),
    (9, 14, 90, SessionSetting.VIRTUAL, "https://meet.example.org/spr-supervision"),
    (16, 9, 60, SessionSetting.IN_PERSON, "Quiet room, Riverside Primary School"),
]

# Stand-in cases, added only when the council has no cases at all (the cases demo adds
# the real set): one long overdue for discussion, one due before its review meeting.
STAND_IN_CASES = [
    ("NS-DEMO-01", "QA", 2016, 150, None),
    ("NS-DEMO-02", "QB", 2019, 40, 16),
]


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _stand_in_cases(world) -> None:
    council = world.agencies["council"]
    if Case.objects.filter(agency=council).exists():
        return
    today = timezone.localdate()
    for reference, initials, born, discussed_days_ago, meeting_in_days in STAND_IN_CASES:
        case = services.create_case(
            agency=council,
            by=None,
            reference=reference,
            initials=initials,
            year_of_birth=born,
            category=CaseCategory.CHILD_IN_NEED,
            allocated_practitioner=world.users["priya.shah@council.example"],
            next_meeting_type=StatutoryMeeting.CIN_REVIEW if meeting_in_days else "",
            next_meeting_on=today + timedelta(days=meeting_in_days) if meeting_in_days else None,
        )
        Case.objects.filter(pk=case.pk).update(
            last_discussed_on=today - timedelta(days=discussed_days_ago)
        )


def seed(world) -> None:
    _stand_in_cases(world)
    now = timezone.now()
    for index, (supervisor_email, supervisee_email, _weeks) in enumerate(PAIRS):
        supervisor, supervisee = world.users[supervisor_email], world.users[supervisee_email]
        agency = world.memberships[supervisee_email].agency
        days, hour, minutes, setting, place = SLOTS[index % len(SLOTS)]
        exists = PlannedSession.objects.filter(
            agency=agency, supervisor=supervisor, supervisee=supervisee, ends_at__gte=now
        ).exists()
        if exists:
            continue
        starts_at = _at(days + index, hour)
        session = services.schedule_session(
            supervisor=supervisor,
            supervisee=supervisee,
            agency=agency,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=minutes),
            setting=setting,
            location=place,
        )
        if index == 1:
            moved = starts_at + timedelta(days=2)
            services.reschedule_session(
                session=session,
                by=supervisor,
                starts_at=moved,
                ends_at=moved + timedelta(minutes=minutes),
                reason="Clash with an initial child protection conference.",
            )
        if index == 4:
            services.cancel_session(
                session=session,
                by=supervisee,
                reason="On a safeguarding course that day; we will rebook this week.",
            )
    services.run_rules_now(today=timezone.localdate())
