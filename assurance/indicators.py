"""The assurance indicators, computed as docs/indicators.md defines them.

Every indicator is ONE set-based SQL statement over every agency asked for, for one
period (the dashboard's period, or each quarter of the board's trend in turn). So a
dashboard runs the same number of queries whatever the number of agencies, people, cases
or discussions.

Each statement is built from named CTEs, and the `rows` CTE of an indicator yields one row
per subject (a practitioner, a supervisee, a case, a meeting, an action ...) with `met`
for the numerator: `compute()` counts those rows by agency, and `assurance.lists` shows the
very same rows to the safeguarding lead, so a figure and the list behind it always agree.

Reading the definitions (docs/indicators.md, "Terms"):
- a period is [start, end]; figures are taken "as at" A = the earlier of the end and
  today (the `asof` parameter), events are counted from the start to A;
- a membership is current on A when it started on or before A and has not ended on or
  before A; roles are as currently recorded;
- an agreement is in force on A when it was activated (both signed) on or before A and
  has not ended on or before A (a superseded version ends the day its successor starts);
- a session, or a case discussion, counts from its record being signed; its date is the
  session date;
- a case's category on a day is that of its latest category change on or before the day
  (or its current category, if it was created on or before the day with no change
  recorded).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from django.conf import settings
from django.db import connection

from agencies.models import MinimumStandards
from contracts.models import EXPIRING_WITHIN_DAYS
from evaluation.results import THRESHOLD as EVALUATION_THRESHOLD
from supervision.working_days import WorkingDayCalendar

from .catalogue import Code
from .periods import Period

AGREEMENT_REVIEW_NOTICE_DAYS = 28  # "due for review soon": as the cadence rule's notice
MEETING_LOOKBACK_MONTHS = 1  # a discussion this long before the deadline still counts


def _default(name: str) -> int:
    return MinimumStandards._meta.get_field(name).default


STANDARD_DEFAULTS = {
    "d_direct": _default("direct_contact_frequency_weeks"),
    "d_indirect": _default("indirect_contact_frequency_weeks"),
    "d_ns_weeks": _default("new_starter_frequency_weeks"),
    "d_ns_months": _default("new_starter_period_months"),
    "d_cin": _default("cin_discussion_interval_months"),
    "d_window": _default("pre_review_window_working_days"),
    "d_refresh": _default("training_refresh_months"),
}

# --- Shared CTEs ---------------------------------------------------------------------------
# Parameters: agency_ids (uuid[]), start and asof (the period's first day and its as-at
# day A), today, tz, the standards' defaults and the working-day calendar.

STD = """
std AS MATERIALIZED (
    SELECT a.id AS agency_id,
           COALESCE(ms.direct_contact_frequency_weeks, %(d_direct)s) AS direct_weeks,
           COALESCE(ms.indirect_contact_frequency_weeks, %(d_indirect)s) AS indirect_weeks,
           COALESCE(ms.new_starter_frequency_weeks, %(d_ns_weeks)s) AS new_starter_weeks,
           COALESCE(ms.new_starter_period_months, %(d_ns_months)s) AS new_starter_months,
           COALESCE(ms.cin_discussion_interval_months, %(d_cin)s) AS cin_months,
           COALESCE(ms.pre_review_window_working_days, %(d_window)s) AS window_days
    FROM unnest(%(agency_ids)s::uuid[]) AS a(id)
    LEFT JOIN agencies_minimumstandards ms ON ms.agency_id = a.id
)"""

# Working days (England): `before` = how many working days come before each day, so the
# n-th working day before D is working[before(D) - n + 1] and the first working day after
# D is working[before(D + 1) + 1] (SQL arrays count from 1).
CALENDAR = """
cal AS (
    SELECT * FROM unnest(%(cal_days)s::date[], %(cal_before)s::int[]) AS t(day, before)
)"""

# Current memberships on A.
MEMBERS = """
members AS (
    SELECT m.id, m.agency_id, m.user_id, m.team_id, m.roles, m.contact_type, m.start_date
    FROM agencies_membership m
    WHERE m.agency_id = ANY(%(agency_ids)s::uuid[])
      AND m.start_date <= %(asof)s::date
      AND (m.ended_on IS NULL OR m.ended_on > %(asof)s::date)
)"""

# Agreements in force on A.
IN_FORCE = """
in_force AS (
    SELECT a.id, a.agency_id, a.supervisor_id, a.supervisee_id, a.frequency_weeks,
           a.start_date, a.review_date
    FROM contracts_agreement a
    WHERE a.agency_id = ANY(%(agency_ids)s::uuid[])
      AND a.activated_at IS NOT NULL
      AND (a.activated_at AT TIME ZONE %(tz)s)::date <= %(asof)s::date
      AND (a.ended_on IS NULL OR a.ended_on > %(asof)s::date)
)"""

# Signed case discussions on or before A, with their session date.
DISCUSSIONS = """
discussions AS (
    SELECT d.id, d.agency_id, d.case_id, d.rag, d.created_at, d.record_id, r.session_date,
           r.created_at AS record_created_at, r.supervisor_id, r.supervisee_id
    FROM recording_casediscussion d
    JOIN recording_sessionrecord r ON r.id = d.record_id
    WHERE d.agency_id = ANY(%(agency_ids)s::uuid[])
      AND r.agency_id = ANY(%(agency_ids)s::uuid[])
      AND r.status = 'signed'
      AND r.session_date <= %(asof)s::date
)"""

# Each case's latest category change on or before A. A case's category on A is
# `lc.to_category`, or, with no change by then, its current category if it was created on
# or before A (CATEGORY_ON_A); the filters below spell that out on the columns themselves
# so that the planner can estimate them.
LAST_CHANGE = """
last_change AS (
    SELECT DISTINCT ON (h.case_id) h.case_id, h.to_category
    FROM supervision_casecategorychange h
    WHERE h.agency_id = ANY(%(agency_ids)s::uuid[]) AND h.changed_on <= %(asof)s::date
    ORDER BY h.case_id, h.changed_on DESC, h.created_at DESC
)"""

CREATED_ON = "(c.created_at AT TIME ZONE %(tz)s)::date"


def category_on_a(test: str) -> str:
    """SQL: the case's category on A passes `test` (a comparison on `{col}`)."""
    return (
        f"(({test.format(col='lc.to_category')})"
        f" OR (lc.case_id IS NULL AND {test.format(col='c.category')}"
        f" AND {CREATED_ON} <= %(asof)s::date))"
    )


