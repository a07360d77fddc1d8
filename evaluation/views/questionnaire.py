"""A supervisee answers the questionnaire about their supervision: save and come back,
then submit once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from .. import selectors, services
from ..forms import QuestionnaireForm
from ..models import Draft
from ._common import add_errors


def _initial(invitation, questions) -> dict:
    draft = Draft.objects.filter(invitation=invitation).first()
    if draft is None:
        return {}
    initial = {
        services.question_field(q): draft.answers.get(str(q.id))
        for q in questions
        if draft.answers.get(str(q.id))
    }
    initial.update(
        more_of=draft.more_of,
        less_of=draft.less_of,
        resilience=draft.resilience,
        stress=draft.stress,
        reflection=draft.reflection,
    )
    return initial


@never_cache
@login_required
def questionnaire(request: HttpRequest, invitation_id) -> HttpResponse:
    invitation = selectors.get_invitation_for(request.membership, invitation_id)
    campaign = invitation.campaign
    context = {"invitation": invitation, "campaign": campaign}
    if invitation.has_responded or not campaign.is_open:
        return render(request, "evaluation/questionnaire_done.html", context)
    questions = list(selectors.questions_of(campaign))
    form = QuestionnaireForm(
        request.POST or None,
        questions=questions,
        initial=_initial(invitation, questions),
    )
    if request.method == "POST" and form.is_valid():
        try:
            # Whatever was typed is kept first, so a missing answer loses nothing.
            services.save_draft(
                invitation=invitation,
                user=request.user,
                answers=form.answers(),
                more_of=form.cleaned_data["more_of"],
                less_of=form.cleaned_data["less_of"],
                **form.indicator_values(),
            )
            if "save" in request.POST:
                messages.success(
                    request,
                    f"Your answers are saved. Come back to finish them before "
                    f"{campaign.closes_on:%-d %B %Y}.",
                )
                return redirect("home")
            services.submit_response(invitation=invitation, user=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("evaluation:questionnaire", invitation.id)
    return render(request, "evaluation/questionnaire.html", {**context, "form": form})
