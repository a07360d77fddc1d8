"""The nightly retention job: thin, it names the agencies and calls the service."""

from datetime import date

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from agencies.models import Agency
from tenancy.context import system_task

from . import services


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=60,
    retry_jitter=True,
    max_retries=5,
)
@system_task  # row-level security: the job runs over every agency, named explicitly
def run_nightly_retention(slot: str | None = None, agency_ids: list[str] | None = None) -> dict:
    """Beat sends this every night (CELERY_BEAT_SCHEDULE). It runs for the agencies named,
    or for every agency, listed explicitly, each in its own transaction. Running twice
    for the same day deletes nothing twice (a run key per agency and day)."""
    today = date.fromisoformat(slot) if slot else timezone.localdate()
    ids = agency_ids or [str(i) for i in Agency.objects.order_by("id").values_list("id", flat=True)]
    results = services.run_retention(today=today, agency_ids=ids)
    return {"slot": today.isoformat(), "agencies": results}
