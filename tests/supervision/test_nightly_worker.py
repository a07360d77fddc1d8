"""The nightly job through a real Celery worker and Redis, against the test database."""

from datetime import date

import pytest

from supervision.models import Alert, AlertRule, JobRun
from supervision.tasks import run_nightly_rules
from tests.factories.agencies import AgencyFactory, person
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory
from tests.ops.test_celery_worker import worker  # noqa: F401 - the fixture


@pytest.mark.worker
def test_worker_runs_the_nightly_rules_once_per_slot(worker):  # noqa: F811
    agency = AgencyFactory()
    supervisor = person(agency, "supervisor")
    practitioner = person(agency, "practitioner")
    AgreementFactory(supervisor=supervisor, supervisee=practitioner)
    case = CaseFactory(
        agency=agency, allocated_practitioner=practitioner, last_discussed_on=date(2026, 1, 5)
    )
    first = run_nightly_rules.apply_async(kwargs={"slot": "2026-06-01"}, queue=worker)
    assert first.get(timeout=90)["raised"] >= 1
    again = run_nightly_rules.apply_async(kwargs={"slot": "2026-06-01"}, queue=worker)
    assert again.get(timeout=90)["skipped"] is True
    alert = Alert.objects.get(rule=AlertRule.CIN_DISCUSSION_OVERDUE, case=case)
    assert alert.owner == supervisor and alert.escalated_at is not None
    assert JobRun.objects.filter(slot="2026-06-01").count() == 1
