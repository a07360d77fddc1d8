"""Build the national-size benchmark dataset once, in its own database (spr_bench).

    python scripts/services.py run -- python bench/dataset.py            # scale 1
    python scripts/services.py run -- python bench/dataset.py --scale 0.1
    python scripts/services.py run -- python bench/dataset.py --rebuild

At scale 1: 10 partnerships, 80 agencies (8 each), 30,000 practitioners with 3,760
supervisors, a safeguarding lead and an agency admin per agency, 4 board members and a
partnership admin per partnership; an agreement in force (signed by both, with its
supervision grant) for every practitioner; 150,000 cases; 500,000 signed one-to-one
session records with their reflective parts, an agreed action each and the review of the
previous session's action; 1,500,000 case discussions (3 a record) with their
reflections; a planned session ahead for every pair and a training record per supervisor.
The scale multiplies the people, cases and records; the partnerships and agencies stay.

The rows are made in Python and streamed with COPY (psycopg 3), with triggers off for the
load (the signed-record locks would refuse the parts of a record already signed, exactly
as they should for the app) and secondary indexes built after the rows are in, as a
bulk import would. Then VACUUM ANALYZE. A table `bench_dataset` remembers the scale, the
counts and the build time: a second run with the same scale reuses the data.
"""

import argparse
import itertools
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.database import BENCH_DATABASE, drop_bench_database, use_bench_database  # noqa: E402

PARTNERSHIPS = 10
AGENCIES_PER_PARTNERSHIP = 8
PRACTITIONERS_PER_AGENCY = 375  # 30,000 at scale 1
SUPERVISEES_PER_SUPERVISOR = 8
CASES_PER_PRACTITIONER = 5  # 150,000
DISCUSSIONS_PER_RECORD = 3  # 500,000 records, 1,500,000 discussions
SESSION_INTERVAL_DAYS = 28
TEAMS_PER_AGENCY = 4
BOARD_MEMBERS_PER_PARTNERSHIP = 4
PASSWORD = "Northshire-bench-2026"
META_TABLE = "bench_dataset"

SECTORS = ["childrens_services", "health", "police", "education", "voluntary", "other"]
FIRST = [
    "Amara",
    "Ben",
    "Chloe",
    "Dev",
    "Ewa",
    "Farah",
    "Gus",
    "Hana",
    "Ivan",
    "Jade",
    "Kofi",
    "Lena",
    "Mo",
    "Nia",
    "Olu",
    "Priya",
    "Quinn",
    "Ravi",
    "Sam",
    "Tia",
    "Uma",
    "Vic",
    "Wen",
    "Yusuf",
    "Zoe",
]
LAST = [
    "Adeyemi",
    "Brown",
    "Chen",
    "Davies",
    "Evans",
    "Fischer",
    "Garcia",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nowak",
    "Okafor",
    "Patel",
    "Quinn",
    "Roberts",
    "Shah",
    "Taylor",
    "Usman",
    "Vance",
    "Walsh",
    "Young",
    "Zhou",
]
CATEGORIES = (
    ["child_in_need"] * 40
    + ["child_protection"] * 15
    + ["child_looked_after"] * 10
    + ["early_help"] * 25
    + ["closed"] * 10
)
RAGS = ["green"] * 4 + ["amber"] * 4 + ["red"] * 2
NEEDS = [
    "School attendance down to 78%; hungry on Mondays.",
    "Speech delay; not yet seen by the health visitor.",
    "Missed two dental appointments; home conditions poor.",
    "Young carer for a parent with depression.",
    "Self-harm disclosed to the school nurse.",
    "Frequent moves; not registered with a GP.",
]
RISKS = [
    "Neglect: father not seen since the last review.",
    "Domestic abuse between the adults; police called twice.",
    "Exploitation: seen with older young people late at night.",
    "Parental substance misuse; the child is left alone.",
    "",
]
ENGAGEMENT = [
    "Engages with planned visits only.",
    "Mother engages; father declines contact.",
    "Good engagement; agreed the plan.",
    "Avoids visits; two no-access visits this month.",
]
PLANS = [
    "Weekly visits; referral to the family support service; review in six weeks.",
    "Core group to agree a safety plan; school to monitor attendance daily.",
    "Early help assessment; parenting course; GP registration.",
    "Strategy discussion if any new injury; health assessment booked.",
]
REFLECTIONS = [
    "Seen alone once; quiet and watchful.",
    "Talked about the dog and school; smiled when praised.",
    "Worried about the plan drifting; agreed to escalate if no change.",
    "Partners share information well; the school is key.",
]
WELLBEING = [
    "Tired after a difficult visit; agreed protected time on Friday.",
    "Coping well; caseload is high but manageable.",
    "Upset by a disclosure; offered the staff support line.",
]
AGENDAS = [
    "Caseload review; actions from the last session; wellbeing.",
    "Two CIN cases before review; training needs.",
    "Drift on one case; workload; annual leave cover.",
]
ACTIONS = [
    "Refer to the neglect toolkit and share with the core group",
    "Request attendance figures from the school",
    "Arrange a joint visit with the health visitor",
    "Escalate the drift to the team manager",
]


