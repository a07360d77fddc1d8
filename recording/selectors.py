"""Scoped reads of session records: the only way a view lists or opens a record.

Who sees what (DESIGN.md, Confidentiality model):
- the supervisor and the supervisee of a record see all of it; so do the facilitator and
  every attendee of a group or peer record;
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
from contracts.models import SupervisionForm
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
    RecordAttendee,
    RecordStatus,
    RiskEscalation,
    SessionRecord,
    SessionReflection,
    SupervisionGroup,
)

RECORD_ROLES = (Role.PRACTITIONER, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD)


def _records_of_agency(membership: Membership) -> QuerySet[SessionRecord]:
    return SessionRecord.objects.filter(agency_id=membership.agency_id).select_related(
        "supervisor", "supervisee", "group"
    )


def _attended_by(user: User, membership: Membership) -> QuerySet[RecordAttendee]:
    return RecordAttendee.objects.filter(agency_id=membership.agency_id, user=user).values(
        "record_id"
    )


def _with_counts(records: QuerySet[SessionRecord]) -> QuerySet[SessionRecord]:
    # Meta.ordering does not apply to aggregate queries: order explicitly.
    return records.annotate(
        discussion_count=Count("discussions", distinct=True),
        escalation_count=Count("escalations", distinct=True),
        attendee_count=Count("attendees", distinct=True),
    ).order_by("-session_date", "-created_at")


def records_visible_to(user: User, membership: Membership | None) -> QuerySet[SessionRecord]:
    """Every record the user may open in the membership's agency (oversight at least):
    the lead's whole agency; anyone else, the records they are a party to (supervisor,
    supervisee, facilitator or attendee)."""
    require_agency_role(membership, *RECORD_ROLES)
    records = _records_of_agency(membership)
    if membership.has_role(Role.SAFEGUARDING_LEAD):
        return records
    return records.filter(
        Q(supervisor=user) | Q(supervisee=user) | Q(id__in=_attended_by(user, membership))
    )


def my_sessions(user: User, membership: Membership | None) -> QuerySet[SessionRecord]:
    """Records of the user's own supervision: as supervisee, as an attendee of a group or
    peer session, or as the facilitating peer of a peer session."""
    require_agency_role(membership, *RECORD_ROLES)
    return _with_counts(
        _records_of_agency(membership).filter(
            Q(supervisee=user)
            | Q(id__in=_attended_by(user, membership))
            | Q(supervisor=user, kind=SupervisionForm.PEER)
        )
    )


def supervisees_sessions(user: User, membership: Membership | None) -> QuerySet[SessionRecord]:
    """Records the user made as supervisor or facilitator: one-to-one, group and peer
    (403 without the supervisor role)."""
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


def attendee_choices(membership: Membership) -> QuerySet[Membership]:
    """People who may attend a group or peer session facilitated by the membership's
    person: the agency's current practitioners and supervisors, other than them."""
    return (
        Membership.objects.active()
        .filter(agency_id=membership.agency_id)
        .filter(Q(roles__contains=[Role.PRACTITIONER]) | Q(roles__contains=[Role.SUPERVISOR]))
        .exclude(user_id=membership.user_id)
        .select_related("user", "team")
        .order_by("user__full_name")
    )


def group_names_of(user: User, membership: Membership) -> list[str]:
    """Names of the groups whose sessions the user facilitated or attended (suggestions
    when they start the next one)."""
    records = SessionRecord.objects.filter(agency_id=membership.agency_id).filter(
        Q(supervisor=user) | Q(id__in=_attended_by(user, membership))
    )
    return list(
        SupervisionGroup.objects.filter(
            agency_id=membership.agency_id, id__in=records.values("group_id")
        )
        .order_by("name")
        .values_list("name", flat=True)
    )


def attendees_of(record: SessionRecord) -> list[RecordAttendee]:
    return list(
        RecordAttendee.objects.filter(agency_id=record.agency_id, record=record)
        .select_related("user")
        .order_by("user__full_name")
    )


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
    attendee: RecordAttendee | None = None

    @property
    def is_attendee(self) -> bool:
        return self.attendee is not None

    @property
    def is_party(self) -> bool:
        return self.is_supervisor or self.is_supervisee or self.is_attendee

    @property
    def can_see_reflective(self) -> bool:
        return self.is_party or self.audit_access is not None

    @property
    def can_edit(self) -> bool:
        """Both parties edit a one-to-one draft; the facilitator writes a group one."""
        if self.record.is_group_kind:
            return self.is_supervisor and self.record.is_draft
        return self.is_party and self.record.is_draft

    @property
    def can_countersign(self) -> bool:
        """The supervisee, or an attendee who has not signed yet, once the supervisor or
        facilitator has signed."""
        if self.record.status != RecordStatus.AWAITING_SUPERVISEE:
            return False
        if self.record.is_group_kind:
            return self.is_attendee and not self.attendee.has_signed
        return self.is_supervisee


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
    attendee = None
    if record.is_group_kind:
        attendee = RecordAttendee.objects.filter(
            agency_id=record.agency_id, record=record, user=user
        ).first()
    is_party = user.id in (record.supervisor_id, record.supervisee_id) or attendee is not None
    return RecordAccess(
        record=record,
        is_supervisor=user.id == record.supervisor_id,
        is_supervisee=user.id == record.supervisee_id,
        is_lead=is_lead,
        audit_access=current_audit_access(record, user) if is_lead and not is_party else None,
        attendee=attendee,
    )


