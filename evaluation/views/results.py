"""Results pages and exports. Every figure comes from evaluation.results, which applies
the 5-response threshold; these views only decide which page to show."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from .. import exports, results, selectors, services
from ._common import post_only


def _agency_context(request, campaign) -> dict:
    is_lead = selectors.is_lead(request.membership)
    previous = results.previous_campaign(campaign)
    context = {
        "campaign": campaign,
        "is_lead": is_lead,
        "previous": previous,
        "threshold": results.THRESHOLD,
    }
    # Supervisors see the agency's figures only once the evaluation has closed.
    if not is_lead and not campaign.is_closed:
        context["waiting_for_close"] = True
        return context
    figures = results.agency_figures(campaign)
    context.update(
        figures=figures,
        rate=results.response_rate(campaign),
        last_rate=results.response_rate(previous),
        comments=results.comments(campaign, include_withheld=is_lead),
    )
    if is_lead:
        start, end = _year_bounds(campaign.year)
        context.update(
            observations=results.observation_summary(campaign.agency_id, campaign.year),
            audit=results.audit_summary(campaign.agency_id, start, end),
            workforce=results.workforce_years(campaign.agency_id, campaign.year),
        )
    return context


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


@never_cache
@login_required
def agency_results(request: HttpRequest, campaign_id) -> HttpResponse:
    campaign = selectors.get_campaign_for_results(request.membership, campaign_id)
    return render(request, "evaluation/results.html", _agency_context(request, campaign))


def _csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def agency_results_csv(request: HttpRequest, campaign_id) -> HttpResponse:
    campaign = selectors.get_campaign_for_lead(request.membership, campaign_id)
    figures = results.agency_figures(campaign)
    text, rows = exports.agency_results_csv(campaign, figures, results.response_rate(campaign))
    services.record_export(user=request.user, campaign=campaign, kind="agency", row_count=rows)
    return _csv_response(text, f"evaluation-{campaign.year}-results.csv")


def _groups_context(campaign, by: str) -> dict:
    if by not in results.GROUPINGS:
        raise Http404
    context = {"campaign": campaign, "by": by, "threshold": results.THRESHOLD}
    if not campaign.is_closed:
        context["waiting_for_close"] = True
        return context
    context["groups"] = results.group_figures(campaign, by)
    context["questions"] = list(selectors.questions_of(campaign))
    return context


@never_cache
@login_required
def group_results(request: HttpRequest, campaign_id, by: str) -> HttpResponse:
    campaign = selectors.get_campaign_for_lead(request.membership, campaign_id)
    return render(request, "evaluation/results_groups.html", _groups_context(campaign, by))


@login_required
def group_results_csv(request: HttpRequest, campaign_id, by: str) -> HttpResponse:
    campaign = selectors.get_campaign_for_lead(request.membership, campaign_id)
    context = _groups_context(campaign, by)
    if context.get("waiting_for_close"):
        text, rows = exports.group_results_csv(campaign, by, [], [])
    else:
        text, rows = exports.group_results_csv(
            campaign, by, context["groups"], context["questions"]
        )
    services.record_export(user=request.user, campaign=campaign, kind=f"by_{by}", row_count=rows)
    return _csv_response(text, f"evaluation-{campaign.year}-results-by-{by}.csv")


@login_required
def comment_withhold(request: HttpRequest, campaign_id, comment_id) -> HttpResponse:
    campaign = selectors.get_campaign_for_lead(request.membership, campaign_id)
    comment = selectors.get_comment_for_lead(request.membership, campaign, comment_id)
    if refused := post_only(request):
        return refused
    withhold = request.POST.get("withhold") == "1"
    services.set_comment_withheld(comment=comment, lead=request.user, withheld=withhold)
    messages.success(
        request,
        "The comment is withheld: only you can see it."
        if withhold
        else "The comment is shown again.",
    )
    return redirect(reverse("evaluation:results", args=[campaign.id]) + "#comments")


@never_cache
@login_required
def my_results(request: HttpRequest, campaign_id=None) -> HttpResponse:
    """A supervisor's own results, from 5 responses up, once the evaluation has closed,
    beside the agency's and their own last year's."""
    campaigns = list(selectors.campaigns_for_supervisor(request.membership))
    if campaign_id is not None:
        campaign = selectors.get_campaign_for_supervisor(request.membership, campaign_id)
    else:
        closed = [c for c in campaigns if c.is_closed]
        campaign = closed[0] if closed else (campaigns[0] if campaigns else None)
    context = {
        "campaigns": campaigns,
        "campaign": campaign,
        "threshold": results.THRESHOLD,
        "observations": selectors.recorded_observations_of_supervisor(request.membership),
    }
    if campaign is not None:
        own = results.supervisor_figures(campaign, request.user)
        context["own"] = own
        if own.shown:
            agency = results.agency_figures(campaign)
            context["agency"] = agency
            agency_by_question = {r.question.id: r.shares for r in agency.questions}
            agency_by_indicator = {i.field: i.average for i in agency.indicators}
            context["rows"] = [(r, agency_by_question.get(r.question.id)) for r in own.questions]
            context["indicator_rows"] = [
                (i, agency_by_indicator.get(i.field)) for i in own.indicators
            ]
    return render(request, "evaluation/my_results.html", context)
