"""Reporting periods: a calendar quarter, a calendar year, or dates of one's choice.

Every indicator is measured over a period [start, end] (both days included) and "as at"
the earlier of its end and today: point-in-time figures (coverage, overdue, in date) are
taken on that day, and events (sessions, discussions, escalations) are counted from the
start to that day (docs/indicators.md, "Periods").
"""

from dataclasses import dataclass
from datetime import date, timedelta

from .models import PeriodKind

QUARTER_MONTHS = {1: "January to March", 2: "April to June", 3: "July to September"}
QUARTER_MONTHS[4] = "October to December"
# A custom period may span at most this many days (three years): the figures stay quick.
LONGEST_CUSTOM_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date
    today: date

    @property
    def as_at(self) -> date:
        return min(self.end, self.today)

    @property
    def is_to_date(self) -> bool:
        return self.end > self.today

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.QUARTER:
            q = quarter_of(self.start)
            return f"{self.start.year} Q{q} ({QUARTER_MONTHS[q]})"
        if self.kind == PeriodKind.YEAR:
            return f"{self.start.year} (January to December)"
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"

    @property
    def as_at_label(self) -> str:
        return f"{self.as_at:%-d %B %Y}"

    def query(self) -> dict[str, str]:
        """The GET parameters that choose this period again (links from figures to lists)."""
        if self.kind == PeriodKind.QUARTER:
            return {"period": "quarter", "quarter": f"{self.start.year}-Q{quarter_of(self.start)}"}
        if self.kind == PeriodKind.YEAR:
            return {"period": "year", "year": str(self.start.year)}
        return {
            "period": "custom",
            "start_0": str(self.start.day),
            "start_1": str(self.start.month),
            "start_2": str(self.start.year),
            "end_0": str(self.end.day),
            "end_1": str(self.end.month),
            "end_2": str(self.end.year),
        }

    def buckets(self) -> list[tuple[date, date, str]]:
        """The period cut into months (up to six months long) or quarters (longer), for
        "over time" figures: (first day, last day, label), clipped to the period."""
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        step = 1 if months <= 6 else 3
        out = []
        first = date(self.start.year, self.start.month, 1)
        if step == 3:
            first = quarter_start(self.start)
        while first <= self.end:
            last = add_months(first, step) - timedelta(days=1)
            lo, hi = max(first, self.start), min(last, self.end)
            label = f"{first:%b %Y}" if step == 1 else f"{first.year} Q{quarter_of(first)}"
            out.append((lo, hi, label))
            first = add_months(first, step)
        return out


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, 1)


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_start(day: date) -> date:
    return date(day.year, 3 * (quarter_of(day) - 1) + 1, 1)


def quarter(year: int, q: int, today: date) -> Period:
    start = date(year, 3 * (q - 1) + 1, 1)
    return Period(PeriodKind.QUARTER, start, add_months(start, 3) - timedelta(days=1), today)


def year_period(year: int, today: date) -> Period:
    return Period(PeriodKind.YEAR, date(year, 1, 1), date(year, 12, 31), today)


def current_quarter(today: date) -> Period:
    return quarter(today.year, quarter_of(today), today)


def trailing_quarters(period: Period, count: int = 4) -> list[Period]:
    """The `count` calendar quarters ending with the one that holds the period's as-at
    day, oldest first: the board's quarterly trend."""
    last = quarter_start(period.as_at)
    starts = [add_months(last, -3 * i) for i in range(count - 1, -1, -1)]
    return [quarter(s.year, quarter_of(s), period.today) for s in starts]


def recent_quarters(today: date, count: int = 8) -> list[tuple[str, str]]:
    """Choices for the quarter picker: this quarter and the ones before, newest first."""
    start = quarter_start(today)
    choices = []
    for i in range(count):
        s = add_months(start, -3 * i)
        q = quarter_of(s)
        choices.append((f"{s.year}-Q{q}", f"{s.year} Q{q} ({QUARTER_MONTHS[q]})"))
    return choices
