"""The retention page (admins and leads), its setting (admins) and the deletion log."""

from datetime import date

import pytest
from django.utils import timezone

from retention import services
from retention.models import DeletedKind, RetentionLogEntry, RetentionPolicy, RetentionRun

URL = "/retention/"
EDIT = "/retention/change/"


def logged_run(agency, **entry):
    now = timezone.now()
    run = RetentionRun.objects.create(
        agency=agency,
        run_on=date(2026, 11, 26),
        years_after_end=6,
        cutoff=date(2020, 11, 26),
        started_at=now,
        finished_at=now,
        deleted={"agreement": 1},
    )
    return RetentionLogEntry.objects.create(
        agency=agency,
        run=run,
        kind=DeletedKind.AGREEMENT,
        ended_on=date(2019, 3, 4),
        dated=date(2017, 1, 2),
        parts={"addendum": 2, "audit_access": 1},
        deleted_at=now,
        **entry,
    )


def test_anonymous_people_are_sent_to_sign_in(client, db):
    assert client.get(URL)["Location"].startswith("/sign-in/")


def test_another_agencys_admin_sees_only_their_own_log(client_for, agency, outsider):
    entry = logged_run(agency, object_id="0b7e3c1a-0000-4000-8000-000000000001")
    page = client_for(outsider).get(URL).content.decode()
    assert str(entry.object_id) not in page


@pytest.mark.parametrize("who", ["supervisor", "supervisee"])
def test_people_without_the_role_get_403(client_for, request, who):
    assert client_for(request.getfixturevalue(who)).get(URL).status_code == 403


@pytest.mark.parametrize("who", ["agency_admin", "lead"])
def test_admins_and_leads_see_the_setting_and_the_log(client_for, agency, request, who):
    entry = logged_run(agency, object_id="0b7e3c1a-0000-4000-8000-000000000002")
    page = client_for(request.getfixturevalue(who)).get(URL).content.decode()
    assert "6 years after an agreement ends or a case closes (the default)" in page
    assert str(entry.object_id) in page
    assert "Supervision agreement" in page
    assert "4 Mar 2019" in page
    assert "2 addenda, 1 audit access" in page
    assert ("Change the retention period" in page) is (who == "agency_admin")


def test_only_the_agency_admin_changes_the_period(client_for, agency, lead, agency_admin):
    assert client_for(lead).get(EDIT).status_code == 403
    assert client_for(lead).post(EDIT, {"years_after_end": "2"}).status_code == 403
    assert not RetentionPolicy.objects.filter(agency=agency).exists()

    client = client_for(agency_admin)
    assert 'value="6"' in client.get(EDIT).content.decode()
    response = client.post(EDIT, {"years_after_end": "8"})
    assert response.status_code == 302
    assert services.retention_years(agency) == 8
    assert "8 years after" in client.get(URL).content.decode()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the number of years"),
        ("six", "The number of years must be a whole number of years"),
        ("0", "The number of years must be 1 years or more"),
        ("99", "The number of years must be 25 years or fewer"),
        ("6\x00", "The number of years must be a whole number of years"),
    ],
)
def test_a_wrong_period_is_refused_with_a_govuk_error(
    client_for, agency, agency_admin, typed, message
):
    response = client_for(agency_admin).post(EDIT, {"years_after_end": typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert message in page
    assert not RetentionPolicy.objects.filter(agency=agency).exists()
