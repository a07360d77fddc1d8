"""Supervisor competence: training records with their expiry (seed 000 standard vii)."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from agencies.models import Role
from agencies.selectors import require_agency_role, standards_for

from .. import selectors, services
from ..forms import TrainingRecordForm
from ..models import competence_status
from ._common import add_errors

access_log = logging.getLogger("spr.access")


def _with_status(records):
    today = timezone.localdate()
    records = list(records)
    for record in records:
        record.status = competence_status(record.expires_on, today)
    return records


@login_required
def my_training(request: HttpRequest) -> HttpResponse:
    membership = require_agency_role(request.membership, Role.SUPERVISOR)
    return render(
        request,
        "contracts/training_mine.html",
        {
            "records": _with_status(selectors.training_records_of(request.user)),
            "competence": selectors.competence_of(request.user),
            "standards": standards_for(membership.agency),
            "agency": membership.agency,
        },
    )


@login_required
def training_add(request: HttpRequest) -> HttpResponse:
    """A supervisor records their own training; a safeguarding lead records anyone's."""
    membership = require_agency_role(request.membership, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD)
    is_lead = membership.has_role(Role.SAFEGUARDING_LEAD)
    supervisors = selectors.supervisors_of_agency(membership).filter(ended_on__isnull=True)
    initial = {}
    if is_lead and request.GET.get("supervisor"):
        initial["supervisor"] = request.GET["supervisor"]
    elif is_lead and membership.has_role(Role.SUPERVISOR):
        initial["supervisor"] = membership.pk
    form = TrainingRecordForm(
        request.POST or None,
        request.FILES or None,
        supervisors=supervisors if is_lead else None,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        supervisor = data["supervisor"].user if is_lead else request.user
        try:
            services.record_training(
                agency=membership.agency,
                supervisor=supervisor,
                recorded_by=request.user,
                course=data["course"],
                provider=data["provider"],
                completed_on=data["completed_on"],
                evidence=data.get("evidence"),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"The training record for {supervisor.full_name} was saved.")
            if supervisor.pk == request.user.pk and membership.has_role(Role.SUPERVISOR):
                return redirect("contracts:training")
            return redirect("contracts:agency_training")
    return render(
        request,
        "contracts/training_form.html",
        {"form": form, "agency": membership.agency, "is_lead": is_lead},
    )


@login_required
def agency_training(request: HttpRequest) -> HttpResponse:
    lead = require_agency_role(request.membership, Role.SAFEGUARDING_LEAD)
    supervisors = selectors.supervisors_with_competence(lead)
    return render(
        request,
        "contracts/training_agency.html",
        {
            "agency": lead.agency,
            "supervisors": supervisors,
            "standards": standards_for(lead.agency),
        },
    )


@login_required
def supervisor_training(request: HttpRequest, membership_id) -> HttpResponse:
    person, records = selectors.training_records_for_lead(request.membership, membership_id)
    return render(
        request,
        "contracts/training_supervisor.html",
        {
            "person": person,
            "records": _with_status(records),
            "competence": selectors.competence_of(person.user),
        },
    )


@login_required
def evidence(request: HttpRequest, record_id) -> FileResponse:
    """The evidence file, for the supervisor it belongs to and the agency's lead only."""
    record = selectors.get_training_record_for(request.user, record_id)
    if not record.evidence:
        raise Http404
    access_log.info(
        "training evidence read",
        extra={"user_id": str(request.user.pk), "record": str(record.pk)},
    )
    response = FileResponse(
        record.evidence.open("rb"),
        as_attachment=True,
        filename=record.evidence_filename,
        content_type=record.evidence_content_type,
    )
    response["Cache-Control"] = "no-store"
    return response
