"""Space to Think pages: the participants' session page with its shared timer, the forms
around it, and the safeguarding lead's view of their staff's participation."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .. import selectors, services, stages
from ..forms import (
    FeedbackForm,
    InviteForm,
    PresenterNotesForm,
    RequestSessionForm,
    RolesForm,
    ThemesForm,
)
from ..models import ParticipantRole, SessionStatus

# How often a participant's page asks the server where the session is (seconds).
DEFAULT_POLL_SECONDS = 5
FRAGMENT_HEADER = "X-SPR-Fragment"


def _session_url(session, anchor: str = "") -> str:
    url = reverse("reflection:session", args=[session.id])
    return f"{url}#{anchor}" if anchor else url


@never_cache
@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    selectors.require_works_with_children(request.membership)
    return render(
        request,
        "reflection/space_to_think/list.html",
        {"sessions": selectors.sessions_of(request.user)},
    )


@never_cache
@login_required
def session_request(request: HttpRequest) -> HttpResponse:
    membership = selectors.require_works_with_children(request.membership)
    form = RequestSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session = services.request_session(
            membership=membership,
            topic=data["topic"],
            scheduled_for=data["scheduled_for"],
            mode=data["mode"],
            venue=data["venue"],
            role=data["role"],
        )
        messages.success(request, "Your Space to Think session was requested. Invite the others.")
        return redirect("reflection:invite", session_id=session.id)
    return render(request, "reflection/space_to_think/request.html", {"form": form})


def _names(participants, roles) -> list[str]:
    return [p.user.full_name for p in participants if p.role in roles]


def _timer_context(request, session, participants, me) -> dict:
    """What the timer panel shows: the same for every participant, plus the controls for
    the Facilitator. Times come from the server; the script only counts down between."""
    now = timezone.now()
    stage = session.stage
    speaking, listening = [], []
    if stage is not None:
        speaking = _names(participants, stage.speakers)
        listening = [
            p.user.full_name
            for p in participants
            if p.role not in stage.speakers and p.role != ParticipantRole.FACILITATOR
        ]
    rows = []
    for s in stages.STAGES:
        if session.status == SessionStatus.FINISHED or s.number < session.current_stage:
            state = "done"
        elif s.number == session.current_stage:
            state = "now"
        else:
            state = "to do"
        spent = (
            session.stage_seconds[s.number - 1] if s.number <= len(session.stage_seconds) else None
        )
        rows.append({"stage": s, "state": state, "spent": spent})
    remaining = session.remaining_seconds(now)
    return {
        "session": session,
        "stage": stage,
        "stage_rows": rows,
        "speaking": speaking,
        "listening": listening,
        "facilitator": next(iter(_names(participants, (ParticipantRole.FACILITATOR,))), None),
        "remaining": remaining,
        "remaining_abs": abs(remaining),
        "is_running": session.is_running,
        "can_run_timer": me.role == ParticipantRole.FACILITATOR,
        "is_last_stage": session.current_stage == stages.STAGE_COUNT,
        "poll_seconds": getattr(settings, "SPACE_TO_THINK_POLL_SECONDS", DEFAULT_POLL_SECONDS),
        "total_minutes": stages.TOTAL_MINUTES,
        "now": now,
    }


@never_cache
@login_required
def session_detail(request: HttpRequest, session_id) -> HttpResponse:
    session = selectors.get_session_for(request.user, session_id)
    participants = selectors.participants_of(session)
    me = selectors.participant_for(request.user, participants)
    context = _timer_context(request, session, participants, me)
    context.update(
        {
            "participants": participants,
            "me": me,
            "can_manage": selectors.can_manage_session(request.user, session, participants),
            "questions": stages.REFLECTIVE_QUESTIONS,
            "questions_open": session.current_stage in stages.QUESTIONING_STAGES
            and session.status == SessionStatus.IN_PROGRESS,
            "published_themes": session.published_themes.all(),
            "feedback_count": selectors.feedback_count_of(session),
            "my_feedback": selectors.feedback_of(me),
        }
    )
    if me.role == ParticipantRole.CASE_PRESENTER:
        context["notes_form"] = PresenterNotesForm(initial=_notes_initial(session))
    if me.role == ParticipantRole.FACILITATOR and session.status == SessionStatus.FINISHED:
        context["themes_form"] = ThemesForm(initial={"text": session.themes_draft})
    return render(request, "reflection/space_to_think/detail.html", context)


@never_cache
@login_required
def timer(request: HttpRequest, session_id) -> HttpResponse:
    """GET: the timer panel alone, for the script that keeps every screen in step.
    POST: the Facilitator's start, pause, resume or next stage."""
    session = selectors.get_session_for(request.user, session_id)
    fragment = request.headers.get(FRAGMENT_HEADER) == "timer"
    error = ""
    if request.method == "POST":
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        try:
            session = services.control_timer(
                session=session,
                user=request.user,
                action=request.POST.get("action", ""),
                version=version,
            )
        except services.TimerConflict:
            error = "The timer had already moved on. This is where the session is now."
            session.refresh_from_db()
        except ValidationError as exc:
            error = " ".join(exc.messages)
        if not fragment:
            if error:
                messages.error(request, error)
            return redirect(_session_url(session, "timer"))
    participants = selectors.participants_of(session)
    me = selectors.participant_for(request.user, participants)
    context = _timer_context(request, session, participants, me)
    context["timer_error"] = error
    return render(request, "reflection/space_to_think/_timer.html", context)


