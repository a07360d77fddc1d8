"""The nightly retention job: exactly what is past its date goes, per agency, logged."""

import json
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from agencies.models import Role
from audit.models import (
    AddendumHistory,
    AgreedActionHistory,
    AgreementHistory,
    CaseDiscussionHistory,
    SessionRecordHistory,
)
from contracts.models import Agreement, AgreementEvent, AgreementStatus
from evaluation.models import AuditItem
from recording.models import (
    ActionReview,
    Addendum,
    AgreedAction,
    AuditAccess,
    CaseDiscussion,
    CaseDiscussionReflection,
    RecordAttendee,
    RecordStatus,
    RiskEscalation,
    SessionRecord,
    SessionReflection,
    SupervisionGroup,
)
from retention import services
from retention.models import DeletedKind, RetentionLogEntry, RetentionPolicy, RetentionRun
from retention.tasks import run_nightly_retention
from supervision.models import (
    Case,
    CaseCategory,
    CaseCategoryChange,
    CaseImport,
    PlannedSession,
)
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory
from tests.factories.evaluation import AuditItemFactory, RecordAuditFactory
from tests.factories.recording import (
    AgreedActionFactory,
    CaseDiscussionFactory,
    SessionRecordFactory,
)
from tests.factories.supervision import CaseFactory, PlannedSessionFactory

TODAY = date(2026, 11, 26)
SIX_YEARS_AGO = date(2020, 11, 26)  # the cut-off for the default six years
SECRET = "The supervisee spoke about a family in Elm Street"


def ended_agreement(supervisor, supervisee, *, ended_on, **kwargs):
    kwargs.setdefault("status", AgreementStatus.ENDED)
    return AgreementFactory(
        supervisor=supervisor,
        supervisee=supervisee,
        start_date=ended_on - timedelta(days=700),
        review_date=ended_on - timedelta(days=300),
        ended_on=ended_on,
        supervisor_signed_at=timezone.now(),
        supervisee_signed_at=timezone.now(),
        **kwargs,
    )


def signed_record(agreement, *, on, case=None, previous=None, lead=None):
    """A signed one-to-one record under `agreement`, with one of every part."""
    now = timezone.now()
    record = SessionRecordFactory(
        supervisor=agreement.supervisor,
        supervisee=agreement.supervisee,
        agreement=agreement,
        agency=agreement.agency,
        session_date=on,
        agenda=SECRET,
        previous_record=previous,
        supervisor_signed_at=now,
        supervisee_signed_at=now,
        reflection__wellbeing=SECRET,
    )
    CaseDiscussionFactory(record=record, case=case, needs=SECRET, reflection__outcomes=SECRET)
    AgreedActionFactory(record=record, description=SECRET, case=case)
    SessionRecord.objects.filter(pk=record.pk).update(status=RecordStatus.SIGNED)
    record.refresh_from_db()
    Addendum.objects.create(
        agency=record.agency, record=record, author=record.supervisor, text=SECRET
    )
    RiskEscalation.objects.create(
        agency=record.agency,
        record=record,
        kind="significant_harm",
        shared_text=SECRET,
        raised_by=record.supervisor,
    )
    if lead:
        AuditAccess.objects.create(
            agency=record.agency,
            record=record,
            user=lead,
            reason=SECRET,
            expires_at=now + timedelta(minutes=30),
        )
    return record


def closed_case(agency, *, closed_on):
    case = CaseFactory(agency=agency, category=CaseCategory.CLOSED)
    CaseCategoryChange.objects.filter(case=case).delete()  # the factory's "today" entry
    CaseCategoryChange.objects.create(
        agency=agency,
        case=case,
        from_category=CaseCategory.CHILD_IN_NEED,
        to_category=CaseCategory.CLOSED,
        changed_on=closed_on,
        source="manual",
    )
    return case


def exists(model, pk) -> bool:
    return model.objects.filter(pk=pk).exists()


@pytest.fixture
def pair(agency):
    return person(agency, Role.SUPERVISOR), person(agency, Role.PRACTITIONER)


def test_the_cutoff_is_exactly_n_years_back_even_from_29_february():
    assert services.cutoff_for(today=TODAY, years=6) == SIX_YEARS_AGO
    assert services.cutoff_for(today=date(2028, 2, 29), years=6) == date(2022, 2, 28)


