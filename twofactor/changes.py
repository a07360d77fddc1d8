"""Changes to a person's two-factor sign-in, written to the access log (docs/sign-in.md).

Setting it up, making new recovery codes, turning it off and an agency admin's reset are
each one `audit.AccessEvent` of kind "two_factor": the person is its subject (their
"Sign-in security" page lists it) and it belongs to the agency the change was made in, so
that agency's safeguarding lead sees it in the access log. Never a code or a key.
"""

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AccessEvent, AccessKind
from audit.services import log_access


class Change:
    SET_UP = "set_up"
    NEW_RECOVERY_CODES = "new_recovery_codes"
    TURNED_OFF = "turned_off"
    RESET = "reset_by_admin"


LABELS = {
    Change.SET_UP: "Set up two-factor sign-in",
    Change.NEW_RECOVERY_CODES: "Made new recovery codes",
    Change.TURNED_OFF: "Turned off two-factor sign-in",
    Change.RESET: "Reset the two-factor sign-in of {name} (lost authenticator)",
}


def log_change(request, *, person, change: str, reason: str = "") -> AccessEvent | None:
    """Log one change to `person`'s second factor, made by the signed-in user, in the
    tenant they are working in (their agency, else their partnership). Someone with
    neither (Django admin staff only) has no tenant log to write to: nothing is written."""
    membership = getattr(request, "membership", None)
    partnership_membership = getattr(request, "partnership_membership", None)
    if membership is not None:
        tenant = {"agency_id": membership.agency_id}
    elif partnership_membership is not None:
        tenant = {"partnership_id": partnership_membership.partnership_id}
    else:
        return None
    return log_access(
        user=request.user,
        kind=AccessKind.TWO_FACTOR,
        label=LABELS[change].format(name=person.full_name),
        obj=person,
        subjects=[person],
        reason=reason,
        detail=change,
        **tenant,
    )


@transaction.atomic
def reset_second_factor(request, *, person, reason: str) -> AccessEvent | None:
    """Remove the person's authenticator apps and recovery codes: they set it up again at
    their next sign-in (if it is required for them) or from their security page."""
    TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()
    return log_change(request, person=person, change=Change.RESET, reason=reason)
