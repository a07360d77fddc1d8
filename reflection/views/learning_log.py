"""The reflective learning log (seed 003): the author's pages, and the supervisor's view of
what their supervisees have chosen to share with them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from agencies.models import Role
from agencies.selectors import require_agency_role

from .. import selectors, services, stages
from ..forms import LearningLogForm, ShareForm


@never_cache
@login_required
def log_list(request: HttpRequest) -> HttpResponse:
    entries = selectors.log_entries_of(request.membership)
    return render(request, "reflection/log/list.html", {"entries": entries})


@never_cache
@login_required
def entry_new(request: HttpRequest) -> HttpResponse:
    membership = selectors.require_works_with_children(request.membership)
    form = LearningLogForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry = services.create_log_entry(membership=membership, **form.cleaned_data)
        messages.success(request, "Your reflection was saved. Only you can see it.")
        return redirect("reflection:entry", entry_id=entry.id)
    return render(request, "reflection/log/form.html", {"form": form, "adding": True})


@never_cache
@login_required
def entry_detail(request: HttpRequest, entry_id) -> HttpResponse:
    entry = selectors.get_entry_for(request.user, entry_id)
    return render(
        request,
        "reflection/log/detail.html",
        {
            "entry": entry,
            "is_author": entry.author_id == request.user.id,
            "fook_questions": stages.FOOK_QUESTIONS,
        },
    )


@never_cache
@login_required
def entry_edit(request: HttpRequest, entry_id) -> HttpResponse:
    entry = selectors.get_own_entry(request.membership, entry_id)
    initial = {name: getattr(entry, name) for name in services.LOG_FIELDS}
    form = LearningLogForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_log_entry(entry=entry, user=request.user, **form.cleaned_data)
        messages.success(request, "Your changes were saved.")
        return redirect("reflection:entry", entry_id=entry.id)
    return render(
        request, "reflection/log/form.html", {"form": form, "adding": False, "entry": entry}
    )


@never_cache
@login_required
def entry_share(request: HttpRequest, entry_id) -> HttpResponse:
    entry = selectors.get_own_entry(request.membership, entry_id)
    if request.method == "POST" and "stop_sharing" in request.POST:
        services.stop_sharing_log_entry(entry=entry, user=request.user)
        messages.success(request, "The entry is private again.")
        return redirect("reflection:entry", entry_id=entry.id)
    supervisors = selectors.supervisors_of(entry.membership)
    form = ShareForm(request.POST or None, supervisors=supervisors)
    if request.method == "POST" and form.is_valid():
        try:
            services.share_log_entry(
                entry=entry, user=request.user, supervisor=form.cleaned_data["supervisor"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, f"The entry is shared with {form.cleaned_data['supervisor'].full_name}."
            )
            return redirect("reflection:entry", entry_id=entry.id)
    return render(
        request,
        "reflection/log/share.html",
        {"form": form, "entry": entry, "has_supervisors": supervisors.exists()},
    )


@never_cache
@login_required
def shared_with_me(request: HttpRequest) -> HttpResponse:
    """For a supervisor: each supervisee and how many entries they have shared."""
    require_agency_role(request.membership, Role.SUPERVISOR)
    return render(
        request,
        "reflection/log/shared_list.html",
        {"rows": selectors.shared_entry_counts(request.user)},
    )


@never_cache
@login_required
def shared_by_supervisee(request: HttpRequest, membership_id) -> HttpResponse:
    """Everything one supervisee has shared, in full, for preparing the next session."""
    supervisee = selectors.get_supervisee_for(request.user, membership_id)
    entries = selectors.entries_shared_by(supervisee, request.user)
    return render(
        request,
        "reflection/log/shared_by.html",
        {"supervisee": supervisee, "entries": entries},
    )
