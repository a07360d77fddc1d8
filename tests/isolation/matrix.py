"""The isolation matrix: every URL that shows tenant data, asked by everyone who must not see it.

A row names a URL (built from the world), its owner (answers 200), a person of the same
agency without the role (answers 403 or 404) and outsiders: people of another agency or
partnership. For a page about one object the outsiders get 404 (or 403); for a list page,
`marker` is text from the owner's tenant that the outsider's page must not contain.
"""

from collections.abc import Callable
from dataclasses import dataclass

from tests.isolation.world import World


@dataclass(frozen=True)
class Row:
    name: str
    url: Callable[[World], str]
    owner: str
    wrong_role: str | None
    outsiders: tuple[str, ...] = ("B.admin", "C.admin")
    marker: Callable[[World], str] | None = None
    owner_status: int = 200

    def __str__(self) -> str:
        return self.name
