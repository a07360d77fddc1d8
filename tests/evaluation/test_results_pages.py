"""Results pages run a fixed number of queries, whatever the number of responses and groups."""

from datetime import timedelta

import pytest
from django.utils import timezone

from agencies.models import Role
from tests.factories.agencies import TeamFactory, person
from tests.factories.evaluation import CampaignFactory, anonymous_responses, comment


def close(campaign) -> None:
    today = timezone.localdate()
    campaign.opens_on = today - timedelta(days=30)
    campaign.closes_on = today - timedelta(days=1)
    campaign.save()


def grow(campaign, agency, groups: int) -> None:
    for _ in range(groups):
        team = TeamFactory(agency=agency)
        anonymous_responses(campaign, person(agency, Role.SUPERVISOR), 5, team=team)
        comment(campaign, "More time to think")


@pytest.mark.parametrize(
    ("url", "limit"),
    [
        ("/evaluation/{id}/results/", 25),
        ("/evaluation/{id}/results/by-team/", 20),
        ("/evaluation/{id}/results/by-supervisor/", 20),
        ("/evaluation/{id}/results/export.csv", 24),
        ("/evaluation/{id}/results/by-team/export.csv", 24),
    ],
)
def test_lead_pages_at_two_sizes(
    client_for, lead, agency, campaign, url, limit, django_assert_max_num_queries
):
    CampaignFactory(agency=agency, year=campaign.year - 1)
    grow(campaign, agency, 2)
    close(campaign)
    client = client_for(lead)
    with django_assert_max_num_queries(limit):
        assert client.get(url.format(id=campaign.id)).status_code == 200
    grow(campaign, agency, 8)
    with django_assert_max_num_queries(limit):
        assert client.get(url.format(id=campaign.id)).status_code == 200


def test_supervisor_page_at_two_sizes(
    client_for, supervisor, agency, campaign, django_assert_max_num_queries
):
    anonymous_responses(campaign, supervisor, 6)
    grow(campaign, agency, 2)
    close(campaign)
    client = client_for(supervisor)
    with django_assert_max_num_queries(22):
        body = client.get("/evaluation/my-results/").content.decode()
    assert "6 people answered about your supervision" in body
    grow(campaign, agency, 8)
    with django_assert_max_num_queries(22):
        client.get("/evaluation/my-results/")
