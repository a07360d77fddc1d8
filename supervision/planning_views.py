"""Planned sessions: the upcoming list, scheduling, rescheduling, cancelling, .ics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from agencies.models import Role

from . import selectors, services
from .ics import session_calendar
from .planning_forms import CancelSessionForm, RescheduleSessionForm, ScheduleSessionForm


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    """Each person's upcoming sessions, as supervisor and as supervisee."""
    sessions = selectors.upcoming_sessions_of(request.user, request.membership, now=timezone.now())
    return render(
        request,
        "supervision/session_list.html",
        {
            "sessions": sessions,
            "can_schedule": request.membership.has_role(Role.SUPERVISOR),
        },
    )


@login_required
def session_schedule(request: HttpRequest) -> HttpResponse:
    supervisees = selectors.supervisees_to_schedule(request.user, request.membership)
    form = ScheduleSessionForm(
        request.POST if request.method == "POST" else None, supervisees=supervisees
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.schedule_session(
                supervisor=request.user,
                supervisee=data["supervisee"],
                agency=request.membership.agency,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                setting=data["setting"],
                location=data["location"],
                is_protected_time=data["is_protected_time"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"Session with {session.supervisee.full_name} scheduled for "
                f"{timezone.localtime(session.starts_at):%-d %B %Y at %H:%M}.",
            )
            return redirect("supervision:session_detail", session_id=session.id)
    return render(
        request,
        "supervision/session_form.html",
        {
            "form": form,
            "heading": "Schedule a supervision session",
            "has_supervisees": supervisees.exists(),
        },
    )


@login_required
def session_detail(request: HttpRequest, session_id) -> HttpResponse:
    session = selectors.get_planned_session_for(request.user, request.membership, session_id)
    return render(
        request,
        "supervision/session_detail.html",
        {
            "session": session,
            "changes": selectors.session_changes(session),
            "can_change": not session.is_cancelled and session.ends_at > timezone.now(),
            "other": session.supervisee
            if session.supervisor_id == request.user.id
            else session.supervisor,
        },
    )


@login_required
def session_reschedule(request: HttpRequest, session_id) -> HttpResponse:
    session = selectors.get_planned_session_for(request.user, request.membership, session_id)
    local = timezone.localtime(session.starts_at)
    initial = {
        "starts_on": local.date(),
        "start_time": local.time(),
        "duration_minutes": session.duration_minutes,
    }
    form = RescheduleSessionForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.reschedule_session(
                session=session,
                by=request.user,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"Session moved to {timezone.localtime(session.starts_at):%-d %B %Y at %H:%M}. "
                "Download the calendar entry again to update your calendar.",
            )
            return redirect("supervision:session_detail", session_id=session.id)
    return render(
        request,
        "supervision/session_form.html",
        {"form": form, "heading": "Move this session", "session": session},
    )


@login_required
def session_cancel(request: HttpRequest, session_id) -> HttpResponse:
    session = selectors.get_planned_session_for(request.user, request.membership, session_id)
    form = CancelSessionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_session(
                session=session, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "The session was cancelled.")
            return redirect("supervision:session_detail", session_id=session.id)
    return render(
        request,
        "supervision/session_form.html",
        {"form": form, "heading": "Cancel this session", "session": session},
    )


@never_cache
@login_required
def session_ics(request: HttpRequest, session_id) -> HttpResponse:
    session = selectors.get_planned_session_for(request.user, request.membership, session_id)
    url = request.build_absolute_uri(session_detail_url(session))
    response = HttpResponse(
        session_calendar(session, url=url, now=timezone.now()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="supervision-session.ics"'
    return response


def session_detail_url(session) -> str:
    return reverse("supervision:session_detail", kwargs={"session_id": session.id})
