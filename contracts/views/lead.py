"""The safeguarding lead's view of the agency's agreements, and a supervisee's history."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from agencies.models import Role
from agencies.selectors import require_agency_role, teams_of_agency

from .. import selectors
from ..forms import AgreementFilterForm
from ..models import AgreementStatus

PAGE_SIZE = 50
# Without a status filter the list shows what the lead acts on: everything but the
# versions that were replaced.
DEFAULT_STATUSES = tuple(s for s in AgreementStatus.values if s != AgreementStatus.SUPERSEDED)


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    lead = require_agency_role(request.membership, Role.SAFEGUARDING_LEAD)
    supervisors = list(selectors.supervisors_of_agency(lead))
    teams = list(teams_of_agency(lead))
    form = AgreementFilterForm(request.GET or None, supervisors=supervisors, teams=teams)
    filters = selectors.AgreementFilters(statuses=DEFAULT_STATUSES)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.AgreementFilters(
            statuses=tuple(data["status"]) or DEFAULT_STATUSES,
            supervisor_id=data["supervisor"] or None,
            team_id=data["team"] or None,
        )
    page = Paginator(selectors.agreements_of_agency(lead, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    counts = selectors.status_counts(lead)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "contracts/agency_list.html",
        {
            "agency": lead.agency,
            "form": form,
            "page": page,
            "counts": [(AgreementStatus(s).label, s, counts[s]) for s in AgreementStatus.values],
            "query": query.urlencode(),
        },
    )


@login_required
def supervisee_history(request: HttpRequest, membership_id) -> HttpResponse:
    """Who has supervised this person (seed 000 standard xii: continuity)."""
    membership = selectors.get_supervisee_for_history(request.user, membership_id)
    return render(
        request,
        "contracts/supervisee_history.html",
        {
            "person": membership,
            "history": selectors.supervisor_history(
                agency_id=membership.agency_id, supervisee_id=membership.user_id
            ),
        },
    )
