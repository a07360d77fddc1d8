"""Alerts raised by the cadence rules, and each person's email setting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from agencies.models import Role

from . import selectors, services
from .models import NotificationPreference
from .planning_forms import NotificationSettingsForm


@login_required
def alert_list(request: HttpRequest) -> HttpResponse:
    """What the person must act on, and what concerns them that others act on."""
    membership = request.membership
    is_lead = membership is not None and membership.has_role(Role.SAFEGUARDING_LEAD)
    act_on = selectors.alerts_to_act_on(request.user, membership)
    return render(
        request,
        "supervision/alert_list.html",
        {
            "act_on": act_on,
            "about": selectors.alerts_about(request.user, membership),
            "lead_counts": selectors.open_alert_counts(membership) if is_lead else None,
            "is_lead": is_lead,
        },
    )


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    """A person's own setting: daily digest email on or off."""
    current = NotificationPreference.objects.filter(user=request.user).first()
    enabled = current.email_digest if current else True
    form = NotificationSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"email_digest": "yes" if enabled else "no"},
    )
    if request.method == "POST" and form.is_valid():
        services.set_email_digest(user=request.user, enabled=form.cleaned_data["email_digest"])
        messages.success(request, "Your email settings were saved.")
        return redirect("supervision:notification_settings")
    return render(
        request,
        "supervision/notification_settings.html",
        {"form": form, "heading": "Email settings", "enabled": enabled},
    )
