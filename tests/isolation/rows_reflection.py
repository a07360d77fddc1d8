"""Isolation rows for the reflection app: Space to Think sessions across agencies A and B
of partnership P1, the partnership's learning themes, and the reflective learning log.

The session: A.practitioner asked for it and presents, B.practitioner facilitates,
B.supervisor is a Consultant. Everyone else, in A and B included, is not in it.
"""

from datetime import date, timedelta

from django.utils import timezone

from contracts.selectors import can_supervise
from reflection.models import LearningLogEntry, LearningTheme, ParticipantRole
from tests.factories.contracts import AgreementFactory
from tests.factories.reflection import ParticipantFactory, SpaceToThinkSessionFactory
from tests.isolation.matrix import Row

TOPIC = "Isolation topic: stuck with a family"
THEME = "Isolation theme: ask who the family already trusts"
PRIVATE = "Isolation reflection, kept private"
SHARED = "Isolation reflection, shared with the supervisor"

NOT_IN_SESSION = (
    "A.lead",
    "A.admin",
    "B.lead",
    "B.admin",
    "C.supervisor",
    "C.practitioner",
    "P1.board",
    "P1.admin",
)


def extend_world(world) -> None:
    presenter = world.people["A.practitioner"]
    session = SpaceToThinkSessionFactory(
        requested_by=presenter,
        partnership=world.agencies["A"].partnership,
        topic=TOPIC,
        scheduled_for=timezone.now() + timedelta(days=3),
    )
    for key, role in (
        ("A.practitioner", ParticipantRole.CASE_PRESENTER),
        ("B.practitioner", ParticipantRole.FACILITATOR),
        ("B.supervisor", ParticipantRole.CONSULTANT),
    ):
        ParticipantFactory(
            session=session, user=world.people[key], membership=world.membership(key), role=role
        )
    LearningTheme.objects.create(
        partnership=session.partnership,
        session=session,
        text=THEME,
        published_by=world.people["B.practitioner"],
    )
    world.objects["space_to_think"] = session

    membership = world.membership("A.practitioner")
    supervisor = world.people["A.supervisor"]
    if not can_supervise(supervisor, membership):
        AgreementFactory(supervisor=supervisor, supervisee=presenter, agency=membership.agency)
    common = {
        "agency": membership.agency,
        "membership": membership,
        "author": presenter,
        "event_date": date.today() - timedelta(days=2),
        "prompted_by": "A core group where the plan had drifted",
    }
    world.objects["log_private"] = LearningLogEntry.objects.create(title=PRIVATE, **common)
    world.objects["log_shared"] = LearningLogEntry.objects.create(
        title=SHARED, shared_with=supervisor, shared_at=timezone.now(), **common
    )


def _session(w, suffix: str = "") -> str:
    return f"/reflection/space-to-think/{w.objects['space_to_think'].id}/{suffix}"


def _entry(key: str, suffix: str = ""):
    return lambda w: f"/reflection/log/{w.objects[key].id}/{suffix}"


