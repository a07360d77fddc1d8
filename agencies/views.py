"""People, teams and agencies: pages for agency admins and partnership admins."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import AgencyForm, PersonForm, TeamForm
from .middleware import SESSION_MEMBERSHIP_KEY
from .models import PartnershipRole, Role


@login_required
@require_POST
def switch_agency(request: HttpRequest) -> HttpResponse:
    """A person in several agencies chooses the one they are working in."""
    chosen = request.POST.get("membership", "")
    if any(str(m.id) == chosen for m in request.memberships):
        request.session[SESSION_MEMBERSHIP_KEY] = chosen
    return redirect("home")


@login_required
def people_list(request: HttpRequest) -> HttpResponse:
    selectors.require_agency_role(request.membership, Role.AGENCY_ADMIN)
    people = selectors.people_of_agency(request.membership)
    return render(
        request,
        "agencies/people_list.html",
        {"people": people, "agency": request.membership.agency},
    )


@login_required
def person_add(request: HttpRequest) -> HttpResponse:
    admin = selectors.require_agency_role(request.membership, Role.AGENCY_ADMIN)
    form = PersonForm(request.POST or None, agency=admin.agency)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.add_person(
                agency=admin.agency,
                invite_domain=request.get_host(),
                use_https=request.is_secure(),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, f"{person.user.full_name} was added. They have been sent an invitation."
            )
            return redirect("agencies:people")
    return render(request, "agencies/person_form.html", {"form": form, "adding": True})


@login_required
def person_edit(request: HttpRequest, membership_id) -> HttpResponse:
    person = selectors.get_person_for_admin(request.membership, membership_id)
    initial = {
        "email": person.user.email,
        "full_name": person.user.full_name,
        "job_title": person.job_title,
        "team": person.team_id,
        "roles": person.roles,
        "contact_type": person.contact_type,
        "start_date": person.start_date,
        "ended_on": person.ended_on,
    }
    form = PersonForm(request.POST or None, agency=person.agency, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_membership(
                membership=person,
                roles=data["roles"],
                team=data["team"],
                job_title=data["job_title"],
                contact_type=data["contact_type"],
                start_date=data["start_date"],
                ended_on=data["ended_on"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Changes to {person.user.full_name} were saved.")
            return redirect("agencies:people")
    return render(
        request, "agencies/person_form.html", {"form": form, "person": person, "adding": False}
    )


@login_required
def teams(request: HttpRequest) -> HttpResponse:
    admin = selectors.require_agency_role(request.membership, Role.AGENCY_ADMIN)
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.create_team(agency=admin.agency, name=form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Team {team.name} was added.")
            return redirect("agencies:teams")
    return render(
        request,
        "agencies/teams.html",
        {"teams": selectors.teams_of_agency(admin), "form": form},
    )


@login_required
def partnership_agencies(request: HttpRequest) -> HttpResponse:
    pm = request.partnership_membership
    selectors.require_partnership_role(pm, PartnershipRole.PARTNERSHIP_ADMIN)
    agencies = selectors.agencies_of_partnership(pm)
    admins: dict = {}
    for admin in selectors.agency_admins_of_partnership(pm.partnership):
        admins.setdefault(admin.agency_id, []).append(admin.user)
    rows = [(agency, admins.get(agency.id, [])) for agency in agencies]
    return render(
        request,
        "agencies/partnership_agencies.html",
        {"rows": rows, "partnership": pm.partnership},
    )


@login_required
def agency_add(request: HttpRequest) -> HttpResponse:
    pm = selectors.require_partnership_role(
        request.partnership_membership, PartnershipRole.PARTNERSHIP_ADMIN
    )
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.create_agency(
                partnership=pm.partnership,
                invite_domain=request.get_host(),
                use_https=request.is_secure(),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{agency.name} was added and its admin invited.")
            return redirect("agencies:partnership_agencies")
    return render(request, "agencies/agency_form.html", {"form": form})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What this person can do next, a section for each role they hold."""
    membership = request.membership
    pm = request.partnership_membership
    context: dict = {"membership": membership, "partnership_membership": pm}
    if membership and membership.has_role(Role.AGENCY_ADMIN):
        context["people_count"] = selectors.people_of_agency(membership).count()
        context["team_count"] = selectors.teams_of_agency(membership).count()
    if pm and (
        pm.has_role(PartnershipRole.BOARD_MEMBER) or pm.has_role(PartnershipRole.PARTNERSHIP_ADMIN)
    ):
        counts = selectors.practitioner_counts_by_agency(pm.partnership)
        context["partnership_agencies"] = [
            (agency, counts.get(agency.id, 0)) for agency in selectors.agencies_of_partnership(pm)
        ]
    return render(request, "home.html", context)
