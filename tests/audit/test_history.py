"""Change history (issue 5): every create, change and delete of the tracked tables is kept
by database triggers, whoever and however it was done: save(), queryset.update(),
bulk_create(), delete(), raw SQL. The signed-record protections still fire beside them."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from agencies.models import Membership, PartnershipMembership, PartnershipRole, Role
from audit import models as audit_models
from audit.jobs import job_context
from contracts.models import Agreement, AgreementStatus
from recording.models import (
    Addendum,
    AgreedAction,
    CaseDiscussion,
    RecordAttendee,
    SessionRecord,
    SupervisionGroup,
)
from supervision.models import Case
from tests.factories.agencies import MembershipFactory, PartnershipMembershipFactory, person
from tests.factories.contracts import AgreementFactory
from tests.factories.recording import (
    AgreedActionFactory,
    CaseDiscussionFactory,
    SessionRecordFactory,
)
from tests.factories.supervision import CaseFactory


@dataclass
class People:
    agency: object
    supervisor: object
    supervisee: object


def _record(p: People) -> SessionRecord:
    return SessionRecordFactory(supervisor=p.supervisor, supervisee=p.supervisee)


def _group(p: People) -> SupervisionGroup:
    return SupervisionGroup.objects.create(
        agency=p.agency, name=f"Group {uuid.uuid4().hex[:6]}", created_by=p.supervisor
    )


def _group_record(p: People) -> SessionRecord:
    return SessionRecord.objects.create(
        agency=p.agency,
        kind="group",
        supervisor=p.supervisor,
        group=_group(p),
        session_date=date.today(),
        created_by=p.supervisor,
    )


def _attendee(p: People) -> RecordAttendee:
    attendee = person(p.agency, Role.PRACTITIONER)
    return RecordAttendee.objects.create(
        agency=p.agency,
        record=_group_record(p),
        membership=attendee.memberships.get(),
        user=attendee,
    )


# model, history model, build one, a change for queryset.update()
TRACKED = {
    "agreement": (
        Agreement,
        audit_models.AgreementHistory,
        lambda p: AgreementFactory(
            supervisor=p.supervisor, supervisee=p.supervisee, status=AgreementStatus.DRAFT
        ),
        {"preparation": "Changed by update()"},
    ),
    "session record": (
        SessionRecord,
        audit_models.SessionRecordHistory,
        _record,
        {"agenda": "Changed by update()"},
    ),
    "case discussion": (
        CaseDiscussion,
        audit_models.CaseDiscussionHistory,
        lambda p: CaseDiscussionFactory(record=_record(p)),
        {"needs": "Changed by update()"},
    ),
    "agreed action": (
        AgreedAction,
        audit_models.AgreedActionHistory,
        lambda p: AgreedActionFactory(record=_record(p)),
        {"description": "Changed by update()"},
    ),
    "record attendee": (
        RecordAttendee,
        audit_models.RecordAttendeeHistory,
        _attendee,
        {"signed_at": timezone.now(), "agrees": True},
    ),
    "supervision group": (
        SupervisionGroup,
        audit_models.SupervisionGroupHistory,
        _group,
        {"name": "Renamed by update()"},
    ),
    "case": (
        Case,
        audit_models.CaseHistory,
        lambda p: CaseFactory(agency=p.agency, allocated_practitioner=p.supervisee),
        {"reference": "CHANGED-1"},
    ),
    "membership": (
        Membership,
        audit_models.MembershipHistory,
        lambda p: MembershipFactory(agency=p.agency),
        {"roles": [Role.PRACTITIONER, Role.SUPERVISOR]},
    ),
    "partnership membership": (
        PartnershipMembership,
        audit_models.PartnershipMembershipHistory,
        lambda p: PartnershipMembershipFactory(partnership=p.agency.partnership),
        {"roles": [PartnershipRole.BOARD_MEMBER]},
    ),
}


@pytest.fixture
def people(agency, supervisor, supervisee):
    return People(agency, supervisor, supervisee)


def _events(history, obj, label=None):
    events = history.objects.filter(pgh_obj_id=obj.pk).order_by("pgh_id")
    return list(events.filter(pgh_label=label) if label else events)


@pytest.mark.parametrize("name", TRACKED)
def test_create_is_kept_with_the_tenant(people, name):
    _model, history, build, _change = TRACKED[name]
    obj = build(people)
    created = _events(history, obj, "created")
    assert len(created) == 1
    if name == "partnership membership":
        assert created[0].partnership_id == people.agency.partnership_id
    else:
        assert created[0].agency_id == people.agency.id


@pytest.mark.parametrize("name", TRACKED)
def test_queryset_update_is_kept_with_the_new_values(people, name):
    model, history, build, change = TRACKED[name]
    obj = build(people)
    assert model.objects.filter(pk=obj.pk).update(**change) == 1
    changed = _events(history, obj, "changed")
    assert len(changed) == 1
    for field, value in change.items():
        assert getattr(changed[0], field) == value


@pytest.mark.parametrize("name", TRACKED)
def test_delete_is_kept_with_the_last_values(people, name):
    model, history, build, _change = TRACKED[name]
    obj = build(people)
    pk = obj.pk
    model.objects.filter(pk=pk).delete()
    assert not model.objects.filter(pk=pk).exists()
    deleted = history.objects.get(pgh_obj_id=pk, pgh_label="deleted")
    assert deleted.pk is not None


def test_save_of_an_unchanged_row_writes_no_event(people):
    case = CaseFactory(agency=people.agency)
    Case.objects.filter(pk=case.pk).update(reference=case.reference)
    assert [e.pgh_label for e in _events(audit_models.CaseHistory, case)] == ["created"]


def test_bulk_create_writes_one_event_per_row(people):
    cases = Case.objects.bulk_create(
        [
            Case(
                agency=people.agency,
                reference=f"BULK-{n}",
                initials="AB",
                year_of_birth=2015,
                category="child_in_need",
            )
            for n in range(3)
        ]
    )
    assert (
        audit_models.CaseHistory.objects.filter(
            pgh_obj_id__in=[c.pk for c in cases], pgh_label="created"
        ).count()
        == 3
    )


def test_bulk_created_actions_and_memberships_are_kept(people):
    record = _record(people)
    AgreedAction.objects.bulk_create(
        [
            AgreedAction(agency=people.agency, record=record, description=f"Bulk {n}", position=n)
            for n in (1, 2)
        ]
    )
    assert (
        audit_models.AgreedActionHistory.objects.filter(
            record_id=record.id, pgh_label="created"
        ).count()
        == 2
    )


def test_raw_sql_is_kept_too(people):
    case = CaseFactory(agency=people.agency)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE supervision_case SET initials = 'ZZ' WHERE id = %s", [str(case.pk)])
    assert _events(audit_models.CaseHistory, case, "changed")[0].initials == "ZZ"


def test_membership_roles_array_change_is_kept(people):
    membership = people.supervisee.memberships.get()
    membership.roles = [Role.PRACTITIONER, Role.SUPERVISOR]
    membership.save()
    before, after = _events(audit_models.MembershipHistory, membership)
    assert (before.roles, after.roles) == (
        [Role.PRACTITIONER],
        [Role.PRACTITIONER, Role.SUPERVISOR],
    )


def _signed(people) -> SessionRecord:
    record = _record(people)
    now = timezone.now()
    SessionRecord.objects.filter(pk=record.pk).update(
        status="signed", supervisor_signed_at=now, supervisee_signed_at=now
    )
    return record


def test_signed_record_is_still_protected_and_the_refused_change_leaves_no_event(people):
    record = _signed(people)
    assert _events(audit_models.SessionRecordHistory, record)[-1].status == "signed"
    count = audit_models.SessionRecordHistory.objects.count()
    with pytest.raises(DatabaseError), transaction.atomic():
        SessionRecord.objects.filter(pk=record.pk).update(agenda="Rewritten after signing")
    with pytest.raises(DatabaseError), transaction.atomic():
        CaseDiscussion.objects.create(agency=people.agency, record=record, needs="Late")
    assert audit_models.SessionRecordHistory.objects.count() == count


def test_addenda_are_kept_without_their_text_and_stay_append_only(people):
    record = _signed(people)
    addendum = Addendum.objects.create(
        agency=people.agency,
        record=record,
        author=people.supervisee,
        part=Addendum.Part.REFLECTIVE,
        text="Reflective addendum text",
    )
    created = _events(audit_models.AddendumHistory, addendum, "created")
    assert len(created) == 1
    assert not hasattr(created[0], "text")
    with pytest.raises(DatabaseError), transaction.atomic():
        Addendum.objects.filter(pk=addendum.pk).update(text="Changed")
    with pytest.raises(DatabaseError), transaction.atomic():
        Addendum.objects.filter(pk=addendum.pk).delete()
    assert len(_events(audit_models.AddendumHistory, addendum)) == 1


def test_history_rows_are_append_only(people):
    case = CaseFactory(agency=people.agency)
    event = audit_models.CaseHistory.objects.get(pgh_obj_id=case.pk)
    with pytest.raises(DatabaseError), transaction.atomic():
        audit_models.CaseHistory.objects.filter(pk=event.pk).update(reference="forged")
    with pytest.raises(DatabaseError), transaction.atomic():
        audit_models.CaseHistory.objects.filter(pk=event.pk).delete()


def test_a_job_context_names_the_job(people):
    with job_context("nightly retention"):
        case = CaseFactory(agency=people.agency)
    event = audit_models.CaseHistory.objects.select_related("pgh_context").get(pgh_obj_id=case.pk)
    assert event.pgh_context.metadata == {"job": "nightly retention"}


def test_a_celery_task_runs_in_a_context_naming_it(people, settings):
    from celery import shared_task

    @shared_task(name="tests.audit.make_case")
    def make_case(agency_id):
        return str(CaseFactory(agency_id=agency_id).pk)

    settings.CELERY_TASK_ALWAYS_EAGER = True
    case_id = make_case.apply(args=[people.agency.id]).get()
    event = audit_models.CaseHistory.objects.select_related("pgh_context").get(pgh_obj_id=case_id)
    assert event.pgh_context.metadata == {"job": "task tests.audit.make_case"}


def test_a_request_records_the_user_agency_and_url(client_for, people, lead):
    case = CaseFactory(agency=people.agency)
    client = client_for(lead)
    response = client.post(
        f"/supervision/cases/{case.pk}/edit/",
        {
            "reference": "EDITED-7",
            "initials": case.initials,
            "year_of_birth": case.year_of_birth,
            "category": case.category,
        },
    )
    assert response.status_code in (200, 302)
    changed = audit_models.CaseHistory.objects.select_related("pgh_context").filter(
        pgh_obj_id=case.pk, pgh_label="changed"
    )
    assert changed.exists(), response.content.decode()[:2000]
    metadata = changed.last().pgh_context.metadata
    assert metadata["user"] == str(lead.pk)
    assert metadata["agency"] == str(people.agency.id)
    assert metadata["url"] == f"/supervision/cases/{case.pk}/edit/"


def test_integrity_errors_roll_the_event_back_with_the_row(people):
    case = CaseFactory(agency=people.agency)
    count = audit_models.CaseHistory.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseFactory(agency=people.agency, reference=case.reference)
    assert audit_models.CaseHistory.objects.count() == count


def test_an_agreement_signed_later_is_kept_as_a_change(people):
    agreement = AgreementFactory(
        supervisor=people.supervisor, supervisee=people.supervisee, status=AgreementStatus.DRAFT
    )
    agreement.review_date = agreement.start_date + timedelta(days=200)
    agreement.save()
    before, after = _events(audit_models.AgreementHistory, agreement)
    assert after.review_date - before.review_date != timedelta(0)


def test_retention_can_purge_the_history_of_what_it_deleted(people):
    from audit.services import purge_history

    kept, gone = CaseFactory(agency=people.agency), CaseFactory(agency=people.agency)
    Case.objects.filter(pk=gone.pk).update(initials="QQ")
    Case.objects.filter(pk=gone.pk).delete()
    assert len(_events(audit_models.CaseHistory, gone)) == 3
    assert purge_history(Case, [gone.pk]) == 3
    assert _events(audit_models.CaseHistory, gone) == []
    assert len(_events(audit_models.CaseHistory, kept)) == 1
    # Outside the purge, the history is append-only again.
    with pytest.raises(DatabaseError), transaction.atomic():
        audit_models.CaseHistory.objects.filter(pgh_obj_id=kept.pk).delete()
