"""Copy the two earlier access logs into the one access log.

recording.RecordAccessEvent (record views and PDFs) and evaluation.ExportEvent (results
exports) were written by their own apps; from now on every read, PDF and export is an
audit.AccessEvent. Their rows are copied here, with the people each record is about.
"""

from django.db import migrations

RECORD_KINDS = {"view", "view_reflective", "pdf", "pdf_reflective", "pdf_blocked_fetch"}


def fold(apps, schema_editor):
    AccessEvent = apps.get_model("audit", "AccessEvent")
    RecordAccessEvent = apps.get_model("recording", "RecordAccessEvent")
    RecordAttendee = apps.get_model("recording", "RecordAttendee")
    ExportEvent = apps.get_model("evaluation", "ExportEvent")
    # Keep when each event happened (the log is append-only: it cannot be fixed later).
    AccessEvent._meta.get_field("at").auto_now_add = False

    attendees: dict = {}
    for record_id, user_id in RecordAttendee.objects.values_list("record_id", "user_id"):
        attendees.setdefault(record_id, []).append(user_id)

    batch = []
    for old in RecordAccessEvent.objects.select_related("record").iterator():
        record = old.record
        subjects = [record.supervisor_id]
        subjects += [record.supervisee_id] if record.supervisee_id else attendees.get(record.id, [])
        batch.append(
            AccessEvent(
                at=old.at,
                agency_id=old.agency_id,
                user_id=old.user_id,
                kind=old.kind if old.kind in RECORD_KINDS else "view",
                label=f"Supervision record of {record.session_date:%-d %B %Y}",
                object_type="recording.sessionrecord",
                object_id=str(record.id),
                subject_ids=subjects,
                detail=old.detail,
            )
        )
    for old in ExportEvent.objects.select_related("campaign").iterator():
        batch.append(
            AccessEvent(
                at=old.at,
                agency_id=old.agency_id,
                user_id=old.user_id,
                kind="export",
                label=f"Evaluation {old.campaign.year} results ({old.kind})",
                object_type="evaluation.campaign",
                object_id=str(old.campaign_id),
                row_count=old.row_count,
            )
        )
    AccessEvent.objects.bulk_create(batch, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("recording", "0004_history_triggers"),
        ("evaluation", "0002_submitted_answers_are_immutable"),
    ]

    operations = [migrations.RunPython(fold, migrations.RunPython.noop)]
