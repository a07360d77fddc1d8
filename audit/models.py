"""The audit trail (what changed, by whom) and the access log (who read or exported what).

Change history: django-pghistory database triggers write one event row for every insert,
update and delete of the tracked tables, so a `queryset.update()`, a `bulk_create()` or raw
SQL is recorded as surely as a `save()`. Each event keeps the row's tenant (`agency_id`;
`partnership_id` for partnership memberships) and links to a `pghistory.Context` naming
who did it (a request's user and URL, or a background job's name).

Access log: `AccessEvent`, written only through `audit.services.log_access`: every view
of reflective content by someone other than its two parties, every audit access, every
PDF or export generated. Never any of the content itself.
"""

import uuid

import pghistory
import pgtrigger
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models

from agencies.models import Agency, Membership, Partnership, PartnershipMembership, User
from contracts.models import Agreement
from recording.models import (
    Addendum,
    AgreedAction,
    CaseDiscussion,
    RecordAttendee,
    SessionRecord,
    SupervisionGroup,
)
from supervision.models import Case


class AccessKind(models.TextChoices):
    VIEW = "view", "Viewed a record"
    VIEW_REFLECTIVE = "view_reflective", "Viewed the reflective part"
    AUDIT_ACCESS = "audit_access", "Opened the reflective part (audit access)"
    PDF = "pdf", "Downloaded a PDF"
    PDF_REFLECTIVE = "pdf_reflective", "Downloaded a PDF with the reflective part"
    PDF_BLOCKED_FETCH = "pdf_blocked_fetch", "PDF: refused to fetch an outside resource"
    PRINT = "print", "Opened a printable copy"
    EXPORT = "export", "Downloaded an export"
    REPORT = "report", "Generated or downloaded a report"
    # Security actions, not reads: kept here so the lead has one log (docs/audit.md).
    LEGAL_HOLD = "legal_hold", "Placed or lifted a legal hold"
    TWO_FACTOR = "two_factor", "Changed two-factor sign-in"


class AccessEvent(models.Model):
    """One read, PDF or export: who, when, which tenant, what (a plain label and the
    object's type and id), whom it is about, why, how many rows. Never the content."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Agency-level events carry the agency; partnership-level ones (board reports) the
    # partnership. Row-level security filters on these.
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    kind = models.CharField(max_length=24, choices=AccessKind.choices)
    label = models.CharField(max_length=200)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    # The people the object is about (a record's supervisee(s) and supervisor, an
    # agreement's parties): "who has viewed records about me" reads this.
    subject_ids = ArrayField(models.UUIDField(), default=list, blank=True)
    reason = models.TextField(blank=True)
    row_count = models.PositiveIntegerField(null=True, blank=True)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["agency", "-at"]),
            models.Index(fields=["agency", "user", "-at"]),
            models.Index(fields=["object_type", "object_id"]),
            GinIndex(fields=["subject_ids"], name="access_event_subjects"),
        ]
        triggers = [
            pgtrigger.Protect(
                name="append_only_access_log", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} {self.label}"


# --- Change history ----------------------------------------------------------------------


def _trackers():
    # Fresh trackers for each model: pghistory binds a tracker to the model it tracks.
    return (
        pghistory.InsertEvent("created"),
        pghistory.UpdateEvent("changed"),
        pghistory.DeleteEvent("deleted"),
    )


def _history(model, name: str, *, exclude=None):
    """An append-only event table in this app, filled by triggers on `model`'s table."""
    return pghistory.create_event_model(
        model,
        *_trackers(),
        exclude=exclude,
        model_name=name,
        app_label="audit",
        abstract=False,
        append_only=True,
        # The event outlives a deleted row: no constraint to it.
        obj_field=pghistory.ObjForeignKey(
            on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
        ),
    )


AgreementHistory = _history(Agreement, "AgreementHistory")
SessionRecordHistory = _history(SessionRecord, "SessionRecordHistory")
CaseDiscussionHistory = _history(CaseDiscussion, "CaseDiscussionHistory")
AgreedActionHistory = _history(AgreedAction, "AgreedActionHistory")
# An addendum to the reflective part is reflective content: its text is not copied here,
# where the safeguarding lead reads the history.
AddendumHistory = _history(Addendum, "AddendumHistory", exclude=["text"])
RecordAttendeeHistory = _history(RecordAttendee, "RecordAttendeeHistory")
SupervisionGroupHistory = _history(SupervisionGroup, "SupervisionGroupHistory")
CaseHistory = _history(Case, "CaseHistory")
MembershipHistory = _history(Membership, "MembershipHistory")
PartnershipMembershipHistory = _history(PartnershipMembership, "PartnershipMembershipHistory")
