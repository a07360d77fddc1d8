"""My sessions, my supervisees' sessions, the agency's records, a case's discussion history:
each shows only what its reader may see, in a fixed number of queries."""

from datetime import date, timedelta

import pytest

from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory
from tests.factories.recording import CaseDiscussionFactory, SessionRecordFactory
from tests.factories.supervision import CaseFactory
from tests.recording.conftest import complete, sign_both


def _records(supervisor, supervisee, n):
    return [
        SessionRecordFactory(
            supervisor=supervisor,
            supervisee=supervisee,
            session_date=date.today() - timedelta(days=7 * i + 1),
        )
        for i in range(n)
    ]


def test_my_sessions_shows_my_records_only(client_for, agreement, supervisor, supervisee, agency):
    mine = _records(supervisor, supervisee, 2)
    colleague = person(agency, "practitioner")
    AgreementFactory(supervisor=supervisor, supervisee=colleague)
    theirs = _records(supervisor, colleague, 1)[0]
    body = client_for(supervisee).get("/records/").content.decode()
    assert all(str(r.id) in body for r in mine)
    assert str(theirs.id) not in body


def test_supervisees_sessions_for_supervisors_only(client_for, agreement, supervisor, supervisee):
    records = _records(supervisor, supervisee, 2)
    body = client_for(supervisor).get("/records/supervisees/").content.decode()
    assert all(str(r.id) in body for r in records)
    assert client_for(supervisee).get("/records/supervisees/").status_code == 403


@pytest.mark.parametrize("size", [2, 12])
def test_lists_run_a_fixed_number_of_queries(
    client_for, agreement, supervisor, supervisee, lead, size, django_assert_max_num_queries
):
    for record in _records(supervisor, supervisee, size):
        CaseDiscussionFactory(record=record)
    for user, url in (
        (supervisee, "/records/"),
        (supervisor, "/records/supervisees/"),
        (lead, "/records/agency/"),
    ):
        client = client_for(user)
        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200


def test_case_history_shows_rag_over_time(
    client_for, start, supervisor, supervisee, lead, cases, django_assert_max_num_queries
):
    for days, rag in ((60, "green"), (30, "amber"), (5, "red")):
        record = complete(
            start(date.today() - timedelta(days=days)),
            by=supervisor,
            cases=cases[:1],
            rag=rag,
            actions=0,
            review_status="done",
        )
        sign_both(record, supervisor=supervisor, supervisee=supervisee)
    complete(start(), by=supervisor, cases=cases[:1], rag="green", actions=0)  # a draft
    for user in (supervisee, supervisor, lead):
        client = client_for(user)
        with django_assert_max_num_queries(12):
            body = client.get(f"/records/cases/{cases[0].id}/").content.decode()
        green, amber, red = body.index("Green"), body.index("Amber"), body.index("Red")
        assert green < amber < red  # oldest first
        assert body.count("govuk-tag--green spr-rag") == 2  # timeline and table; not the draft


def test_case_history_of_someone_elses_case_is_404(client_for, agency, supervisee):
    other_case = CaseFactory(agency=agency, allocated_practitioner=person(agency, "practitioner"))
    assert client_for(supervisee).get(f"/records/cases/{other_case.id}/").status_code == 404


def test_my_actions(client_for, signed_record, supervisee, supervisor):
    body = client_for(supervisee).get("/records/actions/").content.decode()
    assert "Action 0" in body
    assert "Action 0" not in client_for(supervisor).get("/records/actions/").content.decode()


def test_new_record_form(client_for, agreement, supervisor, supervisee, agency):
    client = client_for(supervisor)
    response = client.post("/records/new/", {"session_date_0": ""})
    body = response.content.decode()
    assert "Select the person you supervised" in body and "<title>Error: " in body
    membership = supervisee.memberships.get(agency=agency)
    yesterday = date.today() - timedelta(days=1)
    response = client.post(
        "/records/new/",
        {
            "supervisee": str(membership.id),
            "session_date_0": yesterday.day,
            "session_date_1": yesterday.month,
            "session_date_2": yesterday.year,
        },
    )
    assert response.status_code == 302
    assert "/edit/" in response["Location"]


def test_new_record_offers_only_supervisees(client_for, agreement, supervisor, agency):
    stranger_practitioner = person(agency, "practitioner")
    membership = stranger_practitioner.memberships.get(agency=agency)
    response = client_for(supervisor).post(
        "/records/new/",
        {
            "supervisee": str(membership.id),
            "session_date_0": "1",
            "session_date_1": "1",
            "session_date_2": "2026",
        },
    )
    assert "Select a valid choice" in response.content.decode()
