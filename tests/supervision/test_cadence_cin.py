"""Child-in-Need discussions (seed 002, aim 4): due and overdue, at the edges of the dates."""

from dataclasses import replace
from datetime import date

import pytest

from supervision import standards
from supervision.models import AlertRule, CaseCategory, CaseCategoryChange, StatutoryMeeting
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory
from tests.supervision.cadence_helpers import open_alerts, rules_open, run

DUE, OVERDUE = AlertRule.CIN_DISCUSSION_DUE, AlertRule.CIN_DISCUSSION_OVERDUE


@pytest.fixture
def case(agency, supervisor, supervisee):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    return CaseFactory(
        agency=agency, allocated_practitioner=supervisee, last_discussed_on=date(2026, 1, 3)
    )


def test_due_on_the_day_exactly_three_months_on_and_overdue_the_day_after(case, supervisor):
    run(date(2026, 3, 19))  # 15 days ahead: not yet shown
    assert rules_open(case=case) == set()
    run(date(2026, 3, 20))  # 14 days ahead: due
    alert = open_alerts(DUE, case=case).get()
    assert alert.due_on == date(2026, 4, 3)
    assert alert.owner == supervisor
    assert alert.reason == (
        "Last discussed in supervision on 3 January 2026. "
        "Discussions are due at least every 3 months."
    )
    run(date(2026, 4, 3))  # the due date itself is still in time
    assert rules_open(case=case) == {DUE}
    run(date(2026, 4, 4))
    assert rules_open(case=case) == {OVERDUE}
    assert open_alerts(OVERDUE, case=case).get().due_on == date(2026, 4, 3)


@pytest.mark.parametrize(
    ("discussed", "due"),
    [
        (date(2025, 11, 30), date(2026, 2, 28)),  # month end into a short February
        (date(2023, 11, 30), date(2024, 2, 29)),  # leap year
        (date(2024, 5, 31), date(2024, 8, 31)),
        (date(2025, 10, 31), date(2026, 1, 31)),  # across the year end
    ],
)
def test_month_ends_and_leap_years(agency, supervisee, discussed, due):
    case = CaseFactory(
        agency=agency, allocated_practitioner=supervisee, last_discussed_on=discussed
    )
    run(due)
    assert rules_open(case=case) == {DUE}
    assert open_alerts(DUE, case=case).get().due_on == due
    run(date.fromordinal(due.toordinal() + 1))
    assert rules_open(case=case) == {OVERDUE}


def test_review_meeting_brings_the_discussion_forward_in_working_days(agency, supervisee):
    # Review on Friday 10 April 2026: ten working days before, past Easter, is 25 March.
    case = CaseFactory(
        agency=agency,
        allocated_practitioner=supervisee,
        last_discussed_on=date(2026, 2, 1),
        next_meeting_type=StatutoryMeeting.CIN_REVIEW,
        next_meeting_on=date(2026, 4, 10),
    )
    run(date(2026, 3, 25))
    alert = open_alerts(DUE, case=case).get()
    assert alert.due_on == date(2026, 3, 25)
    assert alert.reason == (
        "Next meeting: Child in need review on 10 April 2026. "
        "A supervision discussion is due 10 working days before it."
    )
    run(date(2026, 3, 26))
    assert open_alerts(OVERDUE, case=case).get().due_on == date(2026, 3, 25)


def test_a_discussion_close_to_the_meeting_counts_for_it(agency, supervisee):
    case = CaseFactory(
        agency=agency,
        allocated_practitioner=supervisee,
        last_discussed_on=date(2026, 2, 1),
        next_meeting_type=StatutoryMeeting.CIN_REVIEW,
        next_meeting_on=date(2026, 4, 10),
    )
    run(date(2026, 3, 27))
    assert rules_open(case=case) == {OVERDUE}
    # Discussed late, but before the meeting: the meeting is covered; the interval runs on.
    case.last_discussed_on = date(2026, 3, 27)
    case.save()
    run(date(2026, 3, 28))
    assert rules_open(case=case) == set()
    assert open_alerts(OVERDUE, case=case).count() == 0
    run(date(2026, 6, 13))  # 27 June is the interval due date; 14 days ahead shows it
    assert open_alerts(DUE, case=case).get().due_on == date(2026, 6, 27)


