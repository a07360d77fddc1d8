"""Each indicator of docs/indicators.md against a small fixture computed by hand.

The period is 2026 Q2 (Wednesday 1 April to Tuesday 30 June 2026) seen from 1 August
2026, so the as-at day A is 30 June. Every fixture has something on the first day, on
the last day, the day before and the day after the period where the definition makes
those edges matter. England's bank holidays in the quarter: Good Friday 3 April, Easter
Monday 6 April, 4 and 25 May.
"""

import functools
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from agencies.models import AgencyPolicy, ContactType, MinimumStandards, Role
from assurance import indicators, lists
from assurance.catalogue import Code
from assurance.models import PeriodKind, SeenMeeting
from assurance.periods import Period, quarter
from recording.models import ActionStatus
from supervision.models import StatutoryMeeting
from tests.factories.agencies import AgencyFactory, AgencyPolicyFactory
from tests.factories.assurance import agreement, at, case, discuss, escalation, staff
from tests.factories.contracts import TrainingRecordFactory
from tests.factories.evaluation import CampaignFactory, WorkforceQuarterFactory, invite
from tests.factories.supervision import signed_session

TODAY = date(2026, 8, 1)
Q2 = quarter(2026, 2, TODAY)
FIRST, LAST = date(2026, 4, 1), date(2026, 6, 30)
BEFORE, AFTER = date(2026, 3, 31), date(2026, 7, 1)
CIN, CLOSED, CP = "child_in_need", "closed", "child_protection"
UTC = ZoneInfo("UTC")


def figures_of(agency, period=Q2, today=TODAY):
    return indicators.compute([agency.id], [period], today=today).of(agency.id)


def list_count(agency, code, status="", period=Q2, today=TODAY) -> int:
    """How many rows the lead's list behind the figure shows (with a status filter)."""
    return lists.page_of(
        lists.LISTS[code],
        agency_id=agency.id,
        period=period,
        filters=lists.Filters(status=status),
        page=1,
        today=today,
    ).count


def ratio(agency, code, period=Q2, today=TODAY):
    """The figure, checked against the list behind it: the same rows, so they agree."""
    r = figures_of(agency, period=period, today=today).ratio(code)
    if code in lists.LISTS:
        count = functools.partial(list_count, agency, code, period=period, today=today)
        if code == Code.ESCALATIONS:  # the list shows every escalation raised
            assert count() == r.extra["raised"]
            assert count("not_met") == r.denominator - r.numerator
        else:
            assert count() == r.denominator
        assert count("met") == r.numerator
    return r


@pytest.fixture
def boss(agency):
    """A supervisor of the agency (not a practitioner) since long ago."""
    return staff(agency, Role.SUPERVISOR)


def test_the_period_is_what_the_doc_says():
    assert (Q2.start, Q2.end, Q2.as_at) == (FIRST, LAST, LAST)
    assert Period(PeriodKind.QUARTER, FIRST, LAST, date(2026, 5, 5)).as_at == date(2026, 5, 5)


def test_percent_rounds_half_up_and_has_no_figure_without_a_denominator():
    assert indicators.Ratio(1, 8).percent == 13  # 12.5
    assert indicators.Ratio(1, 3).percent == 33
    assert indicators.Ratio(2, 3).percent == 67
    assert indicators.Ratio(0, 0).percent is None


# --- 1. Agreement coverage ---


def test_coverage_counts_practitioners_on_a_covered_by_an_agreement_in_force(agency, boss):
    covered = staff(agency)
    agreement(boss, covered)
    staff(agency)  # no agreement
    starts_on_a = staff(agency, start=LAST)
    agreement(boss, starts_on_a, active_from=LAST)  # in force from A: counts
    staff(agency, start=AFTER)  # starts the day after A: not counted
    staff(agency, ended_on=LAST)  # ended on A: not counted
    staff(agency, ended_on=AFTER)  # still there on A, not covered
    signs_late = staff(agency)
    agreement(boss, signs_late, active_from=AFTER)  # in force only after A
    ended = staff(agency)
    agreement(boss, ended, ended_on=LAST)  # ended on A: not in force on A
    elsewhere = AgencyFactory(partnership=agency.partnership)
    other = staff(elsewhere)  # a practitioner of another agency only
    agreement(staff(elsewhere, Role.SUPERVISOR), other)

    r = ratio(agency, Code.COVERAGE)
    assert (r.numerator, r.denominator, r.percent) == (2, 6, 33)


