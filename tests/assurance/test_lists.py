"""The lead's lists behind the figures: filtered by status, search and team, paged, and
downloaded as CSV (each download logged). Only the lead's own agency's rows."""

import pytest

from agencies.models import Role
from assurance import lists
from assurance.models import ListExport
from tests.assurance.conftest import quarter_form
from tests.assurance.tables import table
from tests.factories.agencies import TeamFactory, person
from tests.factories.contracts import AgreementFactory

URL = "/assurance/lists/coverage/"


@pytest.fixture
def practitioners(agency, other_agency):
    """Red team: Ann 50% and Bob_1, both covered; blue team: Cat, not covered. Another
    agency's practitioner in the same partnership."""
    red, blue = TeamFactory(agency=agency, name="Red"), TeamFactory(agency=agency, name="Blue")
    boss = person(agency, Role.SUPERVISOR, team=red)
    people = {}
    for name, team, covered in (("Ann 50%", red, True), ("Bob_1", red, True), ("Cat", blue, False)):
        someone = person(agency, Role.PRACTITIONER, team=team)
        someone.full_name = name
        someone.save(update_fields=["full_name"])
        if covered:
            AgreementFactory(supervisor=boss, supervisee=someone)
        people[name] = someone
    elsewhere = person(other_agency, Role.PRACTITIONER)
    elsewhere.full_name = "Dee Elsewhere"
    elsewhere.save(update_fields=["full_name"])
    return {"red": red, "blue": blue, **people}


def names(response) -> list[str]:
    assert response.status_code == 200
    return sorted(row[0] for row in table(response.content.decode(), "list")[1:])


def test_filters_by_status_search_and_team(client_for, lead, practitioners):
    client = client_for(lead)
    query = quarter_form()
    assert names(client.get(URL, query)) == ["Ann 50%", "Bob_1", "Cat"]
    assert names(client.get(URL, {**query, "status": "not_met"})) == ["Cat"]
    assert names(client.get(URL, {**query, "status": "met"})) == ["Ann 50%", "Bob_1"]
    # % and _ are searched for as themselves, not as wildcards
    assert names(client.get(URL, {**query, "q": "50%"})) == ["Ann 50%"]
    assert names(client.get(URL, {**query, "q": "_"})) == ["Bob_1"]
    team = str(practitioners["blue"].id)
    assert names(client.get(URL, {**query, "team": team})) == ["Cat"]
    page = client.get(URL, query).content.decode()
    assert "Dee Elsewhere" not in page and "3 practitioners" in page


def test_the_csv_download_is_logged(client_for, lead, practitioners, agency):
    response = client_for(lead).get(URL + "download.csv", {**quarter_form(), "status": "met"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8-sig")
    assert "Ann 50%" in body and "Bob_1" in body and "Cat" not in body
    export = ListExport.objects.get()
    assert (export.agency, export.user, export.indicator, export.row_count) == (
        agency,
        lead,
        "coverage",
        2,
    )
    assert export.filters == "status=met"


def test_lists_are_paged(client_for, agency, lead, monkeypatch):
    monkeypatch.setattr(lists, "PAGE_SIZE", 2)
    for _ in range(5):
        person(agency, Role.PRACTITIONER)
    client = client_for(lead)
    first = client.get(URL, quarter_form()).content.decode()
    assert "Page 1 of 3" in first and 'rel="next"' in first
    last = client.get(URL, {**quarter_form(), "page": "3"}).content.decode()
    assert len(table(last, "list")) == 2  # the header and one row
    beyond = client.get(URL, {**quarter_form(), "page": "9"}).content.decode()
    assert "Page 1 of 3" in beyond


def test_an_unknown_list_is_404(client_for, lead):
    assert client_for(lead).get("/assurance/lists/nothing/").status_code == 404
