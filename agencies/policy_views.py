"""The agency's written SPR policy and its minimum standards.

Everyone in the agency reads them; only its safeguarding lead uploads and edits.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from . import selectors, services
from .models import Role
from .policy_forms import PolicyUploadForm, StandardsForm

access_log = logging.getLogger("spr.access")

STANDARD_FIELDS = services.STANDARDS_FIELDS


def _agency_member(request: HttpRequest):
    """The membership the person works in; 403 for someone with no agency (board only)."""
    return selectors.require_agency_role(request.membership, *Role.values)


@login_required
def policy(request: HttpRequest) -> HttpResponse:
    membership = _agency_member(request)
    versions = list(selectors.policies_of_agency(membership))
    return render(
        request,
        "agencies/policy.html",
        {
            "agency": membership.agency,
            "current": versions[0] if versions else None,
            "older": versions[1:],
            "is_lead": membership.has_role(Role.SAFEGUARDING_LEAD),
            "standards": selectors.standards_for(membership.agency),
            "today": timezone.localdate(),
        },
    )


@login_required
def policy_upload(request: HttpRequest) -> HttpResponse:
    lead = selectors.require_agency_role(request.membership, Role.SAFEGUARDING_LEAD)
    form = PolicyUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            uploaded = services.upload_policy(
                agency=lead.agency, uploaded_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Version {uploaded.version} of the policy was uploaded.")
            return redirect("agencies:policy")
    return render(request, "agencies/policy_upload.html", {"form": form, "agency": lead.agency})


@login_required
def policy_document(request: HttpRequest, policy_id) -> FileResponse:
    """The policy file, for members of its agency only: never cached, always a download."""
    document = selectors.get_policy_for(request.user, policy_id)
    access_log.info(
        "policy document read",
        extra={"user_id": str(request.user.pk), "agency_id": str(document.agency_id)},
    )
    response = FileResponse(
        document.document.open("rb"),
        as_attachment=True,
        filename=document.original_filename,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def standards(request: HttpRequest) -> HttpResponse:
    membership = _agency_member(request)
    return render(
        request,
        "agencies/standards.html",
        {
            "agency": membership.agency,
            "standards": selectors.standards_for(membership.agency),
            "is_lead": membership.has_role(Role.SAFEGUARDING_LEAD),
            # The retention page (retention app) is for leads and agency admins.
            "sees_retention": membership.has_role(Role.SAFEGUARDING_LEAD)
            or membership.has_role(Role.AGENCY_ADMIN),
        },
    )


@login_required
def standards_edit(request: HttpRequest) -> HttpResponse:
    lead = selectors.require_agency_role(request.membership, Role.SAFEGUARDING_LEAD)
    current = selectors.standards_for(lead.agency)
    initial = {name: getattr(current, name) for name in STANDARD_FIELDS}
    for name in (
        "lapsed_supervisor_may_take_new_supervisees",
        "supervisors_from_other_agencies_allowed",
    ):
        initial[name] = "yes" if initial[name] else "no"
    form = StandardsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_standards(
                agency=lead.agency, updated_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "The minimum standards were saved.")
            return redirect("agencies:standards")
    return render(request, "agencies/standards_form.html", {"form": form, "agency": lead.agency})
