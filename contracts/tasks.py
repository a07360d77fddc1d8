from celery import shared_task
from django.utils import timezone

from tenancy.context import system_task

from . import services


@shared_task(acks_late=True)
@system_task
def mark_agreements_due_for_review() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): agreements whose date of review has come become
    "review due". Idempotent: the service changes only agreements still marked active."""
    return services.mark_reviews_due(today=timezone.localdate())
