"""Evaluation results with disclosure control: the only place figures are computed.

Rules (DESIGN.md, Confidentiality model; issue "Anonymity"):
- a group's figures (agency, team or supervisor) are shown only from 5 responses up;
- in a breakdown by team or by supervisor, if the hidden groups together hold fewer than
  5 responses, the smallest shown groups are hidden too (secondary suppression), so that
  "agency minus the groups shown" never gives the answers of fewer than 5 people;
- breakdowns below the agency, and everything a supervisor sees, appear only once the
  campaign has closed, so that watching the figures change while people answer cannot
  tell anyone what one person said.

Callers have already checked who may see the campaign (selectors). Every function here
runs a fixed number of queries, whatever the number of responses or groups.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from django.db.models import Avg, Count, Q

from agencies.models import Team, User
from agencies.templatetags.spr import SMALL_NUMBER_THRESHOLD

from .models import (
    RUBRIC,
    SCORE_POINTS,
    Answer,
    AuditItem,
    Campaign,
    FreeTextComment,
    Invitation,
    Observation,
    ObservationStatus,
    Question,
    Rating,
    Response,
    WorkforceQuarter,
)
from .questionnaire import INDICATOR_FIELDS, INDICATORS, Choice

THRESHOLD = SMALL_NUMBER_THRESHOLD  # 5
BY_TEAM, BY_SUPERVISOR = "team", "supervisor"
GROUPINGS = {BY_TEAM: "team_id", BY_SUPERVISOR: "supervisor_id"}
NO_TEAM = "none"
TOO_FEW, PROTECTS_OTHERS, NOT_CLOSED = "too_few", "protects_others", "not_closed"


def whole_percents(counts: list[int]) -> list[int]:
    """Percentages of the total that add up to exactly 100 (largest remainder)."""
    total = sum(counts)
    if total == 0:
        return [0 for _ in counts]
    exact = [100 * c / total for c in counts]
    floors = [int(x) for x in exact]
    order = sorted(range(len(counts)), key=lambda i: exact[i] - floors[i], reverse=True)
    for i in order[: 100 - sum(floors)]:
        floors[i] += 1
    return floors


@dataclass
class Shares:
    yes: int = 0
    no: int = 0
    maybe: int = 0

    @property
    def answered(self) -> int:
        return self.yes + self.no + self.maybe

    @property
    def percents(self) -> list[int]:
        return whole_percents([self.yes, self.no, self.maybe])

    @property
    def yes_percent(self) -> int:
        return self.percents[0]

    @property
    def no_percent(self) -> int:
        return self.percents[1]

    @property
    def maybe_percent(self) -> int:
        return self.percents[2]

    def add(self, choice: str, count: int) -> None:
        setattr(self, choice, getattr(self, choice) + count)


@dataclass
class QuestionResult:
    question: Question
    shares: Shares
    last_year: Shares | None = None


@dataclass
class IndicatorResult:
    field: str
    label: str
    higher_is_better: bool
    average: float | None
    last_year: float | None = None

    @property
    def change(self) -> float | None:
        if self.average is None or self.last_year is None:
            return None
        return round(self.average - self.last_year, 1)


@dataclass
class Figures:
    """One group's results: `shown` is False when they must stay hidden, and then
    nothing but the fact that they are hidden leaves this object."""

    key: str
    name: str
    responses: int
    shown: bool
    reason: str = ""  # why hidden: TOO_FEW, PROTECTS_OTHERS or NOT_CLOSED
    questions: list[QuestionResult] = field(default_factory=list)
    indicators: list[IndicatorResult] = field(default_factory=list)

    @property
    def responses_label(self) -> str:
        """As official statistics mark them: "<5" under the threshold, "[c]" (confidential)
        for a group hidden so that a smaller one cannot be worked out."""
        if self.shown:
            return str(self.responses)
        return f"<{THRESHOLD}" if self.reason == TOO_FEW else "[c]"


def hidden_groups(sizes: dict[str, int]) -> set[str]:
    """Groups to hide: those under the threshold, then (secondary suppression) the
    smallest others until the hidden groups hold none or at least THRESHOLD responses."""
    hidden = {key for key, n in sizes.items() if n < THRESHOLD}
    hidden_total = sum(sizes[key] for key in hidden)
    visible = sorted((key for key in sizes if key not in hidden), key=lambda k: (sizes[k], k))
    while 0 < hidden_total < THRESHOLD and visible:
        key = visible.pop(0)
        hidden.add(key)
        hidden_total += sizes[key]
    return hidden


def previous_campaign(campaign: Campaign) -> Campaign | None:
    return Campaign.objects.filter(agency_id=campaign.agency_id, year=campaign.year - 1).first()


def _questions(campaign: Campaign) -> list[Question]:
    return list(Question.objects.filter(campaign=campaign).order_by("position"))


def _group_key(value) -> str:
    return NO_TEAM if value is None else str(value)


def _grouped(campaign: Campaign, by: str | None) -> tuple[dict, dict, dict]:
    """Sizes, indicator averages and answer counts per group (one group when by=None),
    in two queries."""
    column = GROUPINGS.get(by) if by else None
    responses = Response.objects.filter(campaign=campaign)
    averages = {f"avg_{f}": Avg(f) for f in INDICATOR_FIELDS}
    if column:
        rows = responses.values(column).annotate(n=Count("id"), **averages).order_by()
    else:
        rows = [responses.aggregate(n=Count("id"), **averages)]
    sizes, avgs = {}, {}
    for row in rows:
        key = _group_key(row[column]) if column else "agency"
        sizes[key] = row["n"]
        avgs[key] = {f: row[f"avg_{f}"] for f in INDICATOR_FIELDS}
    answers: dict[str, dict[UUID, Shares]] = defaultdict(lambda: defaultdict(Shares))
    answer_rows = Answer.objects.filter(response__campaign=campaign)
    group_column = f"response__{column}" if column else None
    values = ["question_id", "choice"] + ([group_column] if group_column else [])
    for row in answer_rows.values(*values).annotate(c=Count("id")).order_by():
        key = _group_key(row[group_column]) if group_column else "agency"
        answers[key][row["question_id"]].add(row["choice"], row["c"])
    return sizes, avgs, answers


def _figures_for(
    key: str,
    name: str,
    sizes: dict,
    avgs: dict,
    answers: dict,
    hidden: set[str],
    questions: list[Question],
    last: tuple | None,
) -> Figures:
    n = sizes.get(key, 0)
    # A hidden group keeps no figure at all, not even its size, so no page can print one.
    if n < THRESHOLD:
        return Figures(key=key, name=name, responses=0, shown=False, reason=TOO_FEW)
    if key in hidden:
        return Figures(key=key, name=name, responses=0, shown=False, reason=PROTECTS_OTHERS)
    figures = Figures(key=key, name=name, responses=n, shown=True)
    last_shares: dict[int, Shares] = {}
    last_avgs: dict = {}
    if last is not None:
        l_sizes, l_avgs, l_answers, l_hidden, l_questions = last
        if l_sizes.get(key, 0) >= THRESHOLD and key not in l_hidden:
            by_number = {q.standard_number: q.id for q in l_questions if q.is_standard}
            last_shares = {
                number: l_answers[key].get(qid, Shares()) for number, qid in by_number.items()
            }
            last_avgs = l_avgs.get(key, {})
    for question in questions:
        figures.questions.append(
            QuestionResult(
                question=question,
                shares=answers[key].get(question.id, Shares()),
                last_year=last_shares.get(question.standard_number)
                if question.is_standard
                else None,
            )
        )
    for indicator in INDICATORS:
        f = indicator["field"]
        average = avgs.get(key, {}).get(f)
        previous = last_avgs.get(f)
        figures.indicators.append(
            IndicatorResult(
                field=f,
                label=indicator["short"],
                higher_is_better=indicator["higher_is_better"],
                average=round(average, 1) if average is not None else None,
                last_year=round(previous, 1) if previous is not None else None,
            )
        )
    return figures


def _last_year_data(campaign: Campaign, by: str | None):
    previous = previous_campaign(campaign)
    if previous is None:
        return None
    sizes, avgs, answers = _grouped(previous, by)
    hidden = hidden_groups(sizes) if by else set()
    return sizes, avgs, answers, hidden, _questions(previous)


def agency_figures(campaign: Campaign) -> Figures:
    """The agency's results, with last year's beside them where both can be shown."""
    sizes, avgs, answers = _grouped(campaign, None)
    return _figures_for(
        "agency",
        campaign.agency.name,
        sizes,
        avgs,
        answers,
        set(),
        _questions(campaign),
        _last_year_data(campaign, None),
    )


def group_figures(campaign: Campaign, by: str) -> list[Figures]:
    """Results per team or per supervisor, hidden group by group as the rules say.
    Hidden groups keep only their name; their number of responses shows as "<5"."""
    if by not in GROUPINGS:
        raise ValueError(f"Unknown grouping {by!r}")
    sizes, avgs, answers = _grouped(campaign, by)
    hidden = hidden_groups(sizes)
    names = _group_names(by, sizes.keys())
    questions = _questions(campaign)
    last = _last_year_data(campaign, by)
    groups = [
        _figures_for(key, names.get(key, ""), sizes, avgs, answers, hidden, questions, last)
        for key in sizes
    ]
    return sorted(groups, key=lambda g: g.name.lower())


def supervisor_figures(campaign: Campaign, supervisor: User) -> Figures:
    """A supervisor's own results: shown only once the campaign has closed, and only if
    their group is shown in the breakdown by supervisor (so their figures and the
    agency's cannot be used to work out another supervisor's)."""
    key = str(supervisor.id)
    if not campaign.is_closed:
        return Figures(
            key=key, name=supervisor.full_name, responses=0, shown=False, reason=NOT_CLOSED
        )
    for group in group_figures(campaign, BY_SUPERVISOR):
        if group.key == key:
            return group
    return Figures(key=key, name=supervisor.full_name, responses=0, shown=False, reason=TOO_FEW)


def _group_names(by: str, keys) -> dict[str, str]:
    ids = [k for k in keys if k != NO_TEAM]
    if by == BY_TEAM:
        names = {str(t.id): t.name for t in Team.objects.filter(id__in=ids)}
        names[NO_TEAM] = "No team recorded"
        return names
    return {str(u.id): u.full_name for u in User.objects.filter(id__in=ids)}


@dataclass
class ResponseRate:
    invited: int
    responded: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.responded / self.invited) if self.invited else None


def response_rate(campaign: Campaign | None) -> ResponseRate | None:
    """How many were invited and how many answered: counts only, never who."""
    if campaign is None:
        return None
    counts = Invitation.objects.filter(campaign=campaign).aggregate(
        invited=Count("id"), responded=Count("id", filter=Q(has_responded=True))
    )
    return ResponseRate(invited=counts["invited"], responded=counts["responded"])


def comments(campaign: Campaign, *, include_withheld: bool) -> dict[str, list[FreeTextComment]]:
    """The free-text answers for the agency's aggregate view, by prompt, in random order
    (ordered by their random ids), and only when the agency's results can be shown."""
    if Response.objects.filter(campaign=campaign).count() < THRESHOLD:
        return {}
    rows = FreeTextComment.objects.filter(campaign=campaign)
    if not include_withheld:
        rows = rows.filter(is_withheld=False)
    grouped: dict[str, list[FreeTextComment]] = {"more_of": [], "less_of": []}
    for comment in rows.order_by("id"):
        grouped[comment.prompt].append(comment)
    return grouped


