"""Ratings against the partnership's thresholds (docs/indicators.md, "Thresholds and
ratings"): the defaults until the partnership admin sets its own, the comparisons turned
round where lower is better, and the form that sets them."""

import pytest

from assurance.catalogue import BY_CODE, RATED, Code, Rating, rate
from assurance.models import Threshold
from assurance.presentation import default_thresholds
from tests.assurance.tables import row_of, table

DEFAULTS = {
    "coverage": (95, 85),
    "supervision": (90, 75),
    "cin_interval": (95, 85),
    "cin_meetings": (90, 75),
    "drift": (10, 20),
    "actions": (10, 25),
    "training": (95, 85),
    "reviews": (95, 85),
    "escalations": (95, 85),
    "evaluation": (60, 40),
}


def test_the_defaults_are_the_documented_ones():
    assert {i.code: (i.target, i.minimum) for i in RATED} == DEFAULTS
    assert default_thresholds().values == DEFAULTS


@pytest.mark.parametrize(
    "value, higher, expected",
    [
        (95, True, Rating.MET),
        (94, True, Rating.NEAR),
        (85, True, Rating.NEAR),
        (84, True, Rating.NOT_MET),
        (10, False, Rating.MET),
        (11, False, Rating.NEAR),
        (20, False, Rating.NEAR),
        (21, False, Rating.NOT_MET),
        (None, True, Rating.NONE),
    ],
)
def test_ratings_at_the_thresholds(value, higher, expected):
    target, minimum = (95, 85) if higher else (10, 20)
    assert rate(value, target=target, minimum=minimum, higher_is_better=higher) == expected


def _form(**changes) -> dict:
    data = {}
    for code, (target, minimum) in DEFAULTS.items():
        data[f"{code}_target"], data[f"{code}_minimum"] = str(target), str(minimum)
    data.update(changes)
    return data


def test_the_partnership_admin_sets_thresholds_and_the_board_uses_them(
    client_for, partnership_admin, board_member, covered
):
    client = client_for(partnership_admin)
    assert client.get("/assurance/partnership/thresholds/").status_code == 200
    response = client.post(
        "/assurance/partnership/thresholds/", _form(coverage_target="80", coverage_minimum="70")
    )
    assert response.status_code == 302
    saved = Threshold.objects.get(
        partnership=partnership_admin.partnership_memberships.get().partnership,
        indicator=Code.COVERAGE,
    )
    assert (saved.target, saved.minimum, saved.updated_by) == (80, 70, partnership_admin)
    page = client_for(board_member).get("/assurance/partnership/?indicator=coverage")
    police = row_of(table(page.content.decode(), "board-detail"), "Northshire Police")
    assert police[2] == "83%" and police[5] == "Target met"  # 83 >= 80 now


def test_a_target_below_the_minimum_is_refused_with_what_was_typed(client_for, partnership_admin):
    response = client_for(partnership_admin).post(
        "/assurance/partnership/thresholds/",
        _form(coverage_target="70", coverage_minimum="80", drift_target="30", actions_minimum="x"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert 'value="x"' in page
    assert not Threshold.objects.exists()


def test_lower_is_better_turns_the_check_round(client_for, partnership_admin):
    response = client_for(partnership_admin).post(
        "/assurance/partnership/thresholds/", _form(drift_target="30", drift_minimum="20")
    )
    assert response.status_code == 200
    assert "the target must be at most" in response.content.decode()
    assert not BY_CODE[Code.DRIFT].higher_is_better