def with_(*ctes: str) -> str:
    return "WITH " + ",".join(ctes)


def per_agency(extra: str = "") -> str:
    return (
        "\nSELECT agency_id, count(*) AS denominator, "
        f"count(*) FILTER (WHERE met) AS numerator{extra}\nFROM rows GROUP BY agency_id"
    )


# --- 1. Agreement coverage -----------------------------------------------------------------

COVERAGE_ROWS = with_(
    MEMBERS,
    IN_FORCE,
    """
rows AS (
    SELECT mb.agency_id, mb.id AS subject_id, mb.user_id, mb.team_id, mb.contact_type,
           EXISTS (
               SELECT 1 FROM in_force i
               WHERE i.agency_id = mb.agency_id AND i.supervisee_id = mb.user_id
           ) AS met
    FROM members mb
    WHERE 'practitioner' = ANY(mb.roles)
)""",
)

COVERAGE = COVERAGE_ROWS + per_agency()

# --- 2. Supervision on time ----------------------------------------------------------------

NEW_STARTER_ON_A = (
    "%(asof)s::date < (mb.start_date + make_interval(months => s.new_starter_months))::date"
)

SUPERVISION_ROWS = with_(
    STD,
    MEMBERS,
    IN_FORCE,
    f"""
last_signed AS (
    SELECT r.agency_id, r.supervisee_id, max(r.session_date) AS last_on
    FROM recording_sessionrecord r
    WHERE r.agency_id = ANY(%(agency_ids)s::uuid[]) AND r.status = 'signed'
      AND r.session_date <= %(asof)s::date
    GROUP BY r.agency_id, r.supervisee_id
),
per_supervisee AS (
    SELECT mb.agency_id, mb.id AS subject_id, mb.user_id, mb.team_id,
           min(LEAST(
               i.frequency_weeks,
               CASE WHEN mb.contact_type = 'indirect' THEN s.indirect_weeks
                    ELSE s.direct_weeks END,
               CASE WHEN {NEW_STARTER_ON_A} THEN s.new_starter_weeks END
           )) AS weeks,
           min(GREATEST(i.start_date, mb.start_date)) AS began_on,
           bool_or({NEW_STARTER_ON_A}) AS is_new_starter
    FROM members mb
    JOIN std s ON s.agency_id = mb.agency_id
    JOIN in_force i ON i.agency_id = mb.agency_id AND i.supervisee_id = mb.user_id
    GROUP BY mb.agency_id, mb.id, mb.user_id, mb.team_id
),
rows AS (
    SELECT x.*, l.last_on,
           COALESCE(l.last_on, x.began_on) + 7 * x.weeks AS due_on,
           (COALESCE(l.last_on, x.began_on) + 7 * x.weeks) >= %(asof)s::date AS met
    FROM per_supervisee x
    LEFT JOIN last_signed l ON l.agency_id = x.agency_id AND l.supervisee_id = x.user_id
)""",
)

