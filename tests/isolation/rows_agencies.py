"""Isolation rows for the agencies app's pages."""

from agencies import services
from tests.factories.agencies import AgencyPolicyFactory
from tests.isolation.matrix import Row


def extend_world(world):
    agency = world.agencies["A"]
    world.objects["A.policy"] = AgencyPolicyFactory(
        agency=agency, version="A-7.7", uploaded_by=world.people["A.lead"]
    )
    services.update_standards(
        agency=agency, updated_by=world.people["A.lead"], direct_contact_frequency_weeks=7
    )


ROWS = [
    Row(
        "people list",
        url=lambda w: "/agency/people/",
        owner="A.admin",
        wrong_role="A.practitioner",
        outsiders=("B.admin", "C.admin"),
        marker=lambda w: w.people["A.practitioner"].email,
    ),
    Row(
        "add person",
        url=lambda w: "/agency/people/add/",
        owner="A.admin",
        wrong_role="A.lead",
        outsiders=(),
    ),
    Row(
        "person detail",
        url=lambda w: f"/agency/people/{w.membership('A.practitioner').id}/",
        owner="A.admin",
        wrong_role="A.lead",
        outsiders=("B.admin", "C.admin", "P1.board", "P1.admin"),
    ),
    Row(
        "teams",
        url=lambda w: "/agency/teams/",
        owner="A.admin",
        wrong_role="A.supervisor",
        outsiders=("B.admin", "C.admin"),
        marker=lambda w: w.membership("A.practitioner").team.name,
    ),
    Row(
        "partnership agencies",
        url=lambda w: "/agency/partnership/agencies/",
        owner="P1.admin",
        wrong_role="P1.board",
        outsiders=("P2.admin", "A.admin"),
        marker=lambda w: w.people["B.admin"].email,
    ),
    Row(
        "add agency",
        url=lambda w: "/agency/partnership/agencies/add/",
        owner="P1.admin",
        wrong_role="P1.board",
        outsiders=("A.admin",),
    ),
    Row(
        "SPR policy",
        url=lambda w: "/agency/policy/",
        owner="A.practitioner",
        wrong_role=None,
        outsiders=("B.admin", "C.admin", "P1.board"),
        marker=lambda w: "A-7.7",
    ),
    Row(
        "upload the SPR policy",
        url=lambda w: "/agency/policy/upload/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=("P1.board", "P1.admin"),
    ),
    Row(
        "SPR policy document",
        url=lambda w: f"/agency/policy/{w.objects['A.policy'].id}/document/",
        owner="A.practitioner",
        wrong_role=None,
        outsiders=("B.admin", "B.lead", "C.lead", "P1.board", "P1.admin"),
    ),
    Row(
        "minimum standards",
        url=lambda w: "/agency/standards/",
        owner="A.admin",
        wrong_role=None,
        outsiders=("B.lead", "C.lead", "P1.board"),
        marker=lambda w: "At least every 7 weeks",
    ),
    Row(
        "change the minimum standards",
        url=lambda w: "/agency/standards/change/",
        owner="A.lead",
        wrong_role="A.practitioner",
        outsiders=("P1.board", "P1.admin"),
    ),
    Row(
        "home",
        url=lambda w: "/",
        owner="P1.board",
        wrong_role=None,
        outsiders=("P2.admin", "C.admin"),
        marker=lambda w: "Agency A",
    ),
]
