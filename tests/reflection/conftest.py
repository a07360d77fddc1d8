"""People for Space to Think: three agencies of one partnership, one practitioner in each.

- `supervisee` (the council, the `agency` fixture) presents the case;
- `police_officer` (`other_agency`) facilitates;
- `teacher` (`third_agency`) is a Consultant.
"""

import pytest

from agencies.models import Role
from tests.factories.agencies import AgencyFactory, person
from tests.factories.reflection import space_to_think


@pytest.fixture
def third_agency(agency):
    return AgencyFactory(partnership=agency.partnership, name="Riverside School")


@pytest.fixture
def police_officer(other_agency):
    return person(other_agency, Role.PRACTITIONER)


@pytest.fixture
def teacher(third_agency):
    return person(third_agency, Role.PRACTITIONER)


@pytest.fixture
def session(supervisee, police_officer, teacher):
    return space_to_think(presenter=supervisee, facilitator=police_officer, consultants=[teacher])
