"""Scoped reads of session records: the only way a view lists or opens a record.

Who sees what (DESIGN.md, Confidentiality model):
- the supervisor and the supervisee of a record see all of it;
- the safeguarding lead of the record's agency sees its oversight content, and its
  reflective content only while an audit access they opened (with a reason) is current;
- anyone else, in this agency or another, gets 404 (as if it did not exist).
"""

from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from agencies.models import Membership, Role, User
from agencies.selectors import require_agency_role
from contracts.selectors import supervisee_memberships_of
from supervision.models import Case, CaseCategory

from .models import (
    ActionReview,
    ActionStatus,
    Addendum,
    AgreedAction,
    AuditAccess,
    CaseDiscussion,
    CaseDiscussionReflection,
    RecordStatus,
    RiskEscalation,
    SessionRecord,
    SessionReflection,
)

RECORD_ROLES = (Role.PRACTITIONER, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD)


def _records_of_agency(membership: Membership) -> QuerySet[SessionRecord]:
    return SessionRecord.objects.filter(agency_id=membership.agency_id).select_related(
        "supervisor", "supervisee"
    )


def _with_counts(records: QuerySet[SessionRecord]) -> QuerySet[SessionRecord]:
    # Meta.ordering does not apply to aggregate queries: order explicitly.
    return records.annotate(
        discussion_count=Count("discussions", distinct=True),
        escalation_count=Count("escalations", distinct=True),
    ).order_by("-session_date", "-created_at")


def records_visible_to(user: User, membership: Membership | None) -> QuerySet[SessionRecord]:
    """Every record the user may open in the membership's agency (oversight at least)."""
    require_agency_role(membership, *RECORD_ROLES)
    records = _records_of_agency(membership)
    if membership.has_role(Role.SAFEGUARDING_LEAD):
        return records
    return records.filter(Q(supervisor=user) | Q(supervisee=user))


def my_sessions(user: User, membership: Membership | None) -> QuerySet[SessionRecord]:
    """Records of the user's own supervision (as supervisee)."""
    require_agency_role(membership, *RECORD_ROLES)
    return _with_counts(_records_of_agency(membership).filter(supervisee=user))


def supervisees_sessions(user: User, membership: Membership | None) -> QuerySet[SessionRecord]:
    """Records the user made as supervisor (403 without the supervisor role)."""
    require_agency_role(membership, Role.SUPERVISOR)
    return _with_counts(_records_of_agency(membership).filter(supervisor=user))


def agency_sessions(membership: Membership | None) -> QuerySet[SessionRecord]:
    """Every record of the agency, for its safeguarding lead (oversight content only)."""
    require_agency_role(membership, Role.SAFEGUARDING_LEAD)
    return _with_counts(_records_of_agency(membership))


def supervisees_to_record(user: User, membership: Membership | None) -> QuerySet[Membership]:
    """People the user may open a new record for: their supervisees in this agency."""
    require_agency_role(membership, Role.SUPERVISOR)
    return supervisee_memberships_of(user).filter(agency_id=membership.agency_id)


def current_audit_access(record: SessionRecord, user: User) -> AuditAccess | None:
    return (
        AuditAccess.objects.filter(
            agency_id=record.agency_id, record=record, user=user, expires_at__gt=timezone.now()
        )
        .order_by("-granted_at")
        .first()
    )


@dataclass
class RecordAccess:
    """A record as one person may see it."""

    record: SessionRecord
    is_supervisor: bool
    is_supervisee: bool
    is_lead: bool
    audit_access: AuditAccess | None

    @property
    def is_party(self) -> bool:
        return self.is_supervisor or self.is_supervisee

    @property
    def can_see_reflective(self) -> bool:
        return self.is_party or self.audit_access is not None

    @property
    def can_edit(self) -> bool:
        return self.is_party and self.record.is_draft


def get_record_for(user: User, membership: Membership | None, record_id: UUID) -> RecordAccess:
    """The record, if the user may see it; else 404 (another agency's and a missing one
    look the same)."""
    if membership is None:
        raise Http404
    try:
        record = records_visible_to(user, membership).get(id=record_id)
    except SessionRecord.DoesNotExist as exc:
        raise Http404 from exc
    is_lead = membership.has_role(Role.SAFEGUARDING_LEAD)
    is_party = user.id in (record.supervisor_id, record.supervisee_id)
    return RecordAccess(
        record=record,
        is_supervisor=user.id == record.supervisor_id,
        is_supervisee=user.id == record.supervisee_id,
        is_lead=is_lead,
        audit_access=current_audit_access(record, user) if is_lead and not is_party else None,
    )


def oversight_parts(record: SessionRecord) -> dict:
    """The oversight content of a record, loaded in a fixed number of queries."""
    return {
        "discussions": list(
            CaseDiscussion.objects.filter(agency_id=record.agency_id, record=record)
            .select_related("case")
            .order_by("position", "created_at")
        ),
        "actions": list(
            AgreedAction.objects.filter(agency_id=record.agency_id, record=record)
            .select_related("owner", "case")
            .order_by("position", "created_at")
        ),
        "reviews": list(
            ActionReview.objects.filter(agency_id=record.agency_id, record=record)
            .select_related("action__owner", "action__case", "action__record")
            .order_by("action__due_on", "action__created_at")
        ),
        "escalations": list(
            RiskEscalation.objects.filter(agency_id=record.agency_id, record=record)
            .select_related("raised_by", "acknowledged_by")
            .order_by("raised_at")
        ),
        "audit_accesses": list(
            AuditAccess.objects.filter(agency_id=record.agency_id, record=record)
            .select_related("user")
            .order_by("granted_at")
        ),
    }


