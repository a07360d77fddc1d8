"""audit 0002 copies the earlier access logs (recording.RecordAccessEvent and
evaluation.ExportEvent) into the one access log, keeping when each happened, before
recording 0005 and evaluation 0003 drop them."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tenancy.role import owner

BEFORE = [
    ("audit", "0001_initial"),
    ("recording", "0004_history_triggers"),
    ("evaluation", "0002_submitted_answers_are_immutable"),
]
AFTER = [
    ("audit", "0002_fold_record_access_and_export_events"),
    ("recording", "0005_drop_old_access_log"),
    ("evaluation", "0003_drop_old_access_log"),
]


def _migrate(targets):
    # Migrations change the schema: as the table owner, as `migrate` runs them.
    with owner():
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_access_events_are_copied_into_the_access_log():
    apps = _migrate(BEFORE)
    try:
        Partnership = apps.get_model("agencies", "Partnership")
        Agency = apps.get_model("agencies", "Agency")
        User = apps.get_model("agencies", "User")
        SessionRecord = apps.get_model("recording", "SessionRecord")
        RecordAccessEvent = apps.get_model("recording", "RecordAccessEvent")
        Campaign = apps.get_model("evaluation", "Campaign")
        ExportEvent = apps.get_model("evaluation", "ExportEvent")

        agency = Agency.objects.create(
            partnership=Partnership.objects.create(name="Fold P"), name="Fold A"
        )
        lead = User.objects.create(email="lead@fold.example", full_name="Lead")
        sup = User.objects.create(email="sup@fold.example", full_name="Sup")
        see = User.objects.create(email="see@fold.example", full_name="See")
        record = SessionRecord.objects.create(
            agency=agency,
            supervisor=sup,
            supervisee=see,
            session_date=date(2026, 3, 1),
            created_by=sup,
        )
        RecordAccessEvent.objects.create(agency=agency, record=record, user=lead, kind="pdf")
        campaign = Campaign.objects.create(
            agency=agency,
            year=2026,
            opens_on=date.today() - timedelta(days=10),
            closes_on=date.today() + timedelta(days=10),
            opened_by=lead,
        )
        ExportEvent.objects.create(
            agency=agency, user=lead, campaign=campaign, kind="agency", row_count=7
        )
        old_at = RecordAccessEvent.objects.get().at
        assert timezone.now() - old_at < timedelta(minutes=5)

        apps = _migrate(AFTER)
        AccessEvent = apps.get_model("audit", "AccessEvent")
        pdf = AccessEvent.objects.get(kind="pdf")
        assert (pdf.user_id, pdf.agency_id, pdf.object_id) == (lead.id, agency.id, str(record.id))
        assert set(pdf.subject_ids) == {sup.id, see.id}
        assert pdf.label == "Supervision record of 1 March 2026"
        assert pdf.at == old_at
        export = AccessEvent.objects.get(kind="export")
        assert (export.row_count, export.object_id) == (7, str(campaign.id))
    finally:
        _migrate(_latest())


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