def oversight_parts(record: SessionRecord) -> dict:
    """The oversight content of a record, loaded in a fixed number of queries."""
    return {
        "attendees": attendees_of(record) if record.is_group_kind else [],
        "discussions": list(
            CaseDiscussion.objects.filter(agency_id=record.agency_id, record=record)
            .select_related("case", "presenter")
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
    """The reflective content, for the parties (supervisor and supervisee, or facilitator
    and attendees) or a lead with current audit access only."""
    if not access.can_see_reflective:
        raise PermissionDenied("The reflective part is for the people in the session.")
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
    """The record with every part prefetched, for the draft editing page (its editors)."""
    if not access.can_edit:
        raise PermissionDenied("Only the supervisor and supervisee edit a draft.")
    return (
        SessionRecord.objects.select_related("supervisor", "supervisee", "reflection", "group")
        .prefetch_related(
            Prefetch(
                "attendees",
                queryset=RecordAttendee.objects.select_related("user").order_by("user__full_name"),
            ),
            Prefetch(
                "discussions",
                queryset=CaseDiscussion.objects.select_related(
                    "case", "reflection", "presenter"
                ).order_by("position", "created_at"),
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
        .select_related("record__supervisor", "record__supervisee", "record__group", "presenter")
        .order_by("record__session_date", "record__created_at")
    )


def escalations_for_lead(membership: Membership | None) -> QuerySet[RiskEscalation]:
    """Risk exceptions raised in the lead's agency, open ones first."""
    require_agency_role(membership, Role.SAFEGUARDING_LEAD)
    return (
        RiskEscalation.objects.filter(agency_id=membership.agency_id)
        .select_related(
            "record__supervisor",
            "record__supervisee",
            "record__group",
            "raised_by",
            "acknowledged_by",
        )
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
    """Records waiting for this user's signature: as supervisee, or as an attendee who has
    not signed yet."""
    unsigned = RecordAttendee.objects.filter(
        agency_id=membership.agency_id, user=user, signed_at__isnull=True
    ).values("record_id")
    return (
        _records_of_agency(membership)
        .filter(status=RecordStatus.AWAITING_SUPERVISEE)
        .filter(Q(supervisee=user) | Q(id__in=unsigned))
        .order_by("session_date", "created_at")
    )


def peer_drafts_of(user: User, membership: Membership) -> QuerySet[SessionRecord]:
    """Drafts of peer sessions the user facilitates (a supervisor's drafts are on their
    supervisees' list)."""
    return _records_of_agency(membership).filter(
        supervisor=user, kind=SupervisionForm.PEER, status=RecordStatus.DRAFT
    )


def cases_for_record(record: SessionRecord) -> QuerySet[Case]:
    """Cases a discussion or action of this record may be about: the open cases in the
    record's agency of the supervisee (or of the attendees of a group or peer session),
    plus any already on the record."""
    already = CaseDiscussion.objects.filter(record=record, case__isnull=False).values("case_id")
    if record.is_group_kind:
        people = Q(
            allocated_practitioner_id__in=RecordAttendee.objects.filter(record=record).values(
                "user_id"
            )
        )
    else:
        people = Q(allocated_practitioner_id=record.supervisee_id)
    return (
        Case.objects.filter(agency_id=record.agency_id)
        .filter(people & ~Q(category=CaseCategory.CLOSED) | Q(id__in=already))
        .select_related("allocated_practitioner")
        .order_by("reference")
    )


def signed_records_for_audit(*, agency, start, end) -> QuerySet[SessionRecord]:
    """The agency's signed records (one-to-one, group and peer) with a session date from
    `start` to `end` inclusive: what the annual record-quality audit samples from
    (evaluation.record_source). Ids and dates only; the auditor opens a record through
    audit access."""
    return (
        SessionRecord.objects.filter(
            agency=agency,
            status=RecordStatus.SIGNED,
            session_date__gte=start,
            session_date__lte=end,
        )
        .only("id", "agency_id", "supervisor_id", "session_date")
        .order_by("session_date", "id")
    )