def reflective_parts(access: RecordAccess) -> dict:
    """The reflective content, for the parties or a lead with current audit access only."""
    if not access.can_see_reflective:
        raise PermissionDenied("The reflective part is for the supervisor and supervisee.")
    record = access.record
    return {
        "reflection": SessionReflection.objects.filter(
            agency_id=record.agency_id, record=record
        ).first(),
        "discussion_reflections": {
            r.discussion_id: r
            for r in CaseDiscussionReflection.objects.filter(
                agency_id=record.agency_id, record=record
            )
        },
    }


def addenda_for(access: RecordAccess) -> QuerySet[Addendum]:
    addenda = Addendum.objects.filter(
        agency_id=access.record.agency_id, record=access.record
    ).select_related("author")
    if not access.can_see_reflective:
        addenda = addenda.filter(part=Addendum.Part.OVERSIGHT)
    return addenda


def record_for_editing(access: RecordAccess) -> SessionRecord:
    """The record with every part prefetched, for the draft editing page (parties only)."""
    if not access.can_edit:
        raise PermissionDenied("Only the supervisor and supervisee edit a draft.")
    return (
        SessionRecord.objects.select_related("supervisor", "supervisee", "reflection")
        .prefetch_related(
            Prefetch(
                "discussions",
                queryset=CaseDiscussion.objects.select_related("case", "reflection").order_by(
                    "position", "created_at"
                ),
            ),
            Prefetch(
                "actions",
                queryset=AgreedAction.objects.select_related("owner", "case").order_by(
                    "position", "created_at"
                ),
            ),
            Prefetch(
                "action_reviews",
                queryset=ActionReview.objects.select_related(
                    "action__owner", "action__case", "action__record"
                ),
            ),
        )
        .get(pk=access.record.pk)
    )


def discussion_history(user: User, membership: Membership | None, case: Case):
    """A case's discussions in records the user may see that the supervisor has signed,
    oldest first: the RAG rating over time. The caller has already opened the case."""
    records = records_visible_to(user, membership).exclude(status=RecordStatus.DRAFT)
    return (
        CaseDiscussion.objects.filter(agency_id=case.agency_id, case=case, record__in=records)
        .select_related("record__supervisor", "record__supervisee")
        .order_by("record__session_date", "record__created_at")
    )


def escalations_for_lead(membership: Membership | None) -> QuerySet[RiskEscalation]:
    """Risk exceptions raised in the lead's agency, open ones first."""
    require_agency_role(membership, Role.SAFEGUARDING_LEAD)
    return (
        RiskEscalation.objects.filter(agency_id=membership.agency_id)
        .select_related("record__supervisor", "record__supervisee", "raised_by", "acknowledged_by")
        .order_by(F("acknowledged_at").desc(nulls_first=True), "-raised_at")
    )


def get_escalation_for_lead(membership: Membership | None, escalation_id: UUID) -> RiskEscalation:
    if membership is None:
        raise Http404
    try:
        escalation = RiskEscalation.objects.get(id=escalation_id, agency_id=membership.agency_id)
    except RiskEscalation.DoesNotExist as exc:
        raise Http404 from exc
    require_agency_role(membership, Role.SAFEGUARDING_LEAD)
    return escalation


def open_escalation_count(membership: Membership) -> int:
    return RiskEscalation.objects.filter(
        agency_id=membership.agency_id, acknowledged_at__isnull=True
    ).count()


def open_actions_of(user: User, membership: Membership) -> QuerySet[AgreedAction]:
    """Actions the user owns, agreed in records the supervisor has signed, not done yet."""
    return (
        AgreedAction.objects.filter(agency_id=membership.agency_id, owner=user)
        .exclude(record__status=RecordStatus.DRAFT)
        .exclude(status=ActionStatus.DONE)
        .select_related("case", "record")
        .order_by("due_on")
    )


def records_awaiting_signature(user: User, membership: Membership) -> QuerySet[SessionRecord]:
    """Records waiting for this user's signature as supervisee."""
    return _records_of_agency(membership).filter(
        supervisee=user, status=RecordStatus.AWAITING_SUPERVISEE
    )


def cases_for_record(record: SessionRecord) -> QuerySet[Case]:
    """Cases a discussion or action of this record may be about: the supervisee's open
    cases in the record's agency, plus any already on the record."""
    already = CaseDiscussion.objects.filter(record=record, case__isnull=False).values("case_id")
    return (
        Case.objects.filter(agency_id=record.agency_id)
        .filter(
            Q(allocated_practitioner_id=record.supervisee_id) & ~Q(category=CaseCategory.CLOSED)
            | Q(id__in=already)
        )
        .order_by("reference")
    )