def test_coverage_counts_a_person_in_two_agencies_in_each(agency, boss):
    other_agency = AgencyFactory(partnership=agency.partnership)
    both = staff(agency)
    from tests.factories.agencies import MembershipFactory

    MembershipFactory(
        user=both, agency=other_agency, roles=[Role.PRACTITIONER], start_date=date(2024, 1, 1)
    )
    agreement(boss, both, agency=agency)
    results = indicators.compute([agency.id, other_agency.id], [Q2], today=TODAY)
    assert results.of(agency.id).ratio(Code.COVERAGE).numerator == 1
    other = results.of(other_agency.id).ratio(Code.COVERAGE)
    assert (other.numerator, other.denominator) == (0, 1)


# --- 2. Supervision on time ---


def test_supervision_on_time_from_the_last_signed_session_and_the_required_frequency(agency, boss):
    def supervisee(start=date(2025, 1, 1), contact=ContactType.DIRECT, weeks=6, began=None):
        someone = staff(agency, start=start, contact=contact)
        agreement(boss, someone, frequency_weeks=weeks, **({"start_date": began} if began else {}))
        return someone

    # direct contact, agreement every 6 weeks (the agency minimum is 6 too): W = 42 days
    due_on_a = supervisee()
    signed_session(supervisor=boss, supervisee=due_on_a, on=date(2026, 5, 19))  # + 42 = A
    a_day_late = supervisee()
    signed_session(supervisor=boss, supervisee=a_day_late, on=date(2026, 5, 18))  # + 42 = A - 1
    late_despite_later = supervisee()
    signed_session(supervisor=boss, supervisee=late_despite_later, on=date(2026, 5, 18))
    signed_session(supervisor=boss, supervisee=late_despite_later, on=AFTER)  # after A: ignored
    # no session yet: due from when the agreement began (19 May) + 42 days = A
    supervisee(began=date(2026, 5, 19))
    # indirect contact, 13 weeks: the session on the first day of the period is the last
    indirect = supervisee(contact=ContactType.INDIRECT, weeks=13)
    signed_session(supervisor=boss, supervisee=indirect, on=BEFORE)
    signed_session(supervisor=boss, supervisee=indirect, on=FIRST)  # + 91 = 1 July
    # a new starter (started 1 March, within six months of A): every 4 weeks
    new_starter = supervisee(start=date(2026, 3, 1))
    signed_session(supervisor=boss, supervisee=new_starter, on=date(2026, 6, 1))  # + 28 < A

    r = ratio(agency, Code.SUPERVISION)
    assert (r.numerator, r.denominator) == (3, 6)
    # signed sessions from 1 April to A: 19 May, 18 May, 18 May, 1 April, 1 June
    assert r.extra["sessions"] == 5


# --- 3. Child-in-Need cases discussed in time ---


def test_child_in_need_discussed_within_three_months(agency, boss):
    worker = staff(agency)
    cin = [(date(2025, 1, 1), CIN)]
    just_in_time = case(agency, worker, changes=cin)
    discuss(boss, worker, date(2026, 3, 30), (just_in_time, "amber"))  # + 3 months = A
    a_day_late = case(agency, worker, changes=cin)
    discuss(boss, worker, date(2026, 3, 29), (a_day_late, "amber"))
    late_despite_later = case(agency, worker, changes=cin)
    discuss(boss, worker, date(2026, 3, 29), (late_despite_later, "amber"))
    discuss(boss, worker, AFTER, (late_despite_later, "green"))  # after A: ignored
    # never discussed: from the day it became Child in Need (15 April) + 3 months
    case(agency, worker, changes=[(date(2025, 1, 1), "early_help"), (date(2026, 4, 15), CIN)])
    # no history at all: its current category, from the day it was created
    case(agency, worker, created=date(2026, 3, 1), category=CIN)
    case(agency, worker, changes=[*cin, (LAST, CLOSED)])  # closed on A
    case(agency, worker, changes=[(date(2025, 1, 1), "early_help"), (AFTER, CIN)])
    case(agency, worker, created=AFTER, category=CIN)  # did not exist on A

    r = ratio(agency, Code.CIN_INTERVAL)
    assert (r.numerator, r.denominator) == (2, 5)


