"""Calendar arithmetic for the cadence rules: months and working days.

- Months are not a fixed number of days: a date plus three months keeps its day of the
  month, clamped to the end of a shorter month (30 November + 3 months is 28 February, or
  29 February in a leap year). PostgreSQL's `date + interval 'n months'` does the same,
  so the rules in SQL and these helpers agree.
- A working day is Monday to Friday and not a bank holiday in England and Wales. The
  holidays come from the `holidays` package (pinned), which carries the table of fixed
  dates, Easter, substitute days and one-off holidays (a coronation, a state funeral).
"""

import calendar
from datetime import date, timedelta
from functools import lru_cache

import holidays

# English partnerships: bank holidays of England (and Wales, which has the same ones).
HOLIDAY_COUNTRY = "GB"
HOLIDAY_SUBDIVISION = "ENG"


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@lru_cache(maxsize=64)
def _bank_holidays_of(year: int) -> frozenset[date]:
    table = holidays.country_holidays(HOLIDAY_COUNTRY, subdiv=HOLIDAY_SUBDIVISION, years=year)
    return frozenset(table.keys())


def bank_holidays(start: date, end: date) -> set[date]:
    """Bank holidays in England from `start` to `end`, both included."""
    days: set[date] = set()
    for year in range(start.year, end.year + 1):
        days |= {d for d in _bank_holidays_of(year) if start <= d <= end}
    return days


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays_of(day.year)


def subtract_working_days(day: date, count: int) -> date:
    """The `count`-th working day before `day` (`day` itself is not counted): 10 working
    days before Friday 10 April 2026 is Wednesday 25 March, past the Easter holidays.
    With a count of 0 the answer is `day`."""
    current = day
    remaining = count
    while remaining > 0:
        current -= timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


class WorkingDayCalendar:
    """Every day from `start` to `end` with the number of working days before it, and the
    list of working days, so that SQL can subtract working days with an array lookup:
    the n-th working day before day D is `working[before[D] - n]` (0-based)."""

    def __init__(self, start: date, end: date) -> None:
        holidays_in_range = bank_holidays(start, end)
        self.days: list[date] = []
        self.before: list[int] = []
        self.working: list[date] = []
        day = start
        while day <= end:
            self.days.append(day)
            self.before.append(len(self.working))
            if day.weekday() < 5 and day not in holidays_in_range:
                self.working.append(day)
            day += timedelta(days=1)

    @classmethod
    def around(cls, today: date) -> "WorkingDayCalendar":
        """A calendar wide enough for the rules: a year back, three years ahead. A meeting
        outside it is too far away to bring a discussion forward."""
        return cls(today - timedelta(days=366), today + timedelta(days=3 * 366))