SUPERVISION = (
    SUPERVISION_ROWS
    + """,
held AS (
    SELECT r.agency_id, count(*) AS sessions
    FROM recording_sessionrecord r
    WHERE r.agency_id = ANY(%(agency_ids)s::uuid[]) AND r.status = 'signed'
      AND r.session_date BETWEEN %(start)s::date AND %(asof)s::date
    GROUP BY r.agency_id
),
agg AS ("""
    + per_agency()
    + """
)
SELECT a.id, COALESCE(g.denominator, 0), COALESCE(g.numerator, 0), COALESCE(h.sessions, 0)
FROM unnest(%(agency_ids)s::uuid[]) AS a(id)
LEFT JOIN agg g ON g.agency_id = a.id
LEFT JOIN held h ON h.agency_id = a.id"""
)

# --- 3. Child-in-Need cases discussed in time ------------------------------------------------

CIN_INTERVAL_ROWS = with_(
    STD,
    LAST_CHANGE,
    f"""
cin AS MATERIALIZED (
    SELECT c.id, c.agency_id, c.allocated_practitioner_id, {CREATED_ON} AS created_on
    FROM supervision_case c
    LEFT JOIN last_change lc ON lc.case_id = c.id
    WHERE c.agency_id = ANY(%(agency_ids)s::uuid[])
      AND {category_on_a("{col} = 'child_in_need'")}
),
became AS MATERIALIZED (
    SELECT h.case_id, max(h.changed_on) AS became_on
    FROM supervision_casecategorychange h
    WHERE h.agency_id = ANY(%(agency_ids)s::uuid[]) AND h.to_category = 'child_in_need'
      AND h.changed_on <= %(asof)s::date
    GROUP BY h.case_id
),
last_discussed AS MATERIALIZED (
    SELECT d.case_id, max(r.session_date) AS last_on
    FROM recording_casediscussion d
    JOIN recording_sessionrecord r ON r.id = d.record_id
    WHERE d.agency_id = ANY(%(agency_ids)s::uuid[])
      AND r.agency_id = ANY(%(agency_ids)s::uuid[])
      AND r.status = 'signed' AND r.session_date <= %(asof)s::date
    GROUP BY d.case_id
),
rows AS (
    SELECT c.agency_id, c.id AS subject_id, c.allocated_practitioner_id,
           b.became_on, l.last_on, s.cin_months,
           (COALESCE(l.last_on, b.became_on, c.created_on)
            + make_interval(months => s.cin_months))::date AS due_on,
           (COALESCE(l.last_on, b.became_on, c.created_on)
            + make_interval(months => s.cin_months))::date >= %(asof)s::date AS met
    FROM cin c
    JOIN std s ON s.agency_id = c.agency_id
    LEFT JOIN became b ON b.case_id = c.id
    LEFT JOIN last_discussed l ON l.case_id = c.id
)""",
)

CIN_INTERVAL = CIN_INTERVAL_ROWS + per_agency()

# --- 4. Discussed before statutory meetings ----------------------------------------------------

CIN_MEETINGS_ROWS = with_(
    STD,
    CALENDAR,
    """
meetings AS (
    SELECT agency_id, case_id, meeting_type, meeting_on
    FROM assurance_seenmeeting
    WHERE agency_id = ANY(%(agency_ids)s::uuid[])
      AND meeting_on BETWEEN %(start)s::date AND %(asof)s::date
    UNION
    SELECT agency_id, id, next_meeting_type, next_meeting_on
    FROM supervision_case
    WHERE agency_id = ANY(%(agency_ids)s::uuid[])
      AND next_meeting_on BETWEEN %(start)s::date AND %(asof)s::date
),
dated AS (
    SELECT m.*, c.allocated_practitioner_id, s.window_days,
           CASE WHEN s.window_days = 0 THEN m.meeting_on
                ELSE (%(working)s::date[])[cal.before - s.window_days + 1] END AS deadline,
           COALESCE(
               (SELECT h.to_category FROM supervision_casecategorychange h
                 WHERE h.agency_id = m.agency_id AND h.case_id = m.case_id
                   AND h.changed_on <= m.meeting_on
                 ORDER BY h.changed_on DESC, h.created_at DESC LIMIT 1),
               CASE WHEN (c.created_at AT TIME ZONE %(tz)s)::date <= m.meeting_on
                    THEN c.category END
           ) AS category_then
    FROM meetings m
    JOIN supervision_case c ON c.id = m.case_id
    JOIN std s ON s.agency_id = m.agency_id
    JOIN cal ON cal.day = m.meeting_on
),
rows AS (
    SELECT d.agency_id, d.case_id AS subject_id, d.allocated_practitioner_id,
           d.meeting_type, d.meeting_on, d.deadline, x.last_before,
           COALESCE(x.in_window, false) AS met
    FROM dated d
    LEFT JOIN LATERAL (
        SELECT max(r.session_date) FILTER (WHERE r.session_date <= d.meeting_on)
                   AS last_before,
               bool_or(r.session_date BETWEEN
                       (d.deadline - make_interval(months => %(lookback)s))::date
                       AND d.deadline) AS in_window
          FROM recording_casediscussion cd
          JOIN recording_sessionrecord r ON r.id = cd.record_id
         WHERE cd.agency_id = d.agency_id AND cd.case_id = d.case_id
           AND r.status = 'signed' AND r.session_date <= d.meeting_on
    ) x ON true
    WHERE d.category_then = 'child_in_need'
)""",
)

