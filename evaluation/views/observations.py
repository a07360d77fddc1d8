"""Observation of supervision sessions by trained observers, with both parties' agreement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .. import selectors, services
from ..forms import ObservationRecordForm, ObservationRequestForm, ObserverForm
from ..models import RUBRIC_FIELDS, ObservationStatus
from ._common import add_errors, error_text, post_only


@login_required
def observation_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    return render(
        request,
        "evaluation/observation_list.html",
        {
            "observations": selectors.observations_visible_to(membership),
            "is_observer": selectors.trained_observer_of(membership) is not None,
            "is_lead": selectors.is_lead(membership),
        },
    )


@login_required
def observation_add(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    if selectors.trained_observer_of(membership) is None:
        raise PermissionDenied("Only a trained observer can observe supervision.")
    form = ObservationRequestForm(
        request.POST or None, agreements=selectors.agreements_to_observe(membership)
    )
    if request.method == "POST" and form.is_valid():
        try:
            observation = services.propose_observation(
                observer=membership,
                agreement=form.cleaned_data["agreement"],
                planned_on=form.cleaned_data["planned_on"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, "Request sent. You can record the observation once both have agreed."
            )
            return redirect("evaluation:observation", observation.id)
    return render(request, "evaluation/observation_form.html", {"form": form})


@login_required
def observation_detail(request: HttpRequest, observation_id) -> HttpResponse:
    membership = request.membership
    observation = selectors.get_observation_for(membership, observation_id)
    user_id = request.user.id
    awaiting_me = observation.status == ObservationStatus.AWAITING_CONSENT and (
        (user_id == observation.supervisor_id and not observation.supervisor_agreed_at)
        or (user_id == observation.supervisee_id and not observation.supervisee_agreed_at)
    )
    return render(
        request,
        "evaluation/observation_detail.html",
        {
            "observation": observation,
            "can_read_record": selectors.can_read_observation_record(membership, observation),
            "awaiting_me": awaiting_me,
            "can_record": user_id == observation.observer_id
            and observation.status == ObservationStatus.AGREED,
        },
    )


@login_required
def observation_answer(request: HttpRequest, observation_id) -> HttpResponse:
    observation = selectors.get_observation_for(request.membership, observation_id)
    if refused := post_only(request):
        return refused
    agree = request.POST.get("agree") == "yes"
    try:
        services.answer_observation_request(observation=observation, user=request.user, agree=agree)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request, "You agreed to the observation." if agree else "You declined the observation."
        )
    return redirect("evaluation:observation", observation.id)


@login_required
def observation_record(request: HttpRequest, observation_id) -> HttpResponse:
    observation = selectors.get_observation_for(request.membership, observation_id)
    if observation.observer_id != request.user.id:
        raise PermissionDenied("Only the observer records the observation.")
    form = ObservationRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_observation(
                observation=observation,
                observer=request.user,
                observed_on=data["observed_on"],
                ratings={name: data[name] for name in RUBRIC_FIELDS},
                notes=data["notes"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The observation is recorded. The supervisor can see it.")
            return redirect("evaluation:observation", observation.id)
    return render(
        request,
        "evaluation/observation_record.html",
        {"form": form, "observation": observation},
    )


@login_required
def observers(request: HttpRequest) -> HttpResponse:
    """The lead keeps the list of trained observers."""
    observer_list = selectors.observers_for_lead(request.membership)
    lead = request.membership
    form = ObserverForm(request.POST or None, members=selectors.members_who_could_observe(lead))
    if request.method == "POST" and form.is_valid():
        try:
            observer = services.add_trained_observer(
                agency=lead.agency,
                membership=form.cleaned_data["membership"],
                trained_on=form.cleaned_data["trained_on"],
                added_by=request.user,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"{observer.membership.user.full_name} can now observe.")
            return redirect("evaluation:observers")
    return render(request, "evaluation/observers.html", {"observers": observer_list, "form": form})


@login_required
def observer_remove(request: HttpRequest, observer_id) -> HttpResponse:
    observer = selectors.get_observer_for_lead(request.membership, observer_id)
    if refused := post_only(request):
        return refused
    name = observer.membership.user.full_name
    services.remove_trained_observer(observer=observer)
    messages.success(request, f"{name} was removed from the trained observers.")
    return redirect("evaluation:observers")
