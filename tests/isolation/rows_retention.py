"""Isolation rows for retention: the agency's setting and deletion log, and a person's
own-records download (every signed-in person has one; it holds only their own)."""

from datetime import date

from django.utils import timezone

from retention.models import DeletedKind, LegalHold, RetentionLogEntry, RetentionRun
from tests.factories.supervision import CaseFactory
from tests.isolation.matrix import Row

LOGGED_ID = "5e7e1d2c-0000-4000-8000-00000000a11a"
HOLD_REASON = "Isolation hold reason of agency A"
HOLDABLE_REFERENCE = "ISO-HOLDABLE-A"


def extend_world(world):
    agency = world.agencies["A"]
    now = timezone.now()
    run = RetentionRun.objects.create(
        agency=agency,
        run_on=date(2026, 11, 26),
        years_after_end=6,
        cutoff=date(2020, 11, 26),
        started_at=now,
        finished_at=now,
        deleted={"agreement": 1},
    )
    world.objects["A.retention_entry"] = RetentionLogEntry.objects.create(
        agency=agency,
        run=run,
        kind=DeletedKind.AGREEMENT,
        object_id=LOGGED_ID,
        ended_on=date(2019, 1, 1),
        deleted_at=now,
    )
    CaseFactory(agency=agency, reference=HOLDABLE_REFERENCE)
    held = CaseFactory(agency=agency, reference="ISO-HELD-A")
    world.objects["A.retention_hold"] = LegalHold.objects.create(
        agency=agency,
        kind=LegalHold.Kind.CASE,
        object_id=held.pk,
        reason=HOLD_REASON,
        placed_by=world.people["A.lead"],
    )


ROWS = [
    Row(
        "retention setting and deletion log",
        url=lambda w: "/retention/",
        owner="A.admin",
        wrong_role="A.practitioner",
        outsiders=("B.admin", "C.admin"),
        marker=lambda w: LOGGED_ID,
    ),
    Row(
        "retention log (lead)",
        url=lambda w: "/retention/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=("B.admin", "C.admin", "P1.board"),
        marker=lambda w: LOGGED_ID,
    ),
    Row(
        "change the retention period",
        url=lambda w: "/retention/change/",
        owner="A.admin",
        wrong_role="A.lead",
        outsiders=(),
    ),
    Row(
        "download your records (page)",
        url=lambda w: "/retention/my-records/",
        owner="A.practitioner",
        wrong_role=None,
        outsiders=(),
    ),
    Row(
        "download your records (PDF)",
        url=lambda w: "/retention/my-records/download/",
        owner="A.practitioner",
        wrong_role=None,
        outsiders=(),
    ),
    Row(
        "legal holds on the retention page",
        url=lambda w: "/retention/",
        owner="A.lead",
        wrong_role="A.practitioner",
        outsiders=("B.lead", "C.lead", "B.admin", "P1.board"),
        marker=lambda w: HOLD_REASON,
    ),
    Row(
        "place a legal hold (the agency's agreements and cases to choose from)",
        url=lambda w: "/retention/holds/place/",
        owner="A.lead",
        wrong_role="A.admin",
        outsiders=("B.lead", "C.lead", "B.admin", "P1.board", "P1.admin"),
        marker=lambda w: HOLDABLE_REFERENCE,
    ),
    Row(
        "lift a legal hold",
        url=lambda w: f"/retention/holds/{w.objects['A.retention_hold'].pk}/lift/",
        owner="A.lead",
        wrong_role="A.admin",
        outsiders=("B.lead", "C.lead", "B.admin", "P1.board", "P1.admin"),
    ),
]
