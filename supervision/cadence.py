"""The cadence rules: each is ONE set-based SQL statement over all agencies that raises,
updates and clears its alerts (DESIGN.md, supervision; seed 002 aims 3 and 4, "The
Supervision Process"; seed 000 standards iii and vii).

Each rule is a query of *candidates*: the (agency, subject) pairs for which the rule holds
today, with owner, due date and reason. One statement then
- inserts an alert for each new candidate, or updates the open one when its owner, due
  date, reason or escalation changed (`INSERT ... ON CONFLICT` on the partial unique index
  "one open alert per agency, rule and subject"), and
- clears every open alert of the rule whose subject is no longer a candidate.
Running the rules twice therefore raises nothing twice, and never loops over cases or
people in Python.

A run can be limited to a `Scope` (the cases and people a signed record touched): then
only the subjects in scope are considered, for raising and for clearing alike.

The rules, in the words of the seeds:
- Child-in-Need discussion (aim 4): an open Child-in-Need case is due for a supervision
  discussion by the earlier of (last discussed + the agency's interval, 3 months) and
  (its next statutory meeting − the pre-review window, 10 working days). The meeting date
  stops counting once the case has been discussed in the month before that deadline or
  later. Due from 14 days before; overdue the day after; escalated to the safeguarding
  leads when more than 14 days late.
- Supervision overdue ("The Supervision Process"): no signed session within the
  agreement's frequency, or the agency's minimum for the person's contact type, or the
  new-starter frequency during the new-starter period, whichever is most frequent.
- Drift (aim 3): a case rated Amber or Red at its last three discussions, or rated worse
  than at the discussion before; for the safeguarding leads.
- Agreement review due: an agreement in force within 28 days of its review date or past it.
- Agreed action overdue: an action of a signed record, not done, past its due date.
- Supervisor training expiring (within 60 days) or lapsed (standard vii).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from django.conf import settings
from django.db import connection, transaction

from agencies.models import Agency

from . import standards as standards_module
from .models import AlertRule, StatutoryMeeting
from .working_days import WorkingDayCalendar

DUE_SOON_DAYS = 14  # a Child-in-Need discussion shows as due this many days ahead
ESCALATE_AFTER_DAYS = 14  # overdue by more than this: escalated to the safeguarding leads
PENDING_MEETING_LOOKBACK_MONTHS = 1  # a discussion this close to the deadline counts
DRIFT_RESPONSE_DAYS = 14  # a drift alert asks the lead to respond within this many days
AGREEMENT_REVIEW_NOTICE_DAYS = 28
TRAINING_EXPIRING_DAYS = 60
IN_FORCE_SQL = "('active', 'review_due')"


@dataclass(frozen=True)
class Scope:
    """The cases and people to re-evaluate (after a record is signed)."""

    case_ids: tuple[UUID, ...] = ()
    user_ids: tuple[UUID, ...] = ()


@dataclass
class RuleOutcome:
    rule: str
    raised: list[UUID] = field(default_factory=list)
    updated: list[UUID] = field(default_factory=list)
    cleared: list[UUID] = field(default_factory=list)
    escalated: list[UUID] = field(default_factory=list)


@dataclass
class CadenceResult:
    today: date
    outcomes: dict[str, RuleOutcome] = field(default_factory=dict)

    @property
    def raised(self) -> int:
        return sum(len(o.raised) for o in self.outcomes.values())

    @property
    def cleared(self) -> int:
        return sum(len(o.cleared) for o in self.outcomes.values())

    @property
    def updated(self) -> int:
        return sum(len(o.updated) for o in self.outcomes.values())

    @property
    def escalated(self) -> int:
        return sum(len(o.escalated) for o in self.outcomes.values())

    def summary(self) -> dict:
        return {
            code: {
                "raised": len(o.raised),
                "updated": len(o.updated),
                "cleared": len(o.cleared),
                "escalated": len(o.escalated),
            }
            for code, o in self.outcomes.items()
        }


def _long_date(column: str) -> str:
    return f"to_char({column}, 'FMDD FMMonth YYYY')"


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


MEETING_LABEL = (
    "CASE d.next_meeting_type "
    + " ".join(
        f"WHEN {_sql_literal(value)} THEN {_sql_literal(label)}"
        for value, label in StatutoryMeeting.choices
    )
    + " ELSE 'Statutory meeting' END"
)
RAG_RANK = "CASE {col} WHEN 'green' THEN 0 WHEN 'amber' THEN 1 WHEN 'red' THEN 2 END"
RAG_LABEL = "CASE {col} WHEN 'green' THEN 'Green' WHEN 'amber' THEN 'Amber' ELSE 'Red' END"

# --- Shared pieces -----------------------------------------------------------------------

SUPERVISOR_OF = f"""
sup AS (
    SELECT DISTINCT ON (ag.agency_id, ag.supervisee_id)
           ag.agency_id, ag.supervisee_id, ag.supervisor_id
    FROM contracts_agreement ag
    WHERE ag.status IN {IN_FORCE_SQL}
    ORDER BY ag.agency_id, ag.supervisee_id, ag.start_date DESC, ag.created_at DESC
)"""

CIN_DATES = f"""
cal AS (
    SELECT * FROM unnest(%(cal_days)s::date[], %(cal_before)s::int[]) AS t(day, before)
),
{SUPERVISOR_OF},
cin AS (
    SELECT c.id, c.agency_id, c.allocated_practitioner_id, c.last_discussed_on,
           c.next_meeting_type, c.next_meeting_on, s.cin_months, s.window_days,
           COALESCE(
               c.last_discussed_on,
               (SELECT max(h.changed_on) FROM supervision_casecategorychange h
                 WHERE h.agency_id = c.agency_id AND h.case_id = c.id
                   AND h.to_category = 'child_in_need'),
               (c.created_at AT TIME ZONE %(tz)s)::date
           ) AS base,
           CASE WHEN c.next_meeting_on IS NULL THEN NULL
                WHEN s.window_days = 0 THEN c.next_meeting_on
                ELSE (%(working_days)s::date[])[mc.before - s.window_days + 1]
           END AS meeting_due
    FROM supervision_case c
    JOIN std s ON s.agency_id = c.agency_id
    LEFT JOIN cal mc ON mc.day = c.next_meeting_on
    WHERE c.category = 'child_in_need'
),
cin_pending AS (
    SELECT cin.*,
           (base + make_interval(months => cin_months))::date AS interval_due,
           CASE WHEN meeting_due IS NOT NULL
                 AND (last_discussed_on IS NULL OR last_discussed_on < (
                      meeting_due - make_interval(months => {PENDING_MEETING_LOOKBACK_MONTHS})
                 )::date)
                THEN meeting_due END AS meeting_deadline
    FROM cin
),
cin_due AS (
    SELECT p.*, LEAST(p.interval_due, p.meeting_deadline) AS due_on,
           COALESCE(p.meeting_deadline < p.interval_due, false) AS by_meeting
    FROM cin_pending p
)"""

CIN_REASON = f"""
CASE WHEN d.by_meeting THEN
    'Next meeting: ' || {MEETING_LABEL} || ' on ' || {_long_date("d.next_meeting_on")}
    || '. A supervision discussion is due ' || d.window_days
    || ' working days before it.'
