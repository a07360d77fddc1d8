"""Observations of supervision: a trained observer, both parties' agreement, the rubric,
and the supervisor sees it."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agencies.models import Role
from evaluation import services
from evaluation.models import Observation, ObservationStatus, TrainedObserver
from tests.factories.agencies import person


@pytest.fixture
def observer(agency, lead):
    membership = lead.memberships.get()
    return services.add_trained_observer(
        agency=agency,
        membership=membership,
        trained_on=timezone.localdate() - timedelta(days=30),
        added_by=lead,
    )


def _day(offset: int) -> dict:
    day = timezone.localdate() + timedelta(days=offset)
    return {"0": day.day, "1": day.month, "2": day.year}


def _date_fields(name: str, offset: int) -> dict:
    return {f"{name}_{k}": v for k, v in _day(offset).items()}


RATINGS = {"reflection_and_challenge": 3, "child_focus": 4, "relationship": 4, "actions_agreed": 2}


def test_lead_records_a_trained_observer(client_for, lead, agency, supervisor):
    membership = supervisor.memberships.get()
    response = client_for(lead).post(
        "/evaluation/observers/",
        {"membership": membership.id, **_date_fields("trained_on", -10)},
    )
    assert response.status_code == 302
    assert TrainedObserver.objects.filter(agency=agency, membership=membership).exists()


def test_only_a_trained_observer_can_ask_to_observe(client_for, supervisor):
    assert client_for(supervisor).get("/evaluation/observations/new/").status_code == 403


def test_the_whole_journey(client_for, lead, observer, agreement, supervisor, supervisee):
    client = client_for(lead)
    response = client.post(
        "/evaluation/observations/new/",
        {"agreement": agreement.id, **_date_fields("planned_on", 3)},
    )
    assert response.status_code == 302
    observation = Observation.objects.get()
    assert observation.status == ObservationStatus.AWAITING_CONSENT

    # Nothing can be recorded before both agree.
    with pytest.raises(ValidationError, match="must agree"):
        services.record_observation(
            observation=observation,
            observer=lead,
            observed_on=timezone.localdate(),
            ratings=RATINGS,
            notes="Too early",
        )
    # Each party sees the request on their home page and agrees.
    for party in (supervisor, supervisee):
        assert (
            f"/evaluation/observations/{observation.id}/"
            in client_for(party).get("/").content.decode()
        )
        response = client_for(party).post(
            f"/evaluation/observations/{observation.id}/answer/", {"agree": "yes"}
        )
        assert response.status_code == 302
    observation.refresh_from_db()
    assert observation.status == ObservationStatus.AGREED

    data = {
        **_date_fields("observed_on", 0),
        **RATINGS,
        "notes": "Strong child focus; actions need owners.",
    }
    response = client_for(lead).post(f"/evaluation/observations/{observation.id}/record/", data)
    assert response.status_code == 302
    observation.refresh_from_db()
    assert observation.status == ObservationStatus.RECORDED

    page = client_for(supervisor).get(f"/evaluation/observations/{observation.id}/")
    assert "Strong child focus; actions need owners." in page.content.decode()
    assert "Mostly evident" in page.content.decode()
    mine = client_for(supervisor).get("/evaluation/my-results/").content.decode()
    assert f"/evaluation/observations/{observation.id}/" in mine
    # The supervisee took part but the rubric and notes are for the supervisor.
    page = client_for(supervisee).get(f"/evaluation/observations/{observation.id}/")
    assert "Strong child focus" not in page.content.decode()


def test_a_declined_request_cannot_be_recorded(lead, observer, agreement, supervisee):
    observation = services.propose_observation(
        observer=observer.membership,
        agreement=agreement,
        planned_on=timezone.localdate(),
    )
    services.answer_observation_request(observation=observation, user=supervisee, agree=False)
    observation.refresh_from_db()
    assert observation.status == ObservationStatus.DECLINED
    with pytest.raises(ValidationError):
        services.record_observation(
            observation=observation,
            observer=lead,
            observed_on=timezone.localdate(),
            ratings=RATINGS,
            notes="",
        )


def test_the_observer_cannot_observe_their_own_supervision(agency, observer, lead, supervisor):
    from tests.factories.contracts import AgreementFactory

    own = AgreementFactory(supervisor=lead, supervisee=person(agency, Role.PRACTITIONER))
    with pytest.raises(ValidationError, match="your own supervision"):
        services.propose_observation(
            observer=observer.membership, agreement=own, planned_on=timezone.localdate()
        )


def test_someone_else_cannot_answer_the_request(agency, observer, agreement):
    observation = services.propose_observation(
        observer=observer.membership, agreement=agreement, planned_on=timezone.localdate()
    )
    with pytest.raises(PermissionDenied):
        services.answer_observation_request(
            observation=observation, user=person(agency, Role.SUPERVISOR), agree=True
        )


def test_observation_list_runs_a_fixed_number_of_queries(
    client_for, lead, agency, django_assert_max_num_queries
):
    from tests.factories.evaluation import ObservationFactory

    def add(n):
        for _ in range(n):
            ObservationFactory(
                observer=lead,
                supervisor=person(agency, Role.SUPERVISOR),
                supervisee=person(agency, Role.PRACTITIONER),
            )

    client = client_for(lead)
    add(2)
    with django_assert_max_num_queries(12):
        client.get("/evaluation/observations/")
    add(20)
    with django_assert_max_num_queries(12):
        body = client.get("/evaluation/observations/").content.decode()
    assert body.count("/evaluation/observations/") >= 22
