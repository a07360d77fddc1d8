"""Agreement review due, agreed actions overdue, supervisor training (seed 000 standard vii)."""

from datetime import date

import pytest

from contracts.models import AgreementStatus
from recording.models import ActionStatus, AgreedAction
from supervision import standards
from supervision.models import AlertRule
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory, signed_session
from tests.supervision.cadence_helpers import open_alerts, run

REVIEW, ACTION = AlertRule.AGREEMENT_REVIEW_DUE, AlertRule.ACTION_OVERDUE
EXPIRING, LAPSED = AlertRule.TRAINING_EXPIRING, AlertRule.TRAINING_LAPSED


def test_agreement_review_due_from_28_days_before(supervisor, supervisee):
    agreement = AgreementFactory(
        supervisor=supervisor,
        supervisee=supervisee,
        start_date=date(2026, 1, 1),
        review_date=date(2026, 12, 29),
    )
    run(date(2026, 11, 30))
    assert not open_alerts(REVIEW).exists()
    run(date(2026, 12, 1))
    alert = open_alerts(REVIEW).get()
    assert (alert.subject_id, alert.owner, alert.due_on) == (
        agreement.id,
        supervisor,
        date(2026, 12, 29),
    )
    assert alert.reason == "The supervision agreement is due for review on 29 December 2026."
    agreement.status = AgreementStatus.SUPERSEDED
    agreement.save()
    run(date(2026, 12, 2))
    assert not open_alerts(REVIEW).exists()


def test_agreed_actions_overdue_until_done(agency, supervisor, supervisee):
    case = CaseFactory(agency=agency, allocated_practitioner=supervisee)
    record = signed_session(
        supervisor=supervisor,
        supervisee=supervisee,
        on=date(2026, 3, 2),
        actions=[
            {"due_on": date(2026, 3, 16), "owner": supervisee, "case": case},
            {"due_on": date(2026, 3, 16), "owner": None},
            {"due_on": date(2026, 4, 30), "owner": supervisee},
        ],
    )
    first, unowned, later = AgreedAction.objects.filter(record=record).order_by("position")
    run(date(2026, 3, 16))
    assert not open_alerts(ACTION).exists()
    run(date(2026, 3, 17))
    alerts = {a.subject_id: a for a in open_alerts(ACTION)}
    assert set(alerts) == {first.id, unowned.id}
    assert alerts[first.id].owner == supervisee
    assert alerts[first.id].case == case
    assert alerts[unowned.id].owner == supervisor  # nobody named: the supervisor follows up
    assert alerts[first.id].reason == (
        "Agreed in the supervision session of 2 March 2026 and due by 16 March 2026; marked open."
    )
    AgreedAction.objects.filter(pk=first.pk).update(status=ActionStatus.DONE)
    AgreedAction.objects.filter(pk=unowned.pk).update(status=ActionStatus.IN_PROGRESS)
    run(date(2026, 3, 18))
    assert [a.subject_id for a in open_alerts(ACTION)] == [unowned.id]
    assert open_alerts(ACTION).get().reason.endswith("marked in progress.")
    assert later.id not in set(open_alerts().values_list("subject_id", flat=True))


def test_actions_of_unsigned_records_are_not_agreed_yet(supervisor, supervisee):
    from tests.factories.recording import AgreedActionFactory, SessionRecordFactory

    draft = SessionRecordFactory(supervisor=supervisor, supervisee=supervisee)
    AgreedActionFactory(record=draft, due_on=date(2026, 1, 1))
    run(date(2026, 3, 17))
    assert not open_alerts(ACTION).exists()


@pytest.fixture
def training(monkeypatch):
    """A stand-in for the training records: (membership, expires_on) rows."""
    rows: list = []
    empty = standards.supervisor_training_sql

    def sql(today):
        if not rows:
            return empty(today)
        values = ", ".join(
            f"(%(t_agency_{n})s::uuid, %(t_membership_{n})s::uuid, %(t_user_{n})s::uuid,"
            f" %(t_expires_{n})s::date)"
            for n in range(len(rows))
        )
        params = {}
        for n, (membership, expires_on) in enumerate(rows):
            params |= {
                f"t_agency_{n}": membership.agency_id,
                f"t_membership_{n}": membership.id,
                f"t_user_{n}": membership.user_id,
                f"t_expires_{n}": expires_on,
            }
        return (
            f"SELECT * FROM (VALUES {values}) AS t(agency_id, membership_id, user_id, expires_on)",
            params,
        )

    monkeypatch.setattr(standards, "supervisor_training_sql", sql)
    return rows


def test_training_expiring_then_lapsed(training, supervisor):
    membership = supervisor.memberships.get()
    training.append((membership, date(2026, 12, 31)))
    run(date(2026, 10, 31))  # 61 days ahead
    assert not open_alerts(EXPIRING).exists()
    run(date(2026, 11, 1))  # 60 days ahead
    alert = open_alerts(EXPIRING).get()
    assert (alert.owner, alert.subject_id, alert.due_on) == (
        supervisor,
        membership.id,
        date(2026, 12, 31),
    )
    assert alert.reason.startswith("Your supervision training expires on 31 December 2026.")
    run(date(2027, 1, 1))
    assert not open_alerts(EXPIRING).exists()
    assert (
        open_alerts(LAPSED)
        .get()
        .reason.startswith("Your supervision training expired on 31 December 2026.")
    )


def test_no_training_recorded_counts_as_lapsed(training, supervisor):
    training.append((supervisor.memberships.get(), None))
    run(date(2026, 11, 2))
    assert open_alerts(LAPSED).get().reason.startswith("No supervision training is recorded.")


def test_training_records_decide_lapsed_and_expiring(supervisor, agency):
    """Wired to contracts' training records: none recorded counts as lapsed (standard vii);
    in-date training raises nothing."""
    from tests.factories.contracts import TrainingRecordFactory

    run(date(2026, 11, 2))
    assert open_alerts(LAPSED).exists()
    TrainingRecordFactory(supervisor=supervisor, agency=agency, completed_on=date(2026, 1, 5))
    run(date(2026, 11, 2))
    assert not open_alerts(LAPSED).exists()
    assert not open_alerts(EXPIRING).exists()
