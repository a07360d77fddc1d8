"""An agency admin adds people and gives them roles."""

from django.core import mail

from agencies.models import Membership, Role
from tests.factories.agencies import MembershipFactory, TeamFactory

VALID = {
    "email": "new.worker@example.org",
    "full_name": "New Worker",
    "job_title": "Family support worker",
    "roles": [Role.PRACTITIONER],
    "contact_type": "direct",
    "start_date_0": "3",
    "start_date_1": "11",
    "start_date_2": "2026",
}


def test_admin_adds_a_person_who_is_invited(
    client_for, agency_admin, agency, django_capture_on_commit_callbacks
):
    team = TeamFactory(agency=agency)
    client = client_for(agency_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/agency/people/add/", {**VALID, "team": team.id})
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="new.worker@example.org")
    assert membership.agency == agency
    assert membership.roles == [Role.PRACTITIONER]
    assert membership.team == team
    assert str(membership.start_date) == "2026-11-03"
    assert len(mail.outbox) == 1
    assert "Set your password" in mail.outbox[0].body


def test_bad_input_is_explained_and_kept(client_for, agency_admin):
    client = client_for(agency_admin)
    data = {**VALID, "email": "not-an-email", "roles": [], "start_date_1": "13"}
    response = client.post("/agency/people/add/", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter an email address in the correct format" in body
    assert "Select at least one role" in body
    assert 'value="not-an-email"' in body
    assert 'value="New Worker"' in body
    assert not Membership.objects.filter(user__full_name="New Worker").exists()


def test_a_team_of_another_agency_is_refused(client_for, agency_admin):
    foreign_team = TeamFactory()
    client = client_for(agency_admin)
    response = client.post("/agency/people/add/", {**VALID, "team": foreign_team.id})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_adding_an_existing_member_again_is_refused(client_for, agency_admin, supervisor):
    client = client_for(agency_admin)
    response = client.post("/agency/people/add/", {**VALID, "email": supervisor.email})
    assert "already a member of this agency" in response.content.decode()


def test_person_of_another_agency_joins_this_one_too(client_for, agency_admin, outsider, agency):
    client = client_for(agency_admin)
    response = client.post("/agency/people/add/", {**VALID, "email": outsider.email})
    assert response.status_code == 302
    assert outsider.memberships.count() == 2
    assert len(mail.outbox) == 0  # they already have an account


def test_admin_changes_roles(client_for, agency_admin, agency):
    membership = MembershipFactory(agency=agency, roles=[Role.PRACTITIONER])
    client = client_for(agency_admin)
    response = client.post(
        f"/agency/people/{membership.id}/",
        {
            "job_title": "Senior practitioner",
            "roles": [Role.PRACTITIONER, Role.SUPERVISOR],
            "contact_type": "direct",
            "start_date_0": "1",
            "start_date_1": "2",
            "start_date_2": "2024",
        },
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.roles == [Role.PRACTITIONER, Role.SUPERVISOR]
    assert membership.job_title == "Senior practitioner"


def test_people_list_runs_a_fixed_number_of_queries(
    client_for, agency_admin, agency, django_assert_max_num_queries
):
    MembershipFactory.create_batch(25, agency=agency)
    client = client_for(agency_admin)
    with django_assert_max_num_queries(12):
        response = client.get("/agency/people/")
    assert response.content.decode().count("/agency/people/") >= 25


def test_partnership_admin_adds_an_agency_with_its_admin(
    client_for, partnership_admin, agency, django_capture_on_commit_callbacks
):
    client = client_for(partnership_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/agency/partnership/agencies/add/",
            {
                "name": "Riverside Academy",
                "sector": "education",
                "admin_name": "Rita Admin",
                "admin_email": "rita@example.org",
            },
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="rita@example.org")
    assert membership.agency.partnership == agency.partnership
    assert membership.roles == [Role.AGENCY_ADMIN]
    assert len(mail.outbox) == 1


def test_board_home_suppresses_small_numbers(client_for, board_member, agency):
    MembershipFactory.create_batch(3, agency=agency, roles=[Role.PRACTITIONER])
    body = client_for(board_member).get("/").content.decode()
    assert "&lt;5" in body
