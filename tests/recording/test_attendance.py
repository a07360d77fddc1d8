"""A signed group or peer session counts as a supervision session for every attendee, as
a signed one-to-one session does for its supervisee (the cadence rules read this)."""

from django.db import connection

from recording import services
from recording.attendance import SIGNED_SESSIONS_SQL, last_signed_session_on
from tests.recording.conftest import complete, complete_group, sign_all, sign_both


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