def test_child_in_need_interval_is_the_agencys_own_standard(agency, boss):
    MinimumStandards.objects.update_or_create(
        agency=agency, defaults={"cin_discussion_interval_months": 1}
    )
    worker = staff(agency)
    c = case(agency, worker, changes=[(date(2025, 1, 1), CIN)])
    discuss(boss, worker, date(2026, 5, 30), (c, "amber"))  # + 1 month = A
    r = ratio(agency, Code.CIN_INTERVAL)
    assert (r.numerator, r.denominator) == (1, 1)
    assert ratio(agency, Code.CIN_INTERVAL, period=quarter(2026, 3, TODAY)).numerator == 0


# --- 4. Discussed before statutory meetings ---


def test_meetings_discussed_in_the_window_before_the_deadline(agency, boss):
    worker = staff(agency)
    cin = [(date(2025, 1, 1), CIN)]

    def seen(c, on, kind=StatutoryMeeting.CIN_REVIEW):
        SeenMeeting.objects.create(
            agency=agency, case=c, meeting_type=kind, meeting_on=on, first_seen_on=on
        )

    # 30 June (A): ten working days before is Tuesday 16 June; the window opens 16 May
    on_deadline = case(
        agency,
        worker,
        changes=cin,
        next_meeting_type=StatutoryMeeting.CIN_REVIEW,
        next_meeting_on=LAST,
    )
    discuss(boss, worker, date(2026, 6, 16), (on_deadline, "amber"))
    window_opens = case(agency, worker, changes=cin)
    seen(window_opens, LAST, StatutoryMeeting.CORE_GROUP)
    discuss(boss, worker, date(2026, 5, 16), (window_opens, "amber"))
    too_early = case(agency, worker, changes=cin)
    seen(too_early, LAST)
    discuss(boss, worker, date(2026, 5, 15), (too_early, "amber"))
    # 1 April (first day): ten working days back over Easter is Wednesday 18 March
    late = case(agency, worker, changes=cin)
    seen(late, FIRST)
    discuss(boss, worker, date(2026, 3, 19), (late, "amber"))  # after the deadline
    # outside the period, or not Child in Need on the day: not counted
    outside = case(agency, worker, changes=cin)
    seen(outside, BEFORE)
    seen(outside, AFTER)
    protected = case(agency, worker, changes=[(date(2025, 1, 1), CP)])
    seen(protected, date(2026, 5, 20), StatutoryMeeting.REVIEW_CONFERENCE)

    r = ratio(agency, Code.CIN_MEETINGS)
    assert (r.numerator, r.denominator) == (2, 4)


# --- 5. RAG ratings ---


def test_rag_counts_discussions_in_the_period_by_rating_and_month(agency, boss):
    worker = staff(agency)
    c1, c2 = case(agency, worker), case(agency, worker)
    discuss(boss, worker, BEFORE, (c1, "red"))  # before the period
    discuss(boss, worker, FIRST, (c1, "red"))
    discuss(boss, worker, date(2026, 5, 10), (c1, "amber"), (c2, ""))
    discuss(boss, worker, LAST, (c1, "green"))
    discuss(boss, worker, AFTER, (c1, "green"))  # after the period

    rag = figures_of(agency).rag
    assert rag.counts == {"red": 1, "amber": 1, "green": 1, "": 1}
    assert rag.total == 4 and rag.percent("red") == 25
    assert rag.by_bucket == {
        1: {"red": 1, "amber": 0, "green": 0, "": 0},
        2: {"red": 0, "amber": 1, "green": 0, "": 1},
        3: {"red": 0, "amber": 0, "green": 1, "": 0},
    }
    assert [b[2] for b in Q2.buckets()] == ["Apr 2026", "May 2026", "Jun 2026"]
    assert list_count(agency, Code.RAG) == 4
    assert [list_count(agency, Code.RAG, s) for s in ("red", "amber", "green", "unrated")] == [
        1
    ] * 4


# --- 6. Cases in drift ---


def test_drift_is_three_amber_or_red_or_getting_worse(agency, boss):
    worker = staff(agency)

    def rated(*ratings, changes=((date(2025, 1, 1), CIN),), last=LAST):
        c = case(agency, worker, changes=list(changes))
        days = [date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)]
        for day, rag in zip(days[-len(ratings) :], ratings, strict=True):
            discuss(boss, worker, min(day, last), (c, rag))
        return c

    rated("green", "amber", "red")  # getting worse
    rated("amber", "amber", "amber")  # no evident change
    rated("red", "amber")  # improving
    four = rated("amber", "amber", "amber")
    discuss(boss, worker, AFTER, (four, "green"))  # improved only after A: drift on A
    rated("amber", "amber", "amber", changes=[(date(2025, 1, 1), CIN), (LAST, CLOSED)])
    rated("", "")  # no rated discussion: not counted
    rated("green")

    r = ratio(agency, Code.DRIFT)
    assert (r.numerator, r.denominator) == (3, 5)


