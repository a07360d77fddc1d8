"""Sign-in with a second factor: the password step, the code step, setting up an
authenticator app, recovery codes, and the agency's rule. See docs/sign-in.md."""

import base64
import secrets
import time
from urllib.parse import urlencode

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies import selectors
from agencies.auth_forms import ResetRequestForm, SignInForm
from agencies.models import Role
from audit import selectors as audit_selectors

from . import changes, policy, ratelimit
from .forms import AgencySignInPolicyForm, ConfirmForm, ResetForm, SetUpForm, VerifyForm
from .models import AgencySignInPolicy

PENDING_USER_KEY = "two_factor_pending_user"
PENDING_AT_KEY = "two_factor_pending_at"
PENDING_BACKEND_KEY = "two_factor_pending_backend"
PENDING_NEXT_KEY = "two_factor_pending_next"
NEW_CODES_KEY = "two_factor_new_recovery_codes"
PENDING_SECONDS = 5 * 60
RECOVERY_CODE_COUNT = 10
WRONG_CODE = (
    "The code is not right. Enter the code your authenticator app shows now, "
    "or a recovery code you have not used before"
)


def _too_many(request: HttpRequest, scope: str) -> HttpResponse:
    rule = ratelimit.limit_for(scope)
    response = render(
        request, "registration/rate_limited.html", {"minutes": rule.minutes}, status=429
    )
    response["Retry-After"] = str(rule.window_seconds)
    return response


def _locked(request: HttpRequest) -> HttpResponse:
    rule = ratelimit.limit_for("two_factor_account")
    return render(request, "twofactor/locked.html", {"minutes": rule.minutes}, status=429)


def _count_wrong_code(user) -> bool:
    """Count one wrong code for the account; True once its codes are used up (the 5th)."""
    ratelimit.hit("two_factor_account", str(user.pk))
    return ratelimit.is_over("two_factor_account", str(user.pk))


def _posted(request: HttpRequest):
    """The form data on POST (even an empty one, so a blank form shows its errors)."""
    return request.POST if request.method == "POST" else None


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


# --- Password step ---------------------------------------------------------------------


class SignInView(auth_views.LoginView):
    """The password step. A person with a second factor is not signed in yet: the
    session only remembers, for 5 minutes, whose password was right."""

    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if ratelimit.hit("sign_in_address", ratelimit.client_address(request)):
            return _too_many(request, "sign_in_address")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.get_user()
        if policy.enforced() and policy.has_second_factor(user):
            session = self.request.session
            session.cycle_key()
            session[PENDING_USER_KEY] = str(user.pk)
            session[PENDING_AT_KEY] = int(time.time())
            session[PENDING_BACKEND_KEY] = user.backend
            session[PENDING_NEXT_KEY] = self.get_success_url()
            return redirect("twofactor:verify")
        return super().form_valid(form)


class ResetRequestView(auth_views.PasswordResetView):
    """Asking for a reset link: limited per address and per email address asked for."""

    form_class = ResetRequestForm

    def post(self, request, *args, **kwargs):
        if ratelimit.hit("reset_address", ratelimit.client_address(request)):
            return _too_many(request, "reset_address")
        email = (request.POST.get("email") or "").strip().lower()
        if email and ratelimit.hit("reset_account", email):
            return _too_many(request, "reset_account")
        return super().post(request, *args, **kwargs)


# --- Code step -------------------------------------------------------------------------


def _pending_user(request: HttpRequest):
    session = request.session
    user_id, started = session.get(PENDING_USER_KEY), session.get(PENDING_AT_KEY, 0)
    if not user_id or time.time() - started > PENDING_SECONDS:
        return None
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


