"""Isolation rows for session records: every record URL, asked by outsiders."""

from datetime import date, timedelta

from recording import services
from recording.models import RiskKind
from tests.isolation.matrix import Row
from tests.isolation.rows_supervision import RECORD_OUTSIDERS
from tests.isolation.rows_supervision import extend_world as extend_supervision_world
from tests.recording.conftest import complete, sign_both

ESCALATION_TEXT = "ISO escalation text of agency A"


def extend_world(world) -> None:
    extend_supervision_world(world)  # the case this module's records discuss
    supervisor, practitioner = world.people["A.supervisor"], world.people["A.practitioner"]
    membership = world.membership("A.practitioner")
    case = world.objects["A.case"]

    def start(days_ago):
        return services.start_record(
            supervisor=supervisor,
            supervisee_membership=membership,
            session_date=date.today() - timedelta(days=days_ago),
        )

    signed = complete(start(30), by=supervisor, cases=[case])
    world.objects["A.signed"] = sign_both(signed, supervisor=supervisor, supervisee=practitioner)
    awaiting = complete(start(10), by=supervisor, cases=[case])
    world.objects["A.awaiting"] = services.sign_as_supervisor(
        record=awaiting, by=supervisor, version=awaiting.version
    )
    world.objects["A.draft"] = start(1)
    world.objects["A.escalation"] = services.raise_risk_exception(
        record=world.objects["A.draft"],
        by=supervisor,
        kind=RiskKind.SIGNIFICANT_HARM,
        shared_text=ESCALATION_TEXT,
    )


def _record(key):
    return lambda w: w.objects[key].id


ROWS = [
    Row(
        "my sessions",
        url=lambda w: "/records/",
        owner="A.practitioner",
        wrong_role="A.admin",
        outsiders=("B.practitioner", "B.lead", "C.lead"),
        marker=lambda w: str(w.objects["A.signed"].id),
    ),
    Row(
        "supervisees' sessions",
        url=lambda w: "/records/supervisees/",
        owner="A.supervisor",
        wrong_role="A.practitioner",
        outsiders=("B.supervisor", "C.supervisor"),
        marker=lambda w: str(w.objects["A.signed"].id),
    ),
    Row(
        "agency sessions",
        url=lambda w: "/records/agency/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=("B.lead", "C.lead"),
        marker=lambda w: str(w.objects["A.signed"].id),
    ),
    Row(
        "new record",
        url=lambda w: "/records/new/",
        owner="A.supervisor",
        wrong_role="A.practitioner",
        outsiders=(),
    ),
    Row(
        "my actions",
        url=lambda w: "/records/actions/",
        owner="A.practitioner",
        wrong_role="A.admin",
        outsiders=("B.practitioner", "C.practitioner"),
        marker=lambda w: "Action 0",
    ),
    Row(
        "escalations",
        url=lambda w: "/records/escalations/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=("B.lead", "C.lead"),
        marker=lambda w: ESCALATION_TEXT,
    ),
    Row(
        "acknowledge escalation (POST only)",
        url=lambda w: f"/records/escalations/{w.objects['A.escalation'].id}/seen/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=("B.lead", "C.lead", "P1.board"),
        owner_status=405,
    ),
    Row(
        "case discussion history",
        url=lambda w: f"/records/cases/{w.objects['A.case'].id}/",
        owner="A.practitioner",
        wrong_role="A.admin",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "record detail",
        url=lambda w: f"/records/{w.objects['A.signed'].id}/",
        owner="A.supervisor",
        wrong_role="A.admin",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "record detail (lead, oversight)",
        url=lambda w: f"/records/{w.objects['A.signed'].id}/",
        owner="A.lead",
        wrong_role=None,
        outsiders=("B.lead", "C.lead"),
    ),
    Row(
        "edit draft",
        url=lambda w: f"/records/{w.objects['A.draft'].id}/edit/",
        owner="A.practitioner",
        wrong_role="A.lead",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "autosave (POST only)",
        url=lambda w: f"/records/{w.objects['A.draft'].id}/autosave/",
        owner="A.supervisor",
        wrong_role="A.lead",
        outsiders=RECORD_OUTSIDERS,
        owner_status=405,
    ),
    Row(
        "sign",
        url=lambda w: f"/records/{w.objects['A.draft'].id}/sign/",
        owner="A.supervisor",
        wrong_role="A.practitioner",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "countersign",
        url=lambda w: f"/records/{w.objects['A.awaiting'].id}/countersign/",
        owner="A.practitioner",
        wrong_role="A.supervisor",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "addendum",
        url=lambda w: f"/records/{w.objects['A.signed'].id}/addendum/",
        owner="A.practitioner",
        wrong_role="A.lead",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "audit access",
        url=lambda w: f"/records/{w.objects['A.signed'].id}/audit-access/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "risk exception",
        url=lambda w: f"/records/{w.objects['A.draft'].id}/risk/",
        owner="A.supervisor",
        wrong_role="A.lead",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "record PDF",
        url=lambda w: f"/records/{w.objects['A.signed'].id}/pdf/",
        owner="A.practitioner",
        wrong_role="A.admin",
        outsiders=RECORD_OUTSIDERS,
    ),
]
