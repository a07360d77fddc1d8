"""The nightly job and re-evaluation: run key per slot, lock, retry after a killed worker."""

import threading
from datetime import date

import pytest
from django.conf import settings
from django.db import connection

from supervision import cadence, services, tasks
from supervision.models import Alert, AlertRule, JobRun
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory

SLOT = "2026-06-01"
TODAY = date(2026, 6, 1)


@pytest.fixture
def overdue_case(agency, supervisor, supervisee):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    return CaseFactory(
        agency=agency, allocated_practitioner=supervisee, last_discussed_on=date(2026, 1, 5)
    )


def test_beat_runs_the_rules_nightly_and_the_digest_each_morning():
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"supervision.tasks.run_nightly_rules", "supervision.tasks.send_daily_digests"} <= (
        schedule
    )


def test_tasks_acknowledge_late_and_retry_database_errors():
    for task in (tasks.run_nightly_rules, tasks.reevaluate, tasks.send_daily_digests):
        assert task.acks_late is True
        assert task.autoretry_for


def test_a_slot_runs_once(overdue_case):
    first = services.run_nightly_rules(slot=SLOT, today=TODAY)
    assert first.raised >= 1
    assert services.run_nightly_rules(slot=SLOT, today=TODAY) is None
    run = JobRun.objects.get(job=services.NIGHTLY_JOB, slot=SLOT)
    assert run.summary[AlertRule.CIN_DISCUSSION_OVERDUE]["raised"] == 1
    assert Alert.objects.filter(rule=AlertRule.CIN_DISCUSSION_OVERDUE).count() == 1


def test_the_task_uses_the_day_as_its_slot(overdue_case):
    assert tasks.run_nightly_rules.apply(kwargs={"slot": SLOT}).get()["raised"] >= 1
    assert tasks.run_nightly_rules.apply(kwargs={"slot": SLOT}).get() == {
        "slot": SLOT,
        "skipped": True,
    }


def test_a_worker_killed_mid_run_leaves_nothing_and_the_retry_does_it_all(
    overdue_case, monkeypatch
):
    real = cadence.evaluate

    def dies_after_the_work(**kwargs):
        real(**kwargs)
        raise SystemExit("worker killed")

    monkeypatch.setattr(cadence, "evaluate", dies_after_the_work)
    with pytest.raises(SystemExit):
        services.run_nightly_rules(slot=SLOT, today=TODAY)
    assert not Alert.objects.exists()
    assert not JobRun.objects.exists()
    monkeypatch.setattr(cadence, "evaluate", real)
    assert services.run_nightly_rules(slot=SLOT, today=TODAY).raised >= 1
    assert JobRun.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_beats_at_once_run_the_slot_once(agency, supervisor, supervisee):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    CaseFactory(
        agency=agency, allocated_practitioner=supervisee, last_discussed_on=date(2026, 1, 5)
    )
    results, errors = [], []
    start = threading.Barrier(2)

    def beat():
        try:
            start.wait()
            results.append(services.run_nightly_rules(slot=SLOT, today=TODAY))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert sorted(r is None for r in results) == [False, True]
    assert JobRun.objects.filter(slot=SLOT).count() == 1
    assert Alert.objects.filter(rule=AlertRule.CIN_DISCUSSION_OVERDUE).count() == 1


def test_signing_enqueues_a_reevaluation_after_commit(
    overdue_case, supervisee, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(tasks.reevaluate, "delay", lambda **kwargs: sent.append(kwargs))
    with django_capture_on_commit_callbacks(execute=True):
        tasks.enqueue_reevaluation([overdue_case.id, overdue_case.id], [supervisee.id, None])
        assert sent == []  # nothing before the commit
    assert sent == [{"case_ids": [str(overdue_case.id)], "user_ids": [str(supervisee.id)]}]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        tasks.enqueue_reevaluation([], [])
    assert callbacks == []


def test_the_reevaluation_task_raises_and_clears_for_its_scope(overdue_case, supervisee):
    result = tasks.reevaluate.apply(
        kwargs={"case_ids": [str(overdue_case.id)], "user_ids": [str(supervisee.id)]}
    ).get()
    assert result["raised"] >= 1
    assert Alert.objects.filter(case=overdue_case, cleared_at__isnull=True).exists()
