"""The Facilitator reviews the learning themes for names and publishes them to the
partnership; everyone in the partnership reads them, nobody outside it does."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agencies.models import Role
from reflection import services
from reflection.models import LearningTheme
from tests.factories.agencies import person
from tests.factories.reflection import space_to_think

THEME = "Families may engage with the professional they already trust."


@pytest.fixture
def finished(session, police_officer):
    for _ in range(7):
        session.refresh_from_db()
        action = "start" if session.current_stage == 0 else "next"
        services.control_timer(
            session=session,
            user=police_officer,
            action=action,
            version=session.timer_version,
            now=timezone.now(),
        )
    session.refresh_from_db()
    assert session.status == "finished"
    return session


def test_facilitator_publishes_reviewed_themes(client_for, finished, police_officer):
    response = client_for(police_officer).post(
        f"/reflection/space-to-think/{finished.id}/themes/",
        {"text": f"- {THEME}\n\nAgree one way of making contact.", "reviewed": "on"},
    )
    assert response.status_code == 302
    texts = list(LearningTheme.objects.values_list("text", flat=True).order_by("text"))
    assert texts == ["Agree one way of making contact.", THEME]
    assert all(t.partnership_id == finished.partnership_id for t in LearningTheme.objects.all())


def test_a_theme_with_a_participant_name_is_refused(client_for, finished, police_officer, teacher):
    teacher.full_name = "Jo Smithson"
    teacher.save()
    response = client_for(police_officer).post(
        f"/reflection/space-to-think/{finished.id}/themes/",
        {"text": f"{THEME}\nSmithson was right to push for a joint visit.", "reviewed": "on"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Theme 2 contains the name “Smithson”" in body
    assert "Smithson was right" in body  # what was typed is kept
    assert not LearningTheme.objects.exists()


def test_names_match_as_words_and_first_names_by_their_capital(finished, police_officer):
    police_officer.full_name = "May Lee"
    police_officer.save()
    avoid = services.names_to_avoid(finished)
    assert services.names_in("Families may engage later.", avoid) == []
    assert services.names_in("Leeds has a service.", avoid) == []
    assert services.names_in("As May said, ask who they trust.", avoid) == ["May"]
    assert services.names_in("may lee suggested it", avoid) == ["May Lee"]


def test_a_theme_naming_an_agency_is_refused(finished, police_officer, other_agency):
    with pytest.raises(ValidationError, match="contains the name"):
        services.publish_themes(
            session=finished,
            user=police_officer,
            text=f"{other_agency.name} were slow to respond.",
            reviewed=True,
        )


def test_themes_need_the_review_confirmation(finished, police_officer):
    with pytest.raises(ValidationError) as error:
        services.publish_themes(session=finished, user=police_officer, text=THEME, reviewed=False)
    assert "reviewed" in error.value.message_dict


def test_only_after_the_session_and_only_the_facilitator(session, finished, supervisee, client_for):
    response = client_for(supervisee).get(f"/reflection/space-to-think/{finished.id}/themes/")
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.publish_themes(session=finished, user=supervisee, text=THEME, reviewed=True)


def test_themes_not_published_before_the_end(session, police_officer):
    with pytest.raises(ValidationError, match="once the session has finished"):
        services.publish_themes(session=session, user=police_officer, text=THEME, reviewed=True)


def test_save_draft_keeps_the_text_unpublished(client_for, finished, police_officer):
    client_for(police_officer).post(
        f"/reflection/space-to-think/{finished.id}/themes/",
        {"text": THEME, "save_draft": "Save draft"},
    )
    finished.refresh_from_db()
    assert finished.themes_draft == THEME
    assert not LearningTheme.objects.exists()


def test_partnership_page_shows_themes_to_every_member(
    client_for,
    finished,
    police_officer,
    supervisor,
    agency_admin,
    board_member,
    partnership_admin,
    stranger,
):
    services.publish_themes(session=finished, user=police_officer, text=THEME, reviewed=True)
    for user in (supervisor, agency_admin, board_member, partnership_admin):
        body = client_for(user).get("/reflection/themes/").content.decode()
        assert THEME in body, user
        # The theme stands alone: no session topic, no participant, no agency.
        assert finished.topic not in body
        assert police_officer.full_name not in body
    body = client_for(stranger).get("/reflection/themes/").content.decode()
    assert THEME not in body


def test_partnership_page_query_count(
    client_for, supervisee, police_officer, teacher, supervisor, django_assert_max_num_queries
):
    def publish_one():
        session = space_to_think(
            presenter=supervisee, facilitator=police_officer, consultants=[teacher]
        )
        session.status = "finished"
        session.save()
        services.publish_themes(session=session, user=police_officer, text=THEME, reviewed=True)

    client = client_for(supervisor)
    publish_one()
    with django_assert_max_num_queries(15):
        client.get("/reflection/themes/")
    for _ in range(10):
        publish_one()
    with django_assert_max_num_queries(15):
        response = client.get("/reflection/themes/")
    assert response.content.decode().count(THEME) == 11


def test_someone_with_no_partnership_is_refused(client_for, django_user_model):
    from tests.factories.agencies import UserFactory

    response = client_for(UserFactory()).get("/reflection/themes/")
    assert response.status_code == 403


def test_person_of_a_new_agency_sees_it(client_for, finished, police_officer, third_agency):
    services.publish_themes(session=finished, user=police_officer, text=THEME, reviewed=True)
    newcomer = person(third_agency, Role.AGENCY_ADMIN)
    assert THEME in client_for(newcomer).get("/reflection/themes/").content.decode()
