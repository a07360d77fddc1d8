"""Starting a group or peer record: who may facilitate, who may attend (one agency), the
group, and correcting who attended while it is a draft."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agencies.models import Role
from recording import services
from recording.models import RecordAttendee, RecordStatus, SupervisionGroup
from tests.factories.agencies import person
from tests.recording.conftest import complete_group


def _memberships(people, agency):
    return [p.memberships.get(agency=agency) for p in people]


def test_a_supervisor_starts_a_group_record_with_its_attendees(start_group, supervisor, attendees):
    record = start_group()
    assert record.kind == "group"
    assert record.supervisor == supervisor
    assert record.supervisee is None
    assert record.group.name == "Early help group"
    assert record.status == RecordStatus.DRAFT
    assert set(RecordAttendee.objects.filter(record=record).values_list("user", flat=True)) == {
        a.id for a in attendees
    }
    assert record.discussions.count() == 1
    assert record.reflection is not None


def test_the_group_is_found_by_name_whatever_the_case(start_group):
    first = start_group(name="Early help group")
    second = start_group(name="  early HELP   group ")
    assert first.group_id == second.group_id
    assert SupervisionGroup.objects.count() == 1


def test_group_supervision_is_facilitated_by_a_supervisor(start_group, attendees, agency):
    practitioner = person(agency, Role.PRACTITIONER)
    with pytest.raises(PermissionDenied):
        start_group(facilitator=practitioner, kind="group")


def test_peer_supervision_is_facilitated_by_a_peer(start_group, attendees, agency):
    peer = person(agency, Role.PRACTITIONER)
    record = start_group(facilitator=peer, kind="peer", name="Health visitors' peer group")
    assert record.kind == "peer"
    assert record.supervisor == peer


def test_a_lead_or_admin_alone_facilitates_nothing(start_group, lead, agency_admin):
    for user in (lead, agency_admin):
        for kind in ("group", "peer"):
            with pytest.raises(PermissionDenied):
                start_group(facilitator=user, kind=kind)


def test_attendees_come_from_the_facilitators_agency(agency, supervisor, attendees, other_agency):
    police_officer = person(other_agency, Role.PRACTITIONER)
    with pytest.raises(ValidationError):
        services.start_group_record(
            facilitator_membership=supervisor.memberships.get(agency=agency),
            kind="group",
            group_name="Mixed",
            attendee_memberships=[
                *_memberships(attendees[:2], agency),
                police_officer.memberships.get(agency=other_agency),
            ],
            session_date=date.today(),
        )
    assert not SupervisionGroup.objects.exists()


def test_a_group_has_two_attendees_or_more_and_not_the_facilitator(agency, supervisor, attendees):
    facilitator = supervisor.memberships.get(agency=agency)
    for people in ([attendees[0]], [attendees[0], supervisor]):
        with pytest.raises(ValidationError):
            services.start_group_record(
                facilitator_membership=facilitator,
                kind="group",
                group_name="Small",
                attendee_memberships=_memberships(people, agency),
                session_date=date.today(),
            )


def test_people_who_have_left_cannot_attend(agency, supervisor, attendees):
    leaver = attendees[2].memberships.get(agency=agency)
    leaver.ended_on = date.today() - timedelta(days=1)
    leaver.save()
    with pytest.raises(ValidationError):
        services.start_group_record(
            facilitator_membership=supervisor.memberships.get(agency=agency),
            kind="group",
            group_name="Early help group",
            attendee_memberships=_memberships(attendees, agency),
            session_date=date.today(),
        )


def test_one_to_one_services_refuse_group_records(start_group, supervisor, attendees):
    record = start_group()
    with pytest.raises(PermissionDenied):
        services.countersign(record=record, by=attendees[0], agrees=True)


def test_only_the_facilitator_edits_a_group_draft(start_group, attendees):
    record = start_group()
    with pytest.raises(PermissionDenied):
        services.save_draft(
            record=record,
            by=attendees[0],
            version=record.version,
            changes=services.DraftChanges(record={"agenda": "Mine"}),
        )


def test_presenters_and_owners_are_people_in_the_session(
    start_group, supervisor, attendees, agency
):
    record = start_group(people=attendees[:2])
    record = services.save_draft(
        record=record,
        by=supervisor,
        version=record.version,
        changes=services.DraftChanges(add_action=True),
    )
    discussion, action = record.discussions.get(), record.actions.get()
    colleague = attendees[2]
    with pytest.raises(ValidationError):
        services.save_draft(
            record=record,
            by=supervisor,
            version=record.version,
            changes=services.DraftChanges(discussions={discussion.id: {"presenter": colleague}}),
        )
    with pytest.raises(ValidationError):
        services.save_draft(
            record=record,
            by=supervisor,
            version=record.version,
            changes=services.DraftChanges(actions={action.id: {"owner": colleague}}),
        )
    # The facilitator may own an action; only an attendee presents a case.
    services.save_draft(
        record=record,
        by=supervisor,
        version=record.version,
        changes=services.DraftChanges(actions={action.id: {"owner": supervisor}}),
    )


def test_the_cases_offered_are_the_attendees_open_cases(start_group, attendees):
    from recording.selectors import cases_for_record

    record = start_group(people=attendees[:2])
    assert sorted(c.reference for c in cases_for_record(record)) == ["GR-1", "GR-2"]


def test_sign_off_asks_for_a_presenter_for_each_case(start_group, supervisor, attendees):
    record = complete_group(start_group(), by=supervisor)
    assert services.sign_off_problems(record) == []
    discussion = record.discussions.first()
    record = services.save_draft(
        record=record,
        by=supervisor,
        version=record.version,
        changes=services.DraftChanges(discussions={discussion.id: {"presenter": None}}),
    )
    assert services.sign_off_problems(record) == [
        "Case discussion 1: select who presented the case"
    ]


def test_the_facilitator_corrects_who_attended(start_group, supervisor, attendees, agency):
    record = complete_group(start_group(), by=supervisor, actions=[attendees[2]])
    newcomer = person(agency, Role.PRACTITIONER)
    version = record.version
    record = services.change_attendees(
        record=record,
        by=supervisor,
        attendee_memberships=_memberships([*attendees[:2], newcomer], agency),
    )
    assert record.version == version + 1
    assert set(RecordAttendee.objects.filter(record=record).values_list("user", flat=True)) == {
        attendees[0].id,
        attendees[1].id,
        newcomer.id,
    }
    # Someone removed no longer presents or owns anything in the draft.
    assert not record.discussions.filter(presenter=attendees[2]).exists()
    assert record.actions.get().owner is None
    with pytest.raises(PermissionDenied):
        services.change_attendees(
            record=record, by=attendees[0], attendee_memberships=_memberships(attendees, agency)
        )


def test_who_attended_is_fixed_once_the_facilitator_signs(start_group, supervisor, attendees):
    record = complete_group(start_group(), by=supervisor)
    services.sign_as_supervisor(record=record, by=supervisor, version=record.version)
    with pytest.raises(ValidationError):
        services.change_attendees(
            record=record,
            by=supervisor,
            attendee_memberships=_memberships(attendees[:2], record.agency),
        )
