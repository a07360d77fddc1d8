"""What the pages and the exports show of the figures: the one place where figures become
text, where the board's small numbers are suppressed and where ratings are given.

- `exact=True` (the safeguarding lead's own agency): every count as it is.
- `exact=False` (the board, and every export of the assurance report): a count under 5
  shows as "<5", and so does a percentage whose denominator is under 5 (docs/indicators.md,
  "Small numbers"). The suppressed number never leaves this module: the cell holds only
  the text "<5".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from agencies.templatetags.spr import SMALL_NUMBER_THRESHOLD

from .catalogue import BY_CODE, INDICATORS, RATED, Code, Indicator, Rating, rate
from .indicators import AgencyFigures, Ratio

SUPPRESSED = f"<{SMALL_NUMBER_THRESHOLD}"
NO_FIGURE = "No figure"

RATING_TAGS = {
    Rating.MET: "govuk-tag--green",
    Rating.NEAR: "govuk-tag--yellow",
    Rating.NOT_MET: "govuk-tag--red",
    Rating.NONE: "govuk-tag--grey",
}


@dataclass(frozen=True)
class Thresholds:
    """Target and minimum per rated indicator: the partnership's, or the defaults."""

    values: dict[str, tuple[int, int]]
    is_default: dict[str, bool]

    def of(self, code: str) -> tuple[int | None, int | None]:
        return self.values.get(code, (None, None))

    def rating(self, indicator: Indicator, percent: int | None) -> str:
        target, minimum = self.of(indicator.code)
        return rate(
            percent,
            target=target,
            minimum=minimum,
            higher_is_better=indicator.higher_is_better,
        )


def default_thresholds() -> Thresholds:
    return Thresholds(
        values={i.code: (i.target, i.minimum) for i in RATED},
        is_default={i.code: True for i in RATED},
    )


@dataclass(frozen=True)
class Cell:
    text: str
    value: int | None = None  # the number behind the text, None when suppressed or absent
    suppressed: bool = False

    def __str__(self) -> str:
        return self.text


def count_cell(n: int, *, exact: bool) -> Cell:
    if not exact and n < SMALL_NUMBER_THRESHOLD:
        return Cell(SUPPRESSED, None, True)
    return Cell(f"{n:,}", n)


def percent_cell(ratio: Ratio, *, exact: bool) -> Cell:
    if not exact and ratio.denominator < SMALL_NUMBER_THRESHOLD:
        return Cell(SUPPRESSED, None, True)
    percent = ratio.percent
    if percent is None:
        return Cell(NO_FIGURE, None)
    return Cell(f"{percent}%", percent)


@dataclass(frozen=True)
class RatedFigure:
    """One rated indicator of one agency (or the total), ready to show."""

    indicator: Indicator
    numerator: Cell
    denominator: Cell
    percent: Cell
    rating: str

    @property
    def rating_label(self) -> str:
        return Rating(self.rating).label

    @property
    def rating_tag(self) -> str:
        return RATING_TAGS[self.rating]

    @property
    def bar(self) -> int:
        """Width of the bar (0 to 100): nothing for a suppressed or absent figure."""
        return self.percent.value if self.percent.value is not None else 0


def rated(
    indicator: Indicator, ratio: Ratio, thresholds: Thresholds, *, exact: bool
) -> RatedFigure:
    percent = percent_cell(ratio, exact=exact)
    rating = thresholds.rating(indicator, percent.value)
    return RatedFigure(
        indicator=indicator,
        numerator=count_cell(ratio.numerator, exact=exact),
        denominator=count_cell(ratio.denominator, exact=exact),
        percent=percent,
        rating=rating,
    )


@dataclass(frozen=True)
class RagRow:
    label: str
    red: Cell
    amber: Cell
    green: Cell
    unrated: Cell
    total: Cell
    # bar widths (percent of the total), all 0 when the total is suppressed
    widths: tuple[int, int, int, int]


def rag_row(label: str, counts: dict[str, int], *, exact: bool) -> RagRow:
    total = sum(counts.values())
    keys = ("red", "amber", "green", "")
    if not exact and total < SMALL_NUMBER_THRESHOLD:
        widths = (0, 0, 0, 0)
    else:
        widths = tuple(whole_percents([counts.get(k, 0) for k in keys]))
    return RagRow(
        label=label,
        red=count_cell(counts.get("red", 0), exact=exact),
        amber=count_cell(counts.get("amber", 0), exact=exact),
        green=count_cell(counts.get("green", 0), exact=exact),
        unrated=count_cell(counts.get("", 0), exact=exact),
        total=count_cell(total, exact=exact),
        widths=widths,
    )


def whole_percents(counts: list[int]) -> list[int]:
    """Percentages that add up to exactly 100 (largest remainder), as evaluation does."""
    total = sum(counts)
    if total == 0:
        return [0 for _ in counts]
    exact = [100 * c / total for c in counts]
    floors = [int(x) for x in exact]
    order = sorted(range(len(counts)), key=lambda i: exact[i] - floors[i], reverse=True)
    for i in order[: 100 - sum(floors)]:
        floors[i] += 1
    return floors


@dataclass(frozen=True)
class EvaluationView:
    year: int | None
    rate: RatedFigure
    shown: bool
    yes_percent: str
    resilience: str
    stress: str
    reflection: str
    note: str


