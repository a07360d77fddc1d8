"""What the cadence rules read from each agency: its minimum standards (seed 000 standard
iii) and its supervisors' training (standard vii).

The rules depend on these two functions only. Today they answer the defaults below; the
agencies' own minimum standards and the supervisors' training records are wired in here
(one query each, for all agencies at once), and nothing else in the rules changes.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True)
class CadenceStandards:
    """One agency's minimum standards, as the rules use them. Field names and defaults are
    those of the agency minimum standards: the seeds' own figures where they give one."""

    # Weeks between supervision sessions, by contact with children and families.
    direct_contact_frequency_weeks: int = 6
    indirect_contact_frequency_weeks: int = 13  # seed 002: quarterly at a minimum
    # Seed 002, "The Supervision Process": newly appointed staff need more regular sessions.
    new_starter_frequency_weeks: int = 4
    new_starter_period_months: int = 6
    # Seed 002, aim 4: Child-in-Need discussions no more than three months apart ...
    cin_discussion_interval_months: int = 3
    # ... and before review meetings: this many working days before the meeting.
    pre_review_window_working_days: int = 10
    # Seed 000, standard vii: supervisor training refreshed at prescribed intervals.
    training_refresh_months: int = 36


DEFAULT_STANDARDS = CadenceStandards()


def standards_by_agency(agency_ids: Iterable[UUID]) -> dict[UUID, CadenceStandards]:
    """Each agency's standards, for all the given agencies in one read.

    Until the agencies' minimum standards are stored, every agency gets the defaults."""
    return dict.fromkeys(agency_ids, DEFAULT_STANDARDS)


# Columns every implementation of `supervisor_training_sql` must return, in this order.
TRAINING_COLUMNS = ("agency_id", "membership_id", "user_id", "expires_on")


def supervisor_training_sql(today: date) -> tuple[str, dict]:
    """SQL (and its parameters) returning one row per current supervisor membership whose
    training the rules should check: agency_id, membership_id, user_id and the date their
    latest supervision training expires on (NULL when none is recorded, which counts as
    lapsed).

    Until training records exist, no supervisor is checked: an empty set. Wiring it means
    answering, for active memberships holding the supervisor role, the latest completion
    date plus the agency's refresh interval (see docs/cadence.md)."""
    return (
        "SELECT NULL::uuid AS agency_id, NULL::uuid AS membership_id, "
        "NULL::uuid AS user_id, NULL::date AS expires_on WHERE false",
        {},
    )
