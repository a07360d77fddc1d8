"""Date arithmetic at the edges: months, leap years, working days and bank holidays."""

from datetime import date, timedelta

import pytest

from supervision.working_days import (
    WorkingDayCalendar,
    add_months,
    bank_holidays,
    is_working_day,
    subtract_working_days,
)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 3), 3, date(2026, 4, 3)),  # exactly three months
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # month end, clamped
        (date(2025, 11, 30), 3, date(2026, 2, 28)),  # into a short February
        (date(2023, 11, 30), 3, date(2024, 2, 29)),  # leap year February
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # from 29 February, a year on
        (date(2024, 5, 31), 3, date(2024, 8, 31)),  # 31st to a 31-day month
        (date(2026, 10, 31), 3, date(2027, 1, 31)),  # across the year end
        (date(2026, 3, 31), -1, date(2026, 2, 28)),  # backwards
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_bank_holidays_of_england_include_one_offs_and_substitutes():
    days = bank_holidays(date(2022, 1, 1), date(2026, 12, 31))
    assert date(2022, 9, 19) in days  # state funeral
    assert date(2023, 5, 8) in days  # coronation
    assert date(2026, 12, 28) in days  # Boxing Day falls on a Saturday: Monday instead
    assert date(2026, 4, 3) in days and date(2026, 4, 6) in days  # Easter
    assert date(2026, 3, 17) not in days  # St Patrick's Day is Northern Ireland only


def test_working_days():
    assert is_working_day(date(2026, 11, 25))  # a Wednesday
    assert not is_working_day(date(2026, 11, 28))  # a Saturday
    assert not is_working_day(date(2026, 12, 25))


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        # Ten working days before Friday 10 April 2026 skips Good Friday and Easter Monday.
        (date(2026, 4, 10), 10, date(2026, 3, 25)),
        # A plain fortnight: Friday 20 November 2026 → Friday 6 November.
        (date(2026, 11, 20), 10, date(2026, 11, 6)),
        # Across Christmas 2026 (25th, and Boxing Day observed on Monday 28th).
        (date(2027, 1, 5), 5, date(2026, 12, 24)),
        # From a Monday, one working day back is the Friday.
        (date(2026, 11, 23), 1, date(2026, 11, 20)),
        # From a Sunday: Friday is the first working day before it.
        (date(2026, 11, 22), 1, date(2026, 11, 20)),
        # The coronation bank holiday, Monday 8 May 2023.
        (date(2023, 5, 9), 1, date(2023, 5, 5)),
        (date(2026, 11, 20), 0, date(2026, 11, 20)),
    ],
)
def test_subtract_working_days(day, count, expected):
    assert subtract_working_days(day, count) == expected


def test_the_calendar_for_sql_agrees_with_the_function():
    calendar = WorkingDayCalendar(date(2026, 1, 1), date(2027, 12, 31))
    for offset in range(40, 700, 7):
        day = date(2026, 1, 1) + timedelta(days=offset)
        index = calendar.days.index(day)
        for count in (1, 5, 10):
            assert calendar.working[calendar.before[index] - count] == subtract_working_days(
                day, count
            )
