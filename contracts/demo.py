"""Demo agreements: each demo supervisor supervises the practitioners of their team."""

from datetime import date

from . import services
from .models import Agreement, AgreementStatus

# supervisor email, supervisee email, frequency in weeks
PAIRS = [
    ("sam.okafor@council.example", "priya.shah@council.example", 4),
    ("sam.okafor@council.example", "tom.baker@council.example", 2),
    ("grace.hill@nhs.example", "nina.patel@nhs.example", 13),
    ("helen.wu@police.example", "omar.reid@police.example", 6),
    ("maria.lopez@school.example", "jack.turner@school.example", 13),
    ("dev.singh@southvale.example", "ruth.evans@southvale.example", 4),
]


def seed(world) -> None:
    for supervisor_email, supervisee_email, weeks in PAIRS:
        supervisee = world.users[supervisee_email]
        membership = world.memberships[supervisee_email]
        agreement, _ = Agreement.objects.update_or_create(
            agency=membership.agency,
            supervisor=world.users[supervisor_email],
            supervisee=supervisee,
            defaults={
                "status": AgreementStatus.ACTIVE,
                "frequency_weeks": weeks,
                "start_date": date(2026, 4, 1),
                "review_date": date(2027, 3, 31),
            },
        )
        services.grant_supervision(agreement=agreement)