ROWS = [
    # --- Space to Think: lists and requests ---------------------------------------------
    Row(
        "space to think list (presenter, A)",
        url=lambda w: "/reflection/space-to-think/",
        owner="A.practitioner",
        wrong_role="A.admin",
        outsiders=("A.supervisor", "A.lead", "B.lead", "C.supervisor"),
        marker=lambda w: TOPIC,
    ),
    Row(
        "space to think list (consultant, B)",
        url=lambda w: "/reflection/space-to-think/",
        owner="B.supervisor",
        wrong_role="B.admin",
        outsiders=("B.lead", "C.practitioner"),
        marker=lambda w: TOPIC,
    ),
    Row(
        "request a space to think session",
        url=lambda w: "/reflection/space-to-think/request/",
        owner="A.practitioner",
        wrong_role="A.admin",
        outsiders=(),
    ),
    # --- One session: participants of A and B see it, nobody else -----------------------
    Row(
        "space to think session (presenter, A)",
        url=_session,
        owner="A.practitioner",
        wrong_role="A.supervisor",
        outsiders=NOT_IN_SESSION,
    ),
    Row(
        "space to think session (facilitator, B)",
        url=_session,
        owner="B.practitioner",
        wrong_role="B.lead",
        outsiders=NOT_IN_SESSION,
    ),
    Row(
        "space to think session (consultant, B)",
        url=_session,
        owner="B.supervisor",
        wrong_role="B.admin",
        outsiders=NOT_IN_SESSION,
    ),
    Row(
        "space to think timer",
        url=lambda w: _session(w, "timer/"),
        owner="B.supervisor",
        wrong_role="A.supervisor",
        outsiders=NOT_IN_SESSION,
    ),
    Row(
        "space to think invite (organiser)",
        url=lambda w: _session(w, "invite/"),
        owner="A.practitioner",
        wrong_role="B.supervisor",  # a Consultant: 403
        outsiders=NOT_IN_SESSION,
    ),
    Row(
        "space to think roles (facilitator)",
        url=lambda w: _session(w, "roles/"),
        owner="B.practitioner",
        wrong_role="B.supervisor",
        outsiders=NOT_IN_SESSION,
    ),
    Row(
        "space to think presenter's notes",
        url=lambda w: _session(w, "notes/"),
        owner="A.practitioner",
        wrong_role="B.practitioner",  # the Facilitator does not write them: 403
        outsiders=NOT_IN_SESSION,
    ),
    Row(
        "space to think themes (facilitator)",
        url=lambda w: _session(w, "themes/"),
        owner="B.practitioner",
        wrong_role="B.supervisor",
        outsiders=NOT_IN_SESSION + ("A.practitioner",),
    ),
    Row(
        "space to think feedback",
        url=lambda w: _session(w, "feedback/"),
        owner="B.supervisor",
        wrong_role="A.supervisor",
        outsiders=NOT_IN_SESSION,
    ),
    # --- A lead sees that their own staff took part, nothing more -----------------------
    Row(
        "space to think participation (lead of A)",
        url=lambda w: "/reflection/space-to-think/participation/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=("B.lead", "C.lead", "B.admin", "P1.board"),
        marker=lambda w: w.people["A.practitioner"].full_name,
    ),
    Row(
        "space to think participation (lead of B)",
        url=lambda w: "/reflection/space-to-think/participation/",
        owner="B.lead",
        wrong_role="B.supervisor",
        outsiders=("A.lead", "C.lead"),
        marker=lambda w: w.people["B.practitioner"].full_name,
    ),
    # --- Learning themes: the whole partnership, nobody outside it ----------------------
    Row(
        "partnership learning themes (agency member)",
        url=lambda w: "/reflection/themes/",
        owner="A.admin",
        wrong_role=None,
        outsiders=("C.admin", "C.practitioner", "P2.admin"),
        marker=lambda w: THEME,
    ),
    Row(
        "partnership learning themes (board member)",
        url=lambda w: "/reflection/themes/",
        owner="P1.board",
        wrong_role=None,
        outsiders=("P2.admin",),
        marker=lambda w: THEME,
    ),
    # --- Reflective learning log: the author, and the supervisor they shared with -------
    Row(
        "reflective log list",
        url=lambda w: "/reflection/log/",
        owner="A.practitioner",
        wrong_role="A.admin",
        outsiders=("A.supervisor", "A.lead", "B.practitioner", "C.practitioner"),
        marker=lambda w: PRIVATE,
    ),
    Row(
        "reflective log new entry",
        url=lambda w: "/reflection/log/new/",
        owner="A.practitioner",
        wrong_role="A.admin",
        outsiders=(),
    ),
    Row(
        "reflective log entry (private)",
        url=_entry("log_private"),
        owner="A.practitioner",
        wrong_role="A.lead",
        outsiders=("A.supervisor", "B.supervisor", "B.admin", "C.admin", "P1.board"),
    ),
    Row(
        "reflective log entry edit",
        url=_entry("log_private", "edit/"),
        owner="A.practitioner",
        wrong_role="A.lead",
        outsiders=("A.supervisor", "B.supervisor", "C.admin", "P1.board"),
    ),
    Row(
        "reflective log entry share",
        url=_entry("log_private", "share/"),
        owner="A.practitioner",
        wrong_role="A.lead",
        outsiders=("A.supervisor", "B.supervisor", "C.admin", "P1.board"),
    ),
    Row(
        "reflective log entry (shared, as the supervisor)",
        url=_entry("log_shared"),
        owner="A.supervisor",
        wrong_role="A.lead",
        outsiders=("B.supervisor", "C.supervisor", "B.admin", "P1.board"),
    ),
    Row(
        "reflective log: supervisor's edit of a shared entry",
        url=_entry("log_shared", "edit/"),
        owner="A.practitioner",
        wrong_role="A.supervisor",  # shared to read, not to change
        outsiders=("B.supervisor", "C.supervisor"),
    ),
    Row(
        "reflections shared with me",
        url=lambda w: "/reflection/shared/",
        owner="A.supervisor",
        wrong_role="A.lead",
        outsiders=("B.supervisor", "C.supervisor"),
        marker=lambda w: w.people["A.practitioner"].full_name,
    ),
    Row(
        "reflections shared by one supervisee",
        url=lambda w: f"/reflection/shared/{w.membership('A.practitioner').id}/",
        owner="A.supervisor",
        wrong_role="A.lead",
        outsiders=("B.supervisor", "C.supervisor", "P1.board", "B.admin"),
    ),
]