@dataclass
class RubricSummary:
    label: str
    counts: list[tuple[str, int]]
    average: float | None


@dataclass
class ObservationSummary:
    recorded: int
    rubric: list[RubricSummary]


def observation_summary(agency_id: UUID, year: int) -> ObservationSummary:
    """Observations recorded for the agency with an observation date in `year`."""
    rows = list(
        Observation.objects.filter(
            agency_id=agency_id, status=ObservationStatus.RECORDED, observed_on__year=year
        ).values(*(f for f, _l, _h in RUBRIC))
    )
    rubric = []
    for field_name, label, _hint in RUBRIC:
        values = [r[field_name] for r in rows if r[field_name] is not None]
        counts = [(rating.label, values.count(rating.value)) for rating in Rating]
        average = round(sum(values) / len(values), 1) if values else None
        rubric.append(RubricSummary(label=label, counts=counts, average=average))
    return ObservationSummary(recorded=len(rows), rubric=rubric)


@dataclass
class AuditSummary:
    scored: int
    average_percent: int | None
    items: list[tuple[str, int | None]]


def audit_summary(agency_id: UUID, start: date, end: date) -> AuditSummary:
    """Scored audit items of records from `start` to `end`: how many, the average score
    and, per checklist question, the share of applicable records that met it. For the
    results page and the dashboards."""
    from .models import CHECKLIST

    items = list(
        AuditItem.objects.filter(
            agency_id=agency_id,
            scored_at__isnull=False,
            session_date__gte=start,
            session_date__lte=end,
        )
    )
    scores = [i.score_percent for i in items if i.score_percent is not None]
    per_item = []
    for field_name, question in CHECKLIST:
        values = [getattr(i, field_name) for i in items if getattr(i, field_name) in SCORE_POINTS]
        met = sum(1 for v in values if v == "met")
        per_item.append((question, round(100 * met / len(values)) if values else None))
    return AuditSummary(
        scored=len(items),
        average_percent=round(sum(scores) / len(scores)) if scores else None,
        items=per_item,
    )


def workforce_years(agency_id: UUID, year: int) -> list[tuple[int, list[WorkforceQuarter | None]]]:
    """Quarterly sickness and vacancy figures for `year` and the year before it."""
    rows = WorkforceQuarter.objects.filter(agency_id=agency_id, year__in=[year, year - 1])
    by_key = {(r.year, r.quarter): r for r in rows}
    return [(y, [by_key.get((y, q)) for q in (1, 2, 3, 4)]) for y in (year, year - 1)]


CHOICE_LABELS = dict(Choice.choices)
