"""The agency's sign-in rule: whether everyone in it needs a second factor.

Kept in its own table (one row per agency, made when an admin first saves the setting),
so that agencies with no row follow the default: two-factor sign-in is required for
the roles in `policy.REQUIRED_ROLES` and optional for everyone else.
"""

import uuid

from django.conf import settings
from django.db import models

from agencies.models import Agency


class AgencySignInPolicy(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="sign_in_policy")
    two_factor_for_everyone = models.BooleanField(
        default=False,
        help_text="Everyone in the agency signs in with a second factor, whatever their role.",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "agency sign-in policies"

    def __str__(self) -> str:
        return f"Sign-in policy of {self.agency}"
