"""The application's database role, and what a connection without a context sees."""

import pytest
from django.db import IntegrityError, ProgrammingError, connection, transaction

from agencies.models import Role
from contracts.models import Agreement
from tenancy import context, rls
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory

pytestmark = pytest.mark.django_db


def agreement_in(agency):
    return AgreementFactory(
        supervisor=person(agency, Role.SUPERVISOR), supervisee=person(agency, Role.PRACTITIONER)
    )


def one(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def test_the_app_runs_as_the_app_role_that_is_no_superuser_and_owns_no_table():
    assert one("SELECT current_user")[0] == rls.app_role() == "spr_app"
    superuser, bypass, can_login = one(
        "SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = current_user"
    )
    assert (superuser, bypass, can_login) == (False, False, False)
    owned = one("SELECT count(*) FROM pg_tables WHERE tableowner = current_user")[0]
    assert owned == 0
    protected = one(
        "SELECT count(*) FROM pg_tables WHERE tablename = ANY(%s) AND tableowner <> current_user",
        [list(rls.protected_tables())],
    )[0]
    assert protected == len(rls.protected_tables())


def test_the_app_role_cannot_change_the_schema():
    with pytest.raises(ProgrammingError), transaction.atomic():
        one("ALTER TABLE contracts_agreement DISABLE ROW LEVEL SECURITY")


def test_raw_sql_without_a_context_returns_no_rows(agency):
    agreement_in(agency)
    assert one("SELECT count(*) FROM contracts_agreement")[0] == 1  # test set-up: system
    with transaction.atomic(), context.nothing():
        for table in rls.protected_tables():
            assert one(f'SELECT count(*) FROM "{table}"')[0] == 0, table  # noqa: S608
        assert Agreement.objects.count() == 0
    assert one("SELECT count(*) FROM contracts_agreement")[0] == 1


def test_an_agency_context_sees_and_writes_only_its_own_rows(agency, other_agency):
    mine = agreement_in(agency)
    theirs = agreement_in(other_agency)
    with transaction.atomic(), context.for_agencies([agency.id]):
        assert list(Agreement.objects.values_list("id", flat=True)) == [mine.id]
        # Neither updates nor deletes reach the other agency's row.
        assert Agreement.objects.filter(id=theirs.id).update(agency=agency) == 0
        assert Agreement.objects.filter(id=theirs.id).delete()[0] == 0
    assert Agreement.objects.filter(id=theirs.id, agency=other_agency).exists()


def test_an_agency_context_cannot_move_a_row_into_another_agency(agency, other_agency):
    mine = agreement_in(agency)
    # Moving a row out of the context's agencies fails the policy's WITH CHECK.
    with (
        pytest.raises((ProgrammingError, IntegrityError)),
        transaction.atomic(),
        context.for_agencies([agency.id]),
    ):
        Agreement.objects.filter(id=mine.id).update(agency=other_agency)


def test_contexts_nest_and_restore(agency):
    before = context.current()
    with transaction.atomic():
        with context.for_agencies([agency.id]):
            assert context.current()["spr.agencies"] == str(agency.id)
            with context.system():
                assert context.current()["spr.system"] == "on"
            assert context.current()["spr.system"] == "off"
        assert context.current() == before
    assert context.current() == before
