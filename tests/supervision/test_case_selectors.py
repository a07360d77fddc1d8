"""Who sees which cases: own, supervisees', all for the lead, none across agencies."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from agencies.models import Role
from supervision import selectors
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory


def _m(user, agency):
    return user.memberships.get(agency=agency)


@pytest.fixture
def cases(agency, supervisor, supervisee):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    other_practitioner = person(agency, Role.PRACTITIONER)
    return {
        "mine": CaseFactory(agency=agency, allocated_practitioner=supervisee),
        "colleague": CaseFactory(agency=agency, allocated_practitioner=other_practitioner),
        "unallocated": CaseFactory(agency=agency),
    }


def test_practitioner_sees_own_cases(cases, supervisee, agency):
    visible = set(selectors.cases_visible_to(supervisee, _m(supervisee, agency)))
    assert visible == {cases["mine"]}


def test_supervisor_sees_supervisees_cases(cases, supervisor, agency):
    visible = set(selectors.cases_visible_to(supervisor, _m(supervisor, agency)))
    assert visible == {cases["mine"]}


def test_lead_sees_all_of_the_agency(cases, lead, agency, outsider):
    CaseFactory(agency=outsider.memberships.get().agency)
    visible = set(selectors.cases_visible_to(lead, _m(lead, agency)))
    assert visible == set(cases.values())


def test_admin_has_no_case_list(cases, agency_admin, agency):
    with pytest.raises(PermissionDenied):
        selectors.cases_visible_to(agency_admin, _m(agency_admin, agency))


def test_other_cases_answer_404(cases, supervisee, agency):
    with pytest.raises(Http404):
        selectors.get_case_for(supervisee, _m(supervisee, agency), cases["colleague"].id)


def test_ending_the_agreement_hides_the_cases(cases, supervisor, supervisee, agency):
    from contracts.models import Agreement
    from contracts.services import end_agreement

    end_agreement(agreement=Agreement.objects.get(supervisor=supervisor), ended_on=None)
    assert not selectors.cases_visible_to(supervisor, _m(supervisor, agency)).exists()
