"""The second wall: a view that forgets the scoping layer (a raw `Model.objects.all()`)
still sees only the signed-in person's own tenant's rows, for every protected table."""

import pytest
from django.core.management import call_command
from django.db import transaction

from agencies.models import Membership, PartnershipMembership
from tenancy import rls
from tenancy.context import system
from tests.tenancy.urls import model_for

TABLES = sorted(rls.protected_tables())


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """The whole demo world (every agency and partnership, every app's seed), once for the
    module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


def tenants_of(table):
    column, _scope = rls.protected_tables()[table]
    with system():
        return {str(getattr(row, column)) for row in model_for(table)._default_manager.all()}


def practitioner_of_one_agency():
    """A demo practitioner with one membership and no partnership role."""
    for membership in Membership.objects.select_related("agency", "user").order_by("user__email"):
        user = membership.user
        if (
            Membership.objects.filter(user=user).count() == 1
            and not PartnershipMembership.objects.filter(user=user).exists()
        ):
            return user, membership.agency
    raise AssertionError("the demo world has no practitioner of one agency")


@pytest.mark.urls("tests.tenancy.urls")
@pytest.mark.parametrize("table", TABLES)
def test_an_unscoped_view_sees_only_the_own_agency(demo_world, db, client, table):
    user, agency = practitioner_of_one_agency()
    _column, scope = rls.protected_tables()[table]
    own = str(agency.id) if scope == "agency" else str(agency.partnership_id)
    everything = tenants_of(table)
    assert everything - {own}, f"the demo world has no other tenant's rows in {table}"

    client.force_login(user)
    body = client.get(f"/raw/{table}").json()

    assert set(body["tenants"]) <= {own}
