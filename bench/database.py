"""The benchmark database: its own, never the app's (spr_bench unless BENCH_DATABASE_NAME).

Import this module and call `use_bench_database()` before `django.setup()`: it points
DATABASE_URL at the bench database on the same server (creating the database if it is
missing), so every script of the suite and the gunicorn it starts share one dataset.
"""

import os
import sys
import uuid
from contextlib import contextmanager
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


def _default_sql(field, cursor) -> str | None:
    """What Django would store for a NOT NULL field a row leaves out, as a SQL expression
    (None when Django has no default for it either)."""
    from django.db import connection, models
    from django.utils import timezone
    from psycopg import sql

    if field.has_default():
        default = field.default
        if default is uuid.uuid4:
            return "gen_random_uuid()"
        if default is timezone.now:
            return "now()"
        value = default() if callable(default) else default
        return sql.Literal(field.get_db_prep_save(value, connection)).as_string(cursor)
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return "now()" if isinstance(field, models.DateTimeField) else "current_date"
    if field.blank and field.empty_strings_allowed:
        return "''"
    return None


@contextmanager
def django_defaults_in_database(cursor):
    """For the length of a bulk load written as raw COPY or INSERT ... SELECT: every NOT NULL
    column of the app's tables that has a Django default (or is a blank-able text field)
    gets that default in the database too, so a load written before a column was added
    still fills it as the app would; the database defaults are dropped again afterwards.
    Run it inside the load's transaction (with Django's cursor or psycopg's)."""
    from django.apps import apps
    from django.db import models
    from django.db.models import NOT_PROVIDED

    cursor = getattr(cursor, "cursor", cursor)  # psycopg's own, under Django's wrapper
    altered = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if field.null or isinstance(field, models.AutoField):
                continue
            if field.db_default is not NOT_PROVIDED:
                continue
            expression = _default_sql(field, cursor)
            if expression is None:
                continue
            table, column = model._meta.db_table, field.column
            cursor.execute(
                f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET DEFAULT {expression}'
            )
            altered.append((table, column))
    yield
    # Not in a finally: a failed load aborts (and rolls back) the transaction anyway.
    # ALTER TABLE refuses a table with deferred foreign-key checks pending: run them now
    # (they would run at the commit anyway).
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for table, column in altered:
        cursor.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" DROP DEFAULT')
