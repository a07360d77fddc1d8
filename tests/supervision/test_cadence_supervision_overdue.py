"""Supervision overdue ("The Supervision Process", seed 002): by the agreement's frequency,
the agency minimum for the contact type, and the new-starter frequency."""

from datetime import date

import pytest

from agencies.models import ContactType, Role
from contracts.models import AgreementStatus
from supervision.models import AlertRule
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory
from tests.factories.recording import SessionRecordFactory
from tests.factories.supervision import signed_session
from tests.supervision.cadence_helpers import open_alerts, run

OVERDUE = AlertRule.SUPERVISION_OVERDUE


@pytest.fixture
def pair(agency, supervisor):
    practitioner = person(agency, Role.PRACTITIONER, start_date=date(2020, 1, 6))
    agreement = AgreementFactory(
        supervisor=supervisor,
        supervisee=practitioner,
        frequency_weeks=4,
        start_date=date(2026, 1, 5),
        review_date=date(2027, 1, 4),
    )
    return practitioner, agreement


def test_overdue_after_the_agreement_frequency(pair, supervisor):
    practitioner, agreement = pair
    signed_session(supervisor=supervisor, supervisee=practitioner, on=date(2026, 3, 2))
    run(date(2026, 3, 30))
    assert not open_alerts(OVERDUE).exists()
    run(date(2026, 3, 31))
    alert = open_alerts(OVERDUE).get()
    assert (alert.subject_id, alert.owner, alert.person) == (agreement.id, supervisor, practitioner)
    assert alert.due_on == date(2026, 3, 30)
    assert alert.reason == (
        "Last signed supervision session on 2 March 2026. Sessions are due every 4 weeks."
    )


def test_a_draft_does_not_count_and_a_signed_session_clears(pair, supervisor):
    practitioner, _ = pair
    run(date(2026, 3, 1))
    alert = open_alerts(OVERDUE).get()
    assert alert.reason.startswith("No signed supervision session since the agreement began")
    SessionRecordFactory(
        supervisor=supervisor, supervisee=practitioner, session_date=date(2026, 3, 1)
    )
    run(date(2026, 3, 2))
    assert open_alerts(OVERDUE).exists()
    signed_session(supervisor=supervisor, supervisee=practitioner, on=date(2026, 3, 2))
    result = run(date(2026, 3, 3))
    assert not open_alerts(OVERDUE).exists()
    assert result.outcomes[OVERDUE].cleared == [alert.id]
    alert.refresh_from_db()
    assert alert.cleared_at is not None


@pytest.mark.parametrize(
    ("contact_type", "weeks", "due"),
    [(ContactType.DIRECT, 6, date(2026, 2, 16)), (ContactType.INDIRECT, 13, date(2026, 4, 6))],
)
def test_the_agency_minimum_for_the_contact_type_applies(
    agency, supervisor, contact_type, weeks, due
):
    practitioner = person(
        agency, Role.PRACTITIONER, start_date=date(2020, 1, 6), contact_type=contact_type
    )
    AgreementFactory(
        supervisor=supervisor,
        supervisee=practitioner,
        frequency_weeks=13,
        start_date=date(2026, 1, 5),
        review_date=date(2027, 1, 4),
    )
    run(date(2026, 12, 1))
    alert = open_alerts(OVERDUE).get()
    assert alert.due_on == due
    assert f"due every {weeks} weeks" in alert.reason


def test_the_new_starter_frequency_applies_until_the_period_ends(agency, supervisor):
    # Started 15 January 2026: a new starter for six months, until 14 July inclusive.
    starter = person(agency, Role.PRACTITIONER, start_date=date(2026, 1, 15))
    AgreementFactory(
        supervisor=supervisor,
        supervisee=starter,
        frequency_weeks=6,
        start_date=date(2026, 1, 15),
        review_date=date(2027, 1, 14),
    )
    signed_session(supervisor=supervisor, supervisee=starter, on=date(2026, 6, 10))
    run(date(2026, 7, 14))  # new starter: every 4 weeks, due 8 July
    alert = open_alerts(OVERDUE).get()
    assert alert.due_on == date(2026, 7, 8)
    assert alert.reason.endswith("Sessions are due every 4 weeks while a new starter.")
    run(date(2026, 7, 15))  # the period has ended: every 6 weeks, due 22 July
    assert not open_alerts(OVERDUE).exists()
    run(date(2026, 7, 23))
    assert open_alerts(OVERDUE).get().due_on == date(2026, 7, 22)


def test_only_agreements_in_force_and_current_staff(pair, supervisor):
    practitioner, agreement = pair
    run(date(2026, 3, 1))
    assert open_alerts(OVERDUE).exists()
    agreement.status = AgreementStatus.ENDED
    agreement.save()
    run(date(2026, 3, 2))
    assert not open_alerts(OVERDUE).exists()
    agreement.status = AgreementStatus.REVIEW_DUE
    agreement.save()
    membership = practitioner.memberships.get()
    membership.ended_on = date(2026, 3, 3)
    membership.save()
    run(date(2026, 3, 2))
    assert open_alerts(OVERDUE).exists()
    run(date(2026, 3, 3))
    assert not open_alerts(OVERDUE).exists()
