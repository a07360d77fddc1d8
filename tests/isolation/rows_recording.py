"""Isolation rows for session records: every record URL, asked by outsiders."""

from datetime import date, timedelta

from agencies.models import Role
from recording import services
from recording.models import RiskKind
from tests.factories.agencies import person
from tests.factories.supervision import CaseFactory
from tests.isolation.matrix import Row
from tests.isolation.rows_supervision import RECORD_OUTSIDERS
from tests.isolation.rows_supervision import extend_world as extend_supervision_world
from tests.recording.conftest import complete, complete_group, sign_all, sign_both

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
    _extend_with_group_records(world)


def _extend_with_group_records(world) -> None:
    """A group of agency A: the facilitator A.supervisor, attendees A.practitioner,
    A.attendee2 and A.attendee3; A.colleague, a practitioner of A who did not attend."""
    agency = world.agencies["A"]
    for key in ("A.attendee2", "A.attendee3", "A.colleague"):
        world.people[key] = person(agency, Role.PRACTITIONER)
        CaseFactory(agency=agency, allocated_practitioner=world.people[key])
    supervisor = world.people["A.supervisor"]
    people = [world.people[k] for k in ("A.practitioner", "A.attendee2", "A.attendee3")]

    def start(days_ago):
        return services.start_group_record(
            facilitator_membership=world.membership("A.supervisor"),
            kind="group",
            group_name="ISO group of agency A",
            attendee_memberships=[p.memberships.get(agency=agency) for p in people],
            session_date=date.today() - timedelta(days=days_ago),
        )

    signed = complete_group(start(40), by=supervisor)
    world.objects["A.group_signed"] = sign_all(signed, facilitator=supervisor, people=people)
    awaiting = complete_group(start(20), by=supervisor)
    awaiting = services.sign_as_supervisor(record=awaiting, by=supervisor, version=awaiting.version)
    world.objects["A.group_awaiting"] = services.sign_as_attendee(
        record=awaiting, by=people[1], agrees=True
    )
    world.objects["A.group_draft"] = start(2)


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
    # --- Group and peer records: attendees see them; A.colleague, a practitioner of the
    # same agency who did not attend, gets 404 like another agency.
    Row(
        "new group or peer record",
        url=lambda w: "/records/new/group/",
        owner="A.supervisor",
        wrong_role="A.admin",
        outsiders=(),
    ),
    Row(
        "my sessions (group attendee)",
        url=lambda w: "/records/",
        owner="A.attendee2",
        wrong_role="A.admin",
        outsiders=("B.practitioner", "B.lead", "C.lead"),
        marker=lambda w: str(w.objects["A.group_signed"].id),
    ),
    Row(
        "supervisees' sessions (group facilitator)",
        url=lambda w: "/records/supervisees/",
        owner="A.supervisor",
        wrong_role="A.colleague",
        outsiders=("B.supervisor", "C.supervisor"),
        marker=lambda w: str(w.objects["A.group_signed"].id),
    ),
    Row(
        "group record detail (attendee)",
        url=lambda w: f"/records/{w.objects['A.group_signed'].id}/",
        owner="A.attendee2",
        wrong_role="A.colleague",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "group record detail (lead, oversight)",
        url=lambda w: f"/records/{w.objects['A.group_signed'].id}/",
        owner="A.lead",
        wrong_role="A.admin",
        outsiders=("B.lead", "C.lead"),
    ),
    Row(
        "group record attendees",
        url=lambda w: f"/records/{w.objects['A.group_draft'].id}/attendees/",
        owner="A.supervisor",
        wrong_role="A.practitioner",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "group edit draft",
        url=lambda w: f"/records/{w.objects['A.group_draft'].id}/edit/",
        owner="A.supervisor",
        wrong_role="A.attendee2",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "group autosave (POST only)",
        url=lambda w: f"/records/{w.objects['A.group_draft'].id}/autosave/",
        owner="A.supervisor",
        wrong_role="A.colleague",
        outsiders=RECORD_OUTSIDERS,
        owner_status=405,
    ),
    Row(
        "group sign",
        url=lambda w: f"/records/{w.objects['A.group_draft'].id}/sign/",
        owner="A.supervisor",
        wrong_role="A.attendee2",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "group countersign",
        url=lambda w: f"/records/{w.objects['A.group_awaiting'].id}/countersign/",
        owner="A.attendee3",
        wrong_role="A.colleague",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "group addendum",
        url=lambda w: f"/records/{w.objects['A.group_signed'].id}/addendum/",
        owner="A.attendee3",
        wrong_role="A.colleague",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "group audit access",
        url=lambda w: f"/records/{w.objects['A.group_signed'].id}/audit-access/",
        owner="A.lead",
        wrong_role="A.attendee2",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "group risk exception",
        url=lambda w: f"/records/{w.objects['A.group_draft'].id}/risk/",
        owner="A.attendee2",
        wrong_role="A.colleague",
        outsiders=RECORD_OUTSIDERS,
    ),
    Row(
        "group record PDF",
        url=lambda w: f"/records/{w.objects['A.group_signed'].id}/pdf/",
        owner="A.attendee3",
        wrong_role="A.colleague",
        outsiders=RECORD_OUTSIDERS,
    ),
]
