"""One record: reading it, its PDF, addenda, audit access and risk exceptions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from agencies.selectors import require_agency_role
from audit.models import AccessKind

from .. import selectors, services
from ..forms import AddendumForm, AuditAccessForm, RiskExceptionForm
from ..models import AgreedAction, RecordStatus
from ..pdf import render_record_pdf


def _record_context(access: selectors.RecordAccess) -> dict:
    context = {
        "access": access,
        "record": access.record,
        "addenda": list(selectors.addenda_for(access)),
        **selectors.oversight_parts(access.record),
    }
    if access.can_see_reflective:
        context.update(selectors.reflective_parts(access))
    return context


@never_cache
@login_required
def detail(request: HttpRequest, record_id) -> HttpResponse:
    access = selectors.get_record_for(request.user, request.membership, record_id)
    reflective_by_lead = access.can_see_reflective and not access.is_party
    services.log_record_access(
        record=access.record,
        user=request.user,
        kind=AccessKind.VIEW_REFLECTIVE if reflective_by_lead else AccessKind.VIEW,
    )
    return render(request, "recording/detail.html", _record_context(access))


@never_cache
@login_required
def pdf(request: HttpRequest, record_id) -> HttpResponse:
    access = selectors.get_record_for(request.user, request.membership, record_id)
    reflective = access.can_see_reflective
    body, fetches = render_record_pdf(
        context=_record_context(access), generated_by=request.user, reflective=reflective
    )
    services.record_pdf_generated(record=access.record, user=request.user, reflective=reflective)
    for url in fetches.refused:
        services.log_record_access(
            record=access.record,
            user=request.user,
            kind=AccessKind.PDF_BLOCKED_FETCH,
            detail=url.split(":", 1)[0],
        )
    response = HttpResponse(body, content_type="application/pdf")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="supervision-record-{access.record.session_date}-{stamp}.pdf"'
    )
    return response


@never_cache
@login_required
def addendum(request: HttpRequest, record_id) -> HttpResponse:
    access = selectors.get_record_for(request.user, request.membership, record_id)
    if not access.is_party:
        raise PermissionDenied("Only the people in the session add addenda.")
    record = access.record
    if record.status != RecordStatus.SIGNED:
        messages.info(request, "Addenda are for signed records.")
        return redirect("recording:detail", record_id=record.id)
    form = AddendumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_addendum(record=record, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "The addendum was added to the record.")
            return redirect("recording:detail", record_id=record.id)
    return render(request, "recording/addendum.html", {"record": record, "form": form})


@never_cache
@login_required
def audit_access(request: HttpRequest, record_id) -> HttpResponse:
    access = selectors.get_record_for(request.user, request.membership, record_id)
    if access.is_party or not access.is_lead:
        raise PermissionDenied("Audit access is for the agency's safeguarding lead.")
    record = access.record
    if access.audit_access is not None:
        return redirect("recording:detail", record_id=record.id)
    form = AuditAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_audit_access(
                record=record, lead=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            parties = (
                "facilitator and the attendees"
                if record.is_group_kind
                else "supervisor and supervisee"
            )
            messages.success(
                request,
                f"Audit access opened for {services.AUDIT_ACCESS_MINUTES} minutes. The "
                f"{parties} can see your name, the time and your reason.",
            )
            return redirect("recording:detail", record_id=record.id)
    return render(request, "recording/audit_access.html", {"record": record, "form": form})


@never_cache
@login_required
def risk_exception(request: HttpRequest, record_id) -> HttpResponse:
    access = selectors.get_record_for(request.user, request.membership, record_id)
    if not access.is_party:
        raise PermissionDenied("Risk exceptions are raised by the people in the session.")
    record = access.record
    form = RiskExceptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.raise_risk_exception(record=record, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, "The risk exception was raised. The safeguarding lead can see it now."
            )
            return redirect("recording:detail", record_id=record.id)
    return render(request, "recording/risk_exception.html", {"record": record, "form": form})


@never_cache
@login_required
def escalations(request: HttpRequest) -> HttpResponse:
    items = selectors.escalations_for_lead(request.membership)
    return render(request, "recording/escalations.html", {"escalations": items})


@never_cache
@login_required
def acknowledge(request: HttpRequest, escalation_id) -> HttpResponse:
    escalation = selectors.get_escalation_for_lead(request.membership, escalation_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.acknowledge_escalation(escalation=escalation, by=request.user)
    messages.success(request, "The escalation is marked as seen.")
    return redirect("recording:escalations")


@never_cache
@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    membership = require_agency_role(request.membership, *selectors.RECORD_ROLES)
    actions: list[AgreedAction] = list(selectors.open_actions_of(request.user, membership))
    return render(request, "recording/my_actions.html", {"actions": actions})
