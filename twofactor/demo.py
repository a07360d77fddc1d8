"""Demo data: every demo person whose role needs two-factor sign-in gets an
authenticator app with the same fixed, published secret, so that someone trying the demo
can add it to their own authenticator app (README, "Two-factor sign-in").

The secret is public: it is for the demo only and must never exist on a real service.
People whose role does not need it have no app; they can set one up from "Sign-in
security" in the footer.
"""

import base64

from django_otp.plugins.otp_totp.models import TOTPDevice

from . import policy

DEMO_TOTP_SECRET = "SPRDEMOSPRDEMOSPRDEMOSPRDEMOSPRD"  # base32, 20 bytes
DEMO_TOTP_KEY = base64.b32decode(DEMO_TOTP_SECRET).hex()
DEMO_DEVICE_NAME = "Demo authenticator app"


def seed(world) -> None:
    for user in world.users.values():
        if not policy.is_required(user):
            continue
        TOTPDevice.objects.filter(user=user).exclude(name=DEMO_DEVICE_NAME).delete()
        TOTPDevice.objects.update_or_create(
            user=user, name=DEMO_DEVICE_NAME, defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
        )