# --- 7. Agreed actions ---


def test_open_actions_past_their_due_date(agency, boss):
    worker = staff(agency)

    def action(due, status=ActionStatus.OPEN, done_on=None):
        return {"due_on": due, "status": status, "status_changed_on": done_on}

    signed_session(
        supervisor=boss,
        supervisee=worker,
        on=FIRST,
        actions=[
            action(date(2026, 6, 29)),  # overdue on A
            action(LAST),  # due on A: not overdue
            action(date(2026, 5, 1), ActionStatus.DONE, LAST),  # done on A: not open
        ],
    )
    signed_session(
        supervisor=boss,
        supervisee=worker,
        on=BEFORE,
        actions=[action(date(2026, 5, 1), ActionStatus.DONE, AFTER)],  # done after A: open
    )
    signed_session(supervisor=boss, supervisee=worker, on=AFTER, actions=[action(FIRST)])

    r = ratio(agency, Code.ACTIONS)
    assert (r.numerator, r.denominator) == (2, 3)
    assert r.extra == {"agreed": 3, "done": 1}


# --- 8. Supervisor training ---


def test_supervisor_training_in_date_on_a(agency):
    def trained(*completed):
        someone = staff(agency, Role.SUPERVISOR)
        for day in completed:
            TrainingRecordFactory(supervisor=someone, agency=agency, completed_on=day)
        return someone

    trained(date(2023, 6, 30))  # + 36 months = A: in date, expiring
    trained(date(2023, 6, 29))  # lapsed the day before A
    trained()  # none recorded
    trained(date(2023, 6, 29), AFTER)  # refreshed only after A: lapsed on A
    trained(date(2024, 1, 1))  # in date
    staff(agency, Role.SUPERVISOR, start=AFTER)  # not yet a supervisor on A

    r = ratio(agency, Code.TRAINING)
    assert (r.numerator, r.denominator) == (2, 5)
    assert r.extra == {"expiring": 1, "lapsed": 2, "no_training": 1}


# --- 9. Agreements within their review date ---


def test_agreements_within_their_review_date(agency, boss):
    def signed(review, **kw):
        agreement(boss, staff(agency), review_date=review, **kw)

    signed(LAST)  # review on A: in date, due soon
    signed(date(2026, 6, 29))  # past
    signed(date(2026, 7, 28))  # A + 28: due soon
    signed(date(2026, 7, 29))  # A + 29: in date
    signed(date(2026, 6, 1), active_from=AFTER, start_date=date(2026, 1, 1))  # not yet
    signed(date(2026, 6, 1), ended_on=LAST)  # ended on A

    r = ratio(agency, Code.REVIEWS)
    assert (r.numerator, r.denominator) == (3, 4)
    assert r.extra == {"due_soon": 2}


# --- 10. Risk escalations ---


