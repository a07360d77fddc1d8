"""Drift (seed 002, aim 3): Amber or Red at three consecutive discussions, or worse than
the discussion before; an alert for the safeguarding leads."""

from datetime import date, timedelta

import pytest

from recording.models import Rag
from supervision.models import AlertRule, CaseCategory
from tests.factories.contracts import AgreementFactory
from tests.factories.recording import CaseDiscussionFactory, SessionRecordFactory
from tests.factories.supervision import CaseFactory, signed_session
from tests.supervision.cadence_helpers import open_alerts, run

DRIFT = AlertRule.DRIFT
G, A, R = Rag.GREEN, Rag.AMBER, Rag.RED
TODAY = date(2026, 6, 1)


@pytest.fixture
def case(agency, supervisor, supervisee):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    return CaseFactory(agency=agency, allocated_practitioner=supervisee)


def rated(case, supervisor, supervisee, *rags, start=date(2026, 1, 5)):
    for n, rag in enumerate(rags):
        signed_session(
            supervisor=supervisor,
            supervisee=supervisee,
            on=start + timedelta(weeks=4 * n),
            discussions=[(case, rag)],
        )


@pytest.mark.parametrize(
    ("rags", "drifting"),
    [
        ((A, A, A), True),
        ((R, A, A), True),
        ((G, A, A), False),  # one Green among the last three, and no worse than before
        ((A, A), False),
        ((A, G, A), True),  # worse than the one before
        ((A, A, G), False),  # improving
        ((R, R, A), True),  # better than before, but Amber or Red three times running
        ((R, G, A, A), False),  # the Red is four discussions back
        ((G, G, G), False),
    ],
)
def test_drift(case, supervisor, supervisee, rags, drifting):
    rated(case, supervisor, supervisee, *rags)
    run(TODAY)
    assert open_alerts(DRIFT, case=case).exists() == drifting


def test_three_consecutive_reason_and_owner(case, supervisor, supervisee):
    rated(case, supervisor, supervisee, A, R, A)
    run(TODAY)
    alert = open_alerts(DRIFT, case=case).get()
    assert alert.owner is None  # for the safeguarding leads
    assert alert.person == supervisee
    assert alert.reason == (
        "Rated Amber or Red at the last three discussions (Amber, Red, Amber): no evident change."
    )
    assert alert.due_on == date(2026, 3, 2) + timedelta(days=14)


def test_getting_worse_reason(case, supervisor, supervisee):
    rated(case, supervisor, supervisee, G, R)
    run(TODAY)
    assert open_alerts(DRIFT, case=case).get().reason == (
        "Getting worse: rated Red after Green on 2 February 2026."
    )


def test_improvement_clears_drift(case, supervisor, supervisee):
    rated(case, supervisor, supervisee, A, A, A)
    run(TODAY)
    assert open_alerts(DRIFT, case=case).exists()
    rated(case, supervisor, supervisee, G, start=date(2026, 5, 1))
    run(TODAY)
    assert not open_alerts(DRIFT, case=case).exists()


def test_drafts_and_unrated_discussions_do_not_count(case, supervisor, supervisee):
    rated(case, supervisor, supervisee, A, A)
    draft = SessionRecordFactory(
        supervisor=supervisor, supervisee=supervisee, session_date=date(2026, 4, 1)
    )
    CaseDiscussionFactory(record=draft, case=case, rag=A)
    signed_session(
        supervisor=supervisor,
        supervisee=supervisee,
        on=date(2026, 4, 2),
        discussions=[(case, "")],
    )
    run(TODAY)
    assert not open_alerts(DRIFT, case=case).exists()


def test_closed_cases_do_not_drift(case, supervisor, supervisee):
    rated(case, supervisor, supervisee, R, R, R)
    case.category = CaseCategory.CLOSED
    case.save()
    run(TODAY)
    assert not open_alerts(DRIFT, case=case).exists()