CIN_MEETINGS = CIN_MEETINGS_ROWS + per_agency()

# --- 5. RAG ratings ------------------------------------------------------------------------

RAG_ROWS = with_(
    """
buckets AS (
    SELECT t.k::int AS k, t.lo, t.hi
    FROM unnest(%(b_lo)s::date[], %(b_hi)s::date[]) WITH ORDINALITY AS t(lo, hi, k)
)""",
    DISCUSSIONS,
    """
rows AS (
    SELECT d.agency_id, d.id AS subject_id, d.case_id, d.rag, d.session_date, d.record_id,
           d.supervisor_id, d.supervisee_id, b.k AS bucket
    FROM discussions d
    LEFT JOIN buckets b ON d.session_date BETWEEN b.lo AND b.hi
    WHERE d.session_date >= %(start)s::date
)""",
)

RAG = (
    RAG_ROWS + "\nSELECT agency_id, bucket, rag, count(*) FROM rows GROUP BY agency_id, bucket, rag"
)

# --- 6. Drift ------------------------------------------------------------------------------

RAG_RANK = "CASE {col} WHEN 'green' THEN 0 WHEN 'amber' THEN 1 WHEN 'red' THEN 2 END"
NO_CHANGE = "COALESCE(l.r1 <> 'green' AND l.r2 <> 'green' AND l.r3 <> 'green', false)"
WORSE = f"COALESCE({RAG_RANK.format(col='l.r1')} > {RAG_RANK.format(col='l.r2')}, false)"

DRIFT_ROWS = with_(
    LAST_CHANGE,
    DISCUSSIONS,
    f"""
ranked AS (
    SELECT d.agency_id, d.case_id, d.rag, d.session_date,
           row_number() OVER (
               PARTITION BY d.case_id
               ORDER BY d.session_date DESC, d.record_created_at DESC, d.created_at DESC
           ) AS k
    FROM discussions d
    WHERE d.case_id IS NOT NULL AND d.rag <> ''
),
last3 AS (
    SELECT agency_id, case_id,
           max(rag) FILTER (WHERE k = 1) AS r1,
           max(rag) FILTER (WHERE k = 2) AS r2,
           max(rag) FILTER (WHERE k = 3) AS r3,
           max(session_date) FILTER (WHERE k = 1) AS last_on
    FROM ranked WHERE k <= 3
    GROUP BY agency_id, case_id
),
rows AS (
    SELECT l.agency_id, l.case_id AS subject_id, c.allocated_practitioner_id,
           l.r1, l.r2, l.r3, l.last_on,
           {NO_CHANGE} AS no_change, {WORSE} AS worse, {NO_CHANGE} OR {WORSE} AS met
    FROM last3 l
    JOIN supervision_case c ON c.id = l.case_id
    LEFT JOIN last_change lc ON lc.case_id = c.id
    WHERE {category_on_a("{col} <> 'closed'")}
)""",
)

DRIFT = DRIFT_ROWS + per_agency()

# --- 7. Agreed actions ---------------------------------------------------------------------

ACTIONS_ROWS = with_(
    """
rows AS (
    SELECT aa.agency_id, aa.id AS subject_id, aa.owner_id, aa.case_id, aa.due_on,
           aa.description, aa.status, aa.status_changed_on, r.session_date AS agreed_on,
           r.supervisee_id,
           (aa.status <> 'done' OR aa.status_changed_on > %(asof)s::date) AS is_open,
           (aa.status <> 'done' OR aa.status_changed_on > %(asof)s::date)
               AND aa.due_on < %(asof)s::date AS met,
           r.session_date >= %(start)s::date AS agreed_in_period,
           (aa.status = 'done'
            AND aa.status_changed_on BETWEEN %(start)s::date AND %(asof)s::date)
               AS done_in_period
    FROM recording_agreedaction aa
    JOIN recording_sessionrecord r ON r.id = aa.record_id
    WHERE aa.agency_id = ANY(%(agency_ids)s::uuid[])
      AND r.agency_id = ANY(%(agency_ids)s::uuid[])
      AND r.status = 'signed' AND r.session_date <= %(asof)s::date
)""",
)

ACTIONS = (
    ACTIONS_ROWS
    + """
SELECT agency_id,
       count(*) FILTER (WHERE is_open) AS denominator,
       count(*) FILTER (WHERE met) AS numerator,
       count(*) FILTER (WHERE agreed_in_period) AS agreed,
       count(*) FILTER (WHERE done_in_period) AS done
FROM rows GROUP BY agency_id"""
)

