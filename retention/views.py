"""Retention pages: the agency's setting, deletion log and legal holds, and a person's own
records."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from config.pdf import pdf_response, render_pdf

from . import selectors, services, subject_access
from .forms import LegalHoldForm, LiftHoldForm, RetentionForm
from .models import DEFAULT_RETENTION_YEARS

access_log = logging.getLogger("spr.access")


@login_required
def retention(request: HttpRequest) -> HttpResponse:
    """How long the agency keeps records, and what the nightly job deleted (admins and
    safeguarding leads)."""
    reader = selectors.require_log_reader(request.membership)
    return render(
        request,
        "retention/retention.html",
        {
            "agency": reader.agency,
            "years": selectors.retention_years_for(reader),
            "default_years": DEFAULT_RETENTION_YEARS,
            "can_edit": reader.has_role("agency_admin"),
            "runs": selectors.recent_runs(reader),
            "holds": selectors.holds_of_agency(reader),
            "can_hold": reader.has_role("safeguarding_lead"),
        },
    )


@login_required
def retention_edit(request: HttpRequest) -> HttpResponse:
    admin = selectors.require_retention_editor(request.membership)
    form = RetentionForm(
        request.POST or None,
        initial={"years_after_end": selectors.retention_years_for(admin)},
    )
    if request.method == "POST" and form.is_valid():
        services.set_retention_years(
            agency=admin.agency, years=form.cleaned_data["years_after_end"], updated_by=request.user
        )
        messages.success(request, "The retention period was saved.")
        return redirect("retention:retention")
    return render(request, "retention/retention_form.html", {"form": form, "agency": admin.agency})


@login_required
def hold_place(request: HttpRequest) -> HttpResponse:
    """The safeguarding lead keeps one of the agency's agreements or cases past its date."""
    lead = selectors.require_hold_manager(request.membership)
    form = LegalHoldForm(request.POST or None, choices=selectors.holdable_choices(lead))
    if request.method == "POST" and form.is_valid():
        kind, object_id = form.held_kind_and_id
        services.place_legal_hold(
            agency=lead.agency,
            kind=kind,
            object_id=object_id,
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        messages.success(request, "The legal hold was placed. It is kept until you lift it.")
        return redirect("retention:retention")
    return render(request, "retention/hold_form.html", {"form": form, "agency": lead.agency})


@login_required
def hold_lift(request: HttpRequest, hold_id) -> HttpResponse:
    hold = selectors.open_hold(request.membership, hold_id)
    hold.held_label = next(
        h.held_label for h in selectors.holds_of_agency(request.membership) if h.pk == hold.pk
    )
    form = LiftHoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.lift_legal_hold(hold=hold, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, "The legal hold was lifted.")
        return redirect("retention:retention")
    return render(
        request,
        "retention/hold_lift.html",
        {"form": form, "hold": hold, "agency": request.membership.agency},
    )


@login_required
def my_records(request: HttpRequest) -> HttpResponse:
    """What a person's own-records download holds, and the button to get it."""
    counts = subject_access.counts_for(request.user)
    return render(request, "retention/my_records.html", {"counts": counts})


@login_required
def my_records_pdf(request: HttpRequest) -> HttpResponse:
    """The person's own records as one PDF (subject access), logged as an export."""
    data = subject_access.gather(request.user)
    pdf = render_pdf(
        "retention/my_records_pdf.html",
        {"data": data},
        request=request,
        title=f"Records about {request.user.get_full_name()}",
    )
    export = subject_access.log_export(data=data)
    access_log.info(
        "subject access export",
        extra={"user_id": str(request.user.pk), "export_id": str(export.pk), **data.counts},
    )
    day = timezone.localdate().isoformat()
    return pdf_response(pdf, filename=f"my-supervision-records-{day}.pdf")
