"""What each person's requests run in, and that a request leaves no context behind."""

import pytest

from agencies.models import Agency, Role
from tenancy import context
from tests.factories.agencies import AgencyFactory, person
from tests.factories.contracts import AgreementFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.tenancy.urls")]


def context_of(client, user=None):
    if user is not None:
        client.force_login(user)
    return client.get("/context").json()


def ids(*objects):
    return ",".join(sorted(str(o.id) for o in objects))


def test_a_practitioner_gets_their_agency_and_partnership(client, agency, supervisee, stranger):
    seen = context_of(client, supervisee)
    assert seen == {
        "spr.system": "off",
        "spr.user_id": str(supervisee.id),
        "spr.agencies": str(agency.id),
        "spr.partnerships": str(agency.partnership_id),
    }


def test_a_board_member_gets_every_agency_of_their_partnership(
    client, agency, other_agency, board_member, stranger
):
    seen = context_of(client, board_member)
    assert seen["spr.agencies"] == ids(agency, other_agency)
    assert seen["spr.partnerships"] == str(agency.partnership_id)


def test_a_supervisor_from_another_agency_gets_the_agreements_agency(
    client, agency, other_agency, supervisee
):
    visitor = person(other_agency, Role.SUPERVISOR)
    AgreementFactory(supervisor=visitor, supervisee=supervisee)
    seen = context_of(client, visitor)
    assert seen["spr.agencies"] == ids(agency, other_agency)


def test_an_ended_membership_gives_nothing(client, agency):
    leaver = person(agency, Role.PRACTITIONER)
    leaver.memberships.update(ended_on="2000-01-01")
    assert context_of(client, leaver)["spr.agencies"] == ""


def test_anonymous_requests_get_nothing(client, db):
    AgencyFactory()
    assert context_of(client) == {
        "spr.system": "off",
        "spr.user_id": "",
        "spr.agencies": "",
        "spr.partnerships": "",
    }


def test_a_request_leaves_the_tests_context_as_it_was(client, supervisee):
    before = context.current()
    assert before["spr.system"] == "on"  # test set-up code (conftest.py)
    context_of(client, supervisee)
    assert context.current() == before
    assert Agency.objects.count() >= 1
