"""The safeguarding lead opens an evaluation, adds the agency's own statements and closes it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from .. import results, selectors, services
from ..forms import CampaignForm, QuestionForm
from ._common import add_errors, error_text, post_only


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = selectors.campaigns_for_lead(request.membership)
    return render(
        request,
        "evaluation/campaign_list.html",
        {"campaigns": campaigns, "agency": request.membership.agency},
    )


@login_required
def campaign_add(request: HttpRequest) -> HttpResponse:
    lead = selectors.require_lead(request.membership)
    form = CampaignForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.open_campaign(
                agency=lead.agency, opened_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"The {campaign.year} evaluation was set up.")
            return redirect("evaluation:campaign", campaign.id)
    return render(request, "evaluation/campaign_form.html", {"form": form})


@login_required
def campaign_detail(request: HttpRequest, campaign_id) -> HttpResponse:
    campaign = selectors.get_campaign_for_lead(request.membership, campaign_id)
    return render(
        request,
        "evaluation/campaign_detail.html",
        {
            "campaign": campaign,
            "questions": selectors.questions_of(campaign),
            "rate": results.response_rate(campaign),
            "questions_locked": services.why_questions_are_locked(campaign),
        },
    )


@login_required
def question_add(request: HttpRequest, campaign_id) -> HttpResponse:
    campaign = selectors.get_campaign_for_lead(request.membership, campaign_id)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_agency_question(campaign=campaign, text=form.cleaned_data["text"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Your statement was added to the questionnaire.")
            return redirect("evaluation:campaign", campaign.id)
    return render(request, "evaluation/question_form.html", {"form": form, "campaign": campaign})


@login_required
def question_remove(request: HttpRequest, campaign_id, question_id) -> HttpResponse:
    campaign = selectors.get_campaign_for_lead(request.membership, campaign_id)
    question = selectors.get_agency_question_for_lead(request.membership, campaign, question_id)
    if refused := post_only(request):
        return refused
    try:
        services.remove_agency_question(question=question)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "The statement was removed.")
    return redirect("evaluation:campaign", campaign.id)


@login_required
def campaign_close(request: HttpRequest, campaign_id) -> HttpResponse:
    campaign = selectors.get_campaign_for_lead(request.membership, campaign_id)
    if refused := post_only(request):
        return refused
    try:
        services.close_campaign(campaign=campaign, closed_by=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "The evaluation is closed. No more answers are taken.")
    return redirect("evaluation:campaign", campaign.id)