def evaluation_view(
    figures: AgencyFigures, thresholds: Thresholds, *, exact: bool
) -> EvaluationView:
    """Response rate (rated) and results. Results follow evaluation's disclosure control
    (5 responses); the board sees them only once the evaluation has closed."""
    e = figures.evaluation
    rate_figure = rated(BY_CODE[Code.EVALUATION], e.rate, thresholds, exact=exact)
    shown = e.results_shown and (exact or e.is_closed)
    if e.year is None:
        note = "No evaluation yet"
    elif not e.results_shown:
        note = "Results appear from 5 responses"
    elif not shown:
        note = "Results appear when the evaluation closes"
    else:
        note = ""

    def text(value) -> str:
        return "" if not shown or value is None else f"{value}"

    return EvaluationView(
        year=e.year,
        rate=rate_figure,
        shown=shown,
        yes_percent=f"{e.yes_percent}%" if shown and e.yes_percent is not None else "",
        resilience=text(e.resilience),
        stress=text(e.stress),
        reflection=text(e.reflection),
        note=note,
    )


def policy_text(figures: AgencyFigures) -> str:
    p = figures.policy
    if p.version is None:
        return "No policy"
    review = p.next_review_on.strftime("%-d %b %Y") if p.next_review_on else ""
    return f"In date (review {review})" if p.in_date else f"Review overdue (was due {review})"


def workforce_text(figures: AgencyFigures) -> tuple[str, str]:
    w = figures.workforce
    if not w.quarters:
        return ("Not entered", "Not entered")
    return (f"{w.sickness_rate}%", f"{w.vacancy_rate}%")


@dataclass
class AgencyRow:
    """One agency's line on the board: every indicator, side by side."""

    agency_id: UUID
    name: str
    sector: str
    rated: dict[str, RatedFigure] = field(default_factory=dict)
    evaluation: EvaluationView | None = None
    policy: str = ""
    policy_in_date: bool = False
    escalations: Cell | None = None
    sessions: Cell | None = None
    rag: RagRow | None = None
    sickness: str = ""
    vacancies: str = ""

    def figure(self, code: str) -> RatedFigure:
        return self.rated[code]


def agency_row(
    agency_id: UUID,
    name: str,
    sector: str,
    figures: AgencyFigures,
    thresholds: Thresholds,
    *,
    exact: bool,
) -> AgencyRow:
    row = AgencyRow(agency_id=agency_id, name=name, sector=sector)
    for indicator in RATED:
        row.rated[indicator.code] = rated(
            indicator, figures.ratio(indicator.code), thresholds, exact=exact
        )
    row.evaluation = evaluation_view(figures, thresholds, exact=exact)
    row.policy = policy_text(figures)
    row.policy_in_date = figures.policy.in_date
    row.escalations = count_cell(
        figures.ratio(Code.ESCALATIONS).extra.get("raised", 0), exact=exact
    )
    row.sessions = count_cell(figures.ratio(Code.SUPERVISION).extra.get("sessions", 0), exact=exact)
    row.rag = rag_row(name, figures.rag.counts, exact=exact)
    row.sickness, row.vacancies = workforce_text(figures)
    return row


@dataclass(frozen=True)
class TrendRow:
    name: str
    cells: list[RatedFigure]


def quarter_labels(periods) -> list[str]:
    return [p.label.split(" (")[0] for p in periods]


def as_at_text(day: date) -> str:
    return f"{day:%-d %B %Y}"


INDICATOR_ORDER = [i.code for i in INDICATORS]


def detail_text(code: str, ratio: Ratio, *, exact: bool) -> str:
    """The counts behind a percentage, in words ("46 of 50 practitioners")."""

    def c(n: int) -> str:
        return count_cell(n, exact=exact).text

    x = ratio.extra
    of = f"{c(ratio.numerator)} of {c(ratio.denominator)}"
    if code == Code.COVERAGE:
        return f"{of} practitioners"
    if code == Code.SUPERVISION:
        return f"{of} supervisees; {c(x.get('sessions', 0))} signed sessions in the period"
    if code == Code.CIN_INTERVAL:
        return f"{of} Child-in-Need cases"
    if code == Code.CIN_MEETINGS:
        return f"{of} statutory meetings"
    if code == Code.DRIFT:
        return f"{of} open cases with a rated discussion"
    if code == Code.ACTIONS:
        return (
            f"{of} open actions; {c(x.get('agreed', 0))} agreed and {c(x.get('done', 0))} "
            "done in the period"
        )
    if code == Code.TRAINING:
        return (
            f"{of} supervisors; {c(x.get('expiring', 0))} expiring, {c(x.get('lapsed', 0))} "
            f"lapsed, {c(x.get('no_training', 0))} with none recorded"
        )
    if code == Code.REVIEWS:
        return f"{of} agreements; {c(x.get('due_soon', 0))} due for review within 28 days"
    if code == Code.ESCALATIONS:
        return (
            f"{of} escalations; {c(x.get('raised', 0))} raised, "
            f"{c(x.get('unacknowledged', 0))} not yet acknowledged"
        )
    if code == Code.EVALUATION:
        return f"{of} invited supervisees answered"
    return of
