"""Isolation rows for the agencies app's pages."""

from tests.isolation.matrix import Row

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
        "home",
        url=lambda w: "/",
        owner="P1.board",
        wrong_role=None,
        outsiders=("P2.admin", "C.admin"),
        marker=lambda w: "Agency A",
    ),
]