# --- 8. Supervisor training ----------------------------------------------------------------

TRAINING_ROWS = with_(
    MEMBERS,
    f"""
supervisors AS (
    SELECT * FROM members WHERE 'supervisor' = ANY(roles)
),
expiry AS (
    SELECT t.supervisor_id,
           max((t.completed_on
                + make_interval(months => COALESCE(ms.training_refresh_months,
                                                   %(d_refresh)s)))::date) AS expires_on,
           max(t.completed_on) AS completed_on
    FROM contracts_trainingrecord t
    LEFT JOIN agencies_minimumstandards ms ON ms.agency_id = t.agency_id
    WHERE t.supervisor_id IN (SELECT user_id FROM supervisors)
      AND t.completed_on <= %(asof)s::date
    GROUP BY t.supervisor_id
),
rows AS (
    SELECT s.agency_id, s.id AS subject_id, s.user_id, s.team_id,
           e.completed_on, e.expires_on,
           CASE WHEN e.expires_on IS NULL THEN 'none'
                WHEN e.expires_on < %(asof)s::date THEN 'lapsed'
                WHEN e.expires_on <= %(asof)s::date + {EXPIRING_WITHIN_DAYS} THEN 'expiring'
                ELSE 'valid' END AS competence,
           COALESCE(e.expires_on >= %(asof)s::date, false) AS met
    FROM supervisors s
    LEFT JOIN expiry e ON e.supervisor_id = s.user_id
)""",
)

TRAINING = TRAINING_ROWS + per_agency(
    ", count(*) FILTER (WHERE competence = 'expiring') AS expiring"
    ", count(*) FILTER (WHERE competence = 'lapsed') AS lapsed"
    ", count(*) FILTER (WHERE competence = 'none') AS no_training"
)

# --- 9. Agreements within their review date -----------------------------------------------------

REVIEWS_ROWS = with_(
    IN_FORCE,
    f"""
rows AS (
    SELECT i.agency_id, i.id AS subject_id, i.supervisor_id, i.supervisee_id,
           i.review_date, i.start_date,
           i.review_date >= %(asof)s::date AS met,
           i.review_date BETWEEN %(asof)s::date
                             AND %(asof)s::date + {AGREEMENT_REVIEW_NOTICE_DAYS} AS due_soon
    FROM in_force i
)""",
)

REVIEWS = REVIEWS_ROWS + per_agency(", count(*) FILTER (WHERE due_soon) AS due_soon")

# --- 10. Risk escalations ------------------------------------------------------------------

ESCALATIONS_ROWS = with_(
    CALENDAR,
    """
raised AS (
    SELECT e.agency_id, e.id AS subject_id, e.kind, e.raised_at, e.acknowledged_at,
           e.record_id, (e.raised_at AT TIME ZONE %(tz)s)::date AS raised_on,
           (e.acknowledged_at AT TIME ZONE %(tz)s)::date AS acknowledged_on
    FROM recording_riskescalation e
    WHERE e.agency_id = ANY(%(agency_ids)s::uuid[])
      AND (e.raised_at AT TIME ZONE %(tz)s)::date BETWEEN %(start)s::date AND %(asof)s::date
),
rows AS (
    SELECT x.*, (%(working)s::date[])[cal.before + 1] AS acknowledge_by,
           COALESCE(x.acknowledged_on <= (%(working)s::date[])[cal.before + 1], false) AS met,
           x.acknowledged_on IS NULL
               AND (%(working)s::date[])[cal.before + 1] >= %(today)s::date AS within_time
    FROM raised x
    JOIN cal ON cal.day = x.raised_on + 1
)""",
)

ESCALATIONS = (
    ESCALATIONS_ROWS
    + """
SELECT agency_id,
       count(*) FILTER (WHERE NOT within_time) AS denominator,
       count(*) FILTER (WHERE met) AS numerator,
       count(*) AS raised,
       count(*) FILTER (WHERE acknowledged_on IS NULL) AS unacknowledged,
       count(*) FILTER (WHERE kind = 'significant_harm') AS significant_harm,
       count(*) FILTER (WHERE kind = 'unsafe_practice') AS unsafe_practice,
       count(*) FILTER (WHERE kind = 'illegal_activity') AS illegal_activity
FROM rows GROUP BY agency_id"""
)

# --- 11. Annual evaluation -----------------------------------------------------------------

