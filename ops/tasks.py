from celery import shared_task

from tenancy.context import system_task

from . import services


@shared_task(acks_late=True)
@system_task
def heartbeat(name: str = "beat") -> str:
    """Periodic (see CELERY_BEAT_SCHEDULE): proves the worker and beat are alive."""
    return services.record_heartbeat(name=name).last_ran_at.isoformat()