WHEN d.last_discussed_on IS NULL THEN
    'Not yet discussed in supervision (a Child-in-Need case since '
    || {_long_date("d.base")} || '). Discussions are due at least every '
    || d.cin_months || ' months.'
ELSE
    'Last discussed in supervision on ' || {_long_date("d.last_discussed_on")}
    || '. Discussions are due at least every ' || d.cin_months || ' months.'
END"""

CIN_CANDIDATES = f"""
SELECT d.agency_id, d.id AS subject_id, d.id AS case_id,
       d.allocated_practitioner_id AS person_id, sup.supervisor_id AS owner_id,
       d.due_on, {CIN_REASON} AS reason, {{escalate}} AS escalate
FROM cin_due d
LEFT JOIN sup ON sup.agency_id = d.agency_id AND sup.supervisee_id = d.allocated_practitioner_id
WHERE {{condition}}
"""

CASE_SCOPE = """
SELECT c.id AS subject_id FROM supervision_case c
WHERE c.id = ANY(%(scope_case_ids)s::uuid[])
   OR c.allocated_practitioner_id = ANY(%(scope_user_ids)s::uuid[])"""

AGREEMENT_SCOPE = """
SELECT ag.id AS subject_id FROM contracts_agreement ag
WHERE ag.supervisee_id = ANY(%(scope_user_ids)s::uuid[])
   OR ag.supervisor_id = ANY(%(scope_user_ids)s::uuid[])"""

ACTION_SCOPE = """
SELECT aa.id AS subject_id FROM recording_agreedaction aa
JOIN recording_sessionrecord r ON r.id = aa.record_id
WHERE r.supervisee_id = ANY(%(scope_user_ids)s::uuid[])
   OR r.supervisor_id = ANY(%(scope_user_ids)s::uuid[])
   OR aa.owner_id = ANY(%(scope_user_ids)s::uuid[])
   OR aa.case_id = ANY(%(scope_case_ids)s::uuid[])"""

MEMBERSHIP_SCOPE = """
SELECT m.id AS subject_id FROM agencies_membership m
WHERE m.user_id = ANY(%(scope_user_ids)s::uuid[])"""

# --- The rules ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    code: str
    ctes: str  # extra CTEs the candidates need (after `std`), or ""
    candidates: str  # SELECT agency_id, subject_id, case_id, person_id, owner_id, due_on,
    #                  reason, escalate
    scope: str  # SELECT subject_id: the subjects a Scope covers


CIN_DUE = Rule(
    AlertRule.CIN_DISCUSSION_DUE,
    CIN_DATES,
    CIN_CANDIDATES.format(
        escalate="false",
        condition=f"d.due_on >= %(today)s::date AND d.due_on <= %(today)s::date + {DUE_SOON_DAYS}",
    ),
    CASE_SCOPE,
)

CIN_OVERDUE = Rule(
    AlertRule.CIN_DISCUSSION_OVERDUE,
    CIN_DATES,
    CIN_CANDIDATES.format(
        escalate=f"(d.due_on < %(today)s::date - {ESCALATE_AFTER_DAYS})",
        condition="d.due_on < %(today)s::date",
    ),
    CASE_SCOPE,
)

NEW_STARTER = (
    "(%(today)s::date < (m.start_date + make_interval(months => s.new_starter_months))::date)"
)

SUPERVISION_OVERDUE = Rule(
    AlertRule.SUPERVISION_OVERDUE,
    f"""
