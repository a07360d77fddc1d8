"""Sign-off: the supervisor (or facilitator) signs, then the supervisee (or each attendee)
signs or records disagreement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from .. import selectors, services
from ..forms import CountersignForm


def _posted_version(request: HttpRequest) -> int:
    """The version the page was opened at; -1 (a conflict) when missing or not a number."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


@never_cache
@login_required
def sign(request: HttpRequest, record_id) -> HttpResponse:
    access = selectors.get_record_for(request.user, request.membership, record_id)
    if not access.is_supervisor:
        raise PermissionDenied("Only the supervisor signs first.")
    record = access.record
    if not record.is_draft:
        messages.info(request, "You have already signed this record.")
        return redirect("recording:detail", record_id=record.id)
    error = ""
    if request.method == "POST":
        try:
            services.sign_as_supervisor(
                record=record, by=request.user, version=_posted_version(request)
            )
        except services.DraftConflict:
            error = "The record changed after you opened this page. Check it again, then sign."
            record.refresh_from_db()
        except ValidationError as exc:
            error = " ".join(exc.messages)
            record.refresh_from_db()
        else:
            who = "Each attendee" if record.is_group_kind else record.supervisee.full_name
            messages.success(request, f"You signed the record. {who} can now sign it.")
            return redirect("recording:detail", record_id=record.id)
    return render(
        request,
        "recording/sign.html",
        {
            "record": record,
            "problems": services.sign_off_problems(record),
            "error": error,
            **selectors.oversight_parts(record),
        },
    )


@never_cache
@login_required
def countersign(request: HttpRequest, record_id) -> HttpResponse:
    access = selectors.get_record_for(request.user, request.membership, record_id)
    record = access.record
    if not (access.is_attendee if record.is_group_kind else access.is_supervisee):
        raise PermissionDenied("Only the supervisee or the attendees countersign.")
    if not access.can_countersign:
        messages.info(request, "This record is not waiting for your signature.")
        return redirect("recording:detail", record_id=record.id)
    form = CountersignForm(
        request.POST or None,
        shown_to="the facilitator and the other attendees"
        if record.is_group_kind
        else "your supervisor",
    )
    if request.method == "POST" and form.is_valid():
        sign = services.sign_as_attendee if record.is_group_kind else services.countersign
        try:
            signed = sign(
                record=record,
                by=request.user,
                agrees=form.cleaned_data["agrees"] == "yes",
                disagreement=form.cleaned_data["disagreement"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if signed.is_locked:
                text = (
                    "You signed the record. It is now locked: add an addendum for any correction."
                )
            else:
                text = "You signed the record. It is locked once every attendee has signed."
            messages.success(request, text)
            return redirect("recording:detail", record_id=record.id)
    return render(request, "recording/countersign.html", {"record": record, "form": form})
