"""Editing a draft: the full page (works without JavaScript), the autosave endpoint the
page's script calls as the user types, and the conflict page when two people saved."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .. import selectors, services
from ..forms import RecordPage, removal_ids

# Submit buttons that change the page's structure; autosave never sends them.
STRUCTURE_BUTTONS = ("add_discussion", "add_action", "remove_discussion", "remove_action")
NOT_COPIED_ON_CONFLICT = ("csrfmiddlewaretoken", "version", "go", *STRUCTURE_BUTTONS)


def _editable(request: HttpRequest, record_id):
    access = selectors.get_record_for(request.user, request.membership, record_id)
    if access.is_party and not access.record.is_draft:
        return access, None
    return access, selectors.record_for_editing(access)


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


def _render_page(request, record, page, *, status=200):
    return render(
        request,
        "recording/edit.html",
        {
            "record": record,
            "page": page,
            "errors": page.error_list() if page.data is not None else [],
            "problems": services.sign_off_problems(record) if page.data is None else [],
        },
        status=status,
    )


def _conflict(request, record, page, current):
    return render(
        request,
        "recording/conflict.html",
        {
            "record": record,
            "current": current,
            "differences": page.differences(),
            "posted": [
                (key, value)
                for key, values in request.POST.lists()
                if key not in NOT_COPIED_ON_CONFLICT
                for value in values
            ],
        },
        status=409,
    )


@never_cache
@login_required
def edit(request: HttpRequest, record_id) -> HttpResponse:
    access, record = _editable(request, record_id)
    if record is None:
        messages.info(request, "This record has been signed and can no longer be edited.")
        return redirect("recording:detail", record_id=record_id)
    cases = selectors.cases_for_record(record)
    if request.method != "POST":
        return _render_page(request, record, RecordPage(record, cases=cases))

    page = RecordPage(record, request.POST, cases=cases)
    valid = page.is_valid()
    structure = {}
    if valid:
        structure = {
            "add_discussion": "add_discussion" in request.POST,
            "add_action": "add_action" in request.POST,
            "remove_discussions": removal_ids(request.POST.getlist("remove_discussion")),
            "remove_actions": removal_ids(request.POST.getlist("remove_action")),
        }
    try:
        saved = services.save_draft(
            record=record,
            by=request.user,
            version=_version(request),
            changes=page.changes(**structure),
        )
    except services.DraftConflict as conflict:
        return _conflict(request, record, page, conflict.current)
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
        return redirect("recording:detail", record_id=record.id)
    if not valid:
        # Keep everything typed on the page; the valid parts are saved already.
        record.version = saved.version
        return _render_page(request, record, page)
    if request.POST.get("go") == "sign":
        return redirect("recording:sign", record_id=record.id)
    anchor = ""
    if structure["add_discussion"]:
        anchor = "#discussions-end"
    elif structure["add_action"]:
        anchor = "#actions-end"
    messages.success(request, f"Draft saved at {timezone.localtime():%H:%M}.")
    return redirect(f"{request.path}{anchor}")


@never_cache
@login_required
def autosave(request: HttpRequest, record_id) -> HttpResponse:
    """Save what is typed so far. 200 with the new version; 409 if someone else saved
    since (nothing is written), or if the record is no longer a draft. The record is
    looked up first, so another agency's record answers 404 whatever the method."""
    access, record = _editable(request, record_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if record is None:
        return JsonResponse({"locked": True}, status=409)
    page = RecordPage(record, request.POST, cases=selectors.cases_for_record(record))
    try:
        saved = services.save_draft(
            record=record, by=request.user, version=_version(request), changes=page.changes()
        )
    except services.DraftConflict as conflict:
        return JsonResponse(
            {
                "conflict": True,
                "saved_by": str(conflict.current.last_saved_by or ""),
                "version": conflict.current.version,
            },
            status=409,
        )
    except ValidationError:
        return JsonResponse({"locked": True}, status=409)
    return JsonResponse(
        {
            "version": saved.version,
            "saved_at": timezone.localtime().strftime("%H:%M:%S"),
            "errors": [message for _anchor, message in page.error_list()],
        }
    )
