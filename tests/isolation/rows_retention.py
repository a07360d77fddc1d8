"""Isolation rows for retention: the agency's setting and deletion log, and a person's
own-records download (every signed-in person has one; it holds only their own)."""

from datetime import date

from django.utils import timezone

from retention.models import DeletedKind, RetentionLogEntry, RetentionRun
from tests.isolation.matrix import Row

LOGGED_ID = "5e7e1d2c-0000-4000-8000-00000000a11a"


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
]
