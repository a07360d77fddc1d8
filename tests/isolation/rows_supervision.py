"""Isolation rows for the planned session and alert pages of the supervision app."""

from datetime import timedelta

from django.utils import timezone

from supervision import services
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory, PlannedSessionFactory
from tests.isolation.matrix import Row

CASE_REFERENCE = "ISO-A-CIN-0001"
LOCATION = "Room Alpha-7, Agency A"


def extend_world(world) -> None:
    """A's supervisor supervises A's practitioner: a planned session, and a Child-in-Need
    case so long undiscussed that its alert is escalated to A's lead."""
    supervisor, practitioner = world.people["A.supervisor"], world.people["A.practitioner"]
    AgreementFactory(supervisor=supervisor, supervisee=practitioner)
    world.objects["planned_session"] = PlannedSessionFactory(
        supervisor=supervisor, supervisee=practitioner, location=LOCATION
    )
    world.objects["overdue_case"] = CaseFactory(
        agency=world.agencies["A"],
        reference=CASE_REFERENCE,
        allocated_practitioner=practitioner,
        last_discussed_on=timezone.localdate() - timedelta(days=200),
    )
    services.run_rules_now(today=timezone.localdate())


def _session(world) -> str:
    return f"/supervision/sessions/{world.objects['planned_session'].id}/"


SESSION_OUTSIDERS = ("B.supervisor", "C.supervisor", "B.lead", "C.admin", "P1.board")

ROWS = [
    Row(
        "planned sessions",
        url=lambda w: "/supervision/sessions/",
        owner="A.supervisor",
        wrong_role="A.admin",
        outsiders=("B.supervisor", "C.supervisor", "B.practitioner"),
        marker=lambda w: LOCATION,
    ),
    Row(
        "schedule a session",
        url=lambda w: "/supervision/sessions/schedule/",
        owner="A.supervisor",
        wrong_role="A.practitioner",
        outsiders=(),
    ),
    Row(
        "planned session",
        url=_session,
        owner="A.supervisor",
        wrong_role="A.lead",
        outsiders=SESSION_OUTSIDERS,
    ),
    Row(
        "move a planned session",
        url=lambda w: _session(w) + "move/",
        owner="A.practitioner",
        wrong_role="A.lead",
        outsiders=SESSION_OUTSIDERS,
    ),
    Row(
        "cancel a planned session",
        url=lambda w: _session(w) + "cancel/",
        owner="A.supervisor",
        wrong_role="A.admin",
        outsiders=SESSION_OUTSIDERS,
    ),
    Row(
        "planned session calendar entry",
        url=lambda w: _session(w) + "calendar.ics",
        owner="A.practitioner",
        wrong_role="A.lead",
        outsiders=SESSION_OUTSIDERS,
    ),
    Row(
        "alerts (supervisor)",
        url=lambda w: "/supervision/alerts/",
        owner="A.supervisor",
        wrong_role="A.admin",
        outsiders=("B.supervisor", "B.lead", "C.lead", "P1.board"),
        marker=lambda w: CASE_REFERENCE,
    ),
    Row(
        "alerts (safeguarding lead)",
        url=lambda w: "/supervision/alerts/",
        owner="A.lead",
        wrong_role="A.admin",
        outsiders=("B.lead", "C.lead"),
        marker=lambda w: CASE_REFERENCE,
    ),
    Row(
        "email settings",
        url=lambda w: "/supervision/alerts/settings/",
        owner="A.practitioner",
        wrong_role=None,
        outsiders=(),
    ),
    Row(
        "home: planned session and alerts",
        url=lambda w: "/",
        owner="A.supervisor",
        wrong_role=None,
        outsiders=("B.supervisor", "C.supervisor", "B.practitioner"),
        marker=_session,
    ),
    Row(
        "home: escalations for the lead",
        url=lambda w: "/",
        owner="A.lead",
        wrong_role=None,
        outsiders=("B.lead", "C.lead", "P1.board"),
        marker=lambda w: CASE_REFERENCE,
    ),
]
