from django.db.models import F
from django.utils import timezone

from .models import Heartbeat


def record_heartbeat(*, name: str = "beat") -> Heartbeat:
    """Record that the job ran now; one row per name, however often it runs."""
    now = timezone.now()
    Heartbeat.objects.update_or_create(
        name=name, defaults={"last_ran_at": now}, create_defaults={"last_ran_at": now, "runs": 0}
    )
    Heartbeat.objects.filter(name=name).update(runs=F("runs") + 1)
    return Heartbeat.objects.get(name=name)
