from django.urls import path

from . import views

app_name = "twofactor"

urlpatterns = [
    path("sign-in/code/", views.verify, name="verify"),
    path("account/security/", views.security, name="security"),
    path("account/security/set-up/", views.set_up, name="set_up"),
    path("account/security/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("account/security/recovery-codes/new/", views.regenerate, name="regenerate"),
    path("account/security/turn-off/", views.turn_off, name="turn_off"),
    path(
        "agency/people/<uuid:membership_id>/reset-two-factor/",
        views.reset_person,
        name="reset_person",
    ),
    path("agency/sign-in-rule/", views.agency_policy, name="agency"),
]