def test_an_agreement_goes_the_day_after_n_years_with_its_records_and_every_part(
    agency, pair, lead
):
    supervisor, supervisee = pair
    day_before = ended_agreement(supervisor, supervisee, ended_on=SIX_YEARS_AGO - timedelta(1))
    on_the_day = ended_agreement(supervisor, supervisee, ended_on=SIX_YEARS_AGO)
    day_after = ended_agreement(supervisor, supervisee, ended_on=SIX_YEARS_AGO + timedelta(1))
    gone = signed_record(day_before, on=date(2019, 5, 1), lead=lead)
    kept = signed_record(on_the_day, on=date(2019, 6, 1), lead=lead)
    kept_too = signed_record(day_after, on=date(2019, 7, 1))
    PlannedSessionFactory(supervisor=supervisor, supervisee=supervisee, agreement=day_before)
    AgreementEvent.objects.create(
        agency=agency, agreement=day_before, actor=supervisor, action=AgreementEvent.Action.ENDED
    )
    audit_item = AuditItemFactory(
        audit=RecordAuditFactory(agency=agency, drawn_by=lead),
        record_id=gone.id,
        supervisor=supervisor,
        session_date=gone.session_date,
    )

    run = services.purge_agency(agency=agency, today=TODAY)

    assert not exists(Agreement, day_before.pk)
    assert not exists(SessionRecord, gone.pk)
    for model in (
        SessionReflection,
        CaseDiscussion,
        CaseDiscussionReflection,
        AgreedAction,
        Addendum,
        RiskEscalation,
        AuditAccess,
    ):
        assert not model.objects.filter(record_id=gone.pk).exists(), model.__name__
        assert model.objects.filter(record_id=kept.pk).exists(), model.__name__
    # The change history's copies of what went, went with it (its own "deleted" events too).
    for history, field in (
        (SessionRecordHistory, "pgh_obj_id"),
        (CaseDiscussionHistory, "record_id"),
        (AgreedActionHistory, "record_id"),
        (AddendumHistory, "record_id"),
    ):
        assert not history.objects.filter(**{field: gone.pk}).exists(), history.__name__
        assert history.objects.filter(**{field: kept.pk}).exists(), history.__name__
    assert not AgreementHistory.objects.filter(pgh_obj_id=day_before.pk).exists()
    assert AgreementHistory.objects.filter(pgh_obj_id=on_the_day.pk).exists()
    assert not AgreementEvent.objects.filter(agreement_id=day_before.pk).exists()
    assert not PlannedSession.objects.filter(agreement_id=day_before.pk).exists()
    assert not exists(AuditItem, audit_item.pk)
    for agreement in (on_the_day, day_after):
        assert exists(Agreement, agreement.pk)
    assert exists(SessionRecord, kept_too.pk)
    assert run.deleted["agreement"] == 1
    assert run.deleted["session_record"] == 1
    assert run.cutoff == SIX_YEARS_AGO


def test_an_agreement_in_force_or_a_series_with_a_live_version_is_kept(agency, pair):
    supervisor, supervisee = pair
    old_version = ended_agreement(
        supervisor, supervisee, ended_on=date(2015, 1, 1), status=AgreementStatus.SUPERSEDED
    )
    AgreementFactory(
        supervisor=supervisor,
        supervisee=supervisee,
        series_id=old_version.series_id,
        version=2,
        start_date=date(2015, 1, 1),
    )
    services.purge_agency(agency=agency, today=TODAY)
    assert exists(Agreement, old_version.pk)


def test_the_agencys_own_setting_decides_and_other_agencies_are_untouched(
    agency, other_agency, pair
):
    supervisor, supervisee = pair
    ours = ended_agreement(supervisor, supervisee, ended_on=date(2019, 1, 1))  # ~8 years
    other_supervisor = person(other_agency, Role.SUPERVISOR)
    other_supervisee = person(other_agency, Role.PRACTITIONER)
    theirs = ended_agreement(other_supervisor, other_supervisee, ended_on=date(2010, 1, 1))
    services.set_retention_years(agency=agency, years=10, updated_by=supervisor)

    services.run_retention(today=TODAY, agency_ids=[agency.id])
    assert exists(Agreement, ours.pk)  # 10 years for this agency
    assert exists(Agreement, theirs.pk)  # the run was for our agency only

    services.set_retention_years(agency=agency, years=7, updated_by=supervisor)
    services.run_retention(today=TODAY + timedelta(1), agency_ids=[agency.id])
    assert not exists(Agreement, ours.pk)
    assert exists(Agreement, theirs.pk)
    assert not RetentionRun.objects.filter(agency=other_agency).exists()


