"""The agency admin enters quarterly sickness and vacancy rates (assurance indicator 2)."""

from decimal import Decimal

from django.utils import timezone

from evaluation.models import WorkforceQuarter

YEAR = timezone.localdate().year - 1


def test_admin_enters_and_corrects_a_quarter(client_for, agency_admin, agency):
    client = client_for(agency_admin)
    data = {"year": YEAR, "quarter": 2, "sickness_rate": "4.5", "vacancy_rate": "11"}
    assert client.post("/evaluation/workforce/", data).status_code == 302
    assert (
        client.post("/evaluation/workforce/", {**data, "sickness_rate": "3.9"}).status_code == 302
    )
    row = WorkforceQuarter.objects.get(agency=agency)
    assert (row.year, row.quarter, row.sickness_rate) == (YEAR, 2, Decimal("3.90"))
    assert "3.90%" in client.get("/evaluation/workforce/").content.decode()


def test_bad_figures_are_explained_and_kept(client_for, agency_admin):
    response = client_for(agency_admin).post(
        "/evaluation/workforce/", {"year": YEAR, "sickness_rate": "140", "vacancy_rate": "x"}
    )
    body = response.content.decode()
    assert "Error: " in body
    assert "Select the quarter" in body
    assert "Enter a sickness rate from 0 to 100" in body
    assert "Enter the vacancy rate as a number" in body
    assert 'value="140"' in body
    assert not WorkforceQuarter.objects.exists()


def test_a_future_quarter_is_refused(client_for, agency_admin):
    data = {"year": YEAR + 2, "quarter": 1, "sickness_rate": "1", "vacancy_rate": "1"}
    body = client_for(agency_admin).post("/evaluation/workforce/", data).content.decode()
    assert "must not be in the future" in body


def test_the_lead_sees_them_beside_the_results(client_for, agency_admin, lead, campaign):
    WorkforceQuarter.objects.create(
        agency=campaign.agency,
        year=campaign.year - 1,
        quarter=4,
        sickness_rate=Decimal("6.25"),
        vacancy_rate=Decimal("12"),
        entered_by=agency_admin,
    )
    body = client_for(lead).get(f"/evaluation/{campaign.id}/results/").content.decode()
    assert "Sickness 6.25%" in body
