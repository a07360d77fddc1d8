"""Enable and force row-level security on every table in the registry (tenancy/rls.py).

The registry is applied again, idempotently, at the end of every `migrate`, so a table that
a later migration adds needs only its line in the registry."""

from django.db import migrations


def protect_registered_tables(apps, schema_editor):
    from tenancy import rls

    rls.apply_registry(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("tenancy", "0001_app_role"),
        ("agencies", "0003_policy_and_minimum_standards"),
        ("contracts", "0002_agreement_content_versions_signatures_training"),
        ("supervision", "0002_cadence_sessions_alerts"),
        ("recording", "0003_merge_20261126_0040"),
        ("evaluation", "0002_submitted_answers_are_immutable"),
        ("reflection", "0001_initial"),
        ("assurance", "0001_initial"),
    ]
    operations = [migrations.RunPython(protect_registered_tables, migrations.RunPython.noop)]
