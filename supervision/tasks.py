"""Celery tasks for the cadence rules: thin, they take ids and call a service.

Every task acknowledges late (a worker killed mid-run leaves the message to be delivered
again) and is safe to run twice: the nightly run has a run key per day, the rules are
upserts, the digest has a key per person per day. Database hiccups are retried.
"""

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from celery import shared_task
from django.conf import settings
from django.db import OperationalError, transaction
from django.utils import timezone

from tenancy.context import system_task

from . import services

RETRY = {
    "acks_late": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": 30,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(**RETRY)
@system_task
def run_nightly_rules(slot: str | None = None) -> dict:
    """Beat sends this every night (CELERY_BEAT_SCHEDULE). The slot is the day it is for."""
    today = date.fromisoformat(slot) if slot else timezone.localdate()
    result = services.run_nightly_rules(slot=today.isoformat(), today=today)
    if result is None:
        return {"slot": today.isoformat(), "skipped": True}
    return {"slot": today.isoformat(), "raised": result.raised, "cleared": result.cleared}


@shared_task(**RETRY)
@system_task
def reevaluate(case_ids: list[str], user_ids: list[str]) -> dict:
    """Re-run the rules for the cases and people a signed record touched."""
    result = services.reevaluate(
        case_ids=[UUID(i) for i in case_ids], user_ids=[UUID(i) for i in user_ids]
    )
    return {"raised": result.raised, "cleared": result.cleared}


@shared_task(**RETRY)
@system_task
def send_daily_digests(day: str | None = None) -> int:
    """Beat sends this every morning: one email per person with something new."""
    on = date.fromisoformat(day) if day else timezone.localdate()
    return services.send_daily_digests(day=on, base_url=settings.SITE_URL)


def enqueue_reevaluation(case_ids: Iterable[UUID], user_ids: Iterable[UUID]) -> None:
    """Call from a service when a record is signed: once the transaction commits, the
    cases and people it touched are re-evaluated by a worker."""
    cases = sorted({str(i) for i in case_ids if i})
    users = sorted({str(i) for i in user_ids if i})
    if not cases and not users:
        return
    transaction.on_commit(lambda: reevaluate.delay(case_ids=cases, user_ids=users))
