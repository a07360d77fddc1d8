"""Second-factor steps for tests: an authenticator app, its current code, a verified session."""

import re
import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.models import User

PASSWORD = "Northshire-demo-2026"


def add_authenticator(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def code_for(device: TOTPDevice) -> str:
    """The code the app shows now; the next one if now's was used already (a TOTP code
    is accepted once, and the device allows one step of drift)."""
    device.refresh_from_db()
    clock = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if device.last_t >= clock.t() + 1:  # now's and the next code both used: wait a step
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.1)
    if device.last_t >= clock.t():
        clock.drift += 1
    return f"{clock.token():0{device.digits}d}"


def code_for_secret(secret_text: str) -> str:
    """The current code for a set-up key as shown on the page (groups of 4, base32)."""
    import base64

    key = base64.b32decode(secret_text.replace(" ", ""))
    return f"{totp(key):06d}"


def secret_on(page_html: str) -> str:
    return re.search(r'data-testid="secret">([A-Z2-7 ]+)<', page_html).group(1)


def sign_in_password(client, user: User, password: str = PASSWORD):
    return client.post("/sign-in/", {"username": user.email, "password": password})


def sign_in_verified(client, user: User):
    """force_login plus a second factor given in the session (enforcement on)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or add_authenticator(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
