"""The safeguarding lead opens an evaluation, adds statements and closes it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from agencies.models import Role
from contracts.models import AgreementStatus
from evaluation import services
from evaluation.models import Campaign, Invitation
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory
from tests.factories.evaluation import anonymous_responses

SEED_STATEMENTS = [
    "I am happy about the length of supervision sessions.",
    "I am happy to speak to you about cases that concern me.",
    "I am happy with the level of discussion in the sessions.",
    "I understand the actions agreed.",
    "I feel that you help me formulate a plan to move forward",
    "I feel you believe me when I tell you I am concerned about a child or family",
    "I am given time to reflect",
    "I am given time to talk about issues concerning to me",
    "I feel you respect me",
    "I feel adequately equipped to deal with the cases I have",
]


def _dates(prefix: str, day) -> dict:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def test_lead_opens_an_evaluation_and_supervisees_in_force_are_invited(
    client_for, lead, agency, agreement, supervisor, django_capture_on_commit_callbacks
):
    ended = AgreementFactory(
        supervisor=supervisor,
        supervisee=person(agency, Role.PRACTITIONER),
        status=AgreementStatus.ENDED,
    )
    today = timezone.localdate()
    data = {"year": today.year, **_dates("opens_on", today), **_dates("closes_on", today)}
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_for(lead).post("/evaluation/new/", data)
    assert response.status_code == 302
    campaign = Campaign.objects.get(agency=agency)
    assert [q.text for q in campaign.questions.order_by("position")] == SEED_STATEMENTS
    invited = list(Invitation.objects.filter(campaign=campaign))
    assert [(i.supervisee, i.supervisor) for i in invited] == [
        (agreement.supervisee, agreement.supervisor)
    ]
    assert ended.supervisee not in [i.supervisee for i in invited]
    assert len(callbacks) == 1  # the invitation emails are queued after commit


def test_an_evaluation_opening_later_invites_nobody_yet(lead, agency, agreement):
    today = timezone.localdate()
    campaign = services.open_campaign(
        agency=agency,
        opened_by=lead,
        year=today.year,
        opens_on=today + timedelta(days=3),
        closes_on=today + timedelta(days=30),
    )
    assert campaign.status == "upcoming"
    assert not Invitation.objects.filter(campaign=campaign).exists()


def test_bad_dates_are_explained_and_kept(client_for, lead):
    today = timezone.localdate()
    data = {
        "year": today.year,
        **_dates("opens_on", today),
        **_dates("closes_on", today - timedelta(days=3)),
    }
    response = client_for(lead).post("/evaluation/new/", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in body
    assert "The close date must be the same as or after the open date" in body
    assert f'value="{today.year}"' in body


def test_one_evaluation_per_agency_per_year(lead, agency, campaign):
    with pytest.raises(ValidationError, match="already an evaluation"):
        services.open_campaign(
            agency=agency,
            opened_by=lead,
            year=campaign.year,
            opens_on=campaign.opens_on,
            closes_on=campaign.closes_on,
        )


def test_lead_adds_and_removes_an_agency_statement(client_for, lead, campaign):
    client = client_for(lead)
    response = client.post(
        f"/evaluation/{campaign.id}/questions/", {"text": "I know how to raise a concern."}
    )
    assert response.status_code == 302
    question = campaign.questions.get(standard_number=None)
    assert question.position == 11
    page = client.get(f"/evaluation/{campaign.id}/").content.decode()
    assert "I know how to raise a concern." in page
    response = client.post(f"/evaluation/{campaign.id}/questions/{question.id}/remove/")
    assert response.status_code == 302
    assert campaign.questions.count() == 10


def test_statements_are_fixed_once_someone_has_answered(lead, campaign, supervisor):
    anonymous_responses(campaign, supervisor, 1)
    with pytest.raises(ValidationError, match="until the first person submits"):
        services.add_agency_question(campaign=campaign, text="Another statement")


def test_the_ten_statements_cannot_be_removed(campaign):
    with pytest.raises(ValidationError):
        services.remove_agency_question(question=campaign.questions.first())


def test_lead_closes_the_evaluation_early(client_for, lead, campaign):
    response = client_for(lead).post(f"/evaluation/{campaign.id}/close/")
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.is_closed


def test_a_supervisor_cannot_run_evaluations(client_for, supervisor, campaign):
    client = client_for(supervisor)
    assert client.get("/evaluation/").status_code == 403
    assert client.post(f"/evaluation/{campaign.id}/close/").status_code == 403
    campaign.refresh_from_db()
    assert not campaign.is_closed


def test_campaign_list_runs_a_fixed_number_of_queries(
    client_for, lead, agency, django_assert_max_num_queries
):
    from tests.factories.evaluation import CampaignFactory

    for year in range(2010, 2014):
        CampaignFactory(agency=agency, year=year)
    client = client_for(lead)
    with django_assert_max_num_queries(10):
        small = client.get("/evaluation/")
    for year in range(2014, 2030):
        CampaignFactory(agency=agency, year=year)
    with django_assert_max_num_queries(10):
        large = client.get("/evaluation/")
    assert small.status_code == large.status_code == 200
    assert large.content.decode().count("/results/") == 20
