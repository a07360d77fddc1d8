"""Cases: lists per role, one case, adding and changing a case, importing from CSV."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from agencies.models import Role
from agencies.selectors import require_agency_role

from . import selectors, services
from .forms import CaseForm, CaseImportForm
from .models import CaseCategory, StatutoryMeeting


@never_cache
@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    cases = selectors.cases_visible_to(request.user, request.membership)
    category = request.GET.get("category", "")
    if category in CaseCategory.values:
        cases = cases.filter(category=category)
    membership = request.membership
    return render(
        request,
        "supervision/case_list.html",
        {
            "cases": cases,
            "categories": CaseCategory.choices,
            "category": category,
            "is_lead": membership.has_role(Role.SAFEGUARDING_LEAD),
            "can_add": membership.has_role(Role.SAFEGUARDING_LEAD),
        },
    )


@never_cache
@login_required
def case_detail(request: HttpRequest, case_id) -> HttpResponse:
    case = selectors.get_case_for(request.user, request.membership, case_id)
    return render(
        request,
        "supervision/case_detail.html",
        {
            "case": case,
            "history": selectors.category_history(case),
            "can_edit": selectors.can_edit_case(request.user, request.membership, case),
        },
    )


@never_cache
@login_required
def case_add(request: HttpRequest) -> HttpResponse:
    lead = require_agency_role(request.membership, Role.SAFEGUARDING_LEAD)
    form = CaseForm(request.POST or None, practitioners=selectors.practitioners_of_agency(lead))
    if request.method == "POST" and form.is_valid():
        try:
            case = services.create_case(agency=lead.agency, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Case {case.reference} was added.")
            return redirect("supervision:case_detail", case_id=case.id)
    return render(request, "supervision/case_form.html", {"form": form, "adding": True})


@never_cache
@login_required
def case_edit(request: HttpRequest, case_id) -> HttpResponse:
    case = selectors.get_case_for(request.user, request.membership, case_id)
    if not selectors.can_edit_case(request.user, request.membership, case):
        raise PermissionDenied("Only the safeguarding lead or the supervisor changes a case.")
    initial = {
        "reference": case.reference,
        "initials": case.initials,
        "year_of_birth": case.year_of_birth,
        "category": case.category,
        "allocated_practitioner": case.allocated_practitioner_id,
        "next_meeting_type": case.next_meeting_type,
        "next_meeting_on": case.next_meeting_on,
    }
    form = CaseForm(
        request.POST or None,
        practitioners=selectors.practitioners_visible_to(request.user, request.membership),
        editing=True,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "reference"}
        try:
            services.update_case(case=case, by=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Changes to case {case.reference} were saved.")
            return redirect("supervision:case_detail", case_id=case.id)
    return render(
        request, "supervision/case_form.html", {"form": form, "adding": False, "case": case}
    )


@never_cache
@login_required
def case_import(request: HttpRequest) -> HttpResponse:
    membership = require_agency_role(request.membership, *selectors.IMPORT_ROLES)
    form = CaseImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        case_import = services.preview_case_import(
            agency=membership.agency,
            uploaded_by=request.user,
            filename=upload.name,
            content=upload.read(),
        )
        return redirect("supervision:case_import_preview", import_id=case_import.id)
    return render(request, "supervision/case_import.html", {"form": form})


@never_cache
@login_required
def case_import_preview(request: HttpRequest, import_id) -> HttpResponse:
    case_import = selectors.get_case_import_for(request.user, request.membership, import_id)
    error = ""
    if request.method == "POST":
        if "discard" in request.POST:
            services.discard_case_import(case_import=case_import)
            messages.info(request, "The import was discarded. No case was changed.")
            return redirect("supervision:case_import")
        try:
            services.apply_case_import(case_import=case_import, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
            case_import.refresh_from_db()
        else:
            case_import.refresh_from_db()
            messages.success(
                request,
                f"{case_import.created_count} cases added and {case_import.updated_count} updated.",
            )
            return redirect("supervision:case_import_preview", import_id=case_import.id)
    rows = [
        {
            **row,
            "category_label": CaseCategory(row["category"]).label,
            "meeting_label": StatutoryMeeting(row["next_meeting_type"]).label
            if row["next_meeting_type"]
            else "",
        }
        for row in case_import.rows
    ]
    return render(
        request,
        "supervision/case_import_preview.html",
        {"case_import": case_import, "rows": rows, "error": error},
    )