def _clear_pending(request: HttpRequest) -> None:
    for key in (PENDING_USER_KEY, PENDING_AT_KEY, PENDING_BACKEND_KEY, PENDING_NEXT_KEY):
        request.session.pop(key, None)


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@never_cache
def verify(request: HttpRequest) -> HttpResponse:
    """Ask for the code from the app (or a recovery code) after the password."""
    signed_in = request.user.is_authenticated
    user = request.user if signed_in else _pending_user(request)
    if user is None:
        _clear_pending(request)
        return redirect(settings.LOGIN_URL)
    if signed_in and request.user.is_verified():
        return redirect(_safe_next(request, request.GET.get("next")))
    if ratelimit.is_over("two_factor_account", str(user.pk)):
        _clear_pending(request)
        return _locked(request)

    form = VerifyForm(_posted(request))
    if request.method == "POST":
        if ratelimit.hit("two_factor_address", ratelimit.client_address(request)):
            return _too_many(request, "two_factor_address")
        device = None
        if form.is_valid():
            device = django_otp.match_token(user, form.cleaned_data["code"])
        if device is not None:
            ratelimit.reset("two_factor_account", str(user.pk))
            if signed_in:
                next_url = _safe_next(request, request.GET.get("next"))
                request.session.cycle_key()
            else:
                next_url = _safe_next(request, request.session.get(PENDING_NEXT_KEY))
                backend = request.session.get(PENDING_BACKEND_KEY)
                _clear_pending(request)
                auth_login(request, user, backend=backend)
            django_otp.login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    f"You used a recovery code. You have {left} left: "
                    "make new ones on your sign-in security page if you are running low.",
                )
            return redirect(next_url)
        if form.is_valid():
            form.add_error("code", WRONG_CODE)
            if _count_wrong_code(user):
                _clear_pending(request)
                return _locked(request)
        form.forget_code()
    return _no_store(render(request, "twofactor/verify.html", {"form": form}))


# --- Setting up, recovery codes, turning off ------------------------------------------


