"""Scoped reads for Space to Think sessions, learning themes and the reflective log.

Rules:
- a Space to Think session is seen only by its participants (while their membership lasts);
  anyone else, in the same agency or not, gets 404, as for a session that does not exist;
- a safeguarding lead sees only that their own agency's staff took part: names and dates,
  never the topic, the notes, the other agencies' people or the themes' source;
- published learning themes are seen by every member of the partnership's agencies and by
  its board members and admins; board members see feedback only as counts;
- a learning log entry is seen by its author, and by the one supervisor they shared it with
  while that supervisor still supervises them (an agreement in force).
"""

from collections import Counter
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from agencies.models import (
    Membership,
    PartnershipMembership,
    PartnershipRole,
    Role,
    User,
)
from agencies.selectors import require_agency_role
from contracts.models import MembershipUserObjectPermission
from contracts.selectors import supervisee_memberships_of
from contracts.services import SUPERVISE

from .models import (
    LearningLogEntry,
    LearningTheme,
    ModelRating,
    ParticipantRole,
    SpaceToThinkFeedback,
    SpaceToThinkParticipant,
    SpaceToThinkSession,
)

# seed 004: "Any practitioner who works with children, young people and their families can
# request, attend and facilitate a session." An agency admin alone does not.
WORKS_WITH_CHILDREN = (Role.PRACTITIONER, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD)


def require_works_with_children(membership: Membership | None) -> Membership:
    """403 for someone whose only role in the agency is to run it (agency admin)."""
    return require_agency_role(membership, *WORKS_WITH_CHILDREN)


# --- Space to Think ---------------------------------------------------------------------


def _participations_of(user: User) -> QuerySet[SpaceToThinkParticipant]:
    if not user.is_authenticated:
        return SpaceToThinkParticipant.objects.none()
    active = Membership.objects.active().filter(user=user).values("id")
    return SpaceToThinkParticipant.objects.filter(user=user, membership_id__in=active)


def sessions_of(user: User) -> QuerySet[SpaceToThinkSession]:
    """The sessions the user takes part in, soonest last, with participant counts."""
    mine = _participations_of(user)
    my_role = mine.filter(session=OuterRef("pk")).values("role")[:1]
    return (
        SpaceToThinkSession.objects.filter(id__in=mine.values("session_id"))
        .annotate(participant_count=Count("participants"), my_role=Subquery(my_role))
        .order_by("-scheduled_for")
    )


def get_session_for(user: User, session_id: UUID) -> SpaceToThinkSession:
    """The session if the user takes part in it; 404 otherwise (missing or not theirs)."""
    try:
        return sessions_of(user).select_related("requested_by").get(id=session_id)
    except SpaceToThinkSession.DoesNotExist as exc:
        raise Http404 from exc


def participants_of(session: SpaceToThinkSession) -> list[SpaceToThinkParticipant]:
    """Everyone in the session with their agency (one query). Call only after
    get_session_for has shown that the user takes part."""
    return list(
        SpaceToThinkParticipant.objects.filter(session=session)
        .select_related("user", "agency")
        .order_by("invited_at")
    )


def participant_for(
    user: User, participants: list[SpaceToThinkParticipant]
) -> SpaceToThinkParticipant:
    for participant in participants:
        if participant.user_id == user.id:
            return participant
    raise Http404


def can_manage_session(
    user: User, session: SpaceToThinkSession, participants: list[SpaceToThinkParticipant]
) -> bool:
    """Who may invite and assign roles: the person who asked for it, and the Facilitator."""
    if session.requested_by_id == user.id:
        return True
    return any(p.user_id == user.id and p.role == ParticipantRole.FACILITATOR for p in participants)


def staff_participation(membership: Membership | None) -> list[dict]:
    """For a safeguarding lead: which of their agency's staff took part in a session, and
    when. Only these columns leave the database: no topic, notes or other agencies."""
    lead = require_agency_role(membership, Role.SAFEGUARDING_LEAD)
    return list(
        SpaceToThinkParticipant.objects.filter(agency_id=lead.agency_id)
        .order_by("-session__scheduled_for", "user__full_name")
        .values("user__full_name", "session__scheduled_for", "session__status")
    )


def feedback_count_of(session: SpaceToThinkSession) -> int:
    return SpaceToThinkFeedback.objects.filter(participant__session=session).count()


def feedback_of(participant: SpaceToThinkParticipant) -> SpaceToThinkFeedback | None:
    """A participant's own feedback: nobody else in the session reads it."""
    return SpaceToThinkFeedback.objects.filter(participant=participant).first()


def partnership_ids_of(user: User) -> set[UUID]:
    """Partnerships the user belongs to: through an agency, or on the partnership."""
    if not user.is_authenticated:
        return set()
    through_agencies = Membership.objects.active().filter(user=user)
    ids = set(through_agencies.values_list("agency__partnership_id", flat=True))
    ids |= set(
        PartnershipMembership.objects.filter(user=user)
        .exclude(roles=[])
        .values_list("partnership_id", flat=True)
    )
    return ids


