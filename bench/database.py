"""The benchmark database: its own, never the app's (spr_bench unless BENCH_DATABASE_NAME).

Import this module and call `use_bench_database()` before `django.setup()`: it points
DATABASE_URL at the bench database on the same server (creating the database if it is
missing), so every script of the suite and the gunicorn it starts share one dataset.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BENCH_DATABASE = os.environ.get("BENCH_DATABASE_NAME", "spr_bench")
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/spr"


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def bench_url() -> str:
    return _with_database(os.environ.get("DATABASE_URL", DEFAULT_URL), BENCH_DATABASE)


def _admin_connection():
    import psycopg

    admin = _with_database(os.environ.get("DATABASE_URL", DEFAULT_URL), "postgres")
    return psycopg.connect(admin, autocommit=True)


def use_bench_database() -> str:
    """Point this process (and its children) at the bench database; create it if missing."""
    from psycopg import sql

    with _admin_connection() as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE]
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DATABASE)))
    url = bench_url()
    os.environ["DATABASE_URL"] = url
    os.environ["SPR_DATABASE_NAME"] = BENCH_DATABASE
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    return url


def drop_bench_database() -> None:
    """Start again from nothing (bench/dataset.py --rebuild, or a different scale)."""
    from psycopg import sql

    with _admin_connection() as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(BENCH_DATABASE)
            )
        )
