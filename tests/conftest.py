"""Named test people (STYLE.md habit 13), all built by factories.

- `agency`: the agency most tests work in; `supervisor`, `supervisee`, `lead`, `agency_admin`
  belong to it;
- `outsider`: an agency admin of another agency in the same partnership;
- `stranger`: an agency admin in another partnership;
- `board_member`, `partnership_admin`: roles on the agency's partnership.
"""

import pytest

from agencies.models import PartnershipRole, Role
from tests.factories.agencies import AgencyFactory, partnership_person, person


@pytest.fixture
def agency(db):
    return AgencyFactory(name="Northshire Council")


@pytest.fixture
def other_agency(agency):
    return AgencyFactory(partnership=agency.partnership, name="Northshire Police")


@pytest.fixture
def supervisor(agency):
    return person(agency, Role.SUPERVISOR)


@pytest.fixture
def supervisee(agency):
    return person(agency, Role.PRACTITIONER)


@pytest.fixture
def lead(agency):
    return person(agency, Role.SAFEGUARDING_LEAD)


@pytest.fixture
def agency_admin(agency):
    return person(agency, Role.AGENCY_ADMIN)


@pytest.fixture
def outsider(other_agency):
    return person(other_agency, Role.AGENCY_ADMIN, Role.SAFEGUARDING_LEAD, Role.SUPERVISOR)


@pytest.fixture
def stranger(db):
    return person(AgencyFactory(), Role.AGENCY_ADMIN, Role.SAFEGUARDING_LEAD, Role.SUPERVISOR)


@pytest.fixture
def board_member(agency):
    return partnership_person(agency.partnership, PartnershipRole.BOARD_MEMBER)


@pytest.fixture
def partnership_admin(agency):
    return partnership_person(agency.partnership, PartnershipRole.PARTNERSHIP_ADMIN)


@pytest.fixture
def client_for(client):
    """client_for(user) → the test client signed in as user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
