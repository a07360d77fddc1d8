"""Home pages show the sessions and alerts of whoever must act, in a bounded number of
queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from agencies.models import Role
from supervision import services
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory, PlannedSessionFactory


@pytest.fixture
def world(agency, supervisor, supervisee):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    session = PlannedSessionFactory(supervisor=supervisor, supervisee=supervisee)
    case = CaseFactory(
        agency=agency,
        allocated_practitioner=supervisee,
        last_discussed_on=timezone.localdate() - timedelta(days=200),
    )
    services.run_rules_now(today=timezone.localdate())
    return session, case


def test_supervisor_home(client_for, world, supervisor, supervisee):
    session, case = world
    page = client_for(supervisor).get("/").content.decode()
    assert "Sessions and alerts for your supervisees" in page
    assert f"/supervision/sessions/{session.id}/" in page
    assert f"Case {case.reference}" in page


def test_practitioner_home(client_for, world, supervisee, supervisor):
    session, case = world
    page = client_for(supervisee).get("/").content.decode()
    assert f"with {supervisor.full_name}" in page
    assert f"Case {case.reference}" in page  # about their case, for information


def test_lead_home_shows_the_escalation(client_for, world, lead):
    _, case = world
    page = client_for(lead).get("/").content.decode()
    assert "Escalations and drift" in page and f"Case {case.reference}" in page


def test_another_agencys_lead_sees_none_of_it(client_for, world, outsider):
    _, case = world
    assert case.reference not in client_for(outsider).get("/").content.decode()


@pytest.mark.parametrize("extra", [0, 10])
def test_home_queries_stay_bounded(
    client_for, world, agency, supervisor, extra, django_assert_max_num_queries
):
    for _ in range(extra):
        practitioner = person(agency, Role.PRACTITIONER)
        AgreementFactory(supervisor=supervisor, supervisee=practitioner)
        PlannedSessionFactory(supervisor=supervisor, supervisee=practitioner)
        CaseFactory(
            agency=agency,
            allocated_practitioner=practitioner,
            last_discussed_on=timezone.localdate() - timedelta(days=200),
        )
    services.run_rules_now(today=timezone.localdate())
    client = client_for(supervisor)
    with django_assert_max_num_queries(14):
        assert client.get("/").status_code == 200
