"""Who must sign in with a second factor, and what they have set up.

Required for safeguarding leads, agency admins, partnership admins and board members
(and Django admin staff); optional for everyone else, unless their agency requires it
for everyone (`AgencySignInPolicy.two_factor_for_everyone`).
"""

from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.models import PartnershipRole, Role
from agencies.selectors import memberships_of, partnership_memberships_of

from .models import AgencySignInPolicy

REQUIRED_ROLES = (Role.SAFEGUARDING_LEAD, Role.AGENCY_ADMIN)
REQUIRED_PARTNERSHIP_ROLES = (PartnershipRole.BOARD_MEMBER, PartnershipRole.PARTNERSHIP_ADMIN)
RECOVERY_DEVICE_NAME = "Recovery codes"


def enforced() -> bool:
    """False only where settings turn enforcement off (the test suite, see conftest.py)."""
    return getattr(settings, "SPR_ENFORCE_2FA", True)


def is_required(user, memberships=None, partnership_memberships=None) -> bool:
    """Does this person have to sign in with a second factor?"""
    if user.is_staff or user.is_superuser:
        return True
    if memberships is None:
        memberships = list(memberships_of(user))
    if partnership_memberships is None:
        partnership_memberships = list(partnership_memberships_of(user))
    if any(m.has_role(role) for m in memberships for role in REQUIRED_ROLES):
        return True
    partnership_roles = {role for pm in partnership_memberships for role in pm.roles}
    if partnership_roles & set(REQUIRED_PARTNERSHIP_ROLES):
        return True
    agency_ids = [m.agency_id for m in memberships]
    return AgencySignInPolicy.objects.filter(
        agency_id__in=agency_ids, two_factor_for_everyone=True
    ).exists()


def authenticator_of(user) -> TOTPDevice | None:
    """The person's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_device_of(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME).first()


def recovery_codes_left(user) -> int:
    device = recovery_device_of(user)
    return device.token_set.count() if device else 0
