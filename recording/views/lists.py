"""Lists of records: my sessions, my supervisees' sessions, the agency's (lead), and a
case's discussion history with its RAG rating over time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from agencies.models import Role
from contracts.models import SupervisionForm
from supervision.selectors import get_case_for

from .. import selectors, services
from ..forms import NewRecordForm


@never_cache
@login_required
def my_sessions(request: HttpRequest) -> HttpResponse:
    records = selectors.my_sessions(request.user, request.membership)
    return render(
        request,
        "recording/record_list.html",
        {
            "records": records,
            "heading": "My supervision sessions",
            "show": "supervisor",
            "can_start_group": services.can_facilitate(request.membership, SupervisionForm.PEER)
            and not request.membership.has_role(Role.SUPERVISOR),
            "group_button": "Record a peer supervision session",
        },
    )


@never_cache
@login_required
def supervisees_sessions(request: HttpRequest) -> HttpResponse:
    records = selectors.supervisees_sessions(request.user, request.membership)
    return render(
        request,
        "recording/record_list.html",
        {
            "records": records,
            "heading": "My supervisees' sessions",
            "show": "supervisee",
            "can_start": True,
            "can_start_group": True,
            "group_button": "Record a group or peer session",
        },
    )


@never_cache
@login_required
def agency_sessions(request: HttpRequest) -> HttpResponse:
    records = selectors.agency_sessions(request.membership)
    return render(
        request,
        "recording/record_list.html",
        {
            "records": records,
            "heading": f"Supervision records in {request.membership.agency.name}",
            "show": "both",
            "oversight_note": True,
        },
    )


@never_cache
@login_required
def new_record(request: HttpRequest) -> HttpResponse:
    supervisees = list(selectors.supervisees_to_record(request.user, request.membership))
    form = NewRecordForm(request.POST or None, supervisees=supervisees)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.start_record(
                supervisor=request.user,
                supervisee_membership=form.cleaned_data["supervisee"],
                session_date=form.cleaned_data["session_date"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "The draft record was started. It saves as you type.")
            return redirect("recording:edit", record_id=record.id)
    return render(
        request, "recording/new_record.html", {"form": form, "has_supervisees": bool(supervisees)}
    )


@never_cache
@login_required
def case_history(request: HttpRequest, case_id) -> HttpResponse:
    case = get_case_for(request.user, request.membership, case_id)
    discussions = list(selectors.discussion_history(request.user, request.membership, case))
    return render(
        request, "recording/case_history.html", {"case": case, "discussions": discussions}
    )