last_signed AS (
    SELECT r.agency_id, r.supervisee_id, max(r.session_date) AS last_on
    FROM recording_sessionrecord r
    WHERE r.status = 'signed'
    GROUP BY r.agency_id, r.supervisee_id
),
freq AS (
    SELECT ag.id, ag.agency_id, ag.supervisee_id, ag.supervisor_id, ag.frequency_weeks,
           s.new_starter_weeks, l.last_on, GREATEST(ag.start_date, m.start_date) AS began_on,
           {NEW_STARTER} AS is_new_starter,
           LEAST(
               ag.frequency_weeks,
               CASE WHEN m.contact_type = 'indirect' THEN s.indirect_weeks
                    ELSE s.direct_weeks END,
               CASE WHEN {NEW_STARTER} THEN s.new_starter_weeks END
           ) AS weeks
    FROM contracts_agreement ag
    JOIN std s ON s.agency_id = ag.agency_id
    JOIN agencies_membership m ON m.agency_id = ag.agency_id AND m.user_id = ag.supervisee_id
    LEFT JOIN last_signed l
           ON l.agency_id = ag.agency_id AND l.supervisee_id = ag.supervisee_id
    WHERE ag.status IN {IN_FORCE_SQL}
      AND (m.ended_on IS NULL OR m.ended_on > %(today)s::date)
),
freq_due AS (
    SELECT f.*, COALESCE(f.last_on, f.began_on) + 7 * f.weeks AS due_on FROM freq f
)""",
    f"""
SELECT f.agency_id, f.id AS subject_id, NULL::uuid AS case_id,
       f.supervisee_id AS person_id, f.supervisor_id AS owner_id, f.due_on,
       CASE WHEN f.last_on IS NULL
            THEN 'No signed supervision session since the agreement began on '
                 || {_long_date("f.began_on")} || '.'
            ELSE 'Last signed supervision session on ' || {_long_date("f.last_on")} || '.'
       END
       || ' Sessions are due every ' || f.weeks || ' weeks'
       || CASE WHEN f.is_new_starter AND f.weeks = f.new_starter_weeks
                    AND f.weeks < f.frequency_weeks THEN ' while a new starter'
               WHEN f.weeks < f.frequency_weeks THEN ' (the agency minimum standard)'
               ELSE '' END || '.' AS reason,
       false AS escalate
