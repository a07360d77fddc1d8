"""The application's database role: NOLOGIN, not a superuser, owns nothing (tenancy/role.py).

Roles belong to the whole PostgreSQL cluster, so creating it is idempotent; the grants and
default privileges belong to this database."""

from django.db import migrations


def create_app_role(apps, schema_editor):
    from tenancy import rls

    role = rls.app_role()
    if not role:
        return
    with schema_editor.connection.cursor() as cursor:
        rls.run(cursor, rls.create_role_sql(role))
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if not cursor.fetchone()[0]:
            # The owner must be a member of the role to SET ROLE to it.
            from psycopg import sql

            rls.run(cursor, sql.SQL("GRANT {} TO CURRENT_USER").format(sql.Identifier(role)))
        for statement in rls.grant_sql(role):
            rls.run(cursor, statement)


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunPython(create_app_role, migrations.RunPython.noop)]
