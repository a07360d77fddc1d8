"""Per-request context: who is asking, in which agency, and for how long they stay signed in."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect

from .selectors import memberships_of, partnership_memberships_of

SESSION_MEMBERSHIP_KEY = "current_membership_id"
SESSION_SIGNED_IN_AT_KEY = "signed_in_at"


class AbsoluteSessionTimeoutMiddleware:
    """Ends a session 12 hours after sign-in, however active (ASVS 3.3.2).

    The idle timeout (30 minutes) is Django's own SESSION_COOKIE_AGE with
    SESSION_SAVE_EVERY_REQUEST.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            signed_in_at = request.session.setdefault(SESSION_SIGNED_IN_AT_KEY, now)
            if now - signed_in_at > settings.SESSION_ABSOLUTE_AGE:
                logout(request)
                messages.info(request, "You have been signed out. Sign in again to continue.")
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


class CurrentMembershipMiddleware:
    """Sets request.memberships, request.membership (the agency being worked in) and
    request.partnership_membership. A person in several agencies picks one at a time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.memberships = []
        request.membership = None
        request.partnership_memberships = []
        request.partnership_membership = None
        if request.user.is_authenticated:
            request.memberships = list(memberships_of(request.user))
            chosen = request.session.get(SESSION_MEMBERSHIP_KEY)
            request.membership = next(
                (m for m in request.memberships if str(m.id) == chosen),
                request.memberships[0] if request.memberships else None,
            )
            request.partnership_memberships = list(partnership_memberships_of(request.user))
            if request.partnership_memberships:
                request.partnership_membership = request.partnership_memberships[0]
        return self.get_response(request)
