"""The alerts page and the email setting: who sees what, and query counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from agencies.models import Role
from supervision import services
from supervision.models import NotificationPreference
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory


def overdue(agency, practitioner, days=200):
    return CaseFactory(
        agency=agency,
        allocated_practitioner=practitioner,
        last_discussed_on=timezone.localdate() - timedelta(days=days),
    )


@pytest.fixture
def cases(agency, supervisor, supervisee):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee, start_date=timezone.localdate())
    escalated = overdue(agency, supervisee, days=200)
    recent = overdue(agency, supervisee, days=95)
    unallocated = overdue(agency, None, days=95)
    services.run_rules_now(today=timezone.localdate())
    return escalated, recent, unallocated


def test_supervisor_sees_what_they_must_act_on(client_for, cases, supervisor):
    escalated, recent, unallocated = cases
    page = client_for(supervisor).get("/supervision/alerts/").content.decode()
    assert "For you to act on" in page
    assert escalated.reference in page and recent.reference in page
    assert unallocated.reference not in page
    assert "Escalated to the safeguarding lead" in page


def test_lead_sees_escalated_and_unowned_and_the_agency_counts(client_for, cases, lead):
    escalated, recent, unallocated = cases
    page = client_for(lead).get("/supervision/alerts/").content.decode()
    assert escalated.reference in page and unallocated.reference in page
    assert recent.reference not in page  # the supervisor's to act on, not escalated
    assert "Open alerts in" in page


def test_practitioner_sees_alerts_about_their_cases(client_for, cases, supervisee):
    escalated, recent, unallocated = cases
    page = client_for(supervisee).get("/supervision/alerts/").content.decode()
    assert "About you and your cases" in page
    assert escalated.reference in page and unallocated.reference not in page


def test_agency_admin_without_a_case_role_is_refused(client_for, cases, agency_admin):
    assert client_for(agency_admin).get("/supervision/alerts/").status_code == 403


@pytest.mark.parametrize("count", [1, 15])
def test_alerts_page_does_not_query_per_alert(
    client_for, agency, supervisor, lead, count, django_assert_max_num_queries
):
    for _ in range(count):
        practitioner = person(agency, Role.PRACTITIONER)
        AgreementFactory(supervisor=supervisor, supervisee=practitioner)
        overdue(agency, practitioner)
        overdue(agency, None)
    services.run_rules_now(today=timezone.localdate())
    for user in (supervisor, lead):
        client = client_for(user)
        with django_assert_max_num_queries(14):
            response = client.get("/supervision/alerts/")
        assert response.status_code == 200


def test_email_setting(client_for, supervisee):
    client = client_for(supervisee)
    page = client.get("/supervision/alerts/settings/").content.decode()
    assert "Your daily email is <strong>on</strong>" in page
    response = client.post("/supervision/alerts/settings/", {})
    assert "<title>Error: Email settings" in response.content.decode()
    response = client.post("/supervision/alerts/settings/", {"email_digest": "no"})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=supervisee).email_digest is False
    assert (
        "Your daily email is <strong>off</strong>"
        in client.get("/supervision/alerts/settings/").content.decode()
    )
