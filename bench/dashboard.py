"""Time the assurance dashboards and the board's report on a large partnership.

    python scripts/services.py run -- python bench/dashboard.py

Builds (once; `--rebuild` to build again) a database of its own (`spr_bench_assurance`,
whatever the app's database is called) holding one partnership of 50 agencies, 20,000 practitioners
(plus 2,000 supervisors and a lead per agency), 100,000 cases, 333,334 signed session
records with 1,000,000 case discussions, an agreed action per record, escalations,
training, agreements, an evaluation per agency and workforce figures. The rows are made
by the database itself (INSERT ... SELECT over generate_series, with triggers off for the
load, as a bulk load would), so the build takes a few minutes, not hours.

Then it prints, for a safeguarding lead's dashboard (one agency, this quarter) and the
partnership board's dashboard (50 agencies, the quarter and a four-quarter trend):
- the page's median and 95th-percentile response time through Django's test client (the
  full middleware stack, no network);
- the same indicator SQL run directly on a cursor (median and 95th percentile);
and the time to generate the board's assurance report (figures, PDF, XLSX, CSV).
Targets: the lead's page under 300 ms and at most twice its SQL; the report under 30 s.
"""

import argparse
import os
import statistics
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# A database of its own (BENCH_DATABASE_NAME to choose another): never the app's.
BENCH_DATABASE = os.environ.get("BENCH_DATABASE_NAME", "spr_bench_assurance")


def _use_bench_database() -> None:
    """Point DATABASE_URL at the bench database (created if missing)."""
    import psycopg

    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/spr")
    parts = urlsplit(url)
    bench = urlunsplit(parts._replace(path="/" + BENCH_DATABASE))
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    os.environ["DATABASE_URL"] = bench


_use_bench_database()
# Sign-in and the second factor are not what is measured (the test client's force_login
# gives no second factor): the pages are timed as a signed-in, verified person sees them.
os.environ["SPR_ENFORCE_2FA"] = "false"

import logging  # noqa: E402

import django  # noqa: E402

django.setup()

from tenancy.role import operator_process  # noqa: E402

operator_process()  # row-level security: builds and reads every agency's rows
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.results import report as emit  # noqa: E402

# BENCH_AGENCIES scales the dataset by its number of agencies (50 by default), each agency
# keeping the same shape (400 practitioners, 40 supervisors, 2,000 cases, 20,000
# discussions): a quick run at a smaller scale with the same per-agency figures. Give it a
# database of its own (BENCH_DATABASE_NAME) so the full-size one is not mixed with it.
AGENCIES = int(os.environ.get("BENCH_AGENCIES", "50"))
PRACTITIONERS = 400 * AGENCIES  # 20,000 at 50 agencies
SUPERVISORS = 40 * AGENCIES  # 2,000: 40 per agency, each supervising 10 practitioners
CASES = 5 * PRACTITIONERS  # 100,000: 5 per practitioner
DISCUSSIONS = 20_000 * AGENCIES  # 1,000,000

