"""Group and peer supervision (seed 000 standard viii): starting a record with its
attendees, and correcting who attended while it is a draft. Editing, signing, the PDF and
the rest use the same pages as a one-to-one record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from agencies.selectors import require_agency_role
from contracts.models import SupervisionForm

from .. import selectors, services
from ..forms import AttendeesForm, NewGroupRecordForm


@never_cache
@login_required
def new_group_record(request: HttpRequest) -> HttpResponse:
    membership = require_agency_role(request.membership, *services.ATTENDEE_ROLES)
    kinds = [
        kind
        for kind in (SupervisionForm.GROUP, SupervisionForm.PEER)
        if services.can_facilitate(membership, kind)
    ]
    attendees = list(selectors.attendee_choices(membership))
    group_names = selectors.group_names_of(request.user, membership)
    form = NewGroupRecordForm(
        request.POST or None, kinds=kinds, attendees=attendees, group_names=group_names
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = services.start_group_record(
                facilitator_membership=membership,
                kind=form.cleaned_data["kind"],
                group_name=form.cleaned_data["group_name"],
                attendee_memberships=form.cleaned_data["attendees"],
                session_date=form.cleaned_data["session_date"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "The draft record was started. It saves as you type.")
            return redirect("recording:edit", record_id=record.id)
    return render(
        request,
        "recording/new_group_record.html",
        {"form": form, "group_names": group_names},
    )


@never_cache
@login_required
def attendees(request: HttpRequest, record_id) -> HttpResponse:
    access = selectors.get_record_for(request.user, request.membership, record_id)
    record = access.record
    if not (record.is_group_kind and access.is_supervisor):
        raise PermissionDenied("Only the facilitator of a group or peer session changes this.")
    if not record.is_draft:
        messages.info(request, "This record has been signed and can no longer be edited.")
        return redirect("recording:detail", record_id=record.id)
    choices = list(selectors.attendee_choices(request.membership))
    present = {a.membership_id for a in selectors.attendees_of(record)}
    form = AttendeesForm(
        request.POST or None,
        attendees=choices,
        initial={"attendees": [str(m.id) for m in choices if m.id in present]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_attendees(
                record=record, by=request.user, attendee_memberships=form.cleaned_data["attendees"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Who attended has been saved.")
            return redirect("recording:edit", record_id=record.id)
    return render(request, "recording/attendees.html", {"record": record, "form": form})
