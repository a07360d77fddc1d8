"""Pages under a concurrent load, against the national-size dataset, through gunicorn.

    python scripts/services.py run -- python bench/load.py                # scale 1
    python scripts/services.py run -- python bench/load.py --scale 0.1 --seconds 30

1. Makes sure the dataset is there (bench/dataset.py: built once, then reused).
2. Times the nightly jobs: the cadence rules over every agency, then the assurance job
   (statutory meetings, the board's snapshots of every partnership, which the board's
   dashboard reads).
3. Serves the app with gunicorn (2 workers, 127.0.0.1 only, DEBUG off, SPR_BENCH=1 for
   the bare page and the query-count header) against the bench database.
4. Signs people in by writing sessions straight into Django's session store (no
   password or second-factor step: the sign-in pages are not what is measured).
5. Drives a bounded load: a few client threads on loopback, for a fixed time per page,
   in rounds that alternate the pages so that a change in the machine's load (it may be
   shared) falls on every page alike. Each request asks for a different object or person.
6. Prints, per page, the median and 95th percentile response time, the server's own
   query count, and the ratio to a bare page that renders the base template through the
   same middleware. Absolute times vary from machine to machine; the ratios travel.
"""

import argparse
import http.client
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.dataset import ensure_dataset  # noqa: E402
from bench.results import report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
BENCH = "load"

# The dashboards come with their own issue; until their URL answers, they are skipped.
LEAD_DASHBOARD_PATHS = ["/assurance/", "/dashboards/lead/", "/dashboard/"]
BOARD_DASHBOARD_PATHS = ["/assurance/partnership/", "/dashboards/board/"]


@dataclass
class Page:
    name: str
    # (cookie, path) pairs to ask for; a request takes one at random.
    targets: list[tuple[str, str]]
    times: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    errors: dict[int, int] = field(default_factory=dict)
    skipped: str = ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- People and their sessions ----------------------------------------------------------