def test_a_closed_case_goes_with_its_discussions_from_records_that_are_kept(agency, pair):
    supervisor, supervisee = pair
    live = AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    old_case = closed_case(agency, closed_on=SIX_YEARS_AGO - timedelta(1))
    recent_case = closed_case(agency, closed_on=SIX_YEARS_AGO)
    open_case = CaseFactory(agency=agency, category=CaseCategory.CHILD_IN_NEED)
    record = signed_record(live, on=date(2020, 1, 10), case=old_case)
    other = signed_record(live, on=date(2020, 2, 10), case=recent_case)

    run = services.purge_agency(agency=agency, today=TODAY)

    assert not exists(Case, old_case.pk)
    assert not CaseCategoryChange.objects.filter(case_id=old_case.pk).exists()
    assert not CaseDiscussion.objects.filter(record=record).exists()
    assert not CaseDiscussionReflection.objects.filter(record=record).exists()
    assert not AgreedAction.objects.filter(record=record).exists()
    # The record itself stays (its agreement is in force), still signed and locked.
    record.refresh_from_db()
    assert record.status == RecordStatus.SIGNED
    assert SessionReflection.objects.filter(record=record).exists()
    assert exists(Case, recent_case.pk)
    assert exists(Case, open_case.pk)
    assert CaseDiscussion.objects.filter(record=other).exists()
    kinds = sorted(run.entries.values_list("kind", flat=True))
    assert kinds == sorted(
        [DeletedKind.CASE, DeletedKind.CASE_DISCUSSION, DeletedKind.AGREED_ACTION]
    )


def test_a_case_list_upload_goes_n_years_after_it_was_uploaded(agency, lead):
    def upload(on):
        case_import = CaseImport.objects.create(
            agency=agency, uploaded_by=lead, filename="cases.csv", rows=[{"reference": "R1"}]
        )
        moment = datetime.combine(on, time(12), tzinfo=UTC)
        CaseImport.objects.filter(pk=case_import.pk).update(created_at=moment)
        return case_import

    old = upload(SIX_YEARS_AGO - timedelta(1))
    kept = upload(SIX_YEARS_AGO)
    run = services.purge_agency(agency=agency, today=TODAY)
    assert not exists(CaseImport, old.pk)
    assert exists(CaseImport, kept.pk)
    entry = run.entries.get()
    assert (entry.kind, entry.object_id) == (DeletedKind.CASE_IMPORT, old.id)


def test_a_group_goes_when_it_last_met_more_than_n_years_ago(agency, pair):
    supervisor, supervisee = pair
    membership = supervisee.memberships.get(agency=agency)

    def group_with_session(name, on):
        group = SupervisionGroup.objects.create(agency=agency, name=name, created_by=supervisor)
        record = SessionRecord.objects.create(
            agency=agency,
            kind="group",
            supervisor=supervisor,
            group=group,
            session_date=on,
            agenda=SECRET,
            created_by=supervisor,
        )
        RecordAttendee.objects.create(
            agency=agency, record=record, membership=membership, user=supervisee
        )
        return group, record

    old_group, old_record = group_with_session("Old group", SIX_YEARS_AGO - timedelta(1))
    new_group, new_record = group_with_session("New group", SIX_YEARS_AGO)
    services.purge_agency(agency=agency, today=TODAY)
    assert not exists(SupervisionGroup, old_group.pk)
    assert not exists(SessionRecord, old_record.pk)
    assert not RecordAttendee.objects.filter(record_id=old_record.pk).exists()
    assert exists(SupervisionGroup, new_group.pk)
    assert exists(SessionRecord, new_record.pk)


def test_a_kept_record_loses_its_links_to_a_deleted_one_and_nothing_else(agency, pair):
    supervisor, supervisee = pair
    old = ended_agreement(supervisor, supervisee, ended_on=date(2018, 1, 1))
    old_record = signed_record(old, on=date(2017, 12, 1))
    old_action = AgreedAction.objects.get(record=old_record)
    live = AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    later = SessionRecordFactory(
        supervisor=supervisor,
        supervisee=supervisee,
        agreement=live,
        session_date=date(2018, 3, 1),
        previous_record=old_record,
        supervisor_signed_at=timezone.now(),
        supervisee_signed_at=timezone.now(),
    )
    ActionReview.objects.create(
        agency=agency, record=later, action=old_action, status="done", note=SECRET
    )
    CaseDiscussionFactory(record=later, needs="Later needs")
    SessionRecord.objects.filter(pk=later.pk).update(status=RecordStatus.SIGNED)

    run = services.purge_agency(agency=agency, today=TODAY)

    assert not exists(Agreement, old.pk)
    assert not exists(SessionRecord, old_record.pk)
    later.refresh_from_db()
    assert later.previous_record_id is None
    assert later.status == RecordStatus.SIGNED
    assert not ActionReview.objects.filter(record=later).exists()
    assert CaseDiscussion.objects.filter(record=later, needs="Later needs").exists()
    assert run.deleted["previous_session_unlinked"] == 1
    entry = RetentionLogEntry.objects.get(run=run, object_id=old_record.id)
    assert entry.parts["review_in_later_record"] == 1