PER_RECORD = 3
RECORDS = -(-DISCUSSIONS // PER_RECORD)  # 333,334 at 50 agencies
PARTNERSHIP = "Bench Safeguarding Children Partnership"
BENCH = "dashboard"

# Every statement below generates its rows in the database. Users are numbered: the
# practitioner g works in agency g % 50; the supervisor h in agency h % 50; practitioner
# g is supervised by h = ((g / 50) % 40) * 50 + g % 50; case c belongs to agency c % 50
# and is allocated to practitioner ((c / 50) % 400) * 50 + c % 50.
BUILD = [
    "SELECT setseed(0.42)",
    """CREATE TEMP TABLE b_agency AS
       SELECT g AS idx, gen_random_uuid() AS id FROM generate_series(0, %(agencies)s - 1) g""",
    """INSERT INTO agencies_partnership (id, name, created_at)
       VALUES (gen_random_uuid(), %(partnership)s, now())""",
    """INSERT INTO agencies_agency (id, name, sector, created_at, partnership_id)
       SELECT a.id, 'Bench agency ' || lpad(a.idx::text, 2, '0'), 'childrens_services', now(),
              (SELECT id FROM agencies_partnership WHERE name = %(partnership)s)
       FROM b_agency a""",
    """CREATE TEMP TABLE b_team AS
       SELECT a.idx AS agency_idx, t, a.id AS agency_id, gen_random_uuid() AS id
       FROM b_agency a, generate_series(0, 3) t""",
    """INSERT INTO agencies_team (id, name, agency_id)
       SELECT id, 'Team ' || t, agency_id FROM b_team""",
    """CREATE TEMP TABLE b_user AS
       SELECT g AS idx, 'practitioner' AS kind, g %% %(agencies)s AS agency_idx,
              gen_random_uuid() AS id
       FROM generate_series(0, %(practitioners)s - 1) g
       UNION ALL
       SELECT h, 'supervisor', h %% %(agencies)s, gen_random_uuid()
       FROM generate_series(0, %(supervisors)s - 1) h
       UNION ALL
       SELECT l, 'lead', l, gen_random_uuid() FROM generate_series(0, %(agencies)s - 1) l""",
    "CREATE INDEX ON b_user (kind, idx)",
    """INSERT INTO agencies_user
           (id, password, last_login, is_superuser, email, full_name, is_active, is_staff,
            date_joined)
       SELECT id, '!', NULL, false, kind || idx || '@bench.example',
              initcap(kind) || ' ' || idx, true, false, now()
       FROM b_user""",
    """INSERT INTO agencies_membership
           (id, roles, job_title, contact_type, start_date, ended_on, created_at, agency_id,
            user_id, team_id)
       SELECT gen_random_uuid(),
              CASE u.kind WHEN 'practitioner' THEN ARRAY['practitioner']
                          WHEN 'supervisor' THEN ARRAY['supervisor']
                          ELSE ARRAY['safeguarding_lead'] END,
              initcap(u.kind),
              CASE WHEN u.kind = 'practitioner' AND random() < 0.2 THEN 'indirect'
                   ELSE 'direct' END,
              CASE WHEN u.kind = 'practitioner' AND random() < 0.05
                   THEN current_date - (random() * 150)::int
                   ELSE current_date - 400 - (random() * 1500)::int END,
              NULL, now(), a.id, u.id, t.id
       FROM b_user u
       JOIN b_agency a ON a.idx = u.agency_idx
       JOIN b_team t ON t.agency_idx = u.agency_idx AND t.t = u.idx %% 4""",
    # Agreements: 95% of practitioners have one in force; a quarter of those replaced an
    # earlier version (superseded the day the new one came into force).
    """CREATE TEMP TABLE b_agreement AS
       SELECT p.idx, p.id AS supervisee_id, s.id AS supervisor_id, a.id AS agency_id,
              gen_random_uuid() AS series_id,
              current_date - (30 + random() * 700)::int AS start_date,
              (4 + (random() * 4)::int) AS weeks, random() < 0.25 AS has_previous
       FROM b_user p
       JOIN b_agency a ON a.idx = p.agency_idx
       JOIN b_user s ON s.kind = 'supervisor'
                    AND s.idx = ((p.idx / %(agencies)s) %% 40) * %(agencies)s + p.agency_idx
       WHERE p.kind = 'practitioner' AND p.idx %% 20 <> 0""",
    """INSERT INTO contracts_agreement
           (id, status, form, frequency_weeks, duration_minutes, start_date, review_date,
            ended_on, created_at, agency_id, supervisee_id, supervisor_id, activated_at,
            agenda_setting, created_by_id, disagreement_escalation, end_reason, ended_by_id,
            future_agenda_items, learning_and_development, notice_of_changes, preparation,
            protected_time, recording, revision, role_opportunities, sent_for_signatures_at,
            series_id, session_agenda_items, supervisee_responsibilities,
            supervisee_signed_at, supervisor_responsibilities, supervisor_signed_at,
            template, updated_at, version, workload_escalation)
       SELECT gen_random_uuid(), 'active', 'one_to_one', b.weeks, 90, b.start_date,
              b.start_date + 365, NULL, now(), b.agency_id, b.supervisee_id, b.supervisor_id,
              b.start_date::timestamptz, '', b.supervisor_id, '', '', NULL, '', '', '', '',
              '', '', 1, '', b.start_date::timestamptz, b.series_id, '', 'Prepare.',
              b.start_date::timestamptz, 'Protect the time.', b.start_date::timestamptz,
              'direct', now(), CASE WHEN b.has_previous THEN 2 ELSE 1 END, ''
       FROM b_agreement b""",
    """INSERT INTO contracts_agreement
           (id, status, form, frequency_weeks, duration_minutes, start_date, review_date,
            ended_on, created_at, agency_id, supervisee_id, supervisor_id, activated_at,
            agenda_setting, created_by_id, disagreement_escalation, end_reason, ended_by_id,
            future_agenda_items, learning_and_development, notice_of_changes, preparation,
            protected_time, recording, revision, role_opportunities, sent_for_signatures_at,
            series_id, session_agenda_items, supervisee_responsibilities,
            supervisee_signed_at, supervisor_responsibilities, supervisor_signed_at,
            template, updated_at, version, workload_escalation)
       SELECT gen_random_uuid(), 'superseded', 'one_to_one', 6, 90, b.start_date - 365,
              b.start_date, b.start_date, now(), b.agency_id, b.supervisee_id,
              b.supervisor_id, (b.start_date - 365)::timestamptz, '', b.supervisor_id, '',
              '', NULL, '', '', '', '', '', '', 1, '', (b.start_date - 365)::timestamptz,
              b.series_id, '', 'Prepare.', (b.start_date - 365)::timestamptz,
              'Protect the time.', (b.start_date - 365)::timestamptz, 'direct', now(), 1, ''
       FROM b_agreement b WHERE b.has_previous""",
    """INSERT INTO contracts_trainingrecord
           (id, course, provider, completed_on, evidence, evidence_filename,
            evidence_content_type, recorded_at, agency_id, recorded_by_id, supervisor_id)
       SELECT gen_random_uuid(), 'Supervision skills', 'Bench partnership',
              current_date - (random() * 1300)::int, '', '', '', now(), a.id, u.id, u.id
       FROM b_user u JOIN b_agency a ON a.idx = u.agency_idx
       WHERE u.kind = 'supervisor' AND u.idx %% 10 <> 0""",
    # Cases: 40% Child in Need, then child protection, looked after, early help, closed.
    """CREATE TEMP TABLE b_case AS
       SELECT c AS idx, gen_random_uuid() AS id, a.id AS agency_id, p.id AS practitioner_id,
              CASE WHEN r < 0.40 THEN 'child_in_need' WHEN r < 0.60 THEN 'child_protection'
                   WHEN r < 0.70 THEN 'child_looked_after' WHEN r < 0.85 THEN 'early_help'
                   ELSE 'closed' END AS category,
              now() - make_interval(days => 750 + (random() * 400)::int) AS created_at,
              random() < 0.2 AS changed
       FROM (SELECT c, random() AS r FROM generate_series(0, %(cases)s - 1) c) x
       JOIN b_agency a ON a.idx = x.c %% %(agencies)s
       JOIN b_user p ON p.kind = 'practitioner'
                    AND p.idx = ((x.c / %(agencies)s) %% 400) * %(agencies)s
                                + x.c %% %(agencies)s""",
    "CREATE INDEX ON b_case (idx)",
    """INSERT INTO supervision_case
           (id, reference, initials, year_of_birth, category, next_meeting_type,
            next_meeting_on, last_discussed_on, created_at, updated_at, agency_id,
            allocated_practitioner_id)
       SELECT id, 'BENCH-' || lpad(idx::text, 6, '0'), 'AB', 2010 + idx %% 10, category,
              CASE WHEN category IN ('child_in_need', 'child_protection') AND idx %% 2 = 0
                   THEN CASE WHEN category = 'child_in_need' THEN 'cin_review'
                             ELSE 'core_group' END
                   ELSE '' END,
              CASE WHEN category IN ('child_in_need', 'child_protection') AND idx %% 2 = 0
                   THEN current_date - 60 + (random() * 150)::int END,
              NULL, created_at, now(), agency_id, practitioner_id
       FROM b_case""",
    """INSERT INTO supervision_casecategorychange
           (id, from_category, to_category, changed_on, source, created_at, agency_id,
            case_id, changed_by_id)
       SELECT gen_random_uuid(), '', CASE WHEN changed THEN 'early_help' ELSE category END,
              created_at::date, 'import', created_at, agency_id, id, NULL
       FROM b_case""",
    """INSERT INTO supervision_casecategorychange
           (id, from_category, to_category, changed_on, source, created_at, agency_id,
            case_id, changed_by_id)
       SELECT gen_random_uuid(), 'early_help', category,
              created_at::date + 30 + (random() * 300)::int, 'manual', now(), agency_id, id,
              NULL
       FROM b_case WHERE changed""",
    # Session records: each practitioner every 42 days for two years; 95% signed.
    """CREATE TEMP TABLE b_record AS
       SELECT r AS idx, gen_random_uuid() AS id, p.id AS supervisee_id, s.id AS supervisor_id,
              a.id AS agency_id, p.idx AS practitioner_idx,
              current_date - ((r / %(practitioners)s) * 42 + (r %% 42)) AS session_date,
              random() < 0.95 AS signed
       FROM generate_series(0, %(records)s - 1) r
       JOIN b_user p ON p.kind = 'practitioner' AND p.idx = r %% %(practitioners)s
       JOIN b_agency a ON a.idx = p.agency_idx
       JOIN b_user s ON s.kind = 'supervisor'
                    AND s.idx = ((p.idx / %(agencies)s) %% 40) * %(agencies)s + p.agency_idx""",
    "CREATE INDEX ON b_record (idx)",
    """INSERT INTO recording_sessionrecord
           (id, session_date, start_time, end_time, mode, was_uninterrupted, agenda,
            next_session_on, status, version, supervisor_signed_at, supervisee_signed_at,
            supervisee_agrees, supervisee_disagreement, created_at, updated_at, agency_id,
            agreement_id, created_by_id, last_saved_by_id, previous_record_id, supervisee_id,
            supervisor_id, kind)
       SELECT id, session_date, '10:00', '11:30', 'in_person', true, 'Caseload review',
              session_date + 42, CASE WHEN signed THEN 'signed' ELSE 'draft' END, 3,
              CASE WHEN signed THEN session_date::timestamptz END,
              CASE WHEN signed THEN session_date::timestamptz END,
              CASE WHEN signed THEN true END, '', session_date::timestamptz, now(),
              agency_id, NULL, supervisor_id, supervisor_id, NULL, supervisee_id,
              supervisor_id, 'one_to_one'
       FROM b_record""",
    # Discussions: three of the supervisee's five cases per session, rated.
    """INSERT INTO recording_casediscussion
           (id, position, needs, risks, engagement, plan, rag, drift_amendment,
            refusal_action, challenge_raised, case_record_updated, created_at, agency_id,
            case_id, record_id)
       SELECT gen_random_uuid(), i + 1, 'Needs', 'Risks', '', 'Plan',
              CASE WHEN x < 0.15 THEN 'red' WHEN x < 0.60 THEN 'amber' ELSE 'green' END,
              '', '', '', true, r.session_date::timestamptz, r.agency_id, c.id, r.id
       FROM (SELECT r.*, i, random() AS x FROM b_record r, generate_series(0, 2) i
             WHERE r.idx * 3 + i < %(discussions)s) r
       JOIN b_case c
         ON c.idx = ((r.practitioner_idx / %(agencies)s)
                     + 400 * ((r.idx / %(practitioners)s + r.i) %% 5)) * %(agencies)s
                    + r.practitioner_idx %% %(agencies)s""",
    """INSERT INTO recording_agreedaction
           (id, description, due_on, position, status, status_changed_on, created_at,
            agency_id, case_id, owner_id, record_id)
       SELECT gen_random_uuid(), 'Visit and update the plan', r.session_date + 28, 1,
              CASE WHEN r.done THEN 'done' ELSE 'open' END,
              CASE WHEN r.done THEN r.session_date + 42 END,
              r.session_date::timestamptz, r.agency_id, NULL, r.supervisee_id, r.id
       FROM (SELECT b.*, b.session_date < current_date - 60 AND random() < 0.8 AS done
             FROM b_record b) r""",
    """INSERT INTO recording_riskescalation
           (id, kind, shared_text, raised_at, acknowledged_at, acknowledged_by_id,
            agency_id, raised_by_id, record_id)
       SELECT gen_random_uuid(),
              (ARRAY['significant_harm', 'unsafe_practice', 'illegal_activity'])[1 + idx %% 3],
              'Shared with the lead', session_date + time '12:00',
              CASE WHEN random() < 0.9 THEN session_date + time '16:00' END,
              NULL, agency_id, supervisor_id, id
       FROM b_record WHERE idx %% 500 = 0 AND signed""",
    """UPDATE supervision_case c SET last_discussed_on = x.last_on
       FROM (SELECT d.case_id, max(r.session_date) AS last_on
             FROM recording_casediscussion d
             JOIN recording_sessionrecord r ON r.id = d.record_id
             WHERE r.status = 'signed' GROUP BY d.case_id) x
       WHERE x.case_id = c.id""",
    # Policies, workforce figures and this year's evaluation.
    """INSERT INTO agencies_agencypolicy
           (id, version, approved_on, next_review_on, document, original_filename,
            content_type, size_bytes, uploaded_at, agency_id, uploaded_by_id)
       SELECT gen_random_uuid(), '1.0', current_date - 300,
              current_date + CASE WHEN a.idx %% 10 = 0 THEN -20 ELSE 65 END,
              'policies/bench.pdf', 'policy.pdf', 'application/pdf', 1000,
              now() - interval '300 days', a.id, u.id
       FROM b_agency a JOIN b_user u ON u.kind = 'lead' AND u.idx = a.idx""",
    """INSERT INTO evaluation_workforcequarter
           (id, year, quarter, sickness_rate, vacancy_rate, updated_at, agency_id,
            entered_by_id)
       SELECT gen_random_uuid(), y, q, round((2 + random() * 4)::numeric, 2),
              round((5 + random() * 10)::numeric, 2), now(), a.id, u.id
       FROM b_agency a JOIN b_user u ON u.kind = 'lead' AND u.idx = a.idx,
            generate_series(extract(year FROM current_date)::int - 1,
                            extract(year FROM current_date)::int) y,
            generate_series(1, 4) q""",
    """CREATE TEMP TABLE b_campaign AS
       SELECT a.idx AS agency_idx, a.id AS agency_id, gen_random_uuid() AS id, u.id AS lead_id
       FROM b_agency a JOIN b_user u ON u.kind = 'lead' AND u.idx = a.idx""",
    """INSERT INTO evaluation_campaign
           (id, year, opens_on, closes_on, closed_at, created_at, agency_id, opened_by_id)
       SELECT id, extract(year FROM current_date)::int,
              make_date(extract(year FROM current_date)::int, 1, 10),
              make_date(extract(year FROM current_date)::int, 2, 28), NULL, now(),
              agency_id, lead_id
       FROM b_campaign""",
    """INSERT INTO evaluation_question
           (id, position, text, standard_number, agency_id, campaign_id)
       SELECT gen_random_uuid(), n, 'Statement ' || n, n, agency_id, id
       FROM b_campaign, generate_series(1, 10) n""",
    """INSERT INTO evaluation_invitation
           (id, invited_at, emailed_at, reminders_sent, has_responded, agency_id,
            campaign_id, supervisee_id, supervisor_id)
       SELECT gen_random_uuid(), now(), now(), 0, random() < 0.55, b.agency_id, c.id,
              b.supervisee_id, b.supervisor_id
       FROM b_agreement b JOIN b_campaign c ON c.agency_id = b.agency_id""",
    """CREATE TEMP TABLE b_response AS
       SELECT gen_random_uuid() AS id, i.agency_id, i.campaign_id, i.supervisor_id
       FROM evaluation_invitation i WHERE i.has_responded""",
    """INSERT INTO evaluation_response
           (id, resilience, stress, reflection, agency_id, campaign_id, supervisor_id,
            team_id)
       SELECT id, 1 + (random() * 4)::int, 1 + (random() * 4)::int,
              1 + (random() * 4)::int, agency_id, campaign_id, supervisor_id, NULL
       FROM b_response""",
    """INSERT INTO evaluation_answer (id, choice, agency_id, question_id, response_id)
       SELECT gen_random_uuid(),
              CASE WHEN random() < 0.7 THEN 'yes' WHEN random() < 0.5 THEN 'no'
                   ELSE 'maybe' END,
              r.agency_id, q.id, r.id
       FROM b_response r JOIN evaluation_question q ON q.campaign_id = r.campaign_id""",
    "ANALYZE",
]


def build() -> None:
    params = {
        "agencies": AGENCIES,
        "practitioners": PRACTITIONERS,
        "supervisors": SUPERVISORS,
        "cases": CASES,
        "records": RECORDS,
        "discussions": DISCUSSIONS,
        "partnership": PARTNERSHIP,
    }
    started = time.perf_counter()
    from bench.database import django_defaults_in_database

    with (
        transaction.atomic(),
        connection.cursor() as cursor,
        django_defaults_in_database(cursor),
    ):
        # A bulk load: triggers (locking signed records, history) are off for this session.
        cursor.execute("SET session_replication_role = replica")
        for statement in BUILD:
            t = time.perf_counter()
            cursor.execute(statement, params)
            first_line = " ".join(statement.split())[:70]
            print(f"  {time.perf_counter() - t:6.1f} s  {first_line}", flush=True)
        cursor.execute("SET session_replication_role = DEFAULT")
    print(f"Built in {time.perf_counter() - started:.0f} s", flush=True)


def is_built() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM agencies_partnership WHERE name = %s", [PARTNERSHIP])
        return cursor.fetchone()[0] == 1


def reset() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", verbosity=0)


@contextmanager
def as_the_app():
    """Connections opened meanwhile run as the app's role under row-level security, as
    the server's do (the rest of the script runs as the owner, in the system context)."""
    from tenancy import role

    connection.close()
    role._whole_process["owner"] = False
    try:
        yield
    finally:
        connection.close()
        role.operator_process()


def stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(fn, runs: int) -> list[float]:
    fn()  # warm
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return samples


def report(label: str, samples: list[float]) -> tuple[float, float]:
    median, p95 = stats(samples)
    print(f"  {label}: median {median:.0f} ms, p95 {p95:.0f} ms", flush=True)
    return median, p95


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--board-runs", type=int, default=10)
    parser.add_argument("--skip-report", action="store_true")
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()

    if args.rebuild:
        reset()
    call_command("migrate", verbosity=0)
    if not is_built():
        print("Building the bench dataset ...", flush=True)
        build()
    if args.build_only:
        return

    from agencies.models import Agency, Membership, PartnershipRole, Role
    from assurance import indicators, periods, services
    from assurance.models import AssuranceReport, Snapshot
    from tests.factories.agencies import partnership_person

    print(f"Load before measuring (1, 5, 15 min): {os.getloadavg()}", flush=True)
    today = timezone.localdate()
    agency = Agency.objects.filter(partnership__name=PARTNERSHIP).order_by("name").first()
    partnership = agency.partnership
    lead = Membership.objects.with_role(Role.SAFEGUARDING_LEAD).get(agency=agency).user
    existing = partnership.partnership_memberships.first()
    board = (
        existing.user if existing else partnership_person(partnership, PartnershipRole.BOARD_MEMBER)
    )
    agency_ids = list(Agency.objects.filter(partnership=partnership).values_list("id", flat=True))
    quarter = periods.current_quarter(today)

    # 1. The safeguarding lead's dashboard: one agency, this quarter to date, computed live,
    # as the app's role under row-level security (the page through the middleware, which
    # sets the lead's context; the SQL in the same context).
    from tenancy import context

    def lead_sql():
        with transaction.atomic(), context.for_user(lead):
            indicators.compute([agency.id], [quarter], today=today)

    url = "/assurance/"
    with as_the_app():
        client = Client()
        client.force_login(lead)
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(f"\nSafeguarding lead's dashboard: one agency of {len(agency_ids)}, {quarter.label}")
        print(f"  {len(queries)} queries per page (as the app's role, row-level security)")
        page = report(
            "page (test client, full middleware)", timed(lambda: client.get(url), args.runs)
        )
        sql = report("indicator SQL run directly", timed(lead_sql, args.runs))
    print(f"  page / SQL (medians): {page[0] / sql[0]:.2f}")
    emit(
        BENCH,
        "lead dashboard, one agency of 50: median",
        round(page[0]),
        "ms",
        f"p95 {page[1]:.0f} ms; {len(queries)} queries; target < 300 ms",
    )
    emit(
        BENCH,
        "lead dashboard: its indicator SQL alone, median",
        round(sql[0]),
        "ms",
        f"page / SQL {page[0] / sql[0]:.2f}×; target ≤ 2×",
    )
    list_url = "/assurance/lists/supervision/"
    with as_the_app():
        client = Client()
        client.force_login(lead)
        listed = report(
            "a list behind a figure (supervision)", timed(lambda: client.get(list_url), args.runs)
        )
    emit(
        BENCH,
        "lead: a list behind a figure, median",
        round(listed[0]),
        "ms",
        f"p95 {listed[1]:.0f} ms",
    )

    # 2. The board: every agency, the quarter and its four-quarter trend.
    wanted = services.board_periods(quarter)
    Snapshot.objects.filter(partnership=partnership).delete()
    t = time.perf_counter()
    with transaction.atomic():
        services.board_figures(partnership=partnership, periods_=wanted, today=today)
    cold = time.perf_counter() - t
    print(f"\nBoard dashboard: {len(agency_ids)} agencies, {quarter.label} and a 4-quarter trend")
    print(f"  computing the 5 periods' snapshots (as the nightly job does): {cold:.1f} s")
    board_url = "/assurance/partnership/"
    with as_the_app():
        board_client = Client()
        board_client.force_login(board)
        assert board_client.get(board_url).status_code == 200
        connection.queries_log.clear()  # it holds 9,000 at most: a full log counts 0 new ones
        with CaptureQueriesContext(connection) as board_queries:
            board_client.get(board_url)
        board_page = report(
            "page from the snapshots", timed(lambda: board_client.get(board_url), args.board_runs)
        )
    emit(
        BENCH,
        "board: the 5 periods' snapshots (nightly job)",
        round(cold, 1),
        "s",
        f"{len(agency_ids)} agencies, {quarter.label} and a 4-quarter trend",
    )
    emit(
        BENCH,
        "board dashboard from the snapshots: median",
        round(board_page[0]),
        "ms",
        f"p95 {board_page[1]:.0f} ms; {len(board_queries)} queries",
    )

    def one_period():
        with transaction.atomic():
            services._compute_settings()
            indicators.compute(agency_ids, [quarter], today=today)

    whole = report("SQL for one period of the whole partnership", timed(one_period, 3))
    emit(BENCH, "SQL for one period, whole partnership: median", round(whole[0]), "ms")

    if not args.skip_report:
        # 3. A board report: the period computed afresh, the trend's closed quarters from
        # their snapshots, then CSV, XLSX and PDF.
        from assurance import exports

        pdf_times = []
        draw_pdf = exports.report_pdf

        def timed_pdf(content):
            t = time.perf_counter()
            try:
                return draw_pdf(content)
            finally:
                pdf_times.append(time.perf_counter() - t)

        exports.report_pdf = timed_pdf  # the PDF's own share of the report's time
        for label, keep in (("with the nightly snapshots", True), ("from nothing", False)):
            if not keep:
                Snapshot.objects.filter(partnership=partnership).delete()
            row = services.request_report(
                partnership=partnership, requested_by=board, period=quarter, enqueue=False
            )
            t = time.perf_counter()
            services.generate_report(report_id=row.id)
            elapsed = time.perf_counter() - t
            row = AssuranceReport.objects.get(id=row.id)
            print(f"\nBoard assurance report, {label} ({row.status}): {elapsed:.1f} s")
            print(
                f"  PDF {row.pdf_bytes // 1024} KB, XLSX {row.xlsx_bytes // 1024} KB, "
                f"CSV {row.csv_bytes // 1024} KB"
            )
            emit(
                BENCH,
                f"board report, {label}",
                round(elapsed, 1),
                "s",
                f"{row.status}; figures, CSV, XLSX and PDF; target < 30 s",
            )
            if pdf_times:
                emit(
                    BENCH,
                    f"board report's PDF alone, {label}",
                    round(pdf_times[-1], 2),
                    "s",
                    f"{row.pdf_bytes // 1024} KB",
                )
        exports.report_pdf = draw_pdf
    print(f"\nLoad after measuring (1, 5, 15 min): {os.getloadavg()}; today {date.today()}")


if __name__ == "__main__":
    main()