@never_cache
@login_required
def invite(request: HttpRequest, session_id) -> HttpResponse:
    session = selectors.get_session_for(request.user, session_id)
    participants = selectors.participants_of(session)
    if not selectors.can_manage_session(request.user, session, participants):
        raise PermissionDenied("Only the organiser or the Facilitator invites people.")
    form = InviteForm(request.POST or None, partnership=session.partnership)
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.invite_participant(
                session=session, invited_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"{participant.user.full_name} ({participant.agency.name}) was invited as "
                f"{participant.get_role_display()}.",
            )
            return redirect("reflection:invite", session_id=session.id)
    return render(
        request,
        "reflection/space_to_think/invite.html",
        {"form": form, "session": session, "participants": participants},
    )


@never_cache
@login_required
def roles(request: HttpRequest, session_id) -> HttpResponse:
    session = selectors.get_session_for(request.user, session_id)
    participants = selectors.participants_of(session)
    if not selectors.can_manage_session(request.user, session, participants):
        raise PermissionDenied("Only the organiser or the Facilitator assigns roles.")
    form = RolesForm(request.POST or None, participants=participants)
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_roles(session=session, user=request.user, roles=form.roles())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Roles were saved.")
            return redirect(_session_url(session))
    return render(
        request, "reflection/space_to_think/roles.html", {"form": form, "session": session}
    )


def _notes_initial(session) -> dict:
    return {
        "presenter_notes": session.presenter_notes,
        "next_steps": session.next_steps,
        "child_record_note_made": session.child_record_note_confirmed_at is not None,
    }


@never_cache
@login_required
def presenter_notes(request: HttpRequest, session_id) -> HttpResponse:
    session = selectors.get_session_for(request.user, session_id)
    participants = selectors.participants_of(session)
    me = selectors.participant_for(request.user, participants)
    if me.role != ParticipantRole.CASE_PRESENTER:
        raise PermissionDenied("Only the Case Presenter writes the presenter's notes.")
    form = PresenterNotesForm(request.POST or None, initial=_notes_initial(session))
    if request.method == "POST" and form.is_valid():
        services.save_presenter_notes(session=session, user=request.user, **form.cleaned_data)
        messages.success(request, "Your notes were saved.")
        return redirect(_session_url(session, "notes"))
    return render(
        request, "reflection/space_to_think/notes.html", {"form": form, "session": session}
    )


@never_cache
@login_required
def themes(request: HttpRequest, session_id) -> HttpResponse:
    session = selectors.get_session_for(request.user, session_id)
    participants = selectors.participants_of(session)
    me = selectors.participant_for(request.user, participants)
    if me.role != ParticipantRole.FACILITATOR:
        raise PermissionDenied("Only the Facilitator publishes learning themes.")
    form = ThemesForm(request.POST or None, initial={"text": session.themes_draft})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "save_draft" in request.POST:
                services.save_themes_draft(session=session, user=request.user, text=data["text"])
                messages.success(request, "Your draft themes were saved. They are not published.")
            else:
                published = services.publish_themes(
                    session=session, user=request.user, text=data["text"], reviewed=data["reviewed"]
                )
                messages.success(
                    request, f"{len(published)} learning themes were published to the partnership."
                )
            return redirect(_session_url(session, "themes"))
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(
        request,
        "reflection/space_to_think/themes.html",
        {"form": form, "session": session, "published_themes": session.published_themes.all()},
    )


@never_cache
@login_required
def feedback(request: HttpRequest, session_id) -> HttpResponse:
    session = selectors.get_session_for(request.user, session_id)
    participants = selectors.participants_of(session)
    me = selectors.participant_for(request.user, participants)
    existing = selectors.feedback_of(me)
    initial = (
        {
            "rating": existing.rating,
            "strengths": existing.strengths,
            "improvements": existing.improvements,
        }
        if existing
        else {}
    )
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.give_feedback(session=session, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Thank you: your feedback on the model was sent.")
            return redirect(_session_url(session, "feedback"))
    return render(
        request,
        "reflection/space_to_think/feedback.html",
        {"form": form, "session": session, "is_finished": session.status == SessionStatus.FINISHED},
    )


@never_cache
@login_required
def participation(request: HttpRequest) -> HttpResponse:
    """For a safeguarding lead: that their staff took part, and when. Nothing else."""
    rows = selectors.staff_participation(request.membership)
    people = {row["user__full_name"] for row in rows}
    return render(
        request,
        "reflection/space_to_think/participation.html",
        {"rows": rows, "people_count": len(people), "agency": request.membership.agency},
    )
