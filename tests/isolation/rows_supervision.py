"""Isolation rows for the supervision app's pages: cases, the case import, planned
sessions and alerts."""

from datetime import timedelta

from django.utils import timezone

from contracts.models import IN_FORCE, Agreement
from supervision import services
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory, PlannedSessionFactory
from tests.isolation.matrix import Row

CASE_REFERENCE = "ISO-A-CIN-0001"
LOCATION = "Room Alpha-7, Agency A"
RECORD_OUTSIDERS = ("B.lead", "B.supervisor", "C.lead", "P1.board", "P1.admin")


def ensure_agreement(world, supervisor_key: str, supervisee_key: str) -> None:
    """An agreement in force for the pair (another rows module may have made it already)."""
    supervisor, supervisee = world.people[supervisor_key], world.people[supervisee_key]
    if not Agreement.objects.filter(
        supervisor=supervisor, supervisee=supervisee, status__in=IN_FORCE
    ).exists():
        AgreementFactory(supervisor=supervisor, supervisee=supervisee)


def extend_world(world) -> None:
    """Idempotent: rows_recording (which runs first, alphabetically) calls it too."""
    if "A.case" in world.objects:
        return
    today = timezone.localdate()
    ensure_agreement(world, "A.supervisor", "A.practitioner")
    world.objects["A.case"] = CaseFactory(
        agency=world.agencies["A"],
        allocated_practitioner=world.people["A.practitioner"],
        reference="ISO-CASE-A1",
    )
    world.objects["A.case_import"] = services.preview_case_import(
        agency=world.agencies["A"],
        uploaded_by=world.people["A.lead"],
        filename="cases.csv",
        content=b"case_reference,initials,year_of_birth,category\nISO-IMPORT-A9,AB,2016,CIN\n",
    )
    # Cadence: a planned session, and a Child-in-Need case so long undiscussed that its
    # alert is escalated to A's lead.
    world.objects["planned_session"] = PlannedSessionFactory(
        supervisor=world.people["A.supervisor"],
        supervisee=world.people["A.practitioner"],
        location=LOCATION,
    )
    world.objects["overdue_case"] = CaseFactory(
        agency=world.agencies["A"],
        reference=CASE_REFERENCE,
        allocated_practitioner=world.people["A.practitioner"],
        last_discussed_on=today - timedelta(days=200),
    )
    services.run_rules_now(today=today)


def _session(world) -> str:
    return f"/supervision/sessions/{world.objects['planned_session'].id}/"


SESSION_OUTSIDERS = ("B.supervisor", "C.supervisor", "B.lead", "C.admin", "P1.board")


ROWS = [
    Row(
        "case list",
        url=lambda w: "/supervision/cases/",
        owner="A.lead",
        wrong_role="A.admin",
        outsiders=("B.lead", "B.practitioner", "C.lead"),
        marker=lambda w: "ISO-CASE-A1",
    ),
    Row(
        "case list (practitioner)",
        url=lambda w: "/supervision/cases/",
        owner="A.practitioner",
        wrong_role=None,
        outsiders=("B.practitioner", "B.supervisor"),
        marker=lambda w: "ISO-CASE-A1",
    ),
    Row(
        "add case",
        url=lambda w: "/supervision/cases/add/",
        owner="A.lead",
        wrong_role="A.practitioner",
        outsiders=(),
    ),
    Row(
        "case detail",
        url=lambda w: f"/supervision/cases/{w.objects['A.case'].id}/",
        owner="A.supervisor",
        wrong_role="A.admin",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "case edit",
        url=lambda w: f"/supervision/cases/{w.objects['A.case'].id}/edit/",
        owner="A.lead",
        wrong_role="A.practitioner",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "case import",
        url=lambda w: "/supervision/cases/import/",
        owner="A.admin",
        wrong_role="A.practitioner",
        outsiders=(),
    ),
    Row(
        "case import preview",
        url=lambda w: f"/supervision/cases/import/{w.objects['A.case_import'].id}/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=("B.lead", "B.admin", "C.admin", "P1.board"),
    ),
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