FROM freq_due f
WHERE f.due_on < %(today)s::date""",
    AGREEMENT_SCOPE,
)

DRIFT = Rule(
    AlertRule.DRIFT,
    f"""
ranked AS (
    SELECT d.agency_id, d.case_id, d.rag, r.session_date,
           row_number() OVER (
               PARTITION BY d.agency_id, d.case_id
               ORDER BY r.session_date DESC, r.created_at DESC, d.created_at DESC
           ) AS n
    FROM recording_casediscussion d
    JOIN recording_sessionrecord r ON r.id = d.record_id
    WHERE r.status = 'signed' AND d.case_id IS NOT NULL AND d.rag <> ''
),
last3 AS (
    SELECT agency_id, case_id,
           max(rag) FILTER (WHERE n = 1) AS r1,
           max(rag) FILTER (WHERE n = 2) AS r2,
           max(rag) FILTER (WHERE n = 3) AS r3,
           max(session_date) FILTER (WHERE n = 1) AS last_on
    FROM ranked WHERE n <= 3
    GROUP BY agency_id, case_id
),
drifting AS (
    SELECT l.*, c.allocated_practitioner_id,
           COALESCE(l.r1 <> 'green' AND l.r2 <> 'green' AND l.r3 <> 'green', false)
               AS no_change,
           COALESCE({RAG_RANK.format(col="l.r1")} > {RAG_RANK.format(col="l.r2")}, false)
               AS worse
    FROM last3 l
    JOIN std s ON s.agency_id = l.agency_id
    JOIN supervision_case c ON c.id = l.case_id AND c.category <> 'closed'
)""",
    f"""
SELECT d.agency_id, d.case_id AS subject_id, d.case_id, d.allocated_practitioner_id AS person_id,
       NULL::uuid AS owner_id, d.last_on + {DRIFT_RESPONSE_DAYS} AS due_on,
       CASE WHEN d.no_change THEN
           'Rated Amber or Red at the last three discussions ('
           || {RAG_LABEL.format(col="d.r3")} || ', ' || {RAG_LABEL.format(col="d.r2")}
           || ', ' || {RAG_LABEL.format(col="d.r1")} || '): no evident change.'
       ELSE '' END
       || CASE WHEN d.no_change AND d.worse THEN ' ' ELSE '' END
       || CASE WHEN d.worse THEN
           'Getting worse: rated ' || {RAG_LABEL.format(col="d.r1")} || ' after '
           || {RAG_LABEL.format(col="d.r2")} || ' on ' || {_long_date("d.last_on")} || '.'
       ELSE '' END AS reason,
       false AS escalate
FROM drifting d
WHERE d.no_change OR d.worse""",
    CASE_SCOPE,
)

AGREEMENT_REVIEW_DUE = Rule(
    AlertRule.AGREEMENT_REVIEW_DUE,
    "",
    f"""
SELECT ag.agency_id, ag.id AS subject_id, NULL::uuid AS case_id,
       ag.supervisee_id AS person_id, ag.supervisor_id AS owner_id, ag.review_date AS due_on,
       'The supervision agreement is due for review on ' || {_long_date("ag.review_date")}
       || '.' AS reason,
       false AS escalate
FROM contracts_agreement ag
JOIN std s ON s.agency_id = ag.agency_id
WHERE ag.status IN {IN_FORCE_SQL}
  AND ag.review_date <= %(today)s::date + {AGREEMENT_REVIEW_NOTICE_DAYS}""",
    AGREEMENT_SCOPE,
)

ACTION_OVERDUE = Rule(
    AlertRule.ACTION_OVERDUE,
    "",
    f"""
SELECT aa.agency_id, aa.id AS subject_id, aa.case_id, r.supervisee_id AS person_id,
       COALESCE(aa.owner_id, r.supervisor_id) AS owner_id, aa.due_on,
       'Agreed in the supervision session of ' || {_long_date("r.session_date")}
       || ' and due by ' || {_long_date("aa.due_on")} || '; marked '
       || CASE aa.status WHEN 'in_progress' THEN 'in progress' WHEN 'not_done' THEN 'not done'
               ELSE 'open' END || '.' AS reason,
       false AS escalate
