"""The assurance indicators: what each is called, which way is better, and its default
thresholds. The definitions themselves (numerator, denominator, period, exclusions) are in
docs/indicators.md; `assurance.indicators` computes each one from that text.

A *rated* indicator is a percentage that the partnership colours against two thresholds
("target" and "minimum"); the others are counts or distributions shown as they are.
"""

from dataclasses import dataclass

from django.db import models


class Code(models.TextChoices):
    COVERAGE = "coverage", "Agreement coverage"
    SUPERVISION = "supervision", "Supervision on time"
    CIN_INTERVAL = "cin_interval", "Child-in-Need cases discussed in time"
    CIN_MEETINGS = "cin_meetings", "Discussed before statutory meetings"
    RAG = "rag", "RAG ratings of case discussions"
    DRIFT = "drift", "Cases in drift"
    ACTIONS = "actions", "Agreed actions overdue"
    TRAINING = "training", "Supervisor training in date"
    REVIEWS = "reviews", "Agreements within their review date"
    ESCALATIONS = "escalations", "Risk escalations acknowledged in time"
    EVALUATION = "evaluation", "Evaluation response rate"
    POLICY = "policy", "SPR policy in date"
    WORKFORCE = "workforce", "Sickness and vacancies"


@dataclass(frozen=True)
class Indicator:
    code: str
    title: str
    question: str  # what the figure answers, in one line
    source: str  # the seed behind it
    higher_is_better: bool = True
    rated: bool = True
    target: int | None = None  # default thresholds (whole percent), until the partnership
    minimum: int | None = None  # sets its own
    unit: str = "people"  # what the denominator counts (for "fewer than 5 ...")

    @property
    def anchor(self) -> str:
        return f"indicator-{self.code}"

    @property
    def problem_status(self) -> str:
        """The list filter that shows what needs attention (assurance.lists statuses)."""
        return "not_met" if self.higher_is_better else "met"


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        Code.COVERAGE,
        Code.COVERAGE.label,
        "Practitioners with a signed supervision agreement in force",
        "Seed 000 standards ii and xiii",
        target=95,
        minimum=85,
    ),
    Indicator(
        Code.SUPERVISION,
        Code.SUPERVISION.label,
        "Supervisees whose last signed session is within their required frequency",
        "Seed 002, The Supervision Process; seed 000 standard iii",
        target=90,
        minimum=75,
    ),
    Indicator(
        Code.CIN_INTERVAL,
        Code.CIN_INTERVAL.label,
        "Child-in-Need cases discussed in supervision within the agency's interval",
        "Seed 002, strategic aim 4",
        target=95,
        minimum=85,
        unit="cases",
    ),
    Indicator(
        Code.CIN_MEETINGS,
        Code.CIN_MEETINGS.label,
        "Statutory meetings of Child-in-Need cases with a supervision discussion in time before",
        "Seed 002, strategic aim 4",
        target=90,
        minimum=75,
        unit="meetings",
    ),
    Indicator(
        Code.RAG,
        Code.RAG.label,
        "Case discussions in the period by rating: Red, Amber, Green",
        "Seed 002 Appendix III; assurance indicator 4",
        rated=False,
        unit="discussions",
    ),
    Indicator(
        Code.DRIFT,
        Code.DRIFT.label,
        "Open cases rated Amber or Red three times running, or getting worse",
        "Seed 002, strategic aim 3; assurance indicator 4",
        higher_is_better=False,
        target=10,
        minimum=20,
        unit="cases",
    ),
    Indicator(
        Code.ACTIONS,
        Code.ACTIONS.label,
        "Open agreed actions past their due date",
        "Seed 002, The Supervision Process (review of actions)",
        higher_is_better=False,
        target=10,
        minimum=25,
        unit="actions",
    ),
    Indicator(
        Code.TRAINING,
        Code.TRAINING.label,
        "Supervisors whose supervision training is in date",
        "Seed 000 standard vii",
        target=95,
        minimum=85,
    ),
    Indicator(
        Code.REVIEWS,
        Code.REVIEWS.label,
        "Agreements in force that have not passed their date of review",
        "Seed 000 standard xiii; seed 002 (contract with regular review)",
        target=95,
        minimum=85,
        unit="agreements",
    ),
    Indicator(
        Code.ESCALATIONS,
        Code.ESCALATIONS.label,
        "Risk escalations acknowledged by the end of the next working day",
        "Seed 001 (confidentiality unless risk is identified)",
        target=95,
        minimum=85,
        unit="escalations",
    ),
    Indicator(
        Code.EVALUATION,
        Code.EVALUATION.label,
        "Supervisees invited to the annual evaluation who answered",
        "Seed 000 standard xv; seed 002 Appendix I, assurance indicators 1 and 3",
        target=60,
        minimum=40,
    ),
    Indicator(
        Code.POLICY,
        Code.POLICY.label,
        "The agency's written SPR policy has not passed its review date",
        "Seed 000 standard i",
        rated=False,
        unit="policies",
    ),
    Indicator(
        Code.WORKFORCE,
        Code.WORKFORCE.label,
        "Work-related sickness and vacancy rates entered for the period's quarters",
        "Seed 002, assurance indicator 2",
        rated=False,
        unit="quarters",
    ),
)

BY_CODE: dict[str, Indicator] = {i.code: i for i in INDICATORS}
RATED: tuple[Indicator, ...] = tuple(i for i in INDICATORS if i.rated)


class Rating(models.TextChoices):
    """How a figure compares with the partnership's thresholds. Shown as words as well as
    colour, so colour is never the only way to read it."""

    MET = "met", "Target met"
    NEAR = "near", "Below target"
    NOT_MET = "not_met", "Below minimum"
    NONE = "none", "No rating"


def rate(
    value: int | None, *, target: int | None, minimum: int | None, higher_is_better: bool
) -> str:
    """Target met, below target (but at the minimum or better), or below the minimum. The
    value is the whole percentage as shown, so what is read and how it is coloured agree."""
    if value is None or target is None or minimum is None:
        return Rating.NONE
    if higher_is_better:
        if value >= target:
            return Rating.MET
        return Rating.NEAR if value >= minimum else Rating.NOT_MET
    if value <= target:
        return Rating.MET
    return Rating.NEAR if value <= minimum else Rating.NOT_MET
