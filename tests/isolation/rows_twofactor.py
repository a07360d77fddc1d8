"""Isolation rows for the sign-in security pages: each is the asking person's own (no id
in the URL), so another person, of the same agency or not, sees only their own."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AccessKind
from audit.services import log_access
from tests.isolation.matrix import Row
from twofactor.models import AgencySignInPolicy
from twofactor.views import _secret_text

RESET_REASON = "Isolation reset reason: lost phone of the A practitioner"


def extend_world(world):
    world.objects["A.twofactor_app"] = TOTPDevice.objects.create(
        user=world.people["A.practitioner"], name="Authenticator app", confirmed=True
    )
    world.objects["A.twofactor_unconfirmed_app"] = TOTPDevice.objects.create(
        user=world.people["A.supervisor"], name="Authenticator app", confirmed=False
    )
    log_access(
        user=world.people["A.admin"],
        kind=AccessKind.TWO_FACTOR,
        label="Reset the two-factor sign-in of a practitioner (lost authenticator)",
        agency_id=world.agencies["A"].pk,
        obj=world.people["A.practitioner"],
        subjects=[world.people["A.practitioner"]],
        reason=RESET_REASON,
        detail="reset_by_admin",
    )
    AgencySignInPolicy.objects.create(
        agency=world.agencies["A"],
        two_factor_for_everyone=True,
        updated_by=world.people["A.admin"],
    )


ROWS = [
    Row(
        "sign-in security",
        url=lambda w: "/account/security/",
        owner="A.practitioner",
        wrong_role=None,
        outsiders=("A.lead", "A.supervisor", "B.admin", "C.admin", "P1.board"),
        marker=lambda w: w.people["A.practitioner"].full_name,
    ),
    Row(
        "set up two-factor sign-in",
        url=lambda w: "/account/security/set-up/",
        owner="A.supervisor",
        wrong_role=None,
        outsiders=("A.lead", "A.admin", "B.admin", "C.admin", "P1.board"),
        marker=lambda w: _secret_text(w.objects["A.twofactor_unconfirmed_app"]),
    ),
    Row(
        "agency sign-in rule",
        url=lambda w: "/agency/sign-in-rule/",
        owner="A.admin",
        wrong_role="A.lead",
        outsiders=("B.admin", "C.admin", "P1.board", "P1.admin"),
        marker=lambda w: w.people["A.admin"].full_name,
    ),
    Row(
        "two-factor changes on the sign-in security page",
        url=lambda w: "/account/security/",
        owner="A.practitioner",
        wrong_role=None,
        outsiders=("A.lead", "A.admin", "A.supervisor", "B.admin", "C.admin", "P1.board"),
        marker=lambda w: RESET_REASON,
    ),
    Row(
        "reset a person's two-factor sign-in",
        url=lambda w: f"/agency/people/{w.membership('A.practitioner').pk}/reset-two-factor/",
        owner="A.admin",
        wrong_role="A.lead",
        outsiders=("B.admin", "C.admin", "P1.admin", "P1.board"),
    ),
]
