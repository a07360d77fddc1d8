"""Demo data for assurance: Northshire's thresholds (set by its partnership admin), and
the statutory meetings on the demo cases noted as the nightly job would.

Idempotent: thresholds are updated in place, meetings are noted once.
"""

from django.utils import timezone

from agencies.models import Partnership, User

from . import services

NORTHSHIRE = "Northshire Safeguarding Children Partnership"
ADMIN = "pat.morgan@northshire.example"

# The partnership's own choices (the rest keep the defaults).
THRESHOLDS = {
    "coverage": (95, 80),
    "supervision": (90, 70),
    "cin_interval": (100, 90),
    "drift": (10, 25),
}


def seed(world) -> None:
    partnership = Partnership.objects.filter(name=NORTHSHIRE).first()
    admin = User.objects.filter(email=ADMIN).first()
    if partnership is None or admin is None:
        return
    services.save_thresholds(partnership=partnership, by=admin, values=THRESHOLDS)
    services.record_statutory_meetings(today=timezone.localdate())
