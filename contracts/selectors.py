"""Scoped reads of agreements and of who supervises whom."""

from django.db.models import QuerySet

from agencies.models import Membership, User

from .models import MembershipUserObjectPermission
from .services import SUPERVISE


def supervisee_memberships_of(user: User) -> QuerySet[Membership]:
    """Memberships the user supervises now (granted by an agreement in force)."""
    granted = MembershipUserObjectPermission.objects.filter(
        user=user, permission__codename=SUPERVISE
    ).values("content_object_id")
    return (
        Membership.objects.active()
        .filter(id__in=granted)
        .select_related("user", "agency", "team")
        .order_by("user__full_name")
    )


def can_supervise(user: User, membership: Membership) -> bool:
    return MembershipUserObjectPermission.objects.filter(
        user=user, permission__codename=SUPERVISE, content_object=membership
    ).exists()
