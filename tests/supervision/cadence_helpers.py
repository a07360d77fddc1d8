"""Shared helpers for the cadence rule tests."""

from datetime import UTC, date, datetime

from supervision import cadence
from supervision.models import Alert


def run(today: date, **kwargs) -> cadence.CadenceResult:
    """Evaluate every rule as of `today` (noon UTC, so 'now' is on that day)."""
    now = datetime(today.year, today.month, today.day, 12, tzinfo=UTC)
    return cadence.evaluate(today=today, now=now, **kwargs)


def open_alerts(rule=None, **filters):
    qs = Alert.objects.filter(cleared_at__isnull=True, **filters)
    if rule is not None:
        qs = qs.filter(rule=rule)
    return qs


def rules_open(**filters) -> set[str]:
    return set(open_alerts(**filters).values_list("rule", flat=True))
