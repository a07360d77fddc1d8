"""Nothing but the second-factor pages until a person who needs one has given it.

Runs after django_otp's OTPMiddleware (request.user.is_verified()) and the membership
middleware (request.memberships). A signed-in person who has an authenticator app but
has not given a code this session is sent to the code page; one whose role or agency
requires two-factor sign-in and who has no app yet is sent to set one up. Sign-out,
the set-up and code pages, static files and the health check stay reachable.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from . import policy
from .views import verify_url

OPEN_VIEWS = {
    "logout",
    "healthz",
    "twofactor:verify",
    "twofactor:set_up",
    "twofactor:recovery_codes",
}


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # True while the person may only give or set up a second factor: the base
        # template then leaves out the menu and the links they cannot follow yet.
        request.two_factor_pending = False
        user = request.user
        if policy.enforced() and user.is_authenticated and not user.is_verified():
            if policy.has_second_factor(user):
                request.two_factor_pending = True
                if not self._is_open(request.path_info):
                    return redirect(verify_url(request.get_full_path()))
            elif policy.is_required(user, request.memberships, request.partnership_memberships):
                request.two_factor_pending = True
                if not self._is_open(request.path_info):
                    return redirect("twofactor:set_up")
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        if path.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(path)
        except Resolver404:
            return False
        return match.view_name in OPEN_VIEWS
