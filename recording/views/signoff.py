"""Sign-off: the supervisor signs, then the supervisee signs or records disagreement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from .. import selectors, services
from ..forms import CountersignForm


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
                record=record, by=request.user, version=int(request.POST.get("version") or -1)
            )
        except services.DraftConflict:
            error = "The record changed after you opened this page. Check it again, then sign."
            record.refresh_from_db()
        except ValidationError as exc:
            error = " ".join(exc.messages)
            record.refresh_from_db()
        else:
            messages.success(
                request,
                f"You signed the record. {record.supervisee.full_name} can now sign it.",
            )
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
    if not access.is_supervisee:
        raise PermissionDenied("Only the supervisee countersigns.")
    record = access.record
    if record.status != "awaiting_supervisee":
        messages.info(request, "This record is not waiting for your signature.")
        return redirect("recording:detail", record_id=record.id)
    form = CountersignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agrees = form.cleaned_data["agrees"] == "yes"
        try:
            services.countersign(
                record=record,
                by=request.user,
                agrees=agrees,
                disagreement=form.cleaned_data["disagreement"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                "You signed the record. It is now locked: add an addendum for any correction.",
            )
            return redirect("recording:detail", record_id=record.id)
    return render(request, "recording/countersign.html", {"record": record, "form": form})
