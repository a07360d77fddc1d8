"""Case pages: lists per role, one case with its category history, adding and changing."""

import pytest

from supervision.models import Case, CaseCategory
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory


@pytest.fixture
def world(agency, supervisor, supervisee):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    colleague = person(agency, "practitioner")
    return {
        "mine": CaseFactory(agency=agency, allocated_practitioner=supervisee, reference="MINE-1"),
        "colleague": CaseFactory(
            agency=agency, allocated_practitioner=colleague, reference="THEIRS-1"
        ),
    }


def test_each_role_sees_its_cases(client_for, world, supervisee, supervisor, lead):
    for user, sees_colleague in ((supervisee, False), (supervisor, False), (lead, True)):
        body = client_for(user).get("/supervision/cases/").content.decode()
        assert "MINE-1" in body
        assert ("THEIRS-1" in body) is sees_colleague


def test_the_agency_admin_has_no_case_list(client_for, agency_admin):
    assert client_for(agency_admin).get("/supervision/cases/").status_code == 403


@pytest.mark.parametrize("size", [3, 30])
def test_case_list_runs_a_fixed_number_of_queries(
    client_for, agency, lead, supervisee, supervisor, size, django_assert_max_num_queries
):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    CaseFactory.create_batch(size, agency=agency, allocated_practitioner=supervisee)
    for user in (lead, supervisor, supervisee):
        client = client_for(user)
        with django_assert_max_num_queries(10):
            assert client.get("/supervision/cases/").status_code == 200


def test_filter_by_category(client_for, world, lead, agency):
    CaseFactory(agency=agency, reference="CLOSED-1", category=CaseCategory.CLOSED)
    body = client_for(lead).get("/supervision/cases/?category=closed").content.decode()
    assert "CLOSED-1" in body and "MINE-1" not in body


def test_lead_adds_a_case(client_for, lead, supervisee):
    client = client_for(lead)
    response = client.post(
        "/supervision/cases/add/",
        {
            "reference": "NS-77",
            "initials": "j s",
            "year_of_birth": "2015",
            "category": "child_in_need",
            "allocated_practitioner": str(supervisee.id),
            "next_meeting_type": "cin_review",
            "next_meeting_on_0": "1",
            "next_meeting_on_1": "2",
            "next_meeting_on_2": "2027",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(reference="NS-77")
    assert case.initials == "JS"


def test_names_and_dates_of_birth_are_refused(client_for, lead):
    response = client_for(lead).post(
        "/supervision/cases/add/",
        {
            "reference": "NS-78",
            "initials": "Jane Smith",
            "year_of_birth": "03/04/2015",
            "category": "child_in_need",
            "next_meeting_type": "cin_review",
        },
    )
    body = response.content.decode()
    assert "<title>Error: " in body
    assert "Enter initials only" in body
    assert "Enter the year of birth as a year" in body
    assert "Enter the date of the next statutory meeting" in body
    assert 'value="Jane Smith"' in body  # what was typed is kept
    assert not Case.objects.filter(reference="NS-78").exists()


def test_supervisor_changes_a_supervisees_case_and_history_is_kept(
    client_for, world, supervisor, supervisee
):
    case = world["mine"]
    client = client_for(supervisor)
    response = client.post(
        f"/supervision/cases/{case.id}/edit/",
        {
            "initials": case.initials,
            "year_of_birth": case.year_of_birth,
            "category": "child_protection",
            "allocated_practitioner": str(supervisee.id),
            "next_meeting_type": "initial_conference",
            "next_meeting_on_0": "10",
            "next_meeting_on_1": "12",
            "next_meeting_on_2": "2026",
        },
    )
    assert response.status_code == 302
    body = client.get(f"/supervision/cases/{case.id}/").content.decode()
    assert "Child protection (s47, CP plan)" in body
    assert "Child in need (s17)" in body  # the earlier category, in the history
    assert case.category_changes.count() == 2


def test_practitioner_cannot_change_a_case(client_for, world, supervisee):
    case = world["mine"]
    assert client_for(supervisee).get(f"/supervision/cases/{case.id}/").status_code == 200
    assert client_for(supervisee).get(f"/supervision/cases/{case.id}/edit/").status_code == 403


def test_someone_elses_case_is_404(client_for, world, supervisee, outsider):
    case = world["colleague"]
    assert client_for(supervisee).get(f"/supervision/cases/{case.id}/").status_code == 404
    assert client_for(outsider).get(f"/supervision/cases/{case.id}/").status_code == 404
