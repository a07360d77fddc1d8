"""A supervisee answers: save and come back, then submit once; answers never change."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from agencies.models import Role
from evaluation import services
from evaluation.models import Answer, Draft, FreeTextComment, Invitation, Response
from tests.factories.agencies import person
from tests.factories.evaluation import answer_everything, invite


@pytest.fixture
def invitation(campaign, supervisee, supervisor, agreement):
    return invite(campaign, supervisee, supervisor)


def _all_answers(campaign, choice="yes") -> dict:
    data = {f"q{q.position}": choice for q in campaign.questions.all()}
    data.update(resilience="4", stress="2", reflection="5")
    return data


def test_the_home_page_invites_the_supervisee(client_for, supervisee, invitation):
    body = client_for(supervisee).get("/").content.decode()
    assert f"/evaluation/invitations/{invitation.id}/" in body
    assert "Answer the evaluation" in body


def test_save_and_come_back(client_for, supervisee, invitation, campaign):
    client = client_for(supervisee)
    first = campaign.questions.get(position=1)
    response = client.post(
        f"/evaluation/invitations/{invitation.id}/",
        {"q1": "maybe", "resilience": "3", "more_of": "Case discussion", "save": ""},
    )
    assert response.status_code == 302
    draft = Draft.objects.get(invitation=invitation)
    assert draft.answers == {str(first.id): "maybe"}
    assert draft.resilience == 3
    page = client.get(f"/evaluation/invitations/{invitation.id}/").content.decode()
    assert re.search(r'name="q1"[^>]*value="maybe"\s+checked="checked"', page)
    assert "Case discussion" in page
    assert "Continue your answers" in client.get("/").content.decode()
    assert not Response.objects.exists()


def test_submitting_with_gaps_explains_and_keeps_what_was_typed(client_for, supervisee, invitation):
    response = client_for(supervisee).post(
        f"/evaluation/invitations/{invitation.id}/",
        {"q1": "yes", "less_of": "Cancelled sessions", "submit": "Submit your answers"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in body
    assert "Select yes, no or maybe for statement 2" in body
    assert "Select 1, 2, 3, 4 or 5: How resilient do you feel in your work?" in body
    assert "Cancelled sessions" in body
    assert Draft.objects.get(invitation=invitation).less_of == "Cancelled sessions"
    assert not Response.objects.exists()
    invitation.refresh_from_db()
    assert not invitation.has_responded


def test_submitting_stores_an_anonymous_response_and_forgets_the_draft(
    client_for, supervisee, supervisor, invitation, campaign
):
    data = {**_all_answers(campaign), "more_of": "Joint visits please", "submit": "Submit"}
    response = client_for(supervisee).post(f"/evaluation/invitations/{invitation.id}/", data)
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.supervisor == supervisor
    assert stored.team == supervisee.memberships.get().team
    assert (stored.resilience, stored.stress, stored.reflection) == (4, 2, 5)
    assert Answer.objects.filter(response=stored, choice="yes").count() == 10
    assert FreeTextComment.objects.get().text == "Joint visits please"
    assert not Draft.objects.exists()
    invitation.refresh_from_db()
    assert invitation.has_responded
    page = client_for(supervisee).get(response["Location"]).content.decode()
    assert "Your answers have been submitted" in page
    assert "Joint visits please" not in page  # nothing of what was answered comes back


def test_submitted_answers_cannot_be_changed_through_the_page(
    client_for, supervisee, invitation, campaign
):
    answer_everything(invitation, choice="yes")
    response = client_for(supervisee).post(
        f"/evaluation/invitations/{invitation.id}/",
        {**_all_answers(campaign, "no"), "submit": "Submit"},
    )
    assert response.status_code == 200
    assert "Your answers have been submitted" in response.content.decode()
    assert Response.objects.count() == 1
    assert not Answer.objects.filter(choice="no").exists()


def test_submitted_answers_cannot_be_changed_through_the_services(invitation):
    answer_everything(invitation)
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.save_draft(invitation=invitation, user=invitation.supervisee, answers={})
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.submit_response(invitation=invitation, user=invitation.supervisee)
    assert Response.objects.count() == 1


def test_a_closed_evaluation_takes_no_answers(client_for, supervisee, invitation, campaign):
    campaign.closes_on = timezone.localdate() - timedelta(days=1)
    campaign.save()
    response = client_for(supervisee).post(
        f"/evaluation/invitations/{invitation.id}/", {**_all_answers(campaign), "submit": ""}
    )
    assert "This evaluation is not open" in response.content.decode()
    assert not Response.objects.exists()


def test_only_the_invited_person_can_answer(client_for, agency, invitation):
    colleague = person(agency, Role.PRACTITIONER)
    response = client_for(colleague).get(f"/evaluation/invitations/{invitation.id}/")
    assert response.status_code == 404
    with pytest.raises(Exception):  # noqa: B017
        services.save_draft(invitation=invitation, user=colleague, answers={})


def test_an_invitation_per_supervisor(campaign, supervisee, supervisor, agency):
    other = person(agency, Role.SUPERVISOR)
    first = invite(campaign, supervisee, supervisor)
    second = invite(campaign, supervisee, other)
    answer_everything(first)
    assert Invitation.objects.get(id=second.id).has_responded is False
    assert list(Response.objects.values_list("supervisor", flat=True)) == [supervisor.id]
