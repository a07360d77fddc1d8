"""The safeguarding lead's compliance dashboard and the lists behind its figures."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from .. import indicators, lists, selectors, services
from ..catalogue import BY_CODE, RATED, Code
from ..exports import safe_text, write_csv
from ..forms import ListFilterForm, PeriodForm
from ..presentation import agency_row, detail_text, rag_row
from ._common import no_store, period_query

# The figures whose lists live in other apps' pages.
ELSEWHERE = {Code.EVALUATION}


def _period_form(request: HttpRequest, today):
    form = PeriodForm(request.GET if "period" in request.GET else None, today=today)
    period = form.chosen_period()
    if not form.is_bound:
        form = PeriodForm(initial=PeriodForm.initial_for(period), today=today)
    return form, period


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    lead = selectors.require_lead(request.membership)
    today = timezone.localdate()
    form, period = _period_form(request, today)
    figures = indicators.compute([lead.agency_id], [period], today=today).of(lead.agency_id)
    thresholds = selectors.thresholds_for(lead.agency.partnership_id)
    row = agency_row(lead.agency_id, lead.agency.name, "", figures, thresholds, exact=True)
    query = period_query(period)
    tiles = []
    for indicator in RATED:
        ratio = figures.ratio(indicator.code)
        tile = {
            "indicator": indicator,
            "figure": row.rated[indicator.code],
            "detail": detail_text(indicator.code, ratio, exact=True),
            "problems": ratio.numerator if not indicator.higher_is_better else ratio.outstanding,
        }
        if indicator.code in ELSEWHERE:
            tile["url"] = (
                reverse("evaluation:results", args=[figures.evaluation.campaign_id])
                if figures.evaluation.campaign_id
                else reverse("evaluation:campaigns")
            )
        else:
            base = reverse("assurance:list", args=[indicator.code])
            tile["url"] = f"{base}?{query}"
            tile["problem_url"] = f"{base}?{period_query(period, status=indicator.problem_status)}"
        tiles.append(tile)
    buckets = period.buckets()
    rag_rows = [
        rag_row(label, figures.rag.by_bucket.get(k, {}), exact=True)
        for k, (_lo, _hi, label) in enumerate(buckets, start=1)
    ]
    rag_total = rag_row("Whole period", figures.rag.counts, exact=True)
    return no_store(
        render(
            request,
            "assurance/dashboard.html",
            {
                "agency": lead.agency,
                "form": form,
                "period": period,
                "row": row,
                "tiles": tiles,
                "figures": figures,
                "rag_rows": rag_rows,
                "rag_total": rag_total,
                "query": query,
                "rag_url": f"{reverse('assurance:list', args=[Code.RAG])}?{query}",
                "thresholds_default": all(thresholds.is_default.values()),
            },
        )
    )


def _list_context(request: HttpRequest, code: str):
    lead = selectors.require_lead(request.membership)
    spec = lists.LISTS.get(code)
    if spec is None:
        raise Http404
    today = timezone.localdate()
    _form, period = _period_form(request, today)
    teams = list(selectors.teams_of(lead)) if spec.team else []
    form = ListFilterForm(request.GET, spec=spec, teams=teams)
    filters = lists.Filters()
    if form.is_valid():
        team = form.cleaned_data.get("team") or None
        filters = lists.Filters(
            status=form.cleaned_data.get("status") or "",
            search=(form.cleaned_data.get("q") or "").strip(),
            team_id=team if team and any(str(t.id) == team for t in teams) else None,
        )
    return lead, spec, period, form, filters, today


@login_required
def list_view(request: HttpRequest, code: str) -> HttpResponse:
    lead, spec, period, form, filters, today = _list_context(request, code)
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    page = lists.page_of(
        spec, agency_id=lead.agency_id, period=period, filters=filters, page=number, today=today
    )
    query = period_query(
        period, status=filters.status, q=filters.search, team=str(filters.team_id or "")
    )
    rows = []
    for values in page.rows:
        *cells, link_id = values
        url = ""
        if spec.link and link_id:
            url = (
                f"{reverse(spec.link)}#{spec.link_anchor}{link_id}"
                if spec.link_anchor
                else reverse(spec.link, args=[link_id])
            )
        rows.append({"cells": list(zip(spec.columns, cells, strict=True)), "url": url})
    indicator = BY_CODE.get(code)
    return no_store(
        render(
            request,
            "assurance/list.html",
            {
                "agency": lead.agency,
                "spec": spec,
                "indicator": indicator,
                "period": period,
                "form": form,
                "period_fields": period.query().items(),
                "rows": rows,
                "page": page,
                "query": query,
                "dashboard_url": f"{reverse('assurance:dashboard')}?{period_query(period)}",
                "csv_url": f"{reverse('assurance:list_csv', args=[code])}?{query}",
                "status": spec.status(filters.status),
            },
        )
    )


@login_required
def list_csv(request: HttpRequest, code: str) -> HttpResponse:
    lead, spec, period, _form, filters, today = _list_context(request, code)
    rows = lists.all_rows(
        spec, agency_id=lead.agency_id, period=period, filters=filters, today=today
    )
    services.record_list_export(
        membership=lead,
        user=request.user,
        indicator=code,
        period=period,
        filters=filters.describe(),
        row_count=len(rows),
    )
    body = "\ufeff" + write_csv([c.header for c in spec.columns], rows)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = safe_text(f"{code}-{period.start:%Y-%m-%d}-to-{period.end:%Y-%m-%d}.csv")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return no_store(response)
