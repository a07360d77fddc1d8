"""A signed group or peer session counts as a supervision session for every attendee, as
a signed one-to-one session does for its supervisee (the cadence rules read this)."""

from datetime import date, timedelta

from django.db import connection

from recording import services
from recording.attendance import SIGNED_SESSIONS_SQL, last_signed_session_on
from supervision.models import AlertRule
from tests.factories.contracts import AgreementFactory
from tests.recording.conftest import complete, complete_group, sign_all, sign_both
from tests.supervision.cadence_helpers import open_alerts, run


def test_every_attendee_has_a_session_once_all_have_signed(
    start_group, supervisor, attendees, agency
):
    record = complete_group(start_group(days_ago=5), by=supervisor)
    record = services.sign_as_supervisor(record=record, by=supervisor, version=record.version)
    services.sign_as_attendee(record=record, by=attendees[0], agrees=True)
    ids = [a.id for a in attendees]
    assert last_signed_session_on(agency_id=agency.id, user_ids=ids) == {}
    for attendee in attendees[1:]:
        services.sign_as_attendee(record=record, by=attendee, agrees=True)
    assert last_signed_session_on(agency_id=agency.id, user_ids=ids) == dict.fromkeys(
        ids, record.session_date
    )


def test_the_latest_session_of_any_form_counts(
    start, start_group, supervisor, supervisee, attendees, cases, agency
):
    one_to_one = sign_both(
        complete(start(session_date=None), by=supervisor, cases=cases),
        supervisor=supervisor,
        supervisee=supervisee,
    )
    group = sign_all(
        complete_group(start_group(days_ago=20), by=supervisor),
        facilitator=supervisor,
        people=attendees,
    )
    assert one_to_one.session_date > group.session_date
    latest = last_signed_session_on(agency_id=agency.id, user_ids=[supervisee.id])
    assert latest == {supervisee.id: one_to_one.session_date}

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT person_id, max(session_date) FROM ({SIGNED_SESSIONS_SQL}) s "  # noqa: S608
            "WHERE agency_id = %s GROUP BY person_id",
            [agency.id],
        )
        rows = dict(cursor.fetchall())
    assert rows == {
        supervisee.id: one_to_one.session_date,
        attendees[1].id: group.session_date,
        attendees[2].id: group.session_date,
    }


def test_a_signed_group_session_clears_supervision_overdue_for_each_attendee(
    start_group, supervisor, attendees, agency
):
    overdue = AlertRule.SUPERVISION_OVERDUE
    start = date.today() - timedelta(days=800)
    for attendee in attendees:
        attendee.memberships.update(start_date=start)  # past the new-starter period
        AgreementFactory(
            supervisor=supervisor,
            supervisee=attendee,
            frequency_weeks=4,
            start_date=start,
            review_date=start + timedelta(days=365),
        )
    run(date.today())
    assert open_alerts(overdue).count() == 3
    record = complete_group(start_group(people=attendees[:2], days_ago=2), by=supervisor)
    sign_all(record, facilitator=supervisor, people=attendees[:2])
    run(date.today())
    assert set(open_alerts(overdue).values_list("person", flat=True)) == {attendees[2].id}


def test_an_overdue_group_action_is_about_its_owner(start_group, supervisor, attendees):
    record = complete_group(start_group(days_ago=30), by=supervisor, actions=[attendees[2]])
    sign_all(record, facilitator=supervisor, people=attendees)
    run(date.today())
    alert = open_alerts(AlertRule.ACTION_OVERDUE).get()
    assert (alert.person, alert.owner) == (attendees[2], attendees[2])
