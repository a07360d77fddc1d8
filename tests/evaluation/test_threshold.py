"""Results appear only from 5 responses per group up, on every page and in every export,
and smaller groups cannot be worked out from the larger ones."""

from datetime import timedelta

import pytest
from django.utils import timezone

from agencies.models import Role
from evaluation import results
from tests.factories.agencies import TeamFactory, person
from tests.factories.evaluation import anonymous_responses, comment

FIGURE = "100%"  # every response below answers yes


def close(campaign) -> None:
    today = timezone.localdate()
    campaign.opens_on = today - timedelta(days=30)
    campaign.closes_on = today - timedelta(days=1)
    campaign.save()


def test_hidden_groups_include_secondary_suppression():
    assert results.hidden_groups({"a": 7, "b": 9}) == set()
    assert results.hidden_groups({"a": 7, "b": 3}) == {"a", "b"}
    assert results.hidden_groups({"a": 7, "b": 9, "c": 2}) == {"a", "c"}
    assert results.hidden_groups({"a": 7, "b": 9, "c": 2, "d": 3}) == {"c", "d"}
    assert results.hidden_groups({"a": 4}) == {"a"}


def test_percentages_add_up_to_100():
    assert results.whole_percents([1, 1, 1]) == [34, 33, 33]
    assert sum(results.whole_percents([2, 5, 11])) == 100
    assert results.whole_percents([0, 0, 0]) == [0, 0, 0]


@pytest.mark.parametrize(("count", "shown"), [(4, False), (5, True)])
def test_agency_results_page_and_export(client_for, lead, supervisor, campaign, count, shown):
    anonymous_responses(campaign, supervisor, count)
    comment(campaign, "A comment that must wait for five")
    client = client_for(lead)
    page = client.get(f"/evaluation/{campaign.id}/results/").content.decode()
    export = client.get(f"/evaluation/{campaign.id}/results/export.csv").content.decode()
    assert (FIGURE in page) is shown
    assert ("A comment that must wait for five" in page) is shown
    assert ("Fewer than 5 have answered" in page) is not shown
    assert ("I am happy about the length of supervision sessions." in export) is shown
    assert ("Fewer than 5 responses: not shown" in export) is not shown


@pytest.mark.parametrize(("count", "shown"), [(4, False), (5, True)])
def test_supervisor_own_results(client_for, supervisor, campaign, count, shown):
    anonymous_responses(campaign, supervisor, count)
    close(campaign)
    page = client_for(supervisor).get("/evaluation/my-results/").content.decode()
    assert (FIGURE in page) is shown
    assert (f"{count} people answered about your supervision" in page) is shown
    assert ("cannot be shown" in page) is not shown


def test_supervisor_sees_nothing_while_the_evaluation_is_open(client_for, supervisor, campaign):
    anonymous_responses(campaign, supervisor, 8)
    client = client_for(supervisor)
    page = client.get("/evaluation/my-results/").content.decode()
    assert FIGURE not in page
    assert "appear when the evaluation closes" in page
    agency_page = client.get(f"/evaluation/{campaign.id}/results/").content.decode()
    assert FIGURE not in agency_page
    assert "appear when the evaluation closes" in agency_page


def test_supervisor_results_that_would_reveal_another_supervisor_stay_hidden(
    client_for, supervisor, agency, campaign
):
    other = person(agency, Role.SUPERVISOR)
    anonymous_responses(campaign, supervisor, 7)
    anonymous_responses(campaign, other, 2)
    close(campaign)
    page = client_for(supervisor).get("/evaluation/my-results/").content.decode()
    # Agency (9) minus this supervisor (7) would give the other's 2 answers.
    assert FIGURE not in page
    assert "cannot be shown" in page


@pytest.mark.parametrize(("count", "shown"), [(4, False), (5, True)])
def test_results_by_team_page_and_export(
    client_for, lead, supervisor, agency, campaign, count, shown
):
    big, small = TeamFactory(agency=agency, name="Big team"), TeamFactory(agency=agency)
    anonymous_responses(campaign, supervisor, 10, team=big, choice="no")
    anonymous_responses(campaign, supervisor, count, team=small, choice="yes")
    anonymous_responses(campaign, supervisor, 5, team=None, choice="no")
    close(campaign)
    client = client_for(lead)
    page = client.get(f"/evaluation/{campaign.id}/results/by-team/").content.decode()
    export = client.get(f"/evaluation/{campaign.id}/results/by-team/export.csv").content.decode()
    # Only the small team answered yes: its 100% must appear only from 5 up.
    assert (FIGURE in page) is shown
    small_row = next(line for line in export.splitlines() if line.startswith(small.name))
    assert ("100" in small_row) is shown
    assert ("<5" in small_row) is not shown
    if not shown:
        # Secondary suppression: the next smallest group (no team, 5) is hidden too.
        none_row = next(line for line in export.splitlines() if line.startswith("No team"))
        assert "[c]" in none_row
        assert "Big team,10," in export


@pytest.mark.parametrize(("count", "shown"), [(4, False), (5, True)])
def test_results_by_supervisor_page_and_export(
    client_for, lead, supervisor, agency, campaign, count, shown
):
    anonymous_responses(campaign, person(agency, Role.SUPERVISOR), 6, choice="no")
    anonymous_responses(campaign, person(agency, Role.SUPERVISOR), 6, choice="no")
    anonymous_responses(campaign, supervisor, count, choice="yes")
    close(campaign)
    client = client_for(lead)
    page = client.get(f"/evaluation/{campaign.id}/results/by-supervisor/").content.decode()
    export = client.get(
        f"/evaluation/{campaign.id}/results/by-supervisor/export.csv"
    ).content.decode()
    assert (FIGURE in page) is shown
    row = next(line for line in export.splitlines() if line.startswith(supervisor.full_name))
    assert ("100" in row) is shown


def test_breakdowns_wait_for_the_close(client_for, lead, supervisor, campaign):
    anonymous_responses(campaign, supervisor, 9)
    client = client_for(lead)
    page = client.get(f"/evaluation/{campaign.id}/results/by-supervisor/").content.decode()
    export = client.get(
        f"/evaluation/{campaign.id}/results/by-supervisor/export.csv"
    ).content.decode()
    assert "appear when the evaluation closes" in page
    assert FIGURE not in page
    assert supervisor.full_name not in export


def test_last_year_beside_this_year_only_when_both_reach_five(
    client_for, lead, supervisor, agency, campaign
):
    from tests.factories.evaluation import CampaignFactory

    last = CampaignFactory(agency=agency, year=campaign.year - 1)
    anonymous_responses(last, supervisor, 4, choice="no")
    anonymous_responses(campaign, supervisor, 5)
    figures = results.agency_figures(campaign)
    assert figures.shown
    assert all(r.last_year is None for r in figures.questions)
    anonymous_responses(last, supervisor, 1, choice="no")
    figures = results.agency_figures(campaign)
    assert all(r.last_year.no_percent == 100 for r in figures.questions)
