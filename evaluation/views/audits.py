"""The record-quality audit: the lead samples signed records and scores them; each
supervisor reads the comments on their own records."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .. import record_source, selectors, services
from ..forms import AuditForm, AuditItemForm
from ..models import CHECKLIST_FIELDS
from ._common import add_errors


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    audits = selectors.audits_for_lead(request.membership)
    return render(request, "evaluation/audit_list.html", {"audits": audits})


@login_required
def audit_add(request: HttpRequest) -> HttpResponse:
    lead = selectors.require_lead(request.membership)
    form = AuditForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            audit = services.sample_signed_records(
                agency=lead.agency,
                drawn_by=request.user,
                period_start=data["period_start"],
                period_end=data["period_end"],
                sample_size=data["sample_size"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"{audit.items.count()} records were sampled.")
            return redirect("evaluation:audit", audit.id)
    return render(request, "evaluation/audit_form.html", {"form": form})


@login_required
def audit_detail(request: HttpRequest, audit_id) -> HttpResponse:
    audit = selectors.get_audit_for_lead(request.membership, audit_id)
    return render(
        request,
        "evaluation/audit_detail.html",
        {"audit": audit, "items": selectors.items_of_audit(audit)},
    )


@login_required
def audit_item(request: HttpRequest, item_id) -> HttpResponse:
    item = selectors.get_audit_item_for_lead(request.membership, item_id)
    initial = {name: getattr(item, name) for name in CHECKLIST_FIELDS}
    initial["comment_to_supervisor"] = item.comment_to_supervisor
    form = AuditItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.score_audit_item(
                item=item,
                scored_by=request.user,
                scores={name: data[name] for name in CHECKLIST_FIELDS},
                comment=data["comment_to_supervisor"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Scores saved. The supervisor can read your comment.")
            return redirect("evaluation:audit", item.audit_id)
    return render(
        request,
        "evaluation/audit_item.html",
        {
            "form": form,
            "item": item,
            "audit_access_url": record_source.audit_access_url(item.record_id),
        },
    )


@login_required
def audit_feedback(request: HttpRequest) -> HttpResponse:
    items = selectors.audit_feedback_for_supervisor(request.membership)
    return render(request, "evaluation/audit_feedback.html", {"items": items})
