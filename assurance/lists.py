"""The lists behind the safeguarding lead's figures: the very `rows` an indicator counts
(assurance.indicators), for one agency, with names, filters, pages and CSV.

Each list is one query whatever its length: the rows CTE of its indicator, the labels it
needs, a status filter chosen from fixed clauses, an optional search and team, and
`count(*) OVER ()` for the number of rows before the page is cut.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db import connection

from . import indicators as ind
from .catalogue import Code
from .periods import Period

PAGE_SIZE = 50


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    numeric: bool = False


@dataclass(frozen=True)
class Status:
    value: str
    label: str
    condition: str  # SQL on the list's columns (x = rows, plus the select's own)


@dataclass(frozen=True)
class ListSpec:
    code: str
    title: str  # "Practitioners and their agreements"
    noun: str  # what one row is: "practitioner"
    rows_sql: str
    select: str  # the row's columns, in `columns` order, then `link_id`
    joins: str
    columns: tuple[Column, ...]
    statuses: tuple[Status, ...]
    order: str
    base: str = "true"  # rows the list shows at all (the figure's population)
    search: str = ""  # SQL text matched by the search box
    team: str = ""  # SQL expression of the row's team id
    link: str = ""  # url name taking link_id
    link_anchor: str = ""

    def status(self, value: str) -> Status | None:
        return next((s for s in self.statuses if s.value == value), None)


USER = "(SELECT full_name FROM agencies_user WHERE id = {col})"
SUPERVISORS_IN_FORCE = (
    "(SELECT string_agg(su.full_name, ', ' ORDER BY su.full_name) FROM in_force i "
    "JOIN agencies_user su ON su.id = i.supervisor_id "
    "WHERE i.agency_id = x.agency_id AND i.supervisee_id = x.user_id)"
)
CASE_LABEL = "c.reference || ' (' || c.initials || ')'"
MEETING_LABELS = (
    "CASE x.meeting_type WHEN 'cin_review' THEN 'Child in need review' "
    "WHEN 'core_group' THEN 'Core group' "
    "WHEN 'initial_conference' THEN 'Initial child protection conference' "
    "WHEN 'review_conference' THEN 'Review child protection conference' ELSE '' END"
)
RAG_LABELS = (
    "CASE {col} WHEN 'red' THEN 'Red' WHEN 'amber' THEN 'Amber' WHEN 'green' THEN 'Green' "
    "ELSE 'Not rated' END"
)
KIND_LABELS = (
    "CASE x.kind WHEN 'significant_harm' THEN 'Significant harm' "
    "WHEN 'unsafe_practice' THEN 'Unsafe practice' "
    "WHEN 'illegal_activity' THEN 'Illegal activity' ELSE x.kind END"
)

LISTS: dict[str, ListSpec] = {}


def _register(spec: ListSpec) -> None:
    LISTS[spec.code] = spec


_register(
    ListSpec(
        code=Code.COVERAGE,
        title="Practitioners and their supervision agreements",
        noun="practitioner",
        rows_sql=ind.COVERAGE_ROWS,
        select=(
            "u.full_name, t.name, CASE x.contact_type WHEN 'indirect' THEN 'Indirect' "
            "ELSE 'Direct' END, CASE WHEN x.met THEN 'Yes' ELSE 'No' END, "
            f"COALESCE({SUPERVISORS_IN_FORCE}, ''), x.subject_id"
        ),
        joins=(
            "JOIN agencies_user u ON u.id = x.user_id LEFT JOIN agencies_team t ON t.id = x.team_id"
        ),
        columns=(
            Column("name", "Practitioner"),
            Column("team", "Team"),
            Column("contact", "Contact"),
            Column("covered", "Agreement in force"),
            Column("supervisors", "Supervisor"),
        ),
        statuses=(
            Status("met", "With an agreement in force", "x.met"),
            Status("not_met", "Without an agreement in force", "NOT x.met"),
        ),
        order="x.met, u.full_name",
        search="u.full_name",
        team="x.team_id",
        link="contracts:supervisee_history",
    )
)

_register(
    ListSpec(
        code=Code.SUPERVISION,
        title="Supervisees and when their supervision is due",
        noun="supervisee",
        rows_sql=ind.SUPERVISION_ROWS,
        select=(
            f"u.full_name, t.name, COALESCE({SUPERVISORS_IN_FORCE}, ''), "
            "x.last_on, x.weeks, x.due_on, "
            "CASE WHEN x.met THEN 'On time' "
            "ELSE 'Overdue by ' || (%(asof)s::date - x.due_on) || ' days' END, x.subject_id"
        ),
        joins=(
            "JOIN agencies_user u ON u.id = x.user_id LEFT JOIN agencies_team t ON t.id = x.team_id"
        ),
        columns=(
            Column("name", "Supervisee"),
            Column("team", "Team"),
            Column("supervisors", "Supervisor"),
            Column("last", "Last signed session"),
            Column("weeks", "Every (weeks)", numeric=True),
            Column("due", "Due"),
            Column("status", "Status"),
        ),
        statuses=(
            Status("met", "On time", "x.met"),
            Status("not_met", "Overdue", "NOT x.met"),
        ),
        order="x.met, x.due_on, u.full_name",
        search="u.full_name",
        team="x.team_id",
        link="contracts:supervisee_history",
    )
)

_register(
    ListSpec(
        code=Code.CIN_INTERVAL,
        title="Child-in-Need cases and their supervision discussions",
        noun="case",
        rows_sql=ind.CIN_INTERVAL_ROWS,
        select=(
            f"{CASE_LABEL}, COALESCE(p.full_name, 'Not allocated'), x.became_on, "
            "(SELECT max(r.session_date) FROM recording_casediscussion cd "
            " JOIN recording_sessionrecord r ON r.id = cd.record_id "
            " WHERE cd.agency_id = x.agency_id AND cd.case_id = x.subject_id "
            " AND r.status = 'signed' AND r.session_date <= %(asof)s::date), "
            "x.due_on, CASE WHEN x.met THEN 'In time' "
            "ELSE 'Overdue by ' || (%(asof)s::date - x.due_on) || ' days' END, x.subject_id"
        ),
        joins=(
            "JOIN supervision_case c ON c.id = x.subject_id "
            "LEFT JOIN agencies_user p ON p.id = x.allocated_practitioner_id"
        ),
        columns=(
            Column("case", "Case"),
            Column("practitioner", "Practitioner"),
            Column("became", "Child in Need since"),
            Column("last", "Last discussed"),
            Column("due", "Discussion due"),
            Column("status", "Status"),
        ),
        statuses=(
            Status("met", "Discussed in time", "x.met"),
            Status("not_met", "Overdue", "NOT x.met"),
        ),
        order="x.met, x.due_on, c.reference",
        search="c.reference || ' ' || COALESCE(p.full_name, '')",
        link="supervision:case_detail",
    )
)

_register(
    ListSpec(
        code=Code.CIN_MEETINGS,
        title="Statutory meetings of Child-in-Need cases",
        noun="meeting",
        rows_sql=ind.CIN_MEETINGS_ROWS,
        select=(
            f"{CASE_LABEL}, {MEETING_LABELS}, x.meeting_on, x.deadline, x.last_before, "
            "CASE WHEN x.met THEN 'Discussed in time' "
            "WHEN x.last_before > x.deadline THEN 'Discussed after the deadline' "
            "ELSE 'Not discussed before the meeting' END, x.subject_id"
        ),
        joins="JOIN supervision_case c ON c.id = x.subject_id",
        columns=(
            Column("case", "Case"),
            Column("meeting", "Meeting"),
            Column("date", "Meeting date"),
            Column("deadline", "Discuss by"),
            Column("last", "Last discussed before it"),
            Column("status", "Status"),
        ),
        statuses=(
            Status("met", "Discussed in time", "x.met"),
            Status(
                "late",
                "Discussed after the deadline",
                "NOT x.met AND x.last_before > x.deadline",
            ),
            Status(
                "not_met",
                "Not discussed in time",
                "NOT x.met",
            ),
        ),
        order="x.met, x.meeting_on, c.reference",
        search="c.reference",
        link="supervision:case_detail",
    )
)

_register(
    ListSpec(
        code=Code.RAG,
        title="Case discussions and their RAG ratings",
        noun="discussion",
        rows_sql=ind.RAG_ROWS,
        select=(
            f"x.session_date, COALESCE({CASE_LABEL}, 'No case'), "
            f"{USER.format(col='x.supervisor_id')}, {USER.format(col='x.supervisee_id')}, "
            f"{RAG_LABELS.format(col='x.rag')}, x.record_id"
        ),
        joins="LEFT JOIN supervision_case c ON c.id = x.case_id",
        columns=(
            Column("date", "Session"),
            Column("case", "Case"),
            Column("supervisor", "Supervisor"),
            Column("supervisee", "Supervisee"),
            Column("rag", "Rating"),
        ),
        statuses=(
            Status("red", "Red", "x.rag = 'red'"),
            Status("amber", "Amber", "x.rag = 'amber'"),
            Status("green", "Green", "x.rag = 'green'"),
            Status("unrated", "Not rated", "x.rag = ''"),
        ),
        order="x.session_date DESC, c.reference",
        search="COALESCE(c.reference, '')",
        link="recording:detail",
    )
)

_register(
    ListSpec(
        code=Code.DRIFT,
        title="Open cases and drift",
        noun="case",
        rows_sql=ind.DRIFT_ROWS,
        select=(
            f"{CASE_LABEL}, COALESCE(p.full_name, 'Not allocated'), "
            f"concat_ws(', ', {RAG_LABELS.format(col='x.r3')} , "
            f"{RAG_LABELS.format(col='x.r2')}, {RAG_LABELS.format(col='x.r1')}), x.last_on, "
            "CASE WHEN x.no_change AND x.worse THEN 'No evident change, and getting worse' "
            "WHEN x.no_change THEN 'No evident change: Amber or Red three times running' "
            "WHEN x.worse THEN 'Getting worse' ELSE 'Not in drift' END, x.subject_id"
        ),
        joins=(
            "JOIN supervision_case c ON c.id = x.subject_id "
            "LEFT JOIN agencies_user p ON p.id = x.allocated_practitioner_id"
        ),
        columns=(
            Column("case", "Case"),
            Column("practitioner", "Practitioner"),
            Column("ratings", "Last ratings (oldest first)"),
            Column("last", "Last discussed"),
            Column("status", "Why"),
        ),
        statuses=(
            Status("met", "In drift", "x.met"),
            Status("not_met", "Not in drift", "NOT x.met"),
        ),
        order="x.met DESC, x.last_on DESC, c.reference",
        search="c.reference || ' ' || COALESCE(p.full_name, '')",
        link="supervision:case_detail",
    )
)

_register(
    ListSpec(
        code=Code.ACTIONS,
        title="Open agreed actions",
        noun="action",
        rows_sql=ind.ACTIONS_ROWS,
        select=(
            "x.description, COALESCE(c.reference, ''), COALESCE(o.full_name, ''), x.agreed_on, "
            "x.due_on, CASE x.status WHEN 'open' THEN 'Open' WHEN 'in_progress' THEN "
            "'In progress' WHEN 'not_done' THEN 'Not done' ELSE 'Done (after the as-at day)' "
            "END, CASE WHEN x.met THEN 'Overdue' ELSE 'Not yet due' END, "
            "(SELECT record_id FROM recording_agreedaction WHERE id = x.subject_id)"
        ),
        joins=(
            "LEFT JOIN supervision_case c ON c.id = x.case_id "
            "LEFT JOIN agencies_user o ON o.id = x.owner_id"
        ),
        columns=(
            Column("action", "Action"),
            Column("case", "Case"),
            Column("owner", "Who"),
            Column("agreed", "Agreed on"),
            Column("due", "Due"),
            Column("status", "Status"),
            Column("overdue", "Overdue"),
        ),
        statuses=(
            Status("met", "Overdue", "x.met"),
            Status("not_met", "Not yet due", "NOT x.met"),
        ),
        order="x.met DESC, x.due_on, x.agreed_on",
        base="x.is_open",
        search=(
            "x.description || ' ' || COALESCE(o.full_name, '') || ' ' || COALESCE(c.reference, '')"
        ),
        link="recording:detail",
    )
)

_register(
    ListSpec(
        code=Code.TRAINING,
        title="Supervisors and their supervision training",
        noun="supervisor",
        rows_sql=ind.TRAINING_ROWS,
        select=(
            "u.full_name, t.name, x.completed_on, x.expires_on, "
            "CASE x.competence WHEN 'valid' THEN 'Valid' "
            "WHEN 'expiring' THEN 'Expiring within 60 days' WHEN 'lapsed' THEN 'Lapsed' "
            "ELSE 'No training recorded' END, x.subject_id"
        ),
        joins=(
            "JOIN agencies_user u ON u.id = x.user_id LEFT JOIN agencies_team t ON t.id = x.team_id"
        ),
        columns=(
            Column("name", "Supervisor"),
            Column("team", "Team"),
            Column("completed", "Last training"),
            Column("expires", "Expires"),
            Column("status", "Status"),
        ),
        statuses=(
            Status("met", "In date", "x.met"),
            Status("expiring", "Expiring within 60 days", "x.competence = 'expiring'"),
            Status("lapsed", "Lapsed", "x.competence = 'lapsed'"),
            Status("none", "No training recorded", "x.competence = 'none'"),
            Status("not_met", "Not in date", "NOT x.met"),
        ),
        order="x.met, x.expires_on NULLS FIRST, u.full_name",
        search="u.full_name",
        team="x.team_id",
        link="contracts:supervisor_training",
    )
)

_register(
    ListSpec(
        code=Code.REVIEWS,
        title="Agreements in force and their date of review",
        noun="agreement",
        rows_sql=ind.REVIEWS_ROWS,
        select=(
            f"{USER.format(col='x.supervisee_id')}, {USER.format(col='x.supervisor_id')}, "
            "x.start_date, x.review_date, CASE WHEN NOT x.met THEN 'Review overdue' "
            "WHEN x.due_soon THEN 'Review due within 28 days' ELSE 'In date' END, x.subject_id"
        ),
        joins="",
        columns=(
            Column("supervisee", "Supervisee"),
            Column("supervisor", "Supervisor"),
            Column("start", "Started"),
            Column("review", "Date of review"),
            Column("status", "Status"),
        ),
        statuses=(
            Status("met", "Within the review date", "x.met"),
            Status("due_soon", "Review due within 28 days", "x.due_soon"),
            Status("not_met", "Review overdue", "NOT x.met"),
        ),
        order="x.met, x.review_date",
        search=(
            f"{USER.format(col='x.supervisee_id')} || ' ' || {USER.format(col='x.supervisor_id')}"
        ),
        link="contracts:detail",
    )
)

_register(
    ListSpec(
        code=Code.ESCALATIONS,
        title="Risk escalations",
        noun="escalation",
        rows_sql=ind.ESCALATIONS_ROWS,
        select=(
            f"{KIND_LABELS}, (x.raised_at AT TIME ZONE %(tz)s), x.acknowledge_by, "
            "(x.acknowledged_at AT TIME ZONE %(tz)s), CASE WHEN x.met THEN 'Acknowledged in time' "
            "WHEN x.within_time THEN 'Not yet acknowledged (still in time)' "
            "WHEN x.acknowledged_on IS NULL THEN 'Not acknowledged' "
            "ELSE 'Acknowledged late' END, x.subject_id"
        ),
        joins="",
        columns=(
            Column("kind", "Kind"),
            Column("raised", "Raised"),
            Column("deadline", "Acknowledge by"),
            Column("acknowledged", "Acknowledged"),
            Column("status", "Status"),
        ),
        statuses=(
            Status("met", "Acknowledged in time", "x.met"),
            Status("not_met", "Late or not acknowledged", "NOT x.met AND NOT x.within_time"),
            Status("open", "Not yet acknowledged", "x.acknowledged_on IS NULL"),
        ),
        order="x.raised_at DESC",
        link="recording:escalations",
        link_anchor="escalation-",
    )
)


@dataclass(frozen=True)
class Filters:
    status: str = ""
    search: str = ""
    team_id: UUID | None = None

    def describe(self) -> str:
        parts = []
        if self.status:
            parts.append(f"status={self.status}")
        if self.search:
            parts.append("search")
        if self.team_id:
            parts.append("team")
        return ", ".join(parts)


@dataclass
class Page:
    rows: list[tuple]
    count: int
    number: int
    pages: int


def _sql(spec: ListSpec, filters: Filters) -> str:
    where = ["x.agency_id = %(agency)s::uuid", spec.base]
    status = spec.status(filters.status)
    if status is not None:
        where.append(f"({status.condition})")
    if filters.search and spec.search:
        where.append(f"({spec.search}) ILIKE %(like)s")
    if filters.team_id and spec.team:
        where.append(f"{spec.team} = %(team)s::uuid")
    return (
        spec.rows_sql
        + f"\nSELECT {spec.select}, count(*) OVER () FROM rows x {spec.joins}\n"
        + "WHERE "
        + " AND ".join(where)
        + f"\nORDER BY {spec.order}"
    )


def _params(agency_id: UUID, period: Period, filters: Filters, today: date) -> dict:
    params = {
        **ind.parameters([agency_id], [period], today=today),
        **ind.period_parameters(period),
        "agency": agency_id,
        "like": "%"
        + filters.search.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")
        + "%",
        "team": filters.team_id,
    }
    return params


def page_of(
    spec: ListSpec,
    *,
    agency_id: UUID,
    period: Period,
    filters: Filters,
    page: int,
    today: date,
) -> Page:
    """One page of the list: one query."""
    sql = _sql(spec, filters) + "\nLIMIT %(limit)s OFFSET %(offset)s"
    params = _params(agency_id, period, filters, today)
    page = max(1, page)
    params.update(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    count = rows[0][-1] if rows else 0
    if not rows and page > 1:
        return page_of(
            spec, agency_id=agency_id, period=period, filters=filters, page=1, today=today
        )
    return Page(
        rows=[row[:-1] for row in rows],
        count=count,
        number=page,
        pages=max(1, -(-count // PAGE_SIZE)),
    )


def all_rows(
    spec: ListSpec, *, agency_id: UUID, period: Period, filters: Filters, today: date
) -> list[tuple]:
    """Every row (for the CSV), the list's columns only: one query."""
    with connection.cursor() as cursor:
        cursor.execute(_sql(spec, filters), _params(agency_id, period, filters, today))
        return [row[:-2] for row in cursor.fetchall()]
