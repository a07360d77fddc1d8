"""The safeguarding lead's list of agreements: by status, with filters, in a fixed number
of queries whatever the number of agreements."""

import pytest

from agencies.models import Role
from contracts.models import AgreementStatus
from tests.factories.agencies import TeamFactory, person
from tests.factories.contracts import AgreementFactory


def make_agreements(agency, n, team=None, supervisor=None):
    supervisor = supervisor or person(agency, Role.SUPERVISOR)
    kwargs = {"team": team} if team else {}
    return [
        AgreementFactory(
            supervisor=supervisor, supervisee=person(agency, Role.PRACTITIONER, **kwargs)
        )
        for _ in range(n)
    ]


@pytest.mark.parametrize("size", [3, 30])
def test_query_count_does_not_grow(client_for, agency, lead, size, django_assert_max_num_queries):
    make_agreements(agency, size)
    client = client_for(lead)
    with django_assert_max_num_queries(14):
        response = client.get("/agreements/agency/")
    assert response.status_code == 200
    assert f"{size} agreements" in response.content.decode()


def test_filters(client_for, agency, lead):
    pastoral = TeamFactory(agency=agency, name="Pastoral")
    kept = make_agreements(agency, 2, team=pastoral)
    other = make_agreements(agency, 1)
    draft = AgreementFactory(
        supervisor=other[0].supervisor,
        supervisee=person(agency, Role.PRACTITIONER),
        status=AgreementStatus.DRAFT,
    )
    client = client_for(lead)
    page = client.get("/agreements/agency/", {"team": pastoral.id}).content.decode()
    assert all(a.supervisee.full_name in page for a in kept)
    assert other[0].supervisee.full_name not in page
    page = client.get("/agreements/agency/", {"status": "draft"}).content.decode()
    assert draft.supervisee.full_name in page and kept[0].supervisee.full_name not in page
    page = client.get(
        "/agreements/agency/", {"supervisor": str(other[0].supervisor_id)}
    ).content.decode()
    assert other[0].supervisee.full_name in page and kept[0].supervisee.full_name not in page
    page = client.get("/agreements/agency/", {"status": "nonsense"}).content.decode()
    assert "<title>" in page  # a bad filter is ignored, not an error page


def test_the_list_shows_counts_by_status(client_for, agency, lead):
    make_agreements(agency, 2)
    page = client_for(lead).get("/agreements/agency/").content.decode()
    assert "Active</a>: 2" in page