def test_escalations_acknowledged_by_the_end_of_the_next_working_day(agency, boss):
    worker = staff(agency)
    record = signed_session(supervisor=boss, supervisee=worker, on=date(2026, 3, 1))
    # raised the first day, acknowledged late the next evening: in time
    escalation(record, raised_at=at(FIRST, 10), acknowledged_at=at(date(2026, 4, 2), 23, 30))
    # raised Thursday 2 April: Good Friday and Easter Monday are not working days
    escalation(
        record,
        raised_at=at(date(2026, 4, 2), 9),
        acknowledged_at=at(date(2026, 4, 7), 12),
        kind="significant_harm",
    )
    # raised late on A, acknowledged two days later: late
    escalation(record, raised_at=at(LAST, 23, 30), acknowledged_at=at(date(2026, 7, 2), 9))
    # 23:30 UTC on 31 March is 00:30 on 1 April in London: in the period, never acknowledged
    escalation(record, raised_at=datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    # 22:30 UTC on 31 March is still 31 March in London: not in the period
    escalation(record, raised_at=datetime(2026, 3, 31, 22, 30, tzinfo=UTC))
    escalation(record, raised_at=at(AFTER, 9))  # after the period

    r = ratio(agency, Code.ESCALATIONS)
    assert (r.numerator, r.denominator) == (2, 4)
    assert r.extra == {
        "raised": 4,
        "unacknowledged": 1,
        "significant_harm": 1,
        "unsafe_practice": 3,
        "illegal_activity": 0,
    }


def test_an_escalation_still_within_time_is_left_out_until_its_deadline(agency, boss):
    worker = staff(agency)
    record = signed_session(supervisor=boss, supervisee=worker, on=date(2026, 3, 1))
    escalation(record, raised_at=at(date(2026, 6, 29), 9))  # Monday; deadline Tuesday 30
    to_date = Period(PeriodKind.QUARTER, FIRST, LAST, LAST)  # seen on 30 June itself
    r = ratio(agency, Code.ESCALATIONS, period=to_date, today=LAST)
    assert (r.numerator, r.denominator, r.extra["raised"]) == (0, 0, 1)
    r = ratio(agency, Code.ESCALATIONS)  # seen later: the deadline has passed
    assert (r.numerator, r.denominator) == (0, 1)


# --- 11. Annual evaluation ---


def test_evaluation_response_rate_of_the_latest_evaluation_opened_by_a(agency, boss):
    older = CampaignFactory(
        agency=agency, year=2025, opens_on=date(2025, 5, 1), closes_on=date(2025, 6, 1)
    )
    invite(older, staff(agency), boss)
    latest = CampaignFactory(agency=agency, year=2026, opens_on=LAST, closes_on=date(2026, 7, 20))
    CampaignFactory(agency=agency, year=2027, opens_on=AFTER, closes_on=date(2026, 7, 30))
    invitations = [invite(latest, staff(agency), boss) for _ in range(4)]
    for invitation in invitations[:3]:
        type(invitation).objects.filter(pk=invitation.pk).update(has_responded=True)

    e = figures_of(agency).evaluation
    assert e.campaign_id == latest.id and e.year == 2026 and e.is_closed
    assert (e.rate.numerator, e.rate.denominator, e.rate.percent) == (3, 4, 75)
    assert not e.results_shown and e.resilience is None  # fewer than 5 responses


# --- 12. SPR policy ---


def test_policy_in_date_is_the_newest_uploaded_by_a(agency):
    approved = date(2025, 12, 1)
    old = AgencyPolicyFactory(agency=agency, version="1", approved_on=approved, next_review_on=LAST)
    newer = AgencyPolicyFactory(
        agency=agency, version="2", approved_on=approved, next_review_on=date(2026, 6, 29)
    )
    AgencyPolicy.objects.filter(pk=old.pk).update(uploaded_at=at(date(2026, 1, 1)))
    AgencyPolicy.objects.filter(pk=newer.pk).update(uploaded_at=at(AFTER))  # after A
    p = figures_of(agency).policy
    assert (p.version, p.next_review_on, p.in_date) == ("1", LAST, True)
    assert figures_of(agency, period=quarter(2026, 3, date(2026, 10, 2))).policy.version == "2"
    assert not figures_of(agency, period=quarter(2026, 3, date(2026, 10, 2))).policy.in_date


def test_no_policy_is_not_in_date(agency):
    p = figures_of(agency).policy
    assert (p.version, p.in_date) == (None, False)


# --- 13. Workforce ---


def test_workforce_averages_the_quarters_that_overlap_the_period(agency, agency_admin):
    def entered(q, **rates):
        WorkforceQuarterFactory(
            agency=agency, year=2026, quarter=q, entered_by=agency_admin, **rates
        )

    entered(1, sickness_rate="2.00")
    entered(2, sickness_rate="5.00", vacancy_rate="7.00")
    entered(3, sickness_rate="9.00")
    w = figures_of(agency).workforce
    assert (w.quarters, w.sickness_rate, w.vacancy_rate) == (1, 5.0, 7.0)
    edges = Period(PeriodKind.CUSTOM, BEFORE, FIRST, TODAY)  # one day in Q1, one in Q2
    w = figures_of(agency, period=edges).workforce
    assert (w.quarters, w.sickness_rate) == (2, 3.5)


# --- The partnership total ---


def test_the_total_adds_numerators_and_denominators(agency, boss):
    other = AgencyFactory(partnership=agency.partnership)
    agreement(boss, staff(agency))
    staff(agency)
    staff(other)
    results = indicators.compute([agency.id, other.id], [Q2], today=TODAY)
    total = indicators.totals(results).ratio(Code.COVERAGE)
    assert (total.numerator, total.denominator, total.percent) == (1, 3, 33)
