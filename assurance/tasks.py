"""Celery tasks of the assurance app: thin, they take ids and call a service.

- `generate_report`: a board member's report. Acknowledged late and safe to deliver twice:
  the service claims the report with a conditional update, so a second delivery finds it
  taken (or done) and returns.
- `nightly_assurance`: notes each case's next statutory meeting, then computes the board's
  snapshots for the current and recent periods (beat, CELERY_BEAT_SCHEDULE).
"""

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from tenancy.context import system_task

from . import services

RETRY = {
    "acks_late": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": 30,
    "retry_jitter": True,
    "max_retries": 3,
}


@shared_task(**RETRY)
@system_task
def generate_report(report_id: str) -> str:
    report = services.generate_report(report_id=report_id)
    return report.status if report is not None else "claimed elsewhere"


@shared_task(**RETRY)
@system_task
def nightly_assurance() -> dict:
    today = timezone.localdate()
    added, dropped = services.record_statutory_meetings(today=today)
    snapshots = services.refresh_snapshots(today=today)
    return {"meetings_added": added, "meetings_dropped": dropped, "snapshots": snapshots}
