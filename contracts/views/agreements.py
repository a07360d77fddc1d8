"""Agreement pages for the two parties (and the agency's safeguarding lead): the list of
my agreements, starting and drafting one, signing, changing and ending it, print and PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from agencies.models import Role
from agencies.selectors import require_agency_role, standards_for
from audit.models import AccessKind
from config.pdf import pdf_response, render_pdf

from .. import selectors, services
from ..forms import (
    AgreementTermsForm,
    EndAgreementForm,
    SignForm,
    StartAgreementForm,
    VersionForm,
)
from ..models import CONTENT_BY_TEMPLATE, AgreementStatus, changed_fields
from ._common import add_errors


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """My agreements: as supervisee, and (for supervisors) with my supervisees."""
    membership = require_agency_role(
        request.membership, Role.PRACTITIONER, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD
    )
    agreements = list(selectors.agreements_of_party(request.user))
    as_supervisee = [a for a in agreements if a.supervisee_id == request.user.pk]
    as_supervisor = [a for a in agreements if a.supervisor_id == request.user.pk]
    return render(
        request,
        "contracts/mine.html",
        {
            "as_supervisee": as_supervisee,
            "as_supervisor": as_supervisor,
            "awaiting_me": [a for a in agreements if a.awaits_signature_of(request.user)],
            "history": selectors.supervisor_history(
                agency_id=membership.agency_id, supervisee_id=request.user.pk
            ),
            "can_draft": selectors.can_draft_agreements(membership),
            "is_supervisor": membership.has_role(Role.SUPERVISOR),
            "competence": selectors.competence_of(request.user)
            if membership.has_role(Role.SUPERVISOR)
            else None,
            "membership": membership,
        },
    )


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Step 1 of drafting: who the agreement is between."""
    membership = selectors.require_drafter(request.membership)
    is_lead = membership.has_role(Role.SAFEGUARDING_LEAD)
    supervisors = allowed = None
    if is_lead:
        allowed = selectors.supervisor_choices(membership)
        supervisors = selectors.supervisors_of_partnership(membership)
    initial = {}
    if is_lead and membership.has_role(Role.SUPERVISOR):
        initial["supervisor"] = membership.pk
    form = StartAgreementForm(
        request.POST or None,
        supervisees=selectors.supervisee_choices(membership),
        supervisors=supervisors,
        allowed_supervisors=allowed,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        supervisor = form.cleaned_data["supervisor"].user if is_lead else request.user
        try:
            agreement = services.start_agreement(
                agency=membership.agency,
                supervisor=supervisor,
                supervisee=form.cleaned_data["supervisee"].user,
                drafted_by=request.user,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("contracts:edit", agreement_id=agreement.id)
    competence = None if is_lead else selectors.competence_of(request.user)
    return render(
        request,
        "contracts/start.html",
        {"form": form, "agency": membership.agency, "competence": competence},
    )


def _managed(request: HttpRequest, agreement_id):
    agreement = selectors.get_agreement_for(request.user, agreement_id)
    if not selectors.can_manage_agreement(request.user, agreement):
        raise PermissionDenied("Only the supervisor or the safeguarding lead can do this.")
    return agreement


@login_required
def edit(request: HttpRequest, agreement_id) -> HttpResponse:
    """Step 2: the terms and Appendix IV content of a draft. Saving carries the draft's
    revision, so a page that is out of date cannot overwrite newer changes."""
    agreement = _managed(request, agreement_id)
    if agreement.status != AgreementStatus.DRAFT:
        messages.info(request, "Only a draft can be edited. Choose ‘Change this agreement’.")
        return redirect("contracts:detail", agreement_id=agreement.id)
    minimum = selectors.minimum_frequency_weeks(agreement)
    initial = {
        "revision": agreement.revision,
        "form": agreement.form,
        "frequency_weeks": agreement.frequency_weeks,
        "duration_minutes": agreement.duration_minutes,
        "start_date": agreement.start_date,
        "review_date": agreement.review_date,
        **{
            name: getattr(agreement, name)
            for name, _l, _h in CONTENT_BY_TEMPLATE[agreement.template]
        },
    }
    form = AgreementTermsForm(
        request.POST or None, agreement=agreement, minimum_weeks=minimum, initial=initial
    )
    stale = False
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_terms(
                agreement=agreement,
                user=request.user,
                revision=form.cleaned_data["revision"],
                terms=form.terms,
                content=form.content,
            )
            if "send" in request.POST:
                services.send_for_signatures(
                    agreement=saved, user=request.user, revision=saved.revision
                )
        except ValidationError as exc:
            stale = getattr(exc, "code", None) == "stale"
            add_errors(form, exc)
            if stale:
                # What was typed stays on the page; the form now carries the current
                # revision, so saving again replaces the newer draft knowingly.
                agreement.refresh_from_db()
                data = request.POST.copy()
                data["revision"] = agreement.revision
                form.data = data
        else:
            if "send" in request.POST:
                messages.success(
                    request,
                    "The agreement was sent for signatures. Both of you now sign it.",
                )
            else:
                messages.success(request, "The draft was saved.")
            return redirect("contracts:detail", agreement_id=agreement.id)
    return render(
        request,
        "contracts/edit.html",
        {
            "form": form,
            "agreement": agreement,
            "stale": stale,
            "competence": selectors.competence_of(agreement.supervisor),
            "standards": standards_for(agreement.agency),
        },
    )


def _detail_context(request: HttpRequest, agreement, **extra) -> dict:
    user = request.user
    versions = list(selectors.versions_of(agreement))
    latest = versions[0]
    can_manage = selectors.can_manage_agreement(user, agreement)
    is_latest = latest.pk == agreement.pk
    previous = next((v for v in versions if v.version == agreement.version - 1), None)
    context = {
        "agreement": agreement,
        "changes": changed_fields(previous, agreement) if previous else None,
        "previous": previous,
        "versions": versions,
        "latest": latest,
        "is_latest": is_latest,
        "party": agreement.party_of(user),
        "can_edit": can_manage and agreement.status == AgreementStatus.DRAFT,
        "can_send": can_manage and agreement.status == AgreementStatus.DRAFT,
        "can_change": can_manage
        and is_latest
        and agreement.status
        in (
            AgreementStatus.AWAITING_SIGNATURES,
            AgreementStatus.ACTIVE,
            AgreementStatus.REVIEW_DUE,
        ),
        "pending_successor": next(
            (v for v in versions if v.version > agreement.version and v.is_pending), None
        ),
        "can_end": can_manage
        and agreement.status not in (AgreementStatus.ENDED, AgreementStatus.SUPERSEDED),
        "competence": selectors.competence_of(agreement.supervisor),
        "history": selectors.supervisor_history(
            agency_id=agreement.agency_id, supervisee_id=agreement.supervisee_id
        ),
        "events": agreement.events.select_related("actor").order_by("at"),
        "sign_form": SignForm(initial={"version": agreement.version})
        if agreement.awaits_signature_of(user)
        else None,
        "action_form": None,
        "other_party": agreement.supervisee
        if agreement.party_of(user) == "supervisor"
        else agreement.supervisor,
        "other_party_signed": (
            agreement.supervisee_signed_at
            if agreement.party_of(user) == "supervisor"
            else agreement.supervisor_signed_at
        )
        is not None,
    }
    context.update(extra)
    context["error_form"] = context["action_form"] or context["sign_form"]
    return context


@login_required
def detail(request: HttpRequest, agreement_id) -> HttpResponse:
    agreement = selectors.get_agreement_for(request.user, agreement_id)
    return render(request, "contracts/detail.html", _detail_context(request, agreement))


def _post_only(request: HttpRequest):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


@login_required
def send(request: HttpRequest, agreement_id) -> HttpResponse:
    agreement = _managed(request, agreement_id)
    if refused := _post_only(request):
        return refused
    form = VersionForm(request.POST)
    form.is_valid()
    try:
        services.send_for_signatures(
            agreement=agreement, user=request.user, revision=form.cleaned_data.get("revision") or 0
        )
    except ValidationError as exc:
        add_errors(form, exc)
        agreement.refresh_from_db()
        context = _detail_context(request, agreement, action_form=form)
        return render(request, "contracts/detail.html", context)
    messages.success(request, "The agreement was sent for signatures. Both of you now sign it.")
    return redirect("contracts:detail", agreement_id=agreement.id)


@login_required
def sign(request: HttpRequest, agreement_id) -> HttpResponse:
    """Sign the version on the page: refused with a clear message if it changed since."""
    agreement = selectors.get_agreement_for(request.user, agreement_id)
    if refused := _post_only(request):
        return refused
    form = SignForm(request.POST)
    if form.is_valid():
        try:
            agreement = services.sign_agreement(
                agreement=agreement, user=request.user, version=form.cleaned_data["version"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if agreement.is_in_force:
                messages.success(request, "You signed the agreement. It is now in force.")
            else:
                messages.success(
                    request, "You signed the agreement. It comes into force when both have signed."
                )
            return redirect("contracts:detail", agreement_id=agreement.id)
    agreement.refresh_from_db()
    context = _detail_context(request, agreement, sign_form=form)
    return render(request, "contracts/detail.html", context)


@login_required
def change(request: HttpRequest, agreement_id) -> HttpResponse:
    """Start the next version of an agreement already sent or in force."""
    agreement = _managed(request, agreement_id)
    if refused := _post_only(request):
        return refused
    form = VersionForm(request.POST)
    form.is_valid()
    try:
        successor = services.start_new_version(
            agreement=agreement, user=request.user, version=form.cleaned_data.get("version") or 0
        )
    except ValidationError as exc:
        add_errors(form, exc)
        agreement.refresh_from_db()
        context = _detail_context(request, agreement, action_form=form)
        return render(request, "contracts/detail.html", context)
    messages.info(
        request,
        f"This is version {successor.version}. When you send it, both of you sign it again.",
    )
    return redirect("contracts:edit", agreement_id=successor.id)


@login_required
def end(request: HttpRequest, agreement_id) -> HttpResponse:
    agreement = _managed(request, agreement_id)
    if agreement.status in (AgreementStatus.ENDED, AgreementStatus.SUPERSEDED):
        messages.info(request, "This agreement has already ended.")
        return redirect("contracts:detail", agreement_id=agreement.id)
    form = EndAgreementForm(
        request.POST or None, agreement=agreement, initial={"ended_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.end_agreement(
                agreement=agreement,
                ended_on=form.cleaned_data["ended_on"],
                ended_by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                f"The agreement ended. {agreement.supervisor.full_name} no longer supervises "
                f"{agreement.supervisee.full_name} through it.",
            )
            return redirect("contracts:detail", agreement_id=agreement.id)
    return render(request, "contracts/end.html", {"form": form, "agreement": agreement})


def _document_context(request: HttpRequest, agreement) -> dict:
    return {
        "agreement": agreement,
        "competence": selectors.competence_of(agreement.supervisor),
        "generated_by": request.user.full_name,
        "generated_at": timezone.localtime(),
    }


@login_required
def print_view(request: HttpRequest, agreement_id) -> HttpResponse:
    agreement = selectors.get_agreement_for(request.user, agreement_id)
    services.log_agreement_access(agreement=agreement, user=request.user, kind=AccessKind.PRINT)
    response = render(request, "contracts/print.html", _document_context(request, agreement))
    response["Cache-Control"] = "no-store"
    return response


@login_required
def pdf(request: HttpRequest, agreement_id) -> HttpResponse:
    agreement = selectors.get_agreement_for(request.user, agreement_id)
    services.log_agreement_access(agreement=agreement, user=request.user, kind=AccessKind.PDF)
    document = render_pdf(
        "contracts/agreement_pdf.html",
        _document_context(request, agreement),
        request=request,
        title=f"Supervision agreement, version {agreement.version}",
    )
    return pdf_response(
        document, filename=f"supervision-agreement-v{agreement.version}-{agreement.start_date}.pdf"
    )