FROM recording_agreedaction aa
JOIN recording_sessionrecord r ON r.id = aa.record_id
JOIN std s ON s.agency_id = aa.agency_id
WHERE r.status = 'signed' AND aa.status <> 'done' AND aa.due_on < %(today)s::date""",
    ACTION_SCOPE,
)

TRAINING_CANDIDATES = """
SELECT t.agency_id, t.membership_id AS subject_id, NULL::uuid AS case_id,
       t.user_id AS person_id, t.user_id AS owner_id, t.expires_on AS due_on,
       {reason} AS reason, false AS escalate
FROM training t
JOIN std s ON s.agency_id = t.agency_id
WHERE {condition}"""

TRAINING_EXPIRING = Rule(
    AlertRule.TRAINING_EXPIRING,
    "training AS ({training_sql})",
    TRAINING_CANDIDATES.format(
        reason=f"'Your supervision training expires on ' || {_long_date('t.expires_on')}"
        " || '. Book a refresher to keep supervising.'",
        condition="t.expires_on >= %(today)s::date"
        f" AND t.expires_on <= %(today)s::date + {TRAINING_EXPIRING_DAYS}",
    ),
    MEMBERSHIP_SCOPE,
)

TRAINING_LAPSED = Rule(
    AlertRule.TRAINING_LAPSED,
    "training AS ({training_sql})",
    TRAINING_CANDIDATES.format(
        reason="CASE WHEN t.expires_on IS NULL THEN 'No supervision training is recorded.'"
        f" ELSE 'Your supervision training expired on ' || {_long_date('t.expires_on')}"
        " || '.' END || ' Supervisors need in-date training (standard vii).'",
        condition="t.expires_on IS NULL OR t.expires_on < %(today)s::date",
    ),
    MEMBERSHIP_SCOPE,
)

RULES: tuple[Rule, ...] = (
    CIN_DUE,
    CIN_OVERDUE,
    SUPERVISION_OVERDUE,
    DRIFT,
    AGREEMENT_REVIEW_DUE,
    ACTION_OVERDUE,
    TRAINING_EXPIRING,
    TRAINING_LAPSED,
)

STANDARDS_CTE = """
std AS (
    SELECT * FROM unnest(
        %(std_agency)s::uuid[], %(std_direct)s::int[], %(std_indirect)s::int[],
        %(std_new_starter_weeks)s::int[], %(std_new_starter_months)s::int[],
        %(std_cin_months)s::int[], %(std_window)s::int[]
    ) AS t(agency_id, direct_weeks, indirect_weeks, new_starter_weeks, new_starter_months,
           cin_months, window_days)
)"""

UPSERT_AND_CLEAR = """
up AS (
    INSERT INTO supervision_alert AS a
        (id, agency_id, rule, subject_id, case_id, person_id, owner_id, reason, due_on,
         raised_at, escalated_at, cleared_at, updated_at)
    SELECT gen_random_uuid(), c.agency_id, %(rule)s, c.subject_id, c.case_id, c.person_id,
           c.owner_id, c.reason, c.due_on, %(now)s::timestamptz,
           CASE WHEN c.escalate THEN %(now)s::timestamptz END, NULL, %(now)s::timestamptz
    FROM cand c
    ON CONFLICT (agency_id, rule, subject_id) WHERE cleared_at IS NULL
    DO UPDATE SET
        case_id = EXCLUDED.case_id,
        person_id = EXCLUDED.person_id,
        owner_id = EXCLUDED.owner_id,
        reason = EXCLUDED.reason,
        due_on = EXCLUDED.due_on,
        escalated_at = CASE WHEN EXCLUDED.escalated_at IS NULL THEN NULL
                            ELSE COALESCE(a.escalated_at, EXCLUDED.escalated_at) END,
        updated_at = EXCLUDED.updated_at
    WHERE (a.case_id, a.person_id, a.owner_id, a.reason, a.due_on)
          IS DISTINCT FROM
          (EXCLUDED.case_id, EXCLUDED.person_id, EXCLUDED.owner_id, EXCLUDED.reason,
           EXCLUDED.due_on)
       OR (a.escalated_at IS NULL) <> (EXCLUDED.escalated_at IS NULL)
    RETURNING a.id, (a.xmax = 0) AS inserted,
              (a.escalated_at = %(now)s::timestamptz) AS escalated_now
),
gone AS (
    UPDATE supervision_alert a
    SET cleared_at = %(now)s::timestamptz, updated_at = %(now)s::timestamptz
    WHERE a.rule = %(rule)s AND a.cleared_at IS NULL
      AND a.agency_id = ANY(%(std_agency)s::uuid[]){scope_clause}
      AND NOT EXISTS (
          SELECT 1 FROM cand c WHERE c.agency_id = a.agency_id AND c.subject_id = a.subject_id
      )
    RETURNING a.id
)
SELECT ARRAY(SELECT id FROM up WHERE inserted),
       ARRAY(SELECT id FROM up WHERE NOT inserted),
       ARRAY(SELECT id FROM gone),
       ARRAY(SELECT id FROM up WHERE escalated_now)"""


def rule_statement(rule: Rule, *, scoped: bool, training_sql: str) -> str:
    """The one statement that evaluates `rule`: candidates, upsert, clear."""
    ctes = [STANDARDS_CTE]
    if rule.ctes:
        ctes.append(rule.ctes.replace("{training_sql}", training_sql))
    if scoped:
        ctes.append(f"scope AS ({rule.scope})")
        cand = (
            f"cand AS (SELECT * FROM ({rule.candidates}) AS x "
            "WHERE x.subject_id IN (SELECT subject_id FROM scope))"
        )
        scope_clause = "\n      AND a.subject_id IN (SELECT subject_id FROM scope)"
    else:
        cand = f"cand AS ({rule.candidates})"
        scope_clause = ""
    ctes.append(cand)
    ctes.append(UPSERT_AND_CLEAR.replace("{scope_clause}", scope_clause))
    return "WITH " + ",\n".join(ctes)


def _standards_params(agency_ids: list[UUID]) -> dict:
    by_agency = standards_module.standards_by_agency(agency_ids)
    rows = [(agency_id, by_agency[agency_id]) for agency_id in agency_ids]
    return {
        "std_agency": [a for a, _ in rows],
        "std_direct": [s.direct_contact_frequency_weeks for _, s in rows],
        "std_indirect": [s.indirect_contact_frequency_weeks for _, s in rows],
        "std_new_starter_weeks": [s.new_starter_frequency_weeks for _, s in rows],
        "std_new_starter_months": [s.new_starter_period_months for _, s in rows],
        "std_cin_months": [s.cin_discussion_interval_months for _, s in rows],
        "std_window": [s.pre_review_window_working_days for _, s in rows],
    }


def evaluate(
    *,
    today: date,
    now: datetime,
    scope: Scope | None = None,
    rules: tuple[Rule, ...] = RULES,
) -> CadenceResult:
    """Run the rules once, over every agency (or only the subjects in `scope`), in one
    transaction. Returns what each rule raised, updated, cleared and escalated.

    Queries: one for the agencies, one per rule (plus whatever the standards and training
    interfaces need: nothing yet)."""
    agency_ids = list(Agency.objects.order_by("id").values_list("id", flat=True))
    calendar = WorkingDayCalendar.around(today)
    training_sql, training_params = standards_module.supervisor_training_sql(today)
    params = {
        **_standards_params(agency_ids),
        **training_params,
        "today": today,
        "now": now,
        "tz": settings.TIME_ZONE,
        "cal_days": calendar.days,
        "cal_before": calendar.before,
        "working_days": calendar.working,
    }
    if scope is not None:
        params["scope_case_ids"] = list(scope.case_ids)
        params["scope_user_ids"] = list(scope.user_ids)
    result = CadenceResult(today=today)
    with transaction.atomic(), connection.cursor() as cursor:
        for rule in rules:
            sql = rule_statement(rule, scoped=scope is not None, training_sql=training_sql)
            cursor.execute(sql, {**params, "rule": rule.code})
            raised, updated, cleared, escalated = cursor.fetchone()
            result.outcomes[rule.code] = RuleOutcome(
                rule=rule.code,
                raised=list(raised),
                updated=list(updated),
                cleared=list(cleared),
                escalated=list(escalated),
            )
    return result
