"""Previous actions are carried forward into the next session, marked done / in progress /
not done, and only what is not done carries again."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from recording import services
from recording.models import ActionReview, ActionStatus, AgreedAction
from tests.factories.agencies import person
from tests.recording.conftest import complete, sign_both


def test_a_new_record_starts_with_one_empty_discussion_and_no_reviews(start):
    record = start()
    assert record.discussions.count() == 1
    assert record.action_reviews.count() == 0
    assert record.previous_record is None


def test_open_actions_are_carried_forward(start, supervisor, supervisee, cases):
    first = complete(
        start(date.today() - timedelta(days=40)), by=supervisor, cases=cases, actions=2
    )
    sign_both(first, supervisor=supervisor, supervisee=supervisee)
    second = start(date.today() - timedelta(days=10))
    carried = {r.action.description for r in second.action_reviews.select_related("action")}
    assert carried == {"Action 0", "Action 1"}
    assert second.previous_record == first


def test_review_status_applies_when_the_next_record_is_signed(start, supervisor, supervisee, cases):
    first = complete(start(date.today() - timedelta(days=60)), by=supervisor, cases=cases)
    sign_both(first, supervisor=supervisor, supervisee=supervisee)
    second = complete(
        start(date.today() - timedelta(days=30)),
        by=supervisor,
        cases=cases,
        actions=0,
        review_status=ActionStatus.IN_PROGRESS,
    )
    action = AgreedAction.objects.get(record=first)
    assert action.status == ActionStatus.OPEN  # not until the record is signed
    sign_both(second, supervisor=supervisor, supervisee=supervisee)
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert action.status_changed_on == second.session_date
    # In progress: carried forward again into the third session.
    third = start(date.today() - timedelta(days=1))
    assert list(third.action_reviews.values_list("action_id", flat=True)) == [action.id]


def test_done_actions_are_not_carried_again(start, supervisor, supervisee, cases):
    first = complete(start(date.today() - timedelta(days=60)), by=supervisor, cases=cases)
    sign_both(first, supervisor=supervisor, supervisee=supervisee)
    second = complete(
        start(date.today() - timedelta(days=30)), by=supervisor, cases=cases, actions=0
    )
    sign_both(second, supervisor=supervisor, supervisee=supervisee)
    assert AgreedAction.objects.get(record=first).status == ActionStatus.DONE
    third = start(date.today() - timedelta(days=1))
    assert third.action_reviews.count() == 0


def test_actions_of_a_draft_are_not_carried(start, supervisor, cases):
    complete(start(date.today() - timedelta(days=30)), by=supervisor, cases=cases)
    second = start(date.today() - timedelta(days=1))
    assert not ActionReview.objects.filter(record=second).exists()


def test_every_carried_action_must_be_marked_before_signing(start, supervisor, supervisee, cases):
    first = complete(start(date.today() - timedelta(days=30)), by=supervisor, cases=cases)
    sign_both(first, supervisor=supervisor, supervisee=supervisee)
    second = complete(start(), by=supervisor, cases=cases, actions=0, review_status="")
    problems = services.sign_off_problems(second)
    assert any("mark it done, in progress or not done" in p for p in problems)


def test_only_a_supervisor_of_the_supervisee_starts_a_record(agency, supervisee):
    other_supervisor = person(agency, "supervisor")
    with pytest.raises(PermissionDenied):
        services.start_record(
            supervisor=other_supervisor,
            supervisee_membership=supervisee.memberships.get(agency=agency),
            session_date=date.today(),
        )
