"""The dashboards run a fixed number of queries whatever the data size: the lead's
dashboard, a list behind a figure and the board's dashboard are counted at two sizes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.models import Role
from assurance.models import SeenMeeting, Snapshot
from evaluation.models import Campaign
from supervision.models import StatutoryMeeting
from tests.factories.agencies import AgencyFactory, AgencyPolicyFactory
from tests.factories.assurance import agreement, at, case, discuss, escalation, staff
from tests.factories.contracts import TrainingRecordFactory
from tests.factories.evaluation import CampaignFactory, invite


def grow(agency, people: int) -> None:
    """`people` practitioners with an agreement, a Child-in-Need case discussed twice with
    an action, a statutory meeting and an escalation; a trained supervisor for each five."""
    today = timezone.localdate()
    boss = staff(agency, Role.SUPERVISOR)
    TrainingRecordFactory(supervisor=boss, agency=agency)
    campaign = Campaign.objects.filter(agency=agency).first() or CampaignFactory(agency=agency)
    AgencyPolicyFactory(agency=agency)
    for n in range(people):
        if n % 5 == 4:
            boss = staff(agency, Role.SUPERVISOR)
        worker = staff(agency)
        agreement(boss, worker)
        c = case(agency, worker, changes=[(today - timedelta(days=400), "child_in_need")])
        discuss(boss, worker, today - timedelta(days=40), (c, "amber"))
        record = discuss(
            boss,
            worker,
            today - timedelta(days=2),
            (c, "red"),
            actions=[{"due_on": today - timedelta(days=1)}],
        )
        SeenMeeting.objects.create(
            agency=agency,
            case=c,
            meeting_type=StatutoryMeeting.CIN_REVIEW,
            meeting_on=today,
            first_seen_on=today,
        )
        escalation(record, raised_at=at(today - timedelta(days=1), 10))
        invite(campaign, worker, boss)


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url", ["/assurance/", "/assurance/lists/supervision/", "/assurance/lists/drift/"]
)
def test_lead_pages_run_the_same_queries_at_two_sizes(client_for, agency, lead, url):
    client = client_for(lead)
    grow(agency, 2)
    small = queries(client, url)
    grow(agency, 12)
    assert queries(client, url) == small


def test_board_dashboard_runs_the_same_queries_at_two_sizes(client_for, agency, board_member):
    client = client_for(board_member)
    grow(agency, 2)
    cold_small = queries(client, "/assurance/partnership/")  # computes the snapshots
    warm_small = queries(client, "/assurance/partnership/")  # reads them
    for _ in range(3):
        grow(AgencyFactory(partnership=agency.partnership), 6)
    grow(agency, 6)
    Snapshot.objects.all().delete()
    assert queries(client, "/assurance/partnership/") == cold_small
    assert queries(client, "/assurance/partnership/") == warm_small
    assert warm_small < cold_small
