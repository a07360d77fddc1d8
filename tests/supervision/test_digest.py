"""The daily email digest: one per person, counts and a link only, a setting per person."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from agencies.models import Role
from supervision import services
from supervision.models import Alert, AlertRule, DigestDelivery
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory

BASE = "https://spr.example.org"


@pytest.fixture
def alerts(agency, supervisor, supervisee, lead):
    """Two overdue cases for the supervisor, one escalated; one unallocated case."""
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    long_ago = timezone.localdate() - timedelta(days=200)
    recent = timezone.localdate() - timedelta(days=95)
    cases = [
        CaseFactory(agency=agency, allocated_practitioner=supervisee, last_discussed_on=long_ago),
        CaseFactory(agency=agency, allocated_practitioner=supervisee, last_discussed_on=recent),
        CaseFactory(agency=agency, last_discussed_on=recent),
    ]
    services.run_rules_now(today=timezone.localdate())
    return cases


def send(day=None):
    return services.send_daily_digests(day=day or timezone.localdate(), base_url=BASE)


def test_one_email_per_person_with_counts_and_a_link(alerts, supervisor, lead):
    assert send() == 2
    by_person = {m.to[0]: m for m in mail.outbox}
    assert set(by_person) == {supervisor.email, lead.email}
    body = by_person[supervisor.email].body
    assert "2 Child-in-Need discussions overdue (2 new)" in body
    assert f"{BASE}/supervision/alerts/" in body
    assert f"{BASE}/supervision/alerts/settings/" in body
    # The lead: the escalated case and the unallocated one.
    assert "2 Child-in-Need discussions overdue (2 new)" in by_person[lead.email].body


def test_no_child_identifying_details(alerts, supervisee):
    send()
    for message in mail.outbox:
        text = message.subject + message.body
        for case in alerts:
            assert case.reference not in text
            assert case.initials not in text.split()
            assert str(case.year_of_birth) not in text
        for alert in Alert.objects.all():
            assert alert.reason not in text
        assert supervisee.full_name not in text


def test_at_most_one_digest_per_person_per_day(alerts):
    assert send() == 2
    assert send() == 0
    assert len(mail.outbox) == 2
    assert DigestDelivery.objects.count() == 2


def test_next_day_only_when_something_is_new(alerts, agency, supervisee, supervisor):
    send()
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert send(tomorrow) == 0
    CaseFactory(
        agency=agency,
        allocated_practitioner=supervisee,
        last_discussed_on=timezone.localdate() - timedelta(days=100),
    )
    services.run_rules_now(today=timezone.localdate())
    assert send(tomorrow) == 1
    assert mail.outbox[-1].to == [supervisor.email]
    assert "3 Child-in-Need discussions overdue (1 new)" in mail.outbox[-1].body


def test_a_person_can_turn_the_digest_off(alerts, supervisor, lead):
    services.set_email_digest(user=supervisor, enabled=False)
    assert send() == 1
    assert mail.outbox[0].to == [lead.email]


def test_former_leads_get_nothing(alerts, agency, lead):
    membership = lead.memberships.get()
    membership.ended_on = date(2020, 1, 1)
    membership.save()
    person(agency, Role.SAFEGUARDING_LEAD)
    send()
    assert lead.email not in [m.to[0] for m in mail.outbox]
    assert len(mail.outbox) == 2


def test_digest_counts_several_kinds(alerts, supervisor):
    Alert.objects.filter(rule=AlertRule.CIN_DISCUSSION_OVERDUE).update(
        rule=AlertRule.ACTION_OVERDUE
    )
    send()
    body = next(m for m in mail.outbox if m.to == [supervisor.email]).body
    assert "2 agreed actions overdue (2 new)" in body
