"""The rule engine: idempotent, set-based, clears what no longer holds, scoped re-runs."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from supervision import cadence
from supervision.models import Alert, AlertRule
from tests.factories.agencies import AgencyFactory, person
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory
from tests.supervision.cadence_helpers import open_alerts, run

OVERDUE = AlertRule.CIN_DISCUSSION_OVERDUE
TODAY = date(2026, 6, 1)
LONG_AGO = date(2026, 1, 5)


@pytest.fixture
def overdue_case(agency, supervisor, supervisee):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    return CaseFactory(agency=agency, allocated_practitioner=supervisee, last_discussed_on=LONG_AGO)


def test_running_twice_raises_nothing_twice(overdue_case):
    first = run(TODAY)
    assert len(first.outcomes[OVERDUE].raised) == 1
    second = run(TODAY)
    assert second.raised == 0 and second.updated == 0 and second.cleared == 0
    assert Alert.objects.filter(rule=OVERDUE).count() == 1


def test_one_open_alert_per_rule_and_subject_is_a_database_constraint(overdue_case):
    run(TODAY)
    alert = Alert.objects.get(rule=OVERDUE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.create(
            agency=alert.agency,
            rule=alert.rule,
            subject_id=alert.subject_id,
            reason="again",
            raised_at=timezone.now(),
            updated_at=timezone.now(),
        )


def test_cleared_when_it_no_longer_holds_and_raised_afresh_later(overdue_case):
    run(TODAY)
    alert = Alert.objects.get(rule=OVERDUE)
    overdue_case.last_discussed_on = TODAY
    overdue_case.save()
    result = run(TODAY + timedelta(days=1))
    assert result.outcomes[OVERDUE].cleared == [alert.id]
    alert.refresh_from_db()
    assert alert.cleared_at is not None and alert.raised_at < alert.cleared_at
    # Three months on it is overdue again: a new alert; the old one stays as history.
    run(date(2026, 9, 3))
    assert Alert.objects.filter(rule=OVERDUE).count() == 2
    assert open_alerts(OVERDUE).get().id != alert.id


def test_a_change_of_owner_updates_the_open_alert(overdue_case, agency, supervisee, supervisor):
    run(TODAY)
    alert = Alert.objects.get(rule=OVERDUE)
    assert alert.owner == supervisor
    overdue_case.allocated_practitioner = None
    overdue_case.save()
    result = run(TODAY + timedelta(days=1))
    assert result.outcomes[OVERDUE].updated == [alert.id]
    alert.refresh_from_db()
    assert alert.owner is None and alert.raised_at < alert.updated_at


def test_agencies_are_evaluated_together_and_kept_apart(overdue_case):
    other = AgencyFactory()
    other_practitioner = person(other, "practitioner")
    other_case = CaseFactory(
        agency=other, allocated_practitioner=other_practitioner, last_discussed_on=LONG_AGO
    )
    run(TODAY)
    assert open_alerts(OVERDUE, case=overdue_case).get().agency == overdue_case.agency
    assert open_alerts(OVERDUE, case=other_case).get().agency == other


def test_scoped_run_touches_only_the_cases_and_people_in_scope(overdue_case, agency, supervisee):
    elsewhere = CaseFactory(agency=agency, last_discussed_on=LONG_AGO)
    run(TODAY)
    for case in (overdue_case, elsewhere):
        case.last_discussed_on = TODAY
        case.save()
    result = run(TODAY, scope=cadence.Scope(user_ids=(supervisee.id,)))
    assert result.cleared == 1
    assert not open_alerts(OVERDUE, case=overdue_case).exists()
    assert open_alerts(OVERDUE, case=elsewhere).exists()  # not in scope: left for tonight
    run(TODAY, scope=cadence.Scope(case_ids=(elsewhere.id,)))
    assert not open_alerts(OVERDUE).exists()


def test_a_scoped_run_does_not_clear_a_case_that_moved_to_someone_else(
    overdue_case, agency, supervisee
):
    run(TODAY)
    colleague = person(agency, "practitioner")
    overdue_case.allocated_practitioner = colleague
    overdue_case.save()
    run(TODAY, scope=cadence.Scope(user_ids=(supervisee.id,)))
    assert open_alerts(OVERDUE, case=overdue_case).exists()


@pytest.mark.parametrize("cases", [2, 40])
def test_one_query_per_rule_however_many_cases(
    agency, supervisor, supervisee, cases, django_assert_max_num_queries
):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    for _ in range(cases):
        CaseFactory(agency=agency, allocated_practitioner=supervisee, last_discussed_on=LONG_AGO)
    # agencies + one statement per rule + the savepoint around them
    with django_assert_max_num_queries(1 + len(cadence.RULES) + 2):
        result = run(TODAY)
    assert len(result.outcomes[OVERDUE].raised) == cases