EVALUATION = (
    with_(
        """
campaign AS (
    SELECT DISTINCT ON (c.agency_id) c.agency_id, c.id, c.year, c.closes_on,
           (c.closed_at IS NOT NULL OR c.closes_on < %(today)s::date) AS is_closed
    FROM evaluation_campaign c
    WHERE c.agency_id = ANY(%(agency_ids)s::uuid[]) AND c.opens_on <= %(asof)s::date
    ORDER BY c.agency_id, c.opens_on DESC
),
invited AS (
    SELECT i.campaign_id, count(*) AS invited,
           count(*) FILTER (WHERE i.has_responded) AS responded
    FROM evaluation_invitation i
    WHERE i.agency_id = ANY(%(agency_ids)s::uuid[])
      AND i.campaign_id IN (SELECT id FROM campaign)
    GROUP BY i.campaign_id
),
answered AS (
    SELECT r.campaign_id, count(*) AS responses, avg(r.resilience) AS resilience,
           avg(r.stress) AS stress, avg(r.reflection) AS reflection
    FROM evaluation_response r
    WHERE r.agency_id = ANY(%(agency_ids)s::uuid[])
      AND r.campaign_id IN (SELECT id FROM campaign)
    GROUP BY r.campaign_id
),
yes AS (
    SELECT q.campaign_id, count(*) AS answers,
           count(*) FILTER (WHERE a.choice = 'yes') AS yes
    FROM evaluation_answer a
    JOIN evaluation_question q ON q.id = a.question_id
    WHERE a.agency_id = ANY(%(agency_ids)s::uuid[])
      AND q.campaign_id IN (SELECT id FROM campaign)
      AND q.standard_number IS NOT NULL
    GROUP BY q.campaign_id
)"""
    )
    + """
SELECT c.agency_id, c.id, c.year, c.is_closed,
       COALESCE(i.invited, 0), COALESCE(i.responded, 0), COALESCE(a.responses, 0),
       a.resilience, a.stress, a.reflection, COALESCE(y.answers, 0), COALESCE(y.yes, 0)
FROM campaign c
LEFT JOIN invited i ON i.campaign_id = c.id
LEFT JOIN answered a ON a.campaign_id = c.id
LEFT JOIN yes y ON y.campaign_id = c.id"""
)

# --- 12. Policy in date --------------------------------------------------------------------

POLICY = """
SELECT DISTINCT ON (pol.agency_id) pol.agency_id, pol.version, pol.next_review_on,
       pol.next_review_on >= %(asof)s::date AS met
FROM agencies_agencypolicy pol
WHERE pol.agency_id = ANY(%(agency_ids)s::uuid[])
  AND (pol.uploaded_at AT TIME ZONE %(tz)s)::date <= %(asof)s::date
ORDER BY pol.agency_id, pol.uploaded_at DESC"""

# --- 13. Workforce -------------------------------------------------------------------------

WORKFORCE = """
SELECT w.agency_id, count(*), avg(w.sickness_rate), avg(w.vacancy_rate)
FROM evaluation_workforcequarter w
WHERE w.agency_id = ANY(%(agency_ids)s::uuid[])
  AND make_date(w.year, 3 * (w.quarter - 1) + 1, 1) <= %(asof)s::date
  AND (make_date(w.year, 3 * (w.quarter - 1) + 1, 1) + interval '3 months')::date
      > %(start)s::date
GROUP BY w.agency_id"""


# --- Running them ----------------------------------------------------------------------------


@dataclass
class Ratio:
    """A numerator over a denominator, with named counts beside them."""

    numerator: int = 0
    denominator: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def percent(self) -> int | None:
        """The whole percentage, rounded half up; None when there is nothing to divide."""
        if not self.denominator:
            return None
        return (200 * self.numerator + self.denominator) // (2 * self.denominator)

    @property
    def outstanding(self) -> int:
        return self.denominator - self.numerator


RAG_KEYS = ("red", "amber", "green", "")


