"""Isolation rows for the audit pages: the lead's access log (and its CSV) and change
history, and each person's "who has viewed records about me"."""

from audit import services
from audit.models import AccessKind
from tests.factories.supervision import CaseFactory
from tests.isolation.matrix import Row

ACCESS_MARKER = "ISO access event of agency A"
CASE_MARKER = "ISO-AUDIT-A"


def extend_world(world) -> None:
    agency = world.agencies["A"]
    services.log_access(
        user=world.people["A.lead"],
        kind=AccessKind.AUDIT_ACCESS,
        label=ACCESS_MARKER,
        agency_id=agency.id,
        subjects=[world.people["A.practitioner"]],
        reason="Isolation matrix reason",
    )
    world.objects["A.audit_case"] = CaseFactory(agency=agency, reference=CASE_MARKER)


ROWS = [
    Row(
        "access log",
        url=lambda w: "/audit/access-log/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=("B.lead", "C.lead", "P1.board"),
        marker=lambda w: ACCESS_MARKER,
    ),
    Row(
        "access log CSV",
        url=lambda w: "/audit/access-log.csv",
        owner="A.lead",
        wrong_role="A.admin",
        outsiders=("B.lead", "C.lead", "P1.board"),
        marker=lambda w: ACCESS_MARKER,
    ),
    Row(
        "change history",
        url=lambda w: "/audit/changes/?what=cases",
        owner="A.lead",
        wrong_role="A.admin",
        outsiders=("B.lead", "C.lead", "P1.admin"),
        marker=lambda w: CASE_MARKER,
    ),
    Row(
        # Everyone has this page; only the person the records are about sees the event.
        "who has viewed records about me",
        url=lambda w: "/audit/viewed-my-records/",
        owner="A.practitioner",
        wrong_role=None,
        outsiders=("A.supervisor", "A.admin", "B.practitioner", "C.lead", "P1.board"),
        marker=lambda w: ACCESS_MARKER,
    ),
]
