"""The demo seed gives the people who need two-factor sign-in the published demo key."""

import base64

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies import demo
from twofactor import demo as twofactor_demo


@pytest.mark.two_factor
def test_demo_people_who_need_it_get_the_published_key_once(client, db):
    world = demo.seed()
    twofactor_demo.seed(world)
    twofactor_demo.seed(world)  # idempotent, like the rest of seed_demo
    with_app = set(TOTPDevice.objects.filter(confirmed=True).values_list("user__email", flat=True))
    assert {
        "lena.fischer@council.example",
        "adam.price@council.example",
        "bola.adeyemi@northshire.example",
        "pat.morgan@northshire.example",
        "grace.hill@nhs.example",
    } <= with_app
    assert "priya.shah@council.example" not in with_app
    assert "sam.okafor@council.example" not in with_app
    assert TOTPDevice.objects.filter(user__email="lena.fischer@council.example").count() == 1

    # Signing in with a code from an app set up with the key printed in the README.
    key = bytes.fromhex(twofactor_demo.DEMO_TOTP_KEY)
    assert key == base64.b32decode("SPRDEMOSPRDEMOSPRDEMOSPRDEMOSPRD")
    client.post(
        "/sign-in/",
        {"username": "lena.fischer@council.example", "password": "Northshire-demo-2026"},
    )
    response = client.post("/sign-in/code/", {"code": f"{totp(key):06d}"})
    assert response["Location"] == "/"
