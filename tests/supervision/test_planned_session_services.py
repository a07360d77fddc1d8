"""Scheduling, moving and cancelling planned sessions: reasons kept, rules enforced."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from supervision import services
from supervision.models import PlannedSessionChangeKind, PlannedSessionStatus
from tests.factories.contracts import AgreementFactory


@pytest.fixture
def agreement(supervisor, supervisee):
    return AgreementFactory(supervisor=supervisor, supervisee=supervisee)


def schedule(supervisor, supervisee, agency, *, days=7):
    starts = timezone.now().replace(microsecond=0) + timedelta(days=days)
    return services.schedule_session(
        supervisor=supervisor,
        supervisee=supervisee,
        agency=agency,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=90),
        setting="in_person",
        location="  Room 4  ",
    )


def test_schedule_links_the_agreement_in_force(agreement, supervisor, supervisee, agency):
    session = schedule(supervisor, supervisee, agency)
    assert session.agreement == agreement
    assert session.location == "Room 4"
    assert session.status == PlannedSessionStatus.SCHEDULED
    assert session.sequence == 0


def test_only_with_a_supervisee_under_an_agreement_in_force(supervisor, supervisee, agency):
    with pytest.raises(ValidationError) as error:
        schedule(supervisor, supervisee, agency)
    assert "supervisee" in error.value.message_dict


def test_not_in_the_past(agreement, supervisor, supervisee, agency):
    with pytest.raises(ValidationError) as error:
        schedule(supervisor, supervisee, agency, days=-1)
    assert "starts_on" in error.value.message_dict


def test_reschedule_keeps_the_old_time_and_the_reason(agreement, supervisor, supervisee, agency):
    session = schedule(supervisor, supervisee, agency)
    old_start = session.starts_at
    new_start = old_start + timedelta(days=2)
    session = services.reschedule_session(
        session=session,
        by=supervisee,
        starts_at=new_start,
        ends_at=new_start + timedelta(hours=1),
        reason="Court hearing moved",
    )
    assert session.starts_at == new_start and session.sequence == 1
    change = session.changes.get()
    assert change.kind == PlannedSessionChangeKind.RESCHEDULED
    assert (change.previous_starts_at, change.new_starts_at) == (old_start, new_start)
    assert change.reason == "Court hearing moved" and change.changed_by == supervisee


def test_a_reason_is_required(agreement, supervisor, supervisee, agency):
    session = schedule(supervisor, supervisee, agency)
    with pytest.raises(ValidationError):
        services.cancel_session(session=session, by=supervisor, reason="  ")
    with pytest.raises(ValidationError):
        services.reschedule_session(
            session=session,
            by=supervisor,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            reason="",
        )


def test_cancel_keeps_the_reason_and_stops_further_changes(
    agreement, supervisor, supervisee, agency
):
    session = schedule(supervisor, supervisee, agency)
    session = services.cancel_session(session=session, by=supervisor, reason="Off sick")
    assert session.is_cancelled and session.cancellation_reason == "Off sick"
    assert session.sequence == 1 and session.cancelled_by == supervisor
    assert session.changes.get().kind == PlannedSessionChangeKind.CANCELLED
    with pytest.raises(ValidationError):
        services.cancel_session(session=session, by=supervisor, reason="Again")