def _qr_data_uri(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


def _secret_text(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def new_recovery_codes(user) -> list[str]:
    """Replace the person's recovery codes with 10 new single-use ones; returns them
    for showing once (only their stored form is kept: each is deleted when used)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=policy.RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:5]}-{code[5:]}" for code in codes]


@login_required
@never_cache
def set_up(request: HttpRequest) -> HttpResponse:
    user = request.user
    if policy.has_second_factor(user):
        messages.info(request, "You already sign in with an authenticator app.")
        return redirect("twofactor:security")
    if ratelimit.is_over("two_factor_account", str(user.pk)):
        return _locked(request)
    device = TOTPDevice.objects.filter(
        user=user, confirmed=False
    ).first() or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = SetUpForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            request.session[NEW_CODES_KEY] = new_recovery_codes(user)
            ratelimit.reset("two_factor_account", str(user.pk))
            request.session.cycle_key()
            django_otp.login(request, device)
            changes.log_change(request, person=user, change=changes.Change.SET_UP)
            messages.success(request, "Two-factor sign-in is on.")
            return redirect("twofactor:recovery_codes")
        form.add_error("code", WRONG_CODE.split(", or")[0])
        if _count_wrong_code(user):
            return _locked(request)
    if form.errors:
        form.forget_code()
    context = {
        "form": form,
        "secret": _secret_text(device),
        "qr_code": _qr_data_uri(device),
        "required": policy.is_required(user, request.memberships, request.partnership_memberships),
    }
    return _no_store(render(request, "twofactor/set_up.html", context))


@login_required
@never_cache
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The new recovery codes, shown once: the page cannot be shown again."""
    codes = request.session.pop(NEW_CODES_KEY, None)
    if not codes:
        return redirect("twofactor:security")
    return _no_store(render(request, "twofactor/recovery_codes.html", {"codes": codes}))


@login_required
@never_cache
def security(request: HttpRequest) -> HttpResponse:
    """The person's own sign-in security: nobody else's can be shown here."""
    user = request.user
    context = {
        "device": policy.authenticator_of(user),
        "codes_left": policy.recovery_codes_left(user),
        "required": policy.is_required(user, request.memberships, request.partnership_memberships),
        "changes": audit_selectors.two_factor_changes_about(user)[:10],
    }
    return render(request, "twofactor/security.html", context)


@login_required
@never_cache
def regenerate(request: HttpRequest) -> HttpResponse:
    if not policy.has_second_factor(request.user):
        return redirect("twofactor:security")
    form = ConfirmForm(_posted(request), submit_label="Make new recovery codes")
    if request.method == "POST" and form.is_valid():
        request.session[NEW_CODES_KEY] = new_recovery_codes(request.user)
        changes.log_change(request, person=request.user, change=changes.Change.NEW_RECOVERY_CODES)
        messages.success(request, "Your old recovery codes no longer work.")
        return redirect("twofactor:recovery_codes")
    context = {
        "form": form,
        "heading": "Make new recovery codes",
        "lead": "Your 10 new codes replace all your old ones, used or not.",
    }
    return render(request, "twofactor/confirm.html", context)


@login_required
@never_cache
def turn_off(request: HttpRequest) -> HttpResponse:
    user = request.user
    if policy.is_required(user, request.memberships, request.partnership_memberships):
        raise PermissionDenied("Two-factor sign-in is required for you.")
    if not policy.has_second_factor(user):
        return redirect("twofactor:security")
    form = ConfirmForm(_posted(request), submit_label="Turn off two-factor sign-in")
    if request.method == "POST" and form.is_valid():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
        changes.log_change(request, person=user, change=changes.Change.TURNED_OFF)
        messages.success(request, "Two-factor sign-in is off. You sign in with your password.")
        return redirect("twofactor:security")
    context = {
        "form": form,
        "heading": "Turn off two-factor sign-in",
        "lead": "You will sign in with your password only. Your recovery codes stop working.",
    }
    return render(request, "twofactor/confirm.html", context)


# --- The agency's rule -----------------------------------------------------------------


@login_required
def agency_policy(request: HttpRequest) -> HttpResponse:
    admin = selectors.require_agency_role(request.membership, Role.AGENCY_ADMIN)
    current = AgencySignInPolicy.objects.filter(agency=admin.agency).first()
    everyone = bool(current and current.two_factor_for_everyone)
    initial = {"two_factor_for_everyone": "yes" if everyone else "no"}
    form = AgencySignInPolicyForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        AgencySignInPolicy.objects.update_or_create(
            agency=admin.agency,
            defaults={
                "two_factor_for_everyone": form.cleaned_data["two_factor_for_everyone"],
                "updated_by": request.user,
            },
        )
        messages.success(request, "The sign-in rule was saved.")
        return redirect("twofactor:agency")
    context = {"form": form, "agency": admin.agency, "current": current}
    return render(request, "twofactor/agency.html", context)


@login_required
@never_cache
def reset_person(request: HttpRequest, membership_id) -> HttpResponse:
    """An agency admin resets the two-factor sign-in of a person of their agency who lost
    their authenticator app: their apps and recovery codes are removed and they set it up
    again. Not for the admin themselves (another admin, or their recovery codes)."""
    person = selectors.get_person_for_admin(request.membership, membership_id)
    if person.user_id == request.user.pk:
        raise PermissionDenied("Another admin of your agency must reset your sign-in.")
    has_app = policy.has_second_factor(person.user)
    codes_left = policy.recovery_codes_left(person.user)
    form = ResetForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        changes.reset_second_factor(request, person=person.user, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            f"Two-factor sign-in of {person.user.full_name} was reset. "
            "They set it up again when they next sign in.",
        )
        return redirect("agencies:person_edit", membership_id=person.pk)
    context = {
        "form": form,
        "person": person,
        "has_app": has_app,
        "codes_left": codes_left,
        "required": policy.is_required(person.user),
    }
    return render(request, "twofactor/reset_person.html", context)


def verify_url(next_path: str) -> str:
    return f"{reverse('twofactor:verify')}?{urlencode({'next': next_path})}"