def test_each_run_is_logged_with_kinds_ids_and_dates_never_content(agency, pair, lead):
    supervisor, supervisee = pair
    agreement = ended_agreement(supervisor, supervisee, ended_on=date(2019, 1, 1))
    record = signed_record(agreement, on=date(2018, 10, 1), lead=lead)

    run = services.purge_agency(agency=agency, today=TODAY)

    entries = {e.kind: e for e in RetentionLogEntry.objects.filter(run=run)}
    assert set(entries) == {DeletedKind.AGREEMENT, DeletedKind.SESSION_RECORD}
    assert entries[DeletedKind.AGREEMENT].object_id == agreement.id
    assert entries[DeletedKind.AGREEMENT].ended_on == date(2019, 1, 1)
    assert entries[DeletedKind.AGREEMENT].dated == agreement.start_date
    logged_record = entries[DeletedKind.SESSION_RECORD]
    assert logged_record.object_id == record.id
    assert logged_record.dated == date(2018, 10, 1)
    assert logged_record.ended_on == date(2019, 1, 1)
    assert logged_record.parts == {
        "reflective_part": 1,
        "case_discussion": 1,
        "agreed_action": 1,
        "addendum": 1,
        "risk_escalation": 1,
        "audit_access": 1,
    }
    everything_logged = json.dumps(
        list(RetentionLogEntry.objects.values()) + list(RetentionRun.objects.values()),
        default=str,
    )
    assert SECRET not in everything_logged
    assert supervisee.full_name not in everything_logged


def test_running_twice_deletes_nothing_twice_and_the_next_day_finds_nothing(agency, pair):
    supervisor, supervisee = pair
    ended_agreement(supervisor, supervisee, ended_on=date(2019, 1, 1))
    first = run_nightly_retention(slot=TODAY.isoformat(), agency_ids=[str(agency.id)])
    assert first["agencies"][str(agency.id)]["agreement"] == 1
    again = run_nightly_retention(slot=TODAY.isoformat(), agency_ids=[str(agency.id)])
    assert again["agencies"][str(agency.id)] == {"skipped": True}
    next_day = services.purge_agency(agency=agency, today=TODAY + timedelta(1))
    assert next_day.total_deleted == 0
    assert RetentionRun.objects.filter(agency=agency).count() == 2


def test_the_nightly_task_names_every_agency(agency, other_agency):
    result = run_nightly_retention(slot=TODAY.isoformat())
    assert set(result["agencies"]) >= {str(agency.id), str(other_agency.id)}
    assert RetentionRun.objects.filter(agency__in=[agency, other_agency]).count() == 2


def test_the_immutability_triggers_still_hold_outside_the_job(agency, pair):
    supervisor, supervisee = pair
    agreement = ended_agreement(supervisor, supervisee, ended_on=date(2025, 1, 1))
    record = signed_record(agreement, on=date(2024, 12, 1))
    services.purge_agency(agency=agency, today=TODAY)
    for sql in (
        "DELETE FROM recording_sessionrecord WHERE id = %s",
        "DELETE FROM recording_addendum WHERE record_id = %s",
        "DELETE FROM recording_sessionreflection WHERE record_id = %s",
        "DELETE FROM recording_recordaccessevent WHERE record_id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [record.pk])
    assert exists(SessionRecord, record.pk)


def test_what_is_on_legal_hold_stays_until_the_hold_is_lifted(agency, pair, lead):
    supervisor, supervisee = pair
    first = ended_agreement(
        supervisor, supervisee, ended_on=date(2017, 1, 1), status=AgreementStatus.SUPERSEDED
    )
    second = ended_agreement(
        supervisor, supervisee, ended_on=date(2018, 1, 1), series_id=first.series_id, version=2
    )
    record = signed_record(first, on=date(2016, 6, 1))
    case = closed_case(agency, closed_on=date(2018, 1, 1))
    hold = services.place_legal_hold(
        agency=agency, kind="agreement", object_id=second.id, reason="Complaint", by=lead
    )
    services.place_legal_hold(
        agency=agency, kind="case", object_id=case.id, reason="Court", by=lead
    )

    run = services.purge_agency(agency=agency, today=TODAY)
    assert run.total_deleted == 0
    for model, pk in ((Agreement, first.pk), (Agreement, second.pk), (SessionRecord, record.pk)):
        assert exists(model, pk)
    assert exists(Case, case.pk)

    services.lift_legal_hold(hold=hold, by=lead)
    services.purge_agency(agency=agency, today=TODAY + timedelta(1))
    assert not exists(Agreement, first.pk)
    assert not exists(SessionRecord, record.pk)
    assert exists(Case, case.pk)  # still on hold


def test_a_hold_names_an_object_of_its_own_agency(agency, other_agency, lead):
    theirs = CaseFactory(agency=other_agency)
    with pytest.raises(Case.DoesNotExist):
        services.place_legal_hold(
            agency=agency, kind="case", object_id=theirs.id, reason="x", by=lead
        )


def test_the_database_refuses_a_retention_period_out_of_range(agency):
    with pytest.raises(IntegrityError), transaction.atomic():
        RetentionPolicy.objects.create(agency=agency, years_after_end=0)
