"""The Facilitator runs the six stages (seed 004: 5, 3, 10, 2, 10, 5 minutes); the server
holds the stage and the clock, so every participant sees the same thing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from reflection import services, stages
from reflection.models import SessionStatus
from tests.factories.reflection import space_to_think


def run(session, user, action, now):
    return services.control_timer(
        session=session, user=user, action=action, version=session.timer_version, now=now
    )


def test_the_six_stages_and_their_minutes():
    assert [(s.name, s.minutes) for s in stages.STAGES] == [
        ("Case Presenter offloads", 5),
        ("Checking of facts", 3),
        ("Group exploration", 10),
        ("Sharing of strengths", 2),
        ("Purposeful reflection", 10),
        ("Summary and next steps", 5),
    ]
    assert stages.TOTAL_MINUTES == 35


def test_facilitator_runs_all_six_stages(session, police_officer):
    t0 = timezone.now()
    session = run(session, police_officer, "start", t0)
    assert session.status == SessionStatus.IN_PROGRESS
    assert session.current_stage == 1
    assert session.remaining_seconds(t0 + timedelta(seconds=60)) == 240
    now = t0
    for expected_stage in range(2, 7):
        now += timedelta(minutes=1)
        session = run(session, police_officer, "next", now)
        assert session.current_stage == expected_stage
        assert session.remaining_seconds(now) == stages.stage(expected_stage).seconds
    session = run(session, police_officer, "next", now + timedelta(minutes=5, seconds=30))
    assert session.status == SessionStatus.FINISHED
    assert session.stage_seconds == [60, 60, 60, 60, 60, 330]
    assert session.finished_at is not None


def test_pause_stops_the_clock_and_resume_restarts_it(session, police_officer):
    t0 = timezone.now()
    session = run(session, police_officer, "start", t0)
    session = run(session, police_officer, "pause", t0 + timedelta(seconds=100))
    assert not session.is_running
    # Time passes while paused: nothing is counted.
    assert session.remaining_seconds(t0 + timedelta(seconds=500)) == 200
    session = run(session, police_officer, "resume", t0 + timedelta(seconds=500))
    assert session.remaining_seconds(t0 + timedelta(seconds=560)) == 140
    # Running over shows as negative time.
    assert session.remaining_seconds(t0 + timedelta(seconds=800)) == -100


def test_a_stale_page_changes_nothing(session, police_officer):
    session = run(session, police_officer, "start", timezone.now())
    with pytest.raises(services.TimerConflict):
        # A double click: the second "next" carries the version the page was drawn with.
        services.control_timer(session=session, user=police_officer, action="next", version=0)
    session.refresh_from_db()
    assert session.current_stage == 1


def test_only_the_facilitator_runs_the_timer(session, supervisee, teacher):
    for user in (supervisee, teacher):
        with pytest.raises(PermissionDenied):
            services.control_timer(session=session, user=user, action="start", version=0)


def test_a_session_needs_a_consultant_to_start(supervisee, police_officer):
    session = space_to_think(presenter=supervisee, facilitator=police_officer, consultants=[])
    with pytest.raises(ValidationError, match="at least one Consultant"):
        services.control_timer(session=session, user=police_officer, action="start", version=0)


def test_timer_page_posts_and_redirects_without_javascript(client_for, session, police_officer):
    client = client_for(police_officer)
    url = f"/reflection/space-to-think/{session.id}/timer/"
    response = client.post(url, {"action": "start", "version": "0"})
    assert response.status_code == 302
    assert response["Location"] == f"/reflection/space-to-think/{session.id}/#timer"
    page = client.get(f"/reflection/space-to-think/{session.id}/").content.decode()
    assert "Case Presenter offloads" in page
    assert "Only the Case Presenter speaks and the group listens" in page
    assert "Pause the timer" in page
    assert "Next stage" in page
    # The same button pressed again from the old page: a message, and no second stage.
    response = client.post(url, {"action": "start", "version": "0"}, follow=True)
    assert "The timer had already moved on" in response.content.decode()


def test_timer_fragment_for_the_script(client_for, session, police_officer, teacher):
    client = client_for(police_officer)
    url = f"/reflection/space-to-think/{session.id}/timer/"
    response = client.post(url, {"action": "start", "version": "0"}, HTTP_X_SPR_FRAGMENT="timer")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert 'data-version="1"' in body
    assert "no-store" in response["Cache-Control"]
    # Another participant's poll sees the same stage, with no controls.
    other = client_for(teacher).get(url, HTTP_X_SPR_FRAGMENT="timer").content.decode()
    assert 'data-stage="1"' in other
    assert "Case Presenter offloads" in other
    assert "Pause the timer" not in other


def test_who_speaks_names_the_people(client_for, session, supervisee, police_officer, teacher):
    run(session, police_officer, "start", timezone.now())
    session.refresh_from_db()
    run(session, police_officer, "next", timezone.now())  # Checking of facts
    page = client_for(teacher).get(f"/reflection/space-to-think/{session.id}/").content.decode()
    assert "Facilitator summarises what they understood and checks with Case Presenter" in page
    speaking = page.split("Speaking</dt>")[1].split("</dd>")[0]
    assert supervisee.full_name in speaking
    assert police_officer.full_name in speaking
    assert teacher.full_name not in speaking
