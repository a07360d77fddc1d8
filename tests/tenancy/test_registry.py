"""Every model with an agency or partnership foreign key is protected by row-level
security, or deliberately exempt; and the database agrees with the registry."""

import pytest
from django.apps import apps
from django.db import connection

from agencies.models import Agency, Partnership
from tenancy import rls


def tenant_models():
    for model in apps.get_models():
        columns = [
            field.column
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model in (Agency, Partnership)
        ]
        if columns:
            yield model._meta.db_table, columns


def test_every_tenant_model_is_protected_or_exempt():
    protected = rls.protected_tables()
    missing = [
        table
        for table, _columns in tenant_models()
        if table not in protected and table not in rls.EXEMPT
    ]
    assert missing == [], (
        "Add these tables to tenancy/rls.py (AGENCY_TABLES or PARTNERSHIP_TABLES), "
        f"or to EXEMPT with the reason: {missing}"
    )


def test_the_registered_tenant_column_is_a_tenant_foreign_key():
    columns = dict(tenant_models())
    for table, (column, _scope) in rls.protected_tables().items():
        assert table in columns, f"{table} is registered but no model has it"
        assert column in columns[table], f"{table}.{column} is not an agency/partnership key"


def test_exempt_tables_are_not_also_protected():
    assert not set(rls.EXEMPT) & set(rls.protected_tables())


@pytest.mark.django_db
def test_the_database_forces_row_level_security_on_every_registered_table():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, "
            "       EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid "
            "               AND p.polname = %s) "
            "FROM pg_class c WHERE c.relname = ANY(%s) AND c.relkind = 'r'",
            [rls.POLICY, list(rls.protected_tables())],
        )
        state = {name: (enabled, forced, policy) for name, enabled, forced, policy in cursor}
    assert set(state) == set(rls.protected_tables())
    assert {t: s for t, s in state.items() if s != (True, True, True)} == {}
