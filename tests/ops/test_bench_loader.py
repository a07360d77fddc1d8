"""The bench loaders' safety net: Django defaults as database defaults for a bulk load."""

from django.db import connection

from bench.database import django_defaults_in_database
from tenancy.role import owner


def column_default(table: str, column: str):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_default FROM information_schema.columns "
            "WHERE table_name = %s AND column_name = %s",
            [table, column],
        )
        return cursor.fetchone()[0]


# The bench loads as the table owner (tenancy.role.operator_process): so do these tests.


def test_rows_left_without_a_column_get_the_apps_default_during_the_load(db):
    with owner(), connection.cursor() as cursor, django_defaults_in_database(cursor):
        # A raw load that names only the columns it knew about: the uuid primary keys and
        # the auto_now_add times are filled as the app would fill them.
        cursor.execute("INSERT INTO agencies_partnership (name) VALUES ('Bench P') RETURNING id")
        partnership_id = cursor.fetchone()[0]
        # A deferred foreign-key check is pending when the defaults are dropped again.
        cursor.execute(
            "INSERT INTO agencies_agency (partnership_id, name, sector) "
            "VALUES (%s, 'Bench A', 'police')",
            [partnership_id],
        )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.id, a.created_at, p.created_at FROM agencies_agency a "
            "JOIN agencies_partnership p ON p.id = a.partnership_id WHERE a.name = 'Bench A'"
        )
        agency_id, agency_created, partnership_created = cursor.fetchone()
    assert agency_id is not None
    assert agency_created is not None and partnership_created is not None


def test_the_database_defaults_are_gone_after_the_load(db):
    assert column_default("agencies_agency", "created_at") is None
    with owner(), connection.cursor() as cursor, django_defaults_in_database(cursor):
        assert column_default("agencies_agency", "created_at") == "now()"
        assert column_default("agencies_agency", "id") == "gen_random_uuid()"
    assert column_default("agencies_agency", "created_at") is None
    assert column_default("agencies_agency", "id") is None