def test_meeting_earlier_than_the_interval_only(agency, supervisee):
    # A meeting far off does not change an interval that falls due first.
    case = CaseFactory(
        agency=agency,
        allocated_practitioner=supervisee,
        last_discussed_on=date(2026, 1, 3),
        next_meeting_type=StatutoryMeeting.CORE_GROUP,
        next_meeting_on=date(2026, 9, 1),
    )
    run(date(2026, 4, 1))
    assert open_alerts(DUE, case=case).get().due_on == date(2026, 4, 3)


def test_never_discussed_counts_from_when_the_case_became_child_in_need(agency, supervisee):
    case = CaseFactory(agency=agency, allocated_practitioner=supervisee, last_discussed_on=None)
    CaseCategoryChange.objects.filter(case=case).update(changed_on=date(2026, 5, 31))
    run(date(2026, 8, 31))
    alert = open_alerts(DUE, case=case).get()
    assert alert.due_on == date(2026, 8, 31)
    assert "Not yet discussed in supervision (a Child-in-Need case since 31 May 2026)" in (
        alert.reason
    )


def test_only_open_child_in_need_cases(agency, supervisee):
    old = date(2025, 1, 1)
    cp = CaseFactory(
        agency=agency,
        allocated_practitioner=supervisee,
        category=CaseCategory.CHILD_PROTECTION,
        last_discussed_on=old,
    )
    cin = CaseFactory(agency=agency, allocated_practitioner=supervisee, last_discussed_on=old)
    run(date(2026, 4, 4))
    assert rules_open(case=cp) == set()
    assert rules_open(case=cin) == {OVERDUE}
    cin.category = CaseCategory.CLOSED
    cin.save()
    run(date(2026, 4, 5))
    assert rules_open(case=cin) == set()


def test_unallocated_or_unsupervised_cases_are_for_the_safeguarding_leads(agency, supervisee):
    unallocated = CaseFactory(agency=agency, last_discussed_on=date(2026, 1, 3))
    unsupervised = CaseFactory(
        agency=agency, allocated_practitioner=supervisee, last_discussed_on=date(2026, 1, 3)
    )
    run(date(2026, 4, 10))
    assert open_alerts(OVERDUE, case=unallocated).get().owner is None
    alert = open_alerts(OVERDUE, case=unsupervised).get()
    assert alert.owner is None
    assert alert.person == supervisee


def test_escalated_to_the_leads_when_more_than_14_days_late(case):
    run(date(2026, 4, 17))  # 14 days late
    alert = open_alerts(OVERDUE, case=case).get()
    assert alert.escalated_at is None
    result = run(date(2026, 4, 18))  # 15 days late
    alert.refresh_from_db()
    assert alert.escalated_at is not None
    assert result.outcomes[OVERDUE].escalated == [alert.id]
    assert result.outcomes[OVERDUE].raised == []
    escalated_at = alert.escalated_at
    run(date(2026, 4, 19))  # stays escalated, from the first time
    alert.refresh_from_db()
    assert alert.escalated_at == escalated_at


def test_a_long_overdue_case_is_escalated_when_first_raised(case):
    result = run(date(2026, 6, 1))
    alert = open_alerts(OVERDUE, case=case).get()
    assert alert.escalated_at is not None
    assert result.outcomes[OVERDUE].raised == [alert.id]


def _standards(monkeypatch, **values):
    chosen = replace(standards.DEFAULT_STANDARDS, **values)
    monkeypatch.setattr(standards, "standards_by_agency", lambda ids: dict.fromkeys(ids, chosen))


def test_the_agency_standards_decide_the_interval(case, monkeypatch):
    _standards(monkeypatch, cin_discussion_interval_months=1)
    run(date(2026, 2, 3))
    assert open_alerts(DUE, case=case).get().due_on == date(2026, 2, 3)


def test_the_agency_standards_decide_the_pre_review_window(case, monkeypatch):
    _standards(monkeypatch, pre_review_window_working_days=5)
    case.next_meeting_type = StatutoryMeeting.CIN_REVIEW
    case.next_meeting_on = date(2026, 3, 27)  # a Friday: five working days before, the 20th
    case.save()
    run(date(2026, 3, 21))
    alert = open_alerts(OVERDUE, case=case).get()
    assert alert.due_on == date(2026, 3, 20)
    assert "due 5 working days before it" in alert.reason
