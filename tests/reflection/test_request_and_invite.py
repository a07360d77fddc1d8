"""Anyone who works with children asks for a session and invites people from the other
agencies of the partnership; the group has one Facilitator and one Case Presenter."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agencies.models import Role
from reflection import services
from reflection.models import ParticipantRole, SpaceToThinkSession
from tests.factories.agencies import person

REQUEST = {
    "topic": "Feeling stuck with a family who do not engage",
    "date_0": "3",
    "date_1": "12",
    "date_2": "2026",
    "time": "14:30",
    "mode": "virtual",
    "venue": "",
    "role": "case_presenter",
}


def test_practitioner_requests_a_session_and_presents(client_for, supervisee, agency):
    response = client_for(supervisee).post("/reflection/space-to-think/request/", REQUEST)
    session = SpaceToThinkSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reflection/space-to-think/{session.id}/invite/"
    assert session.partnership == agency.partnership
    assert session.scheduled_for.hour == 14
    me = session.participants.get()
    assert (me.user, me.agency, me.role) == (supervisee, agency, ParticipantRole.CASE_PRESENTER)


def test_bad_request_is_explained_and_kept(client_for, supervisee):
    data = {**REQUEST, "time": "half two", "role": ""}
    response = client_for(supervisee).post("/reflection/space-to-think/request/", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in body
    assert "Enter the start time like 14:30" in body
    assert "Select your role in the session" in body
    assert 'value="Feeling stuck with a family who do not engage"' in body
    assert not SpaceToThinkSession.objects.exists()


def test_an_agency_admin_alone_cannot_request(client_for, agency_admin):
    response = client_for(agency_admin).get("/reflection/space-to-think/request/")
    assert response.status_code == 403


def test_invite_someone_of_another_agency(client_for, session, supervisee, other_agency):
    colleague = person(other_agency, Role.SUPERVISOR)
    response = client_for(supervisee).post(
        f"/reflection/space-to-think/{session.id}/invite/",
        {"email": colleague.email.upper(), "agency": other_agency.id, "role": "consultant"},
    )
    assert response.status_code == 302
    participant = session.participants.get(user=colleague)
    assert participant.agency == other_agency
    assert participant.role == ParticipantRole.CONSULTANT
    assert participant.invited_by == supervisee


def test_nobody_outside_the_partnership_can_be_invited(client_for, session, supervisee, stranger):
    foreign_agency = stranger.memberships.get().agency
    client = client_for(supervisee)
    # The stranger's agency is not even offered; their email with one of ours finds no one.
    response = client.post(
        f"/reflection/space-to-think/{session.id}/invite/",
        {"email": stranger.email, "agency": foreign_agency.id, "role": "consultant"},
    )
    assert "Select a valid choice" in response.content.decode()
    response = client.post(
        f"/reflection/space-to-think/{session.id}/invite/",
        {
            "email": stranger.email,
            "agency": session.partnership.agencies.first().id,
            "role": "consultant",
        },
    )
    assert "No one who works with children has this email address" in response.content.decode()
    assert not session.participants.filter(user=stranger).exists()


def test_an_agency_admin_cannot_be_invited(session, supervisee, agency_admin, agency):
    with pytest.raises(ValidationError):
        services.invite_participant(
            session=session,
            invited_by=supervisee,
            email=agency_admin.email,
            agency=agency,
            role=ParticipantRole.CONSULTANT,
        )


def test_a_second_facilitator_is_refused(client_for, session, supervisee, other_agency):
    colleague = person(other_agency, Role.PRACTITIONER)
    response = client_for(supervisee).post(
        f"/reflection/space-to-think/{session.id}/invite/",
        {"email": colleague.email, "agency": other_agency.id, "role": "facilitator"},
    )
    assert "is already the Facilitator" in response.content.decode()


def test_a_consultant_cannot_invite(client_for, session, teacher):
    response = client_for(teacher).get(f"/reflection/space-to-think/{session.id}/invite/")
    assert response.status_code == 403


def test_facilitator_swaps_roles_before_the_start(client_for, session, police_officer, supervisee):
    people = {p.user_id: p for p in session.participants.all()}
    presenter, facilitator = people[supervisee.id], people[police_officer.id]
    data = {f"role_{p.id}": p.role for p in people.values()}
    data[f"role_{presenter.id}"] = "facilitator"
    data[f"role_{facilitator.id}"] = "case_presenter"
    response = client_for(police_officer).post(
        f"/reflection/space-to-think/{session.id}/roles/", data
    )
    assert response.status_code == 302
    presenter.refresh_from_db()
    facilitator.refresh_from_db()
    assert presenter.role == ParticipantRole.FACILITATOR
    assert facilitator.role == ParticipantRole.CASE_PRESENTER


def test_roles_need_one_facilitator_and_one_presenter(client_for, session, supervisee):
    data = {f"role_{p.id}": "consultant" for p in session.participants.all()}
    response = client_for(supervisee).post(f"/reflection/space-to-think/{session.id}/roles/", data)
    body = response.content.decode()
    assert "Choose exactly one Facilitator" in body
    assert session.participants.filter(role="facilitator").count() == 1


def test_roles_cannot_change_once_started(session, police_officer):
    services.control_timer(session=session, user=police_officer, action="start", version=0)
    with pytest.raises(ValidationError, match="once the session has started"):
        services.assign_roles(session=session, user=police_officer, roles={})


def test_a_consultant_cannot_assign_roles(session, teacher):
    with pytest.raises(PermissionDenied):
        services.assign_roles(session=session, user=teacher, roles={})
