"""Isolation rows for the operations pages: the bench-only bare page is off outside
`make bench`, so even its owner gets 404 (and anonymous people the sign-in page)."""

from tests.isolation.matrix import Row

ROWS = [
    Row(
        "bench bare page (off)",
        url=lambda w: "/ops/bare",
        owner="A.practitioner",
        wrong_role=None,
        outsiders=(),
        owner_status=404,
    ),
]
