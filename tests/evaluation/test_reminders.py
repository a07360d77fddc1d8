"""Invitations by email once; reminders before the close date, only to those who have not
answered, once per reminder day however often the job runs."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from agencies.models import Role
from evaluation import services, tasks
from evaluation.models import Invitation
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory
from tests.factories.evaluation import answer_everything


@pytest.fixture
def people(agency, supervisor):
    """Three supervisees with agreements in force."""
    supervisees = [person(agency, Role.PRACTITIONER) for _ in range(3)]
    for supervisee in supervisees:
        AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    return supervisees


def run(today, capture) -> dict:
    with capture(execute=True):
        return services.run_campaign_mail(today=today)


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_invitations_are_emailed_once(campaign, people, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    totals = run(today, django_capture_on_commit_callbacks)
    assert totals["invitations"] == 3
    assert recipients() == sorted(p.email for p in people)
    message = mail.outbox[0]
    invitation = Invitation.objects.get(supervisee__email=message.to[0])
    assert f"/evaluation/invitations/{invitation.id}/" in message.body
    assert message.body.count(settings.SITE_URL) == 1
    run(today, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3


def test_reminders_go_only_to_those_who_have_not_answered(
    campaign, people, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    run(today, django_capture_on_commit_callbacks)  # invitations
    answered = Invitation.objects.get(supervisee=people[0])
    answer_everything(answered)
    mail.outbox.clear()

    week_before = campaign.closes_on - timedelta(days=7)
    totals = run(week_before, django_capture_on_commit_callbacks)
    assert totals["reminders"] == 2
    assert recipients() == sorted(p.email for p in people[1:])
    assert all("Reminder" in m.subject for m in mail.outbox)

    # Idempotent: the same day again sends nothing more.
    run(week_before, django_capture_on_commit_callbacks)
    run(week_before + timedelta(days=1), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2

    # The second reminder day: one more each, still not to the one who answered.
    answer_everything(Invitation.objects.get(supervisee=people[1]))
    mail.outbox.clear()
    run(campaign.closes_on - timedelta(days=2), django_capture_on_commit_callbacks)
    assert recipients() == [people[2].email]


def test_no_reminder_before_the_window_or_after_the_close(
    campaign, people, django_capture_on_commit_callbacks
):
    run(timezone.localdate(), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    run(campaign.closes_on - timedelta(days=8), django_capture_on_commit_callbacks)
    run(campaign.closes_on + timedelta(days=1), django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_late_joiner_is_invited_by_the_daily_job(
    campaign, people, agency, supervisor, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    run(today, django_capture_on_commit_callbacks)
    newcomer = person(agency, Role.PRACTITIONER)
    AgreementFactory(supervisor=supervisor, supervisee=newcomer)
    mail.outbox.clear()
    run(today, django_capture_on_commit_callbacks)
    assert recipients() == [newcomer.email]


def test_the_task_runs_the_job_and_returns_counts_only(campaign, people):
    result = tasks.send_campaign_mail(str(campaign.id))
    assert result == {"campaigns": 1, "invitations": 3, "reminders": 0}


def test_the_job_is_on_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["evaluation-mail"]
    assert entry["task"] == "evaluation.tasks.send_campaign_mail"
    assert tasks.send_campaign_mail.name == entry["task"]
