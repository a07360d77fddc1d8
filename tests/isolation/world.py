"""The world the isolation matrix runs in: three agencies with every role.

- agency "A" (owner side) and "B" in partnership P1, agency "C" in partnership P2;
- in each agency: practitioner, supervisor, lead, admin (one role each);
- partnership roles: P1 board member and partnership admin, P2 partnership admin.

A rows module may define `extend_world(world)` to add the objects its URLs need
(an agreement of A, a record of A, ...), stored in `world.objects`. Keys are shared by
every module: prefix them with what they are ("A.agreement_draft", not "A.draft").
"""

from dataclasses import dataclass, field

from agencies.models import Agency, Membership, PartnershipRole, Role, User
from tests.factories.agencies import AgencyFactory, partnership_person, person

ROLE_KEYS = {
    "practitioner": Role.PRACTITIONER,
    "supervisor": Role.SUPERVISOR,
    "lead": Role.SAFEGUARDING_LEAD,
    "admin": Role.AGENCY_ADMIN,
}


@dataclass
class World:
    agencies: dict[str, Agency] = field(default_factory=dict)
    people: dict[str, User] = field(default_factory=dict)
    objects: dict[str, object] = field(default_factory=dict)

    def membership(self, key: str) -> Membership:
        agency_key = key.split(".")[0]
        return self.people[key].memberships.get(agency=self.agencies[agency_key])


def build_world() -> World:
    world = World()
    world.agencies["A"] = AgencyFactory(name="Agency A")
    world.agencies["B"] = AgencyFactory(
        name="Agency B", partnership=world.agencies["A"].partnership
    )
    world.agencies["C"] = AgencyFactory(name="Agency C")
    for agency_key, agency in world.agencies.items():
        for role_key, role in ROLE_KEYS.items():
            world.people[f"{agency_key}.{role_key}"] = person(agency, role)
    p1, p2 = world.agencies["A"].partnership, world.agencies["C"].partnership
    world.people["P1.board"] = partnership_person(p1, PartnershipRole.BOARD_MEMBER)
    world.people["P1.admin"] = partnership_person(p1, PartnershipRole.PARTNERSHIP_ADMIN)
    world.people["P2.admin"] = partnership_person(p2, PartnershipRole.PARTNERSHIP_ADMIN)
    return world
