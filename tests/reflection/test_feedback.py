"""Each participant gives feedback on how the model worked for them; the partnership sees
counts (suppressed under 5), and its admins read the comments without names."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reflection import services
from reflection.models import SpaceToThinkFeedback, SpaceToThinkSession


@pytest.fixture
def finished(session):
    SpaceToThinkSession.objects.filter(id=session.id).update(status="finished", current_stage=6)
    session.refresh_from_db()
    return session


def test_each_participant_gives_feedback_once(client_for, finished, teacher):
    client = client_for(teacher)
    url = f"/reflection/space-to-think/{finished.id}/feedback/"
    assert client.post(url, {"rating": "well", "strengths": "Focused"}).status_code == 302
    assert client.post(url, {"rating": "very_well", "improvements": "Longer"}).status_code == 302
    feedback = SpaceToThinkFeedback.objects.get()
    assert (feedback.rating, feedback.improvements) == ("very_well", "Longer")
    assert feedback.partnership_id == finished.partnership_id
    page = client.get(f"/reflection/space-to-think/{finished.id}/").content.decode()
    assert "1 of 3 participants have given feedback" in page


def test_feedback_needs_an_answer(client_for, finished, teacher):
    response = client_for(teacher).post(
        f"/reflection/space-to-think/{finished.id}/feedback/", {"strengths": "Kept"}
    )
    body = response.content.decode()
    assert "Select how the model worked for you" in body
    assert "Kept" in body


def test_no_feedback_before_the_end(session, teacher):
    with pytest.raises(ValidationError):
        services.give_feedback(
            session=session, user=teacher, rating="well", strengths="", improvements=""
        )


def test_only_participants_give_feedback(finished, supervisor):
    with pytest.raises(PermissionDenied):
        services.give_feedback(
            session=finished, user=supervisor, rating="well", strengths="", improvements=""
        )


def test_counts_are_suppressed_and_comments_only_for_partnership_admins(
    client_for, finished, supervisee, police_officer, teacher, board_member, partnership_admin
):
    for user in (supervisee, police_officer, teacher):
        services.give_feedback(
            session=finished,
            user=user,
            rating="well",
            strengths=f"Comment by {user.email}",
            improvements="",
        )
    board = client_for(board_member).get("/reflection/themes/").content.decode()
    assert "&lt;5" in board
    assert "Comment by" not in board
    admin = client_for(partnership_admin).get("/reflection/themes/").content.decode()
    assert f"Comment by {teacher.email}" in admin
    assert teacher.full_name not in admin