@dataclass
class RagFigure:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RAG_KEYS, 0))
    by_bucket: dict[int, dict[str, int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def percent(self, rag: str) -> int | None:
        return Ratio(self.counts[rag], self.total).percent


@dataclass
class EvaluationFigure:
    campaign_id: UUID | None = None
    year: int | None = None
    is_closed: bool = False
    rate: Ratio = field(default_factory=Ratio)
    responses: int = 0
    resilience: float | None = None
    stress: float | None = None
    reflection: float | None = None
    yes_percent: int | None = None

    @property
    def results_shown(self) -> bool:
        """Evaluation disclosure control: results only from 5 responses up."""
        return self.responses >= EVALUATION_THRESHOLD


@dataclass
class PolicyFigure:
    version: str | None = None
    next_review_on: date | None = None
    in_date: bool = False


@dataclass
class WorkforceFigure:
    quarters: int = 0
    sickness_rate: float | None = None
    vacancy_rate: float | None = None


@dataclass
class AgencyFigures:
    """Every indicator of one agency for one period."""

    agency_id: UUID
    ratios: dict[str, Ratio] = field(default_factory=dict)
    rag: RagFigure = field(default_factory=RagFigure)
    evaluation: EvaluationFigure = field(default_factory=EvaluationFigure)
    policy: PolicyFigure = field(default_factory=PolicyFigure)
    workforce: WorkforceFigure = field(default_factory=WorkforceFigure)

    def ratio(self, code: str) -> Ratio:
        return self.ratios.setdefault(code, Ratio())


@dataclass
class Results:
    """Figures for each period (1 = the chosen period, then the trend's quarters) and each
    agency."""

    periods: list[Period]
    agency_ids: list[UUID]
    by_period: dict[int, dict[UUID, AgencyFigures]]

    def of(self, agency_id: UUID, n: int = 1) -> AgencyFigures:
        return self.by_period[n][agency_id]


# (code, SQL, the columns after n and agency_id that hold numerator and denominator and any
# extra counts, in the order the SELECT gives them)
RATIO_QUERIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (Code.COVERAGE, COVERAGE, ("denominator", "numerator")),
    (Code.SUPERVISION, SUPERVISION, ("denominator", "numerator", "sessions")),
    (Code.CIN_INTERVAL, CIN_INTERVAL, ("denominator", "numerator")),
    (Code.CIN_MEETINGS, CIN_MEETINGS, ("denominator", "numerator")),
    (Code.DRIFT, DRIFT, ("denominator", "numerator")),
    (Code.ACTIONS, ACTIONS, ("denominator", "numerator", "agreed", "done")),
    (Code.TRAINING, TRAINING, ("denominator", "numerator", "expiring", "lapsed", "no_training")),
    (Code.REVIEWS, REVIEWS, ("denominator", "numerator", "due_soon")),
    (
        Code.ESCALATIONS,
        ESCALATIONS,
        (
            "denominator",
            "numerator",
            "raised",
            "unacknowledged",
            "significant_harm",
            "unsafe_practice",
            "illegal_activity",
        ),
    ),
)


def parameters(agency_ids: list[UUID], periods: list[Period], *, today: date) -> dict:
    """What every statement takes besides the period: the agencies, the standards'
    defaults and a working-day calendar wide enough for every period."""
    earliest = min(p.start for p in periods)
    latest = max(max(p.as_at for p in periods), today)
    calendar = WorkingDayCalendar(earliest - timedelta(days=70), latest + timedelta(days=20))
    return {
        **STANDARD_DEFAULTS,
        "agency_ids": list(agency_ids),
        "tz": settings.TIME_ZONE,
        "today": today,
        "lookback": MEETING_LOOKBACK_MONTHS,
        "cal_days": calendar.days,
        "cal_before": calendar.before,
        "working": calendar.working,
    }


def period_parameters(period: Period, *, with_buckets: bool = True) -> dict:
    buckets = period.buckets() if with_buckets else []
    return {
        "start": period.start,
        "asof": period.as_at,
        "b_lo": [b[0] for b in buckets],
        "b_hi": [b[1] for b in buckets],
    }


def _fetch(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


QUERIES_PER_PERIOD = len(RATIO_QUERIES) + 4  # + RAG, evaluation, policy, workforce


def compute(agency_ids: list[UUID], periods: list[Period], *, today: date) -> Results:
    """Every indicator for every agency and period: QUERIES_PER_PERIOD statements per
    period, whatever the number of agencies, people, cases or discussions."""
    common = parameters(agency_ids, periods, today=today)
    by_period: dict[int, dict[UUID, AgencyFigures]] = {}
    for n, period in enumerate(periods, start=1):
        params = {**common, **period_parameters(period, with_buckets=n == 1)}
        by_period[n] = _compute_period(agency_ids, params)
    return Results(periods=periods, agency_ids=list(agency_ids), by_period=by_period)


def _compute_period(agency_ids: list[UUID], params: dict) -> dict[UUID, AgencyFigures]:
    figures = {a: AgencyFigures(agency_id=a) for a in agency_ids}
    for code, sql, columns in RATIO_QUERIES:
        for agency_id, *values in _fetch(sql, params):
            named = dict(zip(columns, values, strict=True))
            ratio = figures[agency_id].ratio(code)
            ratio.denominator = named.pop("denominator")
            ratio.numerator = named.pop("numerator")
            ratio.extra = named

    for agency_id, bucket, rag, count in _fetch(RAG, params):
        figure = figures[agency_id].rag
        figure.counts[rag] = figure.counts.get(rag, 0) + count
        if bucket is not None:
            per = figure.by_bucket.setdefault(bucket, dict.fromkeys(RAG_KEYS, 0))
            per[rag] = per.get(rag, 0) + count

    for row in _fetch(EVALUATION, params):
        agency_id, campaign_id, year, is_closed, invited, responded, responses = row[:7]
        resilience, stress, reflection, answers, yes = row[7:]
        figure = figures[agency_id].evaluation
        figure.campaign_id, figure.year, figure.is_closed = campaign_id, year, is_closed
        figure.rate = Ratio(numerator=responded, denominator=invited)
        figure.responses = responses
        if responses >= EVALUATION_THRESHOLD:
            figure.resilience = _one_decimal(resilience)
            figure.stress = _one_decimal(stress)
            figure.reflection = _one_decimal(reflection)
            figure.yes_percent = Ratio(yes, answers).percent

    for agency_id, version, next_review_on, met in _fetch(POLICY, params):
        figures[agency_id].policy = PolicyFigure(version, next_review_on, bool(met))

    for agency_id, quarters, sickness, vacancy in _fetch(WORKFORCE, params):
        figures[agency_id].workforce = WorkforceFigure(
            quarters, _one_decimal(sickness), _one_decimal(vacancy)
        )
    for figure in figures.values():
        figure.ratios[Code.EVALUATION] = figure.evaluation.rate
        for code, _sql, _columns in RATIO_QUERIES:
            figure.ratio(code)
    return figures


def _one_decimal(value) -> float | None:
    return None if value is None else round(float(value), 1)


def totals(results: Results, n: int = 1) -> AgencyFigures:
    """The partnership's total: numerators and denominators added up across agencies."""
    total = AgencyFigures(agency_id=UUID(int=0))
    for figures in results.by_period[n].values():
        for code, ratio in figures.ratios.items():
            sum_ = total.ratio(code)
            sum_.numerator += ratio.numerator
            sum_.denominator += ratio.denominator
            for key, value in ratio.extra.items():
                sum_.extra[key] = sum_.extra.get(key, 0) + value
        for rag, count in figures.rag.counts.items():
            total.rag.counts[rag] = total.rag.counts.get(rag, 0) + count
        for k, counts in figures.rag.by_bucket.items():
            agg = total.rag.by_bucket.setdefault(k, dict.fromkeys(RAG_KEYS, 0))
            for rag, count in counts.items():
                agg[rag] = agg.get(rag, 0) + count
    return total


# --- Storing figures (the board's snapshots) -------------------------------------------------


def figures_to_json(figures: AgencyFigures) -> dict:
    """Plain JSON for a snapshot: counts and dates only (there is nothing else in them)."""
    return {
        "ratios": {
            code: {"n": r.numerator, "d": r.denominator, "x": r.extra}
            for code, r in figures.ratios.items()
            if code != Code.EVALUATION
        },
        "rag": {"counts": figures.rag.counts, "by_bucket": figures.rag.by_bucket},
        "evaluation": {
            "campaign_id": str(figures.evaluation.campaign_id)
            if figures.evaluation.campaign_id
            else None,
            "year": figures.evaluation.year,
            "is_closed": figures.evaluation.is_closed,
            "invited": figures.evaluation.rate.denominator,
            "responded": figures.evaluation.rate.numerator,
            "responses": figures.evaluation.responses,
            "resilience": figures.evaluation.resilience,
            "stress": figures.evaluation.stress,
            "reflection": figures.evaluation.reflection,
            "yes_percent": figures.evaluation.yes_percent,
        },
        "policy": {
            "version": figures.policy.version,
            "next_review_on": figures.policy.next_review_on.isoformat()
            if figures.policy.next_review_on
            else None,
            "in_date": figures.policy.in_date,
        },
        "workforce": {
            "quarters": figures.workforce.quarters,
            "sickness_rate": figures.workforce.sickness_rate,
            "vacancy_rate": figures.workforce.vacancy_rate,
        },
    }


def figures_from_json(agency_id: UUID, data: dict) -> AgencyFigures:
    figures = AgencyFigures(agency_id=agency_id)
    for code, r in data["ratios"].items():
        figures.ratios[code] = Ratio(numerator=r["n"], denominator=r["d"], extra=r["x"])
    figures.rag.counts = {**dict.fromkeys(RAG_KEYS, 0), **data["rag"]["counts"]}
    figures.rag.by_bucket = {int(k): v for k, v in data["rag"]["by_bucket"].items()}
    e = data["evaluation"]
    figures.evaluation = EvaluationFigure(
        campaign_id=UUID(e["campaign_id"]) if e["campaign_id"] else None,
        year=e["year"],
        is_closed=e["is_closed"],
        rate=Ratio(numerator=e["responded"], denominator=e["invited"]),
        responses=e["responses"],
        resilience=e["resilience"],
        stress=e["stress"],
        reflection=e["reflection"],
        yes_percent=e["yes_percent"],
    )
    figures.ratios[Code.EVALUATION] = figures.evaluation.rate
    p = data["policy"]
    figures.policy = PolicyFigure(
        version=p["version"],
        next_review_on=date.fromisoformat(p["next_review_on"]) if p["next_review_on"] else None,
        in_date=p["in_date"],
    )
    figures.workforce = WorkforceFigure(**data["workforce"])
    return figures
