"""Celery tasks of the annual evaluation: thin, they take ids and call a service."""

from celery import shared_task

from tenancy.context import system_task

from . import services


@shared_task(acks_late=True)
@system_task
def send_campaign_mail(campaign_id: str | None = None) -> dict:
    """Daily (CELERY_BEAT_SCHEDULE "evaluation-mail"), and once when a campaign opens:
    invitations and the reminders that are due. Idempotent. Returns counts only."""
    return services.run_campaign_mail(campaign_ids=[campaign_id] if campaign_id else ())