def published_themes_for(user: User) -> QuerySet[LearningTheme]:
    """Themes published to any partnership the user belongs to, newest first. The session
    and its people stay out of the query: the page shows the theme and the month only."""
    ids = partnership_ids_of(user)
    if not ids:
        raise PermissionDenied("You are not a member of a partnership.")
    return (
        LearningTheme.objects.filter(partnership_id__in=ids)
        .select_related("partnership")
        .only("id", "text", "published_at", "partnership__name")
        .order_by("partnership__name", "-published_at", "id")
    )


def feedback_summary_for(user: User) -> dict[str, int]:
    """How participants across the user's partnerships rated the model: counts only."""
    ids = partnership_ids_of(user)
    rows = (
        SpaceToThinkFeedback.objects.filter(partnership_id__in=ids)
        .values("rating")
        .annotate(n=Count("id"))
    )
    counts = Counter({row["rating"]: row["n"] for row in rows})
    return {label: counts.get(value, 0) for value, label in ModelRating.choices}


def feedback_comments_for(
    partnership_membership: PartnershipMembership | None,
) -> QuerySet[SpaceToThinkFeedback]:
    """The comments on the model, for the partnership admin (seed 004: feedback goes to
    the partnership), with no participant, agency or session attached."""
    if partnership_membership is None or not partnership_membership.has_role(
        PartnershipRole.PARTNERSHIP_ADMIN
    ):
        return SpaceToThinkFeedback.objects.none()
    return (
        SpaceToThinkFeedback.objects.filter(partnership_id=partnership_membership.partnership_id)
        .exclude(strengths="", improvements="")
        .only("rating", "strengths", "improvements", "given_at")
        .order_by("-given_at")
    )


# --- Reflective learning log ------------------------------------------------------------


def log_entries_of(membership: Membership | None) -> QuerySet[LearningLogEntry]:
    """The author's own entries in the agency they are working in."""
    membership = require_works_with_children(membership)
    return (
        LearningLogEntry.objects.filter(
            agency_id=membership.agency_id, author_id=membership.user_id
        )
        .select_related("shared_with")
        .order_by("-event_date", "-created_at")
    )


def get_own_entry(membership: Membership | None, entry_id: UUID) -> LearningLogEntry:
    """An entry the user wrote, for editing or sharing; 404 for anyone else's."""
    if membership is None:
        raise Http404
    try:
        return LearningLogEntry.objects.select_related("shared_with", "membership").get(
            id=entry_id, agency_id=membership.agency_id, author_id=membership.user_id
        )
    except LearningLogEntry.DoesNotExist as exc:
        raise Http404 from exc


def get_entry_for(user: User, entry_id: UUID) -> LearningLogEntry:
    """An entry for reading: the author's own, or one shared with the user while they
    still supervise its author. Anyone else (their lead included) gets 404."""
    if not user.is_authenticated:
        raise Http404
    own = Q(author=user, membership__in=Membership.objects.active().filter(user=user))
    shared = Q(shared_with=user, membership__in=supervisee_memberships_of(user))
    try:
        return LearningLogEntry.objects.select_related("author", "shared_with", "agency").get(
            own | shared, id=entry_id
        )
    except LearningLogEntry.DoesNotExist as exc:
        raise Http404 from exc


def supervisors_of(membership: Membership) -> QuerySet[User]:
    """The people who supervise this membership now (an agreement in force grants it)."""
    granted = MembershipUserObjectPermission.objects.filter(
        content_object=membership, permission__codename=SUPERVISE
    ).values("user_id")
    return User.objects.filter(id__in=granted, is_active=True).order_by("full_name")


def shared_entry_counts(user: User) -> list[tuple[Membership, int]]:
    """Each supervisee of the user with how many entries they have shared with them."""
    supervisees = list(supervisee_memberships_of(user))
    rows = (
        LearningLogEntry.objects.filter(shared_with=user, membership__in=supervisees)
        .values("membership_id")
        .annotate(n=Count("id"))
    )
    counts = {row["membership_id"]: row["n"] for row in rows}
    return [(m, counts.get(m.id, 0)) for m in supervisees]


def get_supervisee_for(user: User, membership_id: UUID) -> Membership:
    """A supervisee of the user; 404 for anyone they do not supervise."""
    try:
        return supervisee_memberships_of(user).get(id=membership_id)
    except Membership.DoesNotExist as exc:
        raise Http404 from exc


def entries_shared_by(supervisee: Membership, supervisor: User) -> QuerySet[LearningLogEntry]:
    """The entries this supervisee has shared with this supervisor, newest first. Call
    only with a supervisee from get_supervisee_for."""
    return LearningLogEntry.objects.filter(
        agency_id=supervisee.agency_id, membership=supervisee, shared_with=supervisor
    ).order_by("-event_date", "-created_at")
