"""The board's view of the figures: every agency side by side, the partnership total and
the quarterly trend, with small numbers suppressed. The board's page and every file of
the assurance report (PDF, XLSX, CSV) are drawn from this one object, so they cannot
disagree, and nothing in it names a person or a child.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from .catalogue import INDICATORS, RATED, Indicator
from .indicators import totals
from .models import AssuranceReport
from .presentation import (
    AgencyRow,
    RatedFigure,
    Thresholds,
    TrendRow,
    agency_row,
    quarter_labels,
    rated,
)

TOTAL_NAME = "All agencies"


@dataclass
class BoardView:
    partnership: str
    period_label: str
    as_at: date
    computed_at: datetime | None
    thresholds: Thresholds
    rows: list[AgencyRow]
    total: AgencyRow
    quarters: list[str]
    trend: dict[str, list[TrendRow]] = field(default_factory=dict)
    indicators: tuple[Indicator, ...] = INDICATORS
    rated_indicators: tuple[Indicator, ...] = RATED
    # Set for a report
    report: AssuranceReport | None = None

    def section(self, code: str) -> list[tuple[str, RatedFigure]]:
        """(agency name, figure) for one rated indicator, agencies then the total."""
        out = [(row.name, row.rated[code]) for row in self.rows]
        out.append((TOTAL_NAME, self.total.rated[code]))
        return out

    def section_with_trend(self, code: str) -> list[tuple[str, RatedFigure, list[RatedFigure]]]:
        """section(code) with each row's quarterly trend beside it (the report's PDF draws
        the figure and its trend as one table: half the rows to lay out)."""
        trend = self.trend.get(code, [])
        return [
            (name, figure, trend[n].cells if n < len(trend) else [])
            for n, (name, figure) in enumerate(self.section(code))
        ]


def board_view(*, partnership_name: str, board, thresholds: Thresholds) -> BoardView:
    """`board` is services.BoardFigures: period 1 is the chosen period, the rest the
    quarters of the trend."""
    results = board.results
    period = results.periods[0]
    rows = [
        agency_row(
            a.id, a.name, a.get_sector_display(), results.of(a.id, 1), thresholds, exact=False
        )
        for a in board.agencies
    ]
    total = agency_row(UUID(int=0), TOTAL_NAME, "", totals(results, 1), thresholds, exact=False)
    view = BoardView(
        partnership=partnership_name,
        period_label=period.label,
        as_at=period.as_at,
        computed_at=board.computed_at[0] if board.computed_at else None,
        thresholds=thresholds,
        rows=rows,
        total=total,
        quarters=quarter_labels(results.periods[1:]),
    )
    trend_ns = range(2, len(results.periods) + 1)
    for indicator in RATED:
        trend_rows = []
        for a in board.agencies:
            cells = [
                rated(indicator, results.of(a.id, n).ratio(indicator.code), thresholds, exact=False)
                for n in trend_ns
            ]
            trend_rows.append(TrendRow(a.name, cells))
        cells = [
            rated(indicator, totals(results, n).ratio(indicator.code), thresholds, exact=False)
            for n in trend_ns
        ]
        trend_rows.append(TrendRow(TOTAL_NAME, cells))
        view.trend[indicator.code] = trend_rows
    return view


def build(*, report: AssuranceReport, board) -> BoardView:
    from .selectors import thresholds_for

    view = board_view(
        partnership_name=report.partnership.name,
        board=board,
        thresholds=thresholds_for(report.partnership_id),
    )
    view.report = report
    return view
