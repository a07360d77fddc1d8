"""Only participants see a session, whatever their agency; anyone else gets 404. A
safeguarding lead sees only that their own staff took part."""

from agencies.models import Role
from tests.factories.agencies import person
from tests.factories.reflection import space_to_think


def test_participants_of_three_agencies_see_the_session(
    client_for, session, supervisee, police_officer, teacher
):
    for user in (supervisee, police_officer, teacher):
        response = client_for(user).get(f"/reflection/space-to-think/{session.id}/")
        body = response.content.decode()
        assert response.status_code == 200
        assert session.topic in body
        for name in (supervisee.full_name, police_officer.full_name, teacher.full_name):
            assert name in body
        assert "Reflective questions to hand" in body
        assert "What exactly did you do?" in body


def test_non_participants_of_the_same_agencies_get_404(
    client_for, session, supervisor, lead, outsider, other_agency, third_agency, board_member
):
    third_lead = person(third_agency, Role.SAFEGUARDING_LEAD)
    for user in (supervisor, lead, outsider, third_lead, board_member):
        for suffix in ("", "timer/", "notes/", "feedback/", "themes/", "invite/", "roles/"):
            response = client_for(user).get(f"/reflection/space-to-think/{session.id}/{suffix}")
            assert response.status_code == 404, (user, suffix)


def test_a_participant_who_left_the_agency_no_longer_sees_it(client_for, session, teacher):
    membership = teacher.memberships.get()
    membership.ended_on = membership.start_date
    membership.save()
    response = client_for(teacher).get(f"/reflection/space-to-think/{session.id}/")
    assert response.status_code == 404


def test_list_shows_only_my_sessions(client_for, session, supervisee, supervisor, teacher):
    mine = client_for(teacher).get("/reflection/space-to-think/").content.decode()
    assert session.topic in mine
    assert "Consultant" in mine
    theirs = client_for(supervisor).get("/reflection/space-to-think/").content.decode()
    assert session.topic not in theirs


def test_list_query_count_does_not_grow(
    client_for, supervisee, police_officer, teacher, django_assert_max_num_queries
):
    client = client_for(teacher)
    space_to_think(presenter=supervisee, facilitator=police_officer, consultants=[teacher])
    with django_assert_max_num_queries(11):
        client.get("/reflection/space-to-think/")
    for _ in range(10):
        space_to_think(presenter=supervisee, facilitator=police_officer, consultants=[teacher])
    with django_assert_max_num_queries(11):
        response = client.get("/reflection/space-to-think/")
    assert response.content.decode().count("Feeling stuck") == 11


def test_session_page_query_count_does_not_grow_with_participants(
    client_for, session, supervisee, other_agency, django_assert_max_num_queries
):
    client = client_for(supervisee)
    with django_assert_max_num_queries(16):
        client.get(f"/reflection/space-to-think/{session.id}/")
    from tests.factories.reflection import ParticipantFactory

    for _ in range(8):
        ParticipantFactory(session=session, user=person(other_agency, Role.PRACTITIONER))
    with django_assert_max_num_queries(16):
        client.get(f"/reflection/space-to-think/{session.id}/")


def test_lead_sees_their_staff_took_part_and_nothing_else(
    client_for, session, supervisee, police_officer, teacher, lead, outsider
):
    # The council's lead: their practitioner presented; the page names her, not the rest.
    body = client_for(lead).get("/reflection/space-to-think/participation/").content.decode()
    assert supervisee.full_name in body
    assert police_officer.full_name not in body
    assert teacher.full_name not in body
    assert session.topic not in body
    assert "Case Presenter" not in body
    # The police lead (outsider holds the lead role there) sees their facilitator only.
    body = client_for(outsider).get("/reflection/space-to-think/participation/").content.decode()
    assert police_officer.full_name in body
    assert supervisee.full_name not in body
    assert session.topic not in body


def test_participation_page_needs_the_lead_role(client_for, supervisee):
    response = client_for(supervisee).get("/reflection/space-to-think/participation/")
    assert response.status_code == 403


def test_participation_query_count(
    client_for, lead, supervisee, police_officer, teacher, django_assert_max_num_queries
):
    client = client_for(lead)
    space_to_think(presenter=supervisee, facilitator=police_officer, consultants=[teacher])
    with django_assert_max_num_queries(11):
        client.get("/reflection/space-to-think/participation/")
    for _ in range(10):
        space_to_think(presenter=supervisee, facilitator=police_officer, consultants=[teacher])
    with django_assert_max_num_queries(11):
        client.get("/reflection/space-to-think/participation/")
