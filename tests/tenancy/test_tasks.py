"""Work outside a request sets its row-level security context explicitly."""

import pytest
from django.db import transaction

from config.celery import app
from contracts.models import Agreement
from tenancy import context
from tenancy.context import system_task
from tests.tenancy.test_role import agreement_in

OUR_APPS = ("agencies", "contracts", "supervision", "recording", "evaluation", "reflection")
OUR_APPS += ("assurance", "ops", "tenancy")


def our_tasks():
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if name.split(".")[0] in OUR_APPS}


def test_every_task_of_ours_sets_its_context():
    tasks = our_tasks()
    assert {"ops.tasks.heartbeat", "supervision.tasks.run_nightly_rules"} <= set(tasks)
    assert len(tasks) >= 8
    missing = [
        name for name, task in tasks.items() if not getattr(task.run, "sets_tenant_context", False)
    ]
    assert missing == [], f"decorate these tasks with @system_task (tenancy.context): {missing}"


@pytest.mark.django_db
def test_a_system_task_sees_every_agency_whatever_the_caller_had(agency, other_agency):
    agreement_in(agency)
    agreement_in(other_agency)

    @system_task
    def count():
        return Agreement.objects.count()

    with transaction.atomic(), context.nothing():
        assert count() == 2
        assert Agreement.objects.count() == 0


@pytest.mark.django_db
def test_for_user_is_what_a_request_of_theirs_sees(agency, other_agency, supervisee):
    agreement = agreement_in(agency)
    agreement_in(other_agency)
    with transaction.atomic(), context.for_user(agreement.supervisee):
        assert list(Agreement.objects.values_list("id", flat=True)) == [agreement.id]
