"""Planned session pages: upcoming lists, scheduling form, move, cancel, .ics download."""

from datetime import UTC, timedelta

import pytest
from django.utils import timezone

from agencies.models import Role
from supervision.models import PlannedSession
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import PlannedSessionFactory


@pytest.fixture
def session(supervisor, supervisee):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    return PlannedSessionFactory(supervisor=supervisor, supervisee=supervisee, location="Room 9")


def test_both_people_see_the_session_coming_up(client_for, session, supervisor, supervisee):
    for user, other in ((supervisor, supervisee), (supervisee, supervisor)):
        page = client_for(user).get("/supervision/sessions/").content.decode()
        assert "Room 9" in page and other.full_name in page


def test_past_sessions_are_not_listed(client_for, session, supervisor):
    PlannedSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=1),
    )
    assert "Room 9" not in client_for(supervisor).get("/supervision/sessions/").content.decode()


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_does_not_query_per_session(
    client_for, agency, supervisor, count, django_assert_max_num_queries
):
    for _ in range(count):
        supervisee = person(agency, Role.PRACTITIONER)
        AgreementFactory(supervisor=supervisor, supervisee=supervisee)
        PlannedSessionFactory(supervisor=supervisor, supervisee=supervisee)
    client = client_for(supervisor)
    with django_assert_max_num_queries(12):
        response = client.get("/supervision/sessions/")
    assert response.content.decode().count("session details") == count


def test_schedule_form_errors_keep_what_was_typed(client_for, supervisor, supervisee):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    response = client_for(supervisor).post(
        "/supervision/sessions/schedule/",
        {"location": "Room 12", "start_time": "25:99", "duration_minutes": "90"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Schedule a supervision session" in page
    assert "govuk-error-summary" in page
    assert 'value="Room 12"' in page
    assert "Enter the start time like 9:30 or 14:00" in page
    assert "Select the person you are supervising" in page


def test_schedule_a_session(client_for, supervisor, supervisee):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    day = timezone.localdate() + timedelta(days=10)
    response = client_for(supervisor).post(
        "/supervision/sessions/schedule/",
        {
            "supervisee": supervisee.id,
            "starts_on_0": day.day,
            "starts_on_1": day.month,
            "starts_on_2": day.year,
            "start_time": "14:30",
            "duration_minutes": "60",
            "setting": "virtual",
            "location": "https://meet.example.org/abc",
            "is_protected_time": "on",
        },
    )
    session = PlannedSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/supervision/sessions/{session.id}/"
    local = timezone.localtime(session.starts_at)
    assert (local.date(), local.hour, local.minute) == (day, 14, 30)
    assert session.duration_minutes == 60


def test_only_ones_own_supervisees_are_offered(client_for, agency, supervisor, supervisee):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    colleague = person(agency, Role.PRACTITIONER)
    page = client_for(supervisor).get("/supervision/sessions/schedule/").content.decode()
    assert supervisee.full_name in page and colleague.full_name not in page


def test_a_past_date_is_refused(client_for, supervisor, supervisee):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    day = timezone.localdate() - timedelta(days=1)
    response = client_for(supervisor).post(
        "/supervision/sessions/schedule/",
        {
            "supervisee": supervisee.id,
            "starts_on_0": day.day,
            "starts_on_1": day.month,
            "starts_on_2": day.year,
            "start_time": "10:00",
            "duration_minutes": "90",
            "setting": "in_person",
            "location": "Room 1",
        },
    )
    assert "The session must be in the future" in response.content.decode()
    assert not PlannedSession.objects.exists()


def test_move_and_cancel_keep_their_reasons(client_for, session, supervisee):
    client = client_for(supervisee)
    day = timezone.localdate() + timedelta(days=20)
    response = client.post(
        f"/supervision/sessions/{session.id}/move/",
        {
            "starts_on_0": day.day,
            "starts_on_1": day.month,
            "starts_on_2": day.year,
            "start_time": "9:15",
            "duration_minutes": "90",
            "reason": "Training day",
        },
    )
    assert response.status_code == 302
    response = client.post(f"/supervision/sessions/{session.id}/cancel/", {"reason": ""})
    assert "Enter why the session is cancelled" in response.content.decode()
    client.post(f"/supervision/sessions/{session.id}/cancel/", {"reason": "Leaving the team"})
    page = client.get(f"/supervision/sessions/{session.id}/").content.decode()
    assert "Training day" in page and "Leaving the team" in page and "Cancelled" in page


def test_calendar_entry(client_for, session, supervisee):
    response = client_for(supervisee).get(f"/supervision/sessions/{session.id}/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert f"UID:{session.id}@spr\r\n" in text
    assert "SEQUENCE:0\r\nSTATUS:CONFIRMED" in text
    starts = session.starts_at.astimezone(UTC)
    assert f"DTSTART:{starts:%Y%m%dT%H%M%SZ}" in text
    assert "LOCATION:Room 9" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
