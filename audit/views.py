"""The lead's access log and change history, and everyone's "who has viewed records about
me". Read through audit.selectors; never cached by the browser."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from . import exports, selectors, services
from .forms import AccessLogFilterForm, HistoryFilterForm, cleaned_or_empty
from .models import AccessKind

PAGE_SIZE = 50


def _page(request: HttpRequest, items, size: int = PAGE_SIZE):
    return Paginator(items, size).get_page(request.GET.get("page"))


def _query(form) -> str:
    """The filter part of the query string, for the pager and the CSV link."""
    data = {k: v for k, v in form.data.items() if k != "page" and v}
    return urlencode(data)


def _access_log_filters(request: HttpRequest):
    people = selectors.people_for_filter(request.membership)
    form = AccessLogFilterForm(request.GET or None, people=people)
    filters = cleaned_or_empty(form) if form.is_bound else {}
    return form, filters


@never_cache
@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    form, filters = _access_log_filters(request)
    page = _page(request, selectors.access_log_of_agency(request.membership, filters))
    return render(
        request,
        "audit/access_log.html",
        {"form": form, "page": page, "query": _query(form), "agency": request.membership.agency},
    )


@never_cache
@login_required
def access_log_csv(request: HttpRequest) -> HttpResponse:
    _form, filters = _access_log_filters(request)
    body, row_count = exports.access_log_csv(
        selectors.access_log_of_agency(request.membership, filters)
    )
    services.log_access(
        user=request.user,
        kind=AccessKind.EXPORT,
        label="Access log (CSV)",
        agency_id=request.membership.agency_id,
        row_count=row_count,
        detail=urlencode({k: str(v) for k, v in filters.items()})[:200],
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="access-log-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@login_required
def history(request: HttpRequest) -> HttpResponse:
    form = HistoryFilterForm(request.GET or None)
    filters = cleaned_or_empty(form) if form.is_bound else {}
    page = _page(request, selectors.history_of_agency(request.membership, filters), size=25)
    return render(
        request,
        "audit/history.html",
        {"form": form, "page": page, "query": _query(form), "agency": request.membership.agency},
    )


@never_cache
@login_required
def viewed_about_me(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.views_of_records_about(request.user))
    return render(request, "audit/about_me.html", {"page": page})