def _rows_copier():
    """COPY rows for a Django model. A row is a dict keyed by field attname; fields left
    out take their default (called per row when the default is a function), the
    auto_now time, NULL or an empty string, as Django would store them."""
    from django.db import models
    from psycopg.types.json import Jsonb

    now = datetime.now(UTC)

    def fillers(model):
        plan = []
        for field in model._meta.concrete_fields:
            if isinstance(field, models.AutoField):
                continue  # the sequence numbers it
            if field.has_default():
                default = field.default
                plan.append((field, default if callable(default) else None, default))
            elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                plan.append(
                    (field, None, now if isinstance(field, models.DateTimeField) else now.date())
                )
            elif field.null:
                plan.append((field, None, None))
            elif field.blank and field.empty_strings_allowed:
                plan.append((field, None, ""))
            else:
                plan.append((field, "required", None))
        return plan

    def copy(cursor, model, rows) -> int:
        plan = fillers(model)
        json_fields = {
            field.attname for field, _f, _d in plan if isinstance(field, models.JSONField)
        }
        columns = ", ".join(f'"{field.column}"' for field, _f, _d in plan)
        count = 0
        with cursor.copy(f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN') as out:
            for row in rows:
                values = []
                for field, factory, default in plan:
                    name = field.attname
                    if name in row:
                        value = row[name]
                        if name in json_fields:
                            value = Jsonb(value)
                    elif factory == "required":
                        raise ValueError(f"{model.__name__}.{name} needs a value")
                    elif factory is not None:
                        value = factory()
                        if name in json_fields:
                            value = Jsonb(value)
                    else:
                        value = default
                    values.append(value)
                out.write_row(values)
                count += 1
        return count

    return copy


def _uuid() -> uuid.UUID:
    return uuid.uuid4()


def build(scale: float) -> dict:
    """Write every table. Returns the counts."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Permission
    from django.db import connection

    from agencies.models import (
        Agency,
        Membership,
        Partnership,
        PartnershipMembership,
        Team,
        User,
    )
    from contracts.models import Agreement, MembershipUserObjectPermission, TrainingRecord
    from recording.models import (
        ActionReview,
        AgreedAction,
        CaseDiscussion,
        CaseDiscussionReflection,
        SessionRecord,
        SessionReflection,
    )
    from supervision.models import Case, PlannedSession

    copy = _rows_copier()
    today = date.today()
    now = datetime.now(UTC)
    per_agency = max(SUPERVISEES_PER_SUPERVISOR, round(PRACTITIONERS_PER_AGENCY * scale))
    supervisors_per_agency = -(-per_agency // SUPERVISEES_PER_SUPERVISOR)
    password = make_password(PASSWORD)
    permission_id = Permission.objects.get(codename="supervise_membership").id
    counts: dict[str, int] = {}
    timings: dict[str, float] = {}

    def name(n: int) -> str:
        return f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]}"

    # --- Tenants and people ------------------------------------------------------------
    partnerships = [
        {"id": _uuid(), "name": f"Bench partnership {p + 1:02}"} for p in range(PARTNERSHIPS)
    ]
    agencies, teams = [], []
    for p, partnership in enumerate(partnerships):
        for a in range(AGENCIES_PER_PARTNERSHIP):
            number = p * AGENCIES_PER_PARTNERSHIP + a + 1
            agency = {
                "id": _uuid(),
                "partnership_id": partnership["id"],
                "name": f"Bench agency {number:02}",
                "sector": SECTORS[a % len(SECTORS)],
            }
            agencies.append(agency)
            for t in range(TEAMS_PER_AGENCY):
                teams.append({"id": _uuid(), "agency_id": agency["id"], "name": f"Team {t + 1}"})

    users, memberships, partnership_memberships = [], [], []
    # Per agency: supervisors [(user_id, membership_id)], practitioners likewise.
    staff: list[dict] = []
    serial = itertools.count(1)

    def person(agency, roles, contact="direct", team=None, job="Social worker"):
        n = next(serial)
        user = {
            "id": _uuid(),
            "email": f"person{n:06}@{agency['name'].lower().replace(' ', '-')}.bench.invalid",
            "full_name": name(n),
            "password": password,
            "date_joined": now,
        }
        users.append(user)
        membership = {
            "id": _uuid(),
            "user_id": user["id"],
            "agency_id": agency["id"],
            "team_id": team,
            "roles": roles,
            "job_title": job,
            "contact_type": contact,
            "start_date": today - timedelta(days=1100 + n % 700),
        }
        memberships.append(membership)
        return user["id"], membership["id"]

    for index, agency in enumerate(agencies):
        agency_teams = [t["id"] for t in teams if t["agency_id"] == agency["id"]]
        lead = person(agency, ["safeguarding_lead"], job="Designated safeguarding lead")
        admin = person(agency, ["agency_admin"], job="Business support")
        supervisors = [
            person(
                agency,
                ["supervisor"],
                team=agency_teams[s % TEAMS_PER_AGENCY],
                job="Practice supervisor",
            )
            for s in range(supervisors_per_agency)
        ]
        practitioners = [
            person(
                agency,
                ["practitioner"],
                contact="direct" if i % 5 else "indirect",
                team=agency_teams[(i // SUPERVISEES_PER_SUPERVISOR) % TEAMS_PER_AGENCY],
            )
            for i in range(per_agency)
        ]
        staff.append(
            {
                "agency": agency,
                "lead": lead,
                "admin": admin,
                "supervisors": supervisors,
                "practitioners": practitioners,
                "index": index,
            }
        )
    for p, partnership in enumerate(partnerships):
        pseudo_agency = {"name": f"partnership-{p + 1:02}"}
        for b in range(BOARD_MEMBERS_PER_PARTNERSHIP + 1):
            n = next(serial)
            user = {
                "id": _uuid(),
                "email": f"person{n:06}@{pseudo_agency['name']}.bench.invalid",
                "full_name": name(n),
                "password": password,
                "date_joined": now,
            }
            users.append(user)
            partnership_memberships.append(
                {
                    "id": _uuid(),
                    "user_id": user["id"],
                    "partnership_id": partnership["id"],
                    "roles": ["partnership_admin"] if b == 0 else ["board_member"],
                }
            )

    # --- Agreements, grants, training, cases -----------------------------------------
    agreements, grants, training, cases, planned = [], [], [], [], []
    pairs = []  # (agency_id, supervisor_id, practitioner_id, agreement_id, case ids, g)
    g = 0
    for block in staff:
        agency_id = block["agency"]["id"]
        for s, (supervisor_id, _membership_id) in enumerate(block["supervisors"]):
            training.append(
                {
                    "agency_id": agency_id,
                    "supervisor_id": supervisor_id,
                    "course": "Safeguarding supervision skills",
                    "provider": "Bench safeguarding children partnership",
                    "completed_on": today - timedelta(days=(s * 37 + block["index"] * 11) % 1200),
                    "recorded_by_id": block["lead"][0],
                }
            )
        for i, (practitioner_id, membership_id) in enumerate(block["practitioners"]):
            supervisor_id = block["supervisors"][i // SUPERVISEES_PER_SUPERVISOR][0]
            start = today - timedelta(days=500 + g % 200)
            signed = datetime.combine(start, clock(10), tzinfo=UTC)
            agreement = {
                "id": _uuid(),
                "agency_id": agency_id,
                "supervisor_id": supervisor_id,
                "supervisee_id": practitioner_id,
                "status": "active",
                "form": "one_to_one",
                "frequency_weeks": 4,
                "duration_minutes": 90,
                "start_date": start,
                "review_date": today + timedelta(days=(g % 400) - 30),
                "template": "direct" if i % 5 else "indirect",
                "created_by_id": supervisor_id,
                "protected_time": "Room booked; phones off; no interruptions.",
                "supervisor_responsibilities": "Keep sessions protected; record within 5 days.",
                "supervisee_responsibilities": "Prepare the cases; bring an agenda.",
                "session_agenda_items": "Cases where contact with the family is indirect.",
                "sent_for_signatures_at": signed,
                "supervisor_signed_at": signed,
                "supervisee_signed_at": signed,
                "activated_at": signed,
            }
            agreements.append(agreement)
            grants.append(
                {
                    "user_id": supervisor_id,
                    "permission_id": permission_id,
                    "content_object_id": membership_id,
                    "agency_id": agency_id,
                }
            )
            case_ids = []
            for c in range(CASES_PER_PRACTITIONER):
                number = g * CASES_PER_PRACTITIONER + c
                category = CATEGORIES[(number * 7) % len(CATEGORIES)]
                meeting_type, meeting_on = "", None
                if category == "child_in_need":
                    meeting_type = "cin_review"
                    meeting_on = today + timedelta(days=(number * 13) % 120 - 10)
                elif category == "child_protection":
                    meeting_type = "core_group"
                    meeting_on = today + timedelta(days=(number * 11) % 60)
                case = {
                    "id": _uuid(),
                    "agency_id": agency_id,
                    "reference": f"BN-{number:07}",
                    "initials": FIRST[number % len(FIRST)][0] + LAST[number % len(LAST)][0],
                    "year_of_birth": 2008 + number % 18,
                    "category": category,
                    "allocated_practitioner_id": practitioner_id,
                    "next_meeting_type": meeting_type,
                    "next_meeting_on": meeting_on,
                    "created_at": now,
                    "updated_at": now,
                }
                cases.append(case)
                case_ids.append(case["id"])
            starts = datetime.combine(today + timedelta(days=7 + g % 21), clock(10), tzinfo=UTC)
            planned.append(
                {
                    "agency_id": agency_id,
                    "supervisor_id": supervisor_id,
                    "supervisee_id": practitioner_id,
                    "agreement_id": agreement["id"],
                    "starts_at": starts,
                    "ends_at": starts + timedelta(minutes=90),
                    "setting": "in_person",
                    "location": "Meeting room 2",
                    "created_by_id": supervisor_id,
                }
            )
            pairs.append((agency_id, supervisor_id, practitioner_id, agreement["id"], case_ids, g))
            g += 1

    # --- The sessions: dates first, so each case knows when it was last discussed -----
    # Practitioner g has 16 or 17 sessions (500,000 at scale 1), 28 days apart, the latest
    # 1 to 35 days ago (so some are overdue); session j discusses 3 of their 5 cases.
    last_discussed: dict = {}
    pair_rows = []
    for agency_id, supervisor_id, practitioner_id, agreement_id, case_ids, g in pairs:
        sessions = 16 if g % 3 == 0 else 17
        latest = today - timedelta(days=1 + (g * 7) % 35)
        for j in range(sessions):
            on = latest - timedelta(days=SESSION_INTERVAL_DAYS * (sessions - 1 - j))
            for t in range(DISCUSSIONS_PER_RECORD):
                case_id = case_ids[(j * DISCUSSIONS_PER_RECORD + t) % CASES_PER_PRACTITIONER]
                if last_discussed.get(case_id, date.min) < on:
                    last_discussed[case_id] = on
        pair_rows.append(
            (g, agency_id, supervisor_id, practitioner_id, agreement_id, case_ids, sessions, latest)
        )
    for case in cases:
        case["last_discussed_on"] = last_discussed.get(case["id"])

    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # the psycopg cursor, for COPY

        def load(model, rows) -> None:
            started = time.perf_counter()
            counts[model._meta.db_table] = copy(cursor, model, rows)
            timings[model._meta.db_table] = time.perf_counter() - started

        def insert(model, values: dict[str, str], source: str) -> None:
            started = time.perf_counter()
            counts[model._meta.db_table] = insert_select(cursor, model, values, source)
            timings[model._meta.db_table] = time.perf_counter() - started

        load(Partnership, partnerships)
        load(Agency, agencies)
        load(Team, teams)
        load(User, users)
        load(Membership, memberships)
        load(PartnershipMembership, partnership_memberships)
        load(Agreement, agreements)
        load(MembershipUserObjectPermission, grants)
        load(TrainingRecord, training)
        load(Case, cases)
        load(PlannedSession, planned)

        # The records and their parts are made by the database from this plan of pairs.
        cursor.execute(
            "CREATE TEMP TABLE bench_pair (g int, agency_id uuid, supervisor_id uuid, "
            "supervisee_id uuid, agreement_id uuid, case_ids uuid[], sessions int, latest date)"
            " ON COMMIT DROP"
        )
        with cursor.copy("COPY bench_pair FROM STDIN") as out:
            for row in pair_rows:
                out.write_row(row)
        cursor.execute(
            f"""
            CREATE TEMP TABLE bench_record ON COMMIT DROP AS
            SELECT r.*,
                   lag(r.id) OVER w AS previous_id,
                   lead(r.id) OVER w AS next_id,
                   lead(r.session_date) OVER w AS next_date
            FROM (
                SELECT p.g, j.j, p.agency_id, p.supervisor_id, p.supervisee_id,
                       p.agreement_id, p.case_ids, p.sessions,
                       p.latest - {SESSION_INTERVAL_DAYS} * (p.sessions - 1 - j.j) AS session_date,
                       gen_random_uuid() AS id, gen_random_uuid() AS action_id
                FROM bench_pair p, generate_series(0, p.sessions - 1) AS j(j)
            ) r
            WINDOW w AS (PARTITION BY r.g ORDER BY r.j)
            """
        )
        at = "(r.session_date + time '{}') AT TIME ZONE 'UTC'"
        insert(
            SessionRecord,
            {
                "id": "r.id",
                "agency_id": "r.agency_id",
                "supervisor_id": "r.supervisor_id",
                "supervisee_id": "r.supervisee_id",
                "agreement_id": "r.agreement_id",
                "previous_record_id": "r.previous_id",
                "session_date": "r.session_date",
                "start_time": "time '10:00'",
                "end_time": "time '11:30'",
                "mode": "CASE WHEN mod(r.j, 4) = 0 THEN 'virtual' ELSE 'in_person' END",
                "was_uninterrupted": "mod(r.j, 6) <> 0",
                "agenda": _pick(AGENDAS, "r.j"),
                "next_session_on": f"r.session_date + {SESSION_INTERVAL_DAYS}",
                "status": "'signed'",
                "version": "3",
                "last_saved_by_id": "r.supervisor_id",
                "supervisor_signed_at": at.format("16:00"),
                "supervisee_signed_at": at.format("16:00") + " + interval '20 hours'",
                "supervisee_agrees": "true",
                "created_by_id": "r.supervisor_id",
                "created_at": at.format("16:00"),
                "updated_at": at.format("16:00"),
            },
            # Rows arrive in the order sessions happen, across agencies, as in life.
            "bench_record r ORDER BY r.session_date, r.g",
        )
        insert(
            SessionReflection,
            {
                "agency_id": "r.agency_id",
                "record_id": "r.id",
                "wellbeing": _pick(WELLBEING, "r.j"),
                "learning": "'Reading on neglect and cumulative harm.'",
            },
            "bench_record r ORDER BY r.session_date, r.g",
        )

        # A case has a usual rating (most green; some amber, a few red) that 15% of its
        # discussions depart from: hashes of its place, so every build is the same.
        def unit(key: str) -> str:  # 0..99 from a hash of the key
            return f"mod(hashint8({key})::bigint + 2147483648, 100)"

        case_position = f"mod(r.j * {DISCUSSIONS_PER_RECORD} + t.t - 1, {CASES_PER_PRACTITIONER})"
        usual = unit(f"r.g::bigint * 8 + {case_position}")
        noise = unit("(r.g::bigint * 64 + r.j) * 4 + t.t")
        rag = (
            f"CASE WHEN {noise} < 85 THEN "
            f"CASE WHEN {usual} < 70 THEN 'green' WHEN {usual} < 92 THEN 'amber' ELSE 'red' END "
            f"ELSE ({_array(RAGS)})[1 + mod({noise}, {len(RAGS)})] END"
        )
        k = "(x.j + x.t + x.g)"
        insert(
            CaseDiscussion,
            {
                "agency_id": "x.agency_id",
                "record_id": "x.id",
                "case_id": "x.case_id",
                "position": "x.t",
                "needs": _pick(NEEDS, k),
                "risks": _pick(RISKS, k),
                "engagement": _pick(ENGAGEMENT, k),
                "plan": _pick(PLANS, k),
                "rag": "x.rag",
                "drift_amendment": f"CASE WHEN x.rag = 'red' THEN {_pick(PLANS, k)} ELSE '' END",
                "case_record_updated": "true",
                "created_at": "(x.session_date + time '11:00') AT TIME ZONE 'UTC'",
            },
            f"""(
                SELECT r.g, r.j, t.t, r.agency_id, r.id, r.session_date,
                       r.case_ids[1 + {case_position}] AS case_id, {rag} AS rag
                FROM bench_record r, generate_series(1, {DISCUSSIONS_PER_RECORD}) AS t(t)
            ) x ORDER BY x.session_date, x.g, x.t""",
        )
        insert(
            CaseDiscussionReflection,
            {
                "agency_id": "d.agency_id",
                "record_id": "d.record_id",
                "discussion_id": "d.id",
                "quality_child": _pick(REFLECTIONS, "d.position"),
                "outcomes": "'Regular attendance; appointments kept.'",
            },
            "recording_casediscussion d ORDER BY d.created_at",
        )
        # One action a session; the next session reviews it. The latest stays open, the one
        # before is done, in progress or not done; older ones were done in the end.
        status = "(ARRAY['done', 'done', 'in_progress', 'not_done'])[1 + mod(r.j, 4)]"
        insert(
            AgreedAction,
            {
                "id": "r.action_id",
                "agency_id": "r.agency_id",
                "record_id": "r.id",
                "description": _pick(ACTIONS, "r.j"),
                "owner_id": "r.supervisee_id",
                "due_on": "r.session_date + 14",
                "case_id": "r.case_ids[1 + mod(r.j * 3, 5)]",
                "position": "1",
                "status": f"CASE WHEN r.next_id IS NULL THEN 'open' "
                f"WHEN r.j = r.sessions - 2 THEN {status} ELSE 'done' END",
                "status_changed_on": "r.next_date",
                "created_at": at.format("11:20"),
            },
            "bench_record r ORDER BY r.session_date, r.g",
        )
        insert(
            ActionReview,
            {
                "agency_id": "r.agency_id",
                "record_id": "r.next_id",
                "action_id": "r.action_id",
                "status": status,
            },
            "bench_record r WHERE r.next_id IS NOT NULL ORDER BY r.next_date, r.g",
        )
    return {"counts": counts, "timings": timings}


def _array(texts: list[str]) -> str:
    """A SQL array literal of fixed texts (ours, no user input), for the pickers below."""
    quoted = ", ".join("'" + text.replace("'", "''") + "'" for text in texts)
    return f"ARRAY[{quoted}]::text[]"


def _pick(texts: list[str], number: str) -> str:
    """SQL choosing one of the texts by a number (the same text for the same number)."""
    return f"({_array(texts)})[1 + mod({number}, {len(texts)})]"


def _default_sql(field, cursor) -> str:
    """What Django would store for a field the row leaves out, as SQL."""
    from django.db import connection, models
    from psycopg import sql

    if field.has_default():
        default = field.default
        if default is uuid.uuid4:
            return "gen_random_uuid()"
        value = default() if callable(default) else default
        return sql.Literal(field.get_db_prep_save(value, connection)).as_string(cursor)
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return "now()" if isinstance(field, models.DateTimeField) else "current_date"
    if field.null:
        return "NULL"
    if field.blank and field.empty_strings_allowed:
        return "''"
    raise ValueError(f"{field.model.__name__}.{field.attname} needs a value")


def insert_select(cursor, model, values: dict[str, str], source: str) -> int:
    """INSERT INTO the model's table SELECT the given SQL expressions FROM source; every
    other column takes its Django default. Returns the number of rows."""
    from django.db import models

    columns, expressions = [], []
    for field in model._meta.concrete_fields:
        if field.attname in values:
            columns.append(f'"{field.column}"')
            expressions.append(values[field.attname])
        elif not isinstance(field, models.AutoField):
            columns.append(f'"{field.column}"')
            expressions.append(_default_sql(field, cursor))
    unknown = set(values) - {f.attname for f in model._meta.concrete_fields}
    if unknown:
        raise ValueError(f"{model.__name__} has no field {sorted(unknown)}")
    cursor.execute(
        f'INSERT INTO "{model._meta.db_table}" ({", ".join(columns)}) '  # noqa: S608
        f"SELECT {', '.join(expressions)} FROM {source}"
    )
    return cursor.rowcount


# --- Doing the load fast and safely --------------------------------------------------------


def _secondary_indexes(cursor, tables: list[str]) -> list[tuple[str, str]]:
    """Indexes that no constraint owns (constraint-backed ones stay), with their DDL."""
    cursor.execute(
        """
        SELECT i.relname, pg_get_indexdef(i.oid)
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relname = ANY(%s)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        """,
        [tables],
    )
    return cursor.fetchall()


def load_everything(scale: float) -> dict:
    from django.apps import apps
    from django.db import connection, transaction

    tables = [model._meta.db_table for model in apps.get_models()]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        is_superuser = cursor.fetchone()[0]
        if is_superuser:
            # Off for this transaction only: user triggers and foreign-key checks.
            cursor.execute("SET LOCAL session_replication_role = replica")
        else:
            for table in tables:
                cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        indexes = _secondary_indexes(cursor, tables)
        for index_name, _ddl in indexes:
            cursor.execute(f'DROP INDEX "{index_name}"')
        started = time.perf_counter()
        result = build(scale)
        rows_seconds = time.perf_counter() - started
        started = time.perf_counter()
        for _name, ddl in indexes:
            cursor.execute(ddl)
        result["index_seconds"] = time.perf_counter() - started
        result["rows_seconds"] = rows_seconds
        if not is_superuser:
            for table in tables:
                cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')
    return result


def _meta(cursor):
    cursor.execute("SELECT to_regclass(%s)", [META_TABLE])
    if cursor.fetchone()[0] is None:
        return None
    cursor.execute(f"SELECT scale, built_at, seconds, counts FROM {META_TABLE}")  # noqa: S608
    return cursor.fetchone()


def _has_rows(cursor) -> bool:
    cursor.execute("SELECT EXISTS (SELECT 1 FROM agencies_agency)")
    return cursor.fetchone()[0]


def ensure_dataset(scale: float = 1.0, *, rebuild: bool = False, quiet: bool = False) -> dict:
    """The dataset at this scale: reused when it is there, built (from an empty database)
    when it is not. Returns {"scale", "built_at", "seconds", "counts", "reused"}."""
    import json

    import django
    from django.core.management import call_command
    from django.db import connection

    say = (lambda *a: None) if quiet else print
    if rebuild:
        say(f"Dropping {BENCH_DATABASE} to build it again.")
        drop_bench_database()
    use_bench_database()
    django.setup()
    from tenancy.role import operator_process

    operator_process()  # row-level security: builds every agency's rows, VACUUMs as owner
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        meta = _meta(cursor)
        stale = meta is not None and abs(meta[0] - scale) > 1e-9
        if meta is None:
            stale = _has_rows(cursor)  # a build that stopped half-way
    if meta is not None and not stale:
        say(f"Reusing the dataset in {BENCH_DATABASE} (scale {meta[0]}, built {meta[1]:%Y-%m-%d}).")
        return {
            "scale": meta[0],
            "built_at": meta[1],
            "seconds": meta[2],
            "counts": json.loads(meta[3]) if isinstance(meta[3], str) else meta[3],
            "reused": True,
        }
    if stale:
        say(f"Dropping {BENCH_DATABASE} to build it again.")
        connection.close()
        drop_bench_database()
        use_bench_database()
        call_command("migrate", verbosity=0)
    say(f"Building the dataset in {BENCH_DATABASE} at scale {scale}...")
    started = time.perf_counter()
    result = load_everything(scale)
    with connection.cursor() as cursor:
        vacuum_started = time.perf_counter()
        cursor.execute("VACUUM ANALYZE")
        result["vacuum_seconds"] = time.perf_counter() - vacuum_started
        seconds = time.perf_counter() - started
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {META_TABLE} "
            "(scale double precision, built_at timestamptz, seconds double precision, counts jsonb)"
        )
        cursor.execute(f"DELETE FROM {META_TABLE}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {META_TABLE} VALUES (%s, now(), %s, %s)",  # noqa: S608
            [scale, seconds, json.dumps(result["counts"])],
        )
    for table, count in result["counts"].items():
        say(f"  {table:40} {count:>10,} rows in {result['timings'][table]:6.1f} s")
    say(
        f"Rows {result['rows_seconds']:.0f} s, indexes {result['index_seconds']:.0f} s, "
        f"VACUUM ANALYZE {result['vacuum_seconds']:.0f} s; {seconds:.0f} s in all."
    )
    return {
        "scale": scale,
        "built_at": datetime.now(UTC),
        "seconds": seconds,
        "counts": result["counts"],
        "reused": False,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 30,000 practitioners")
    parser.add_argument("--rebuild", action="store_true", help="drop the dataset and build it")
    args = parser.parse_args()
    ensure_dataset(args.scale, rebuild=args.rebuild)


if __name__ == "__main__":
    main()
