"""Actions agreed in a group session are carried forward, for each owner, into the next
session of the same group that they attend (docs/cases-and-records.md)."""

from datetime import date, timedelta

from agencies.models import Role
from recording import services
from recording.models import ActionStatus, AgreedAction
from tests.factories.agencies import person
from tests.recording.conftest import complete_group, sign_all


def _reviewed(record):
    return {r.action.owner_id for r in record.action_reviews.select_related("action")}


def test_each_owner_reviews_their_action_at_the_next_session_they_attend(
    start_group, supervisor, attendees
):
    first, second, third = attendees
    record = complete_group(start_group(days_ago=60), by=supervisor, actions=[first, third])
    sign_all(record, facilitator=supervisor, people=attendees)

    # The next session: the first attendee is there, the third is not.
    nxt = start_group(people=[first, second], days_ago=30)
    assert _reviewed(nxt) == {first.id}
    nxt = complete_group(nxt, by=supervisor, review_status="done")
    sign_all(nxt, facilitator=supervisor, people=[first, second])
    assert AgreedAction.objects.get(owner=first).status == ActionStatus.DONE

    # The third attendee's action waits for the next session they attend.
    third_back = start_group(people=[second, third], days_ago=1)
    assert _reviewed(third_back) == {third.id}
    assert third_back.previous_record_id == nxt.id


def test_actions_stay_with_their_group(start_group, supervisor, attendees):
    record = complete_group(start_group(days_ago=30), by=supervisor, actions=[attendees[0]])
    sign_all(record, facilitator=supervisor, people=attendees)
    other = start_group(name="Child protection reflective group")
    assert _reviewed(other) == set()
    assert other.previous_record_id is None


def test_an_action_in_progress_carries_on(start_group, supervisor, attendees):
    record = complete_group(start_group(days_ago=60), by=supervisor, actions=[attendees[0]])
    sign_all(record, facilitator=supervisor, people=attendees)
    nxt = complete_group(start_group(days_ago=30), by=supervisor, review_status="in_progress")
    sign_all(nxt, facilitator=supervisor, people=attendees)
    assert AgreedAction.objects.get().status == ActionStatus.IN_PROGRESS
    assert _reviewed(start_group()) == {attendees[0].id}


def test_group_actions_do_not_enter_one_to_one_sessions(start_group, start, supervisor, attendees):
    record = complete_group(start_group(days_ago=30), by=supervisor, actions=[attendees[0]])
    sign_all(record, facilitator=supervisor, people=attendees)
    one_to_one = start()  # the supervisor with `supervisee`, who is attendees[0]
    assert one_to_one.action_reviews.count() == 0
    assert one_to_one.previous_record_id is None


def test_changing_attendees_moves_their_carried_actions(start_group, supervisor, attendees, agency):
    first, second, third = attendees
    record = complete_group(start_group(days_ago=30), by=supervisor, actions=[first, third])
    sign_all(record, facilitator=supervisor, people=attendees)
    nxt = start_group(people=[first, second])
    assert _reviewed(nxt) == {first.id}
    nxt = services.change_attendees(
        record=nxt,
        by=supervisor,
        attendee_memberships=[p.memberships.get(agency=agency) for p in (second, third)],
    )
    assert _reviewed(nxt) == {third.id}
    newcomer = person(agency, Role.PRACTITIONER)
    nxt = services.change_attendees(
        record=nxt,
        by=supervisor,
        attendee_memberships=[
            p.memberships.get(agency=agency) for p in (first, second, third, newcomer)
        ],
    )
    assert _reviewed(nxt) == {first.id, third.id}
    assert nxt.action_reviews.count() == 2


def test_the_previous_session_of_the_group_is_the_last_one_before(start_group, supervisor):
    record = start_group(days_ago=30)
    assert record.previous_record_id is None
    record = complete_group(record, by=supervisor)
    services.sign_as_supervisor(record=record, by=supervisor, version=record.version)
    later = start_group(days_ago=1)
    assert later.previous_record_id == record.id
    assert later.session_date == date.today() - timedelta(days=1)
