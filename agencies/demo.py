"""Demo data for the tenant tree: two partnerships, agencies, teams and a person per role.

Idempotent: running it again updates the same rows. Every demo account shares one password
(settings.DEMO_PASSWORD, from the DEMO_PASSWORD environment variable).
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

from .models import (
    Agency,
    ContactType,
    Membership,
    Partnership,
    PartnershipMembership,
    PartnershipRole,
    Role,
    Sector,
    Team,
    User,
)

NORTHSHIRE = "Northshire Safeguarding Children Partnership"
SOUTHVALE = "Southvale Safeguarding Children Partnership"

AGENCIES = {
    "council": (NORTHSHIRE, "Northshire Council Children's Services", Sector.CHILDRENS_SERVICES),
    "nhs": (NORTHSHIRE, "Northshire Community Health NHS Trust", Sector.HEALTH),
    "police": (NORTHSHIRE, "Northshire Police", Sector.POLICE),
    "school": (NORTHSHIRE, "Riverside Primary School", Sector.EDUCATION),
    "southvale": (SOUTHVALE, "Southvale Council Children's Services", Sector.CHILDRENS_SERVICES),
}

TEAMS = {
    "council": ["Assessment and Intervention", "Children in Care"],
    "nhs": ["Health Visiting", "Safeguarding Children Team"],
    "police": ["Child Abuse Investigation Unit"],
    "school": ["Pastoral Team"],
    "southvale": ["Family Support"],
}

P, S, L, A = Role.PRACTITIONER, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD, Role.AGENCY_ADMIN

# email, full name, agency key, team, job title, roles, contact type, start date
PEOPLE = [
    (
        "priya.shah@council.example",
        "Priya Shah",
        "council",
        "Assessment and Intervention",
        "Social worker",
        [P],
        ContactType.DIRECT,
        date(2025, 9, 1),
    ),
    (
        "tom.baker@council.example",
        "Tom Baker",
        "council",
        "Assessment and Intervention",
        "Newly qualified social worker",
        [P],
        ContactType.DIRECT,
        date(2026, 9, 14),
    ),
    (
        "sam.okafor@council.example",
        "Sam Okafor",
        "council",
        "Assessment and Intervention",
        "Team manager",
        [S],
        ContactType.DIRECT,
        date(2019, 4, 1),
    ),
    (
        "lena.fischer@council.example",
        "Lena Fischer",
        "council",
        None,
        "Principal social worker and safeguarding lead",
        [L],
        ContactType.INDIRECT,
        date(2017, 1, 9),
    ),
    (
        "adam.price@council.example",
        "Adam Price",
        "council",
        None,
        "Business support manager",
        [A],
        ContactType.INDIRECT,
        date(2018, 6, 4),
    ),
    (
        "nina.patel@nhs.example",
        "Nina Patel",
        "nhs",
        "Health Visiting",
        "Health visitor",
        [P],
        ContactType.DIRECT,
        date(2024, 2, 5),
    ),
    (
        "grace.hill@nhs.example",
        "Grace Hill",
        "nhs",
        "Safeguarding Children Team",
        "Named nurse for safeguarding children",
        [S, L],
        ContactType.INDIRECT,
        date(2016, 3, 1),
    ),
    (
        "omar.reid@police.example",
        "Omar Reid",
        "police",
        "Child Abuse Investigation Unit",
        "Detective constable",
        [P],
        ContactType.DIRECT,
        date(2023, 7, 10),
    ),
    (
        "helen.wu@police.example",
        "Helen Wu",
        "police",
        "Child Abuse Investigation Unit",
        "Detective sergeant",
        [S, L, A],
        ContactType.DIRECT,
        date(2015, 10, 1),
    ),
    (
        "maria.lopez@school.example",
        "Maria Lopez",
        "school",
        "Pastoral Team",
        "Designated safeguarding lead",
        [S, L, A],
        ContactType.DIRECT,
        date(2020, 9, 1),
    ),
    (
        "jack.turner@school.example",
        "Jack Turner",
        "school",
        "Pastoral Team",
        "Pastoral lead",
        [P],
        ContactType.DIRECT,
        date(2022, 9, 1),
    ),
    (
        "ruth.evans@southvale.example",
        "Ruth Evans",
        "southvale",
        "Family Support",
        "Social worker",
        [P],
        ContactType.DIRECT,
        date(2024, 1, 8),
    ),
    (
        "dev.singh@southvale.example",
        "Dev Singh",
        "southvale",
        "Family Support",
        "Team manager",
        [S, L, A],
        ContactType.DIRECT,
        date(2018, 1, 8),
    ),
]

# email, full name, partnership, roles (board members see aggregates only)
PARTNERSHIP_PEOPLE = [
    ("bola.adeyemi@northshire.example", "Bola Adeyemi", NORTHSHIRE, [PartnershipRole.BOARD_MEMBER]),
    (
        "pat.morgan@northshire.example",
        "Pat Morgan",
        NORTHSHIRE,
        [PartnershipRole.PARTNERSHIP_ADMIN],
    ),
    # The designated nurse: an NHS supervisor who also sits on the board.
    ("grace.hill@nhs.example", "Grace Hill", NORTHSHIRE, [PartnershipRole.BOARD_MEMBER]),
    (
        "kim.lee@southvale.example",
        "Kim Lee",
        SOUTHVALE,
        [PartnershipRole.BOARD_MEMBER, PartnershipRole.PARTNERSHIP_ADMIN],
    ),
]


@dataclass
class DemoWorld:
    """What the agencies seed made, for the other apps' seeds to build on."""

    partnerships: dict[str, Partnership] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)
    teams: dict[tuple[str, str], Team] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    memberships: dict[str, Membership] = field(default_factory=dict)


def _user(email: str, full_name: str) -> User:
    user, _ = User.objects.update_or_create(email=email, defaults={"full_name": full_name})
    if not user.check_password(settings.DEMO_PASSWORD):
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def seed() -> DemoWorld:
    world = DemoWorld()
    for name in (NORTHSHIRE, SOUTHVALE):
        world.partnerships[name], _ = Partnership.objects.get_or_create(name=name)
    for key, (partnership, name, sector) in AGENCIES.items():
        world.agencies[key], _ = Agency.objects.update_or_create(
            partnership=world.partnerships[partnership], name=name, defaults={"sector": sector}
        )
        for team in TEAMS[key]:
            world.teams[(key, team)], _ = Team.objects.get_or_create(
                agency=world.agencies[key], name=team
            )
    for email, name, key, team, job, roles, contact, start in PEOPLE:
        user = world.users[email] = _user(email, name)
        world.memberships[email], _ = Membership.objects.update_or_create(
            agency=world.agencies[key],
            user=user,
            defaults={
                "team": world.teams[(key, team)] if team else None,
                "job_title": job,
                "roles": [r for r in Role.values if r in roles],
                "contact_type": contact,
                "start_date": start,
                "ended_on": None,
            },
        )
    for email, name, partnership, roles in PARTNERSHIP_PEOPLE:
        user = world.users[email] = _user(email, name)
        PartnershipMembership.objects.update_or_create(
            partnership=world.partnerships[partnership], user=user, defaults={"roles": roles}
        )
    return world