def session_cookie(user) -> str:
    """A signed-in session for the user, written straight into the session store."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from agencies.middleware import SESSION_SIGNED_IN_AT_KEY

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[SESSION_SIGNED_IN_AT_KEY] = int(time.time())
    session.set_expiry(60 * 60)
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _path_exists(path: str) -> bool:
    from django.urls import Resolver404, resolve

    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def choose_people(sample: int, rng: random.Random) -> dict:
    """Supervisors with signed records of their supervisees, leads and board members,
    spread over the agencies and partnerships."""
    from agencies.models import Membership, PartnershipMembership, Role
    from recording.models import RecordStatus, SessionRecord

    supervisors = list(
        Membership.objects.with_role(Role.SUPERVISOR).select_related("user").order_by("?")[:sample]
    )
    records = {}
    for membership in supervisors:
        ids = list(
            SessionRecord.objects.filter(
                agency_id=membership.agency_id,
                supervisor_id=membership.user_id,
                status=RecordStatus.SIGNED,
            ).values_list("id", flat=True)
        )
        records[membership.user_id] = rng.sample(ids, min(len(ids), 20))
    leads = list(
        Membership.objects.with_role(Role.SAFEGUARDING_LEAD)
        .select_related("user")
        .order_by("?")[:sample]
    )
    board = list(
        PartnershipMembership.objects.filter(roles__contains=["board_member"])
        .select_related("user")
        .order_by("?")[:sample]
    )
    return {
        "supervisors": [(m.user, session_cookie(m.user)) for m in supervisors],
        "records": records,
        "leads": [(m.user, session_cookie(m.user)) for m in leads],
        "board": [(m.user, session_cookie(m.user)) for m in board],
    }


def build_pages(people: dict) -> list[Page]:
    supervisors, records = people["supervisors"], people["records"]
    pages = [
        Page("bare page (base template)", [(c, "/ops/bare") for _u, c in supervisors]),
        Page(
            "record page (signed, 3 case discussions)",
            [(c, f"/records/{r}/") for u, c in supervisors for r in records[u.pk]],
        ),
        Page(
            "supervisee list (supervisees' sessions)",
            [(c, "/records/supervisees/") for _u, c in supervisors],
        ),
    ]
    for name, candidates, pool in (
        ("lead dashboard", LEAD_DASHBOARD_PATHS, people["leads"]),
        ("board dashboard", BOARD_DASHBOARD_PATHS, people["board"]),
    ):
        path = next((p for p in candidates if _path_exists(p)), None)
        page = Page(name, [(c, path) for _u, c in pool] if path else [])
        if path is None:
            page.skipped = "no such page in this version of the app yet"
        pages.append(page)
    return pages


# --- The server ---------------------------------------------------------------------------


class Server:
    """gunicorn with 2 sync workers on 127.0.0.1, stopped by its own process id."""

    def __init__(self) -> None:
        self.port = free_port()
        env = {
            **os.environ,
            "SPR_BENCH": "1",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "PYTHONUNBUFFERED": "1",
            # Sign-in and the second factor are not what is measured: the sessions are
            # written straight into the store, so the server does not ask for a code.
            "SPR_ENFORCE_2FA": "false",
            # WhiteNoise warns once per worker that there is no collectstatic output: the
            # load asks for pages only, never for static files.
            "PYTHONWARNINGS": "ignore:No directory at",
        }
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "config.wsgi:application",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, _body, _q = get(self.port, "/healthz", "")
                if status == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not answer within a minute")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def get(port: int, path: str, cookie: str) -> tuple[int, bytes, int | None]:
    from ops.bench import QUERY_COUNT_HEADER

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        body = response.read()
        queries = response.getheader(QUERY_COUNT_HEADER)
        return response.status, body, int(queries) if queries else None
    finally:
        connection.close()


# --- The load -------------------------------------------------------------------------------


def drive(port: int, page: Page, seconds: float, concurrency: int, rng: random.Random) -> None:
    """`concurrency` threads ask for the page, back to back, for `seconds`."""
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    seeds = [rng.random() for _ in range(concurrency)]

    def client(seed: float) -> None:
        local = random.Random(seed)
        while time.monotonic() < deadline:
            cookie, path = local.choice(page.targets)
            started = time.perf_counter()
            status, _body, queries = get(port, path, cookie)
            elapsed = time.perf_counter() - started
            with lock:
                if status == 200:
                    page.times.append(elapsed)
                    if queries is not None:
                        page.queries.append(queries)
                else:
                    page.errors[status] = page.errors.get(status, 0) + 1

    threads = [threading.Thread(target=client, args=(seed,)) for seed in seeds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def check_pages(port: int, pages: list[Page]) -> None:
    """Each page answers 200 for its first target before it is timed; else it is skipped."""
    for page in pages:
        if page.skipped:
            continue
        if not page.targets:
            page.skipped = "no one in the dataset to ask for it"
            continue
        cookie, path = page.targets[0]
        status, _body, _q = get(port, path, cookie)
        if status != 200:
            page.skipped = f"{path} answered {status}"


def run_rules() -> None:
    """The nightly cadence job over every agency, timed (when the app has it): once as it
    finds the data, then again as on the next night, after the statistics of the alert
    table are fresh (autovacuum's ANALYZE, which a bulk of new alerts sets off)."""
    from django.db import connection

    from supervision import services

    if not hasattr(services, "run_rules_now"):
        report(BENCH, "nightly rules job", "skipped", note="no cadence rules in this version")
        return
    for attempt in ("run 1", "run 2, the next night"):
        started = time.perf_counter()
        result = services.run_rules_now(today=date.today())
        seconds = time.perf_counter() - started
        report(
            BENCH,
            f"nightly rules job, all agencies, {attempt}",
            round(seconds, 2),
            "s",
            f"raised {result.raised}, updated {result.updated}, cleared {result.cleared}",
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE supervision_alert")


def run_nightly_assurance() -> None:
    """The nightly assurance job (statutory meetings, then every partnership's board
    snapshots), timed: the board's dashboard reads those snapshots, so without this run
    the first visit of each partnership would compute them while it is being timed."""
    from assurance import services

    today = date.today()
    started = time.perf_counter()
    added, _dropped = services.record_statutory_meetings(today=today)
    meetings = time.perf_counter() - started
    written = services.refresh_snapshots(today=today)
    seconds = time.perf_counter() - started
    report(
        BENCH,
        "nightly assurance job, every partnership",
        round(seconds, 1),
        "s",
        f"{written} board snapshots; statutory meetings {meetings:.1f} s ({added:,} noted)",
    )


def time_pdf(port: int, people: dict, bare_median: float, runs: int) -> None:
    """A signed record's PDF through the server, one at a time (a PDF is rendered per ask)."""
    targets = [
        (c, f"/records/{r}/pdf/")
        for u, c in people["supervisors"]
        for r in people["records"][u.pk][:2]
    ]
    times = []
    for cookie, path in targets[:runs]:
        started = time.perf_counter()
        status, body, _q = get(port, path, cookie)
        if status == 200 and body.startswith(b"%PDF"):
            times.append(time.perf_counter() - started)
    if not times:
        report(BENCH, "record PDF through the server", "skipped", note="no PDF answered")
        return
    median = statistics.median(times)
    report(
        BENCH,
        "record PDF through the server (median)",
        round(median * 1000),
        "ms",
        f"{median / bare_median:.0f}× bare; {len(times)} renders, one at a time",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="of the dataset (1 = 30,000 practitioners)"
    )
    parser.add_argument("--seconds", type=float, default=20, help="of load per page, in all")
    parser.add_argument("--rounds", type=int, default=4, help="the seconds are split into rounds")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--sample", type=int, default=40, help="people of each kind to sign in")
    parser.add_argument("--pdf-runs", type=int, default=8)
    parser.add_argument(
        "--no-rules", action="store_true", help="skip the nightly jobs (rules, assurance)"
    )
    args = parser.parse_args()

    dataset = ensure_dataset(args.scale)
    counts = dataset["counts"]
    report(
        BENCH,
        "dataset",
        f"scale {dataset['scale']}",
        note=f"{counts.get('recording_casediscussion', 0):,} case discussions, "
        f"{counts.get('recording_sessionrecord', 0):,} records, "
        f"{counts.get('supervision_case', 0):,} cases; built in {dataset['seconds']:.0f} s"
        + (" (reused)" if dataset["reused"] else ""),
    )
    if not args.no_rules:
        run_rules()
        run_nightly_assurance()

    rng = random.Random(2026)
    people = choose_people(args.sample, rng)
    pages = build_pages(people)
    from django.db import connection

    connection.close()  # the server has the database to itself while it is timed
    server = Server()
    try:
        check_pages(server.port, pages)
        live = [page for page in pages if not page.skipped]
        for page in live:  # warm the workers: imports, templates, the database's cache
            for _ in range(4):
                drive(server.port, page, 0.01, 1, rng)
            page.times.clear()
            page.queries.clear()
        for _round in range(args.rounds):
            for page in live:
                drive(server.port, page, args.seconds / args.rounds, args.concurrency, rng)
        bare = pages[0]
        bare_median, bare_p95 = statistics.median(bare.times), p95(bare.times)
        for page in pages:
            if page.skipped:
                report(BENCH, page.name, "skipped", note=page.skipped)
                continue
            median, high = statistics.median(page.times), p95(page.times)
            errors = f"; errors {page.errors}" if page.errors else ""
            report(
                BENCH,
                f"{page.name}: median",
                round(median * 1000),
                "ms",
                f"{median / bare_median:.1f}× bare; {len(page.times)} requests{errors}",
            )
            report(
                BENCH, f"{page.name}: p95", round(high * 1000), "ms", f"{high / bare_p95:.1f}× bare"
            )
            if page.queries and bare.queries:
                count, most = int(statistics.median(page.queries)), max(page.queries)
                bare_count = int(statistics.median(bare.queries))
                report(
                    BENCH,
                    f"{page.name}: queries",
                    count,
                    "",
                    f"{count / bare_count:.1f}× bare's {bare_count}"
                    + (f"; up to {most}" if most != count else ""),
                )
        time_pdf(server.port, people, bare_median, args.pdf_runs)
    finally:
        server.stop()
    print(
        f"{args.concurrency} client threads, {WORKERS} gunicorn workers, "
        f"{args.seconds:.0f} s per page in {args.rounds} rounds; "
        f"load average (1 min) now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
