"""The row-level security context of a database connection (see tenancy/rls.py).

Four PostgreSQL settings carry it: `spr.system` ('on' or not), `spr.user_id`,
`spr.agencies` and `spr.partnerships` (comma-separated UUIDs). Everything that sets them
goes through `apply()`, which returns the previous values so they can be put back:

    with context.system():                 # Celery tasks, management commands
    with context.for_agencies([a.id]):     # work done on behalf of one agency
    with context.for_user(user):           # what a request of `user` may see

Inside a transaction the values are set with `set_config(..., true)` (they end with the
transaction, and are restored explicitly on exit because an enclosing test transaction
would keep them); outside one they are set for the session and restored on exit.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import connection as default_connection
from django.utils import timezone


def _execute(connection, statement: str, params=None):
    """Run one context statement on the driver's connection, in the current transaction.

    Not through Django's cursor wrapper: these are the request's plumbing (two statements
    before the view, one after), like the transaction's BEGIN and COMMIT, so they stay out
    of Django's query log and the pages' query-count tests, which measure the view."""
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchone() if cursor.description else None


SETTINGS = ("spr.system", "spr.user_id", "spr.agencies", "spr.partnerships")
EMPTY = {"spr.system": "off", "spr.user_id": "", "spr.agencies": "", "spr.partnerships": ""}
# The four values as they stand (fixed names only).
READ_SETTINGS = ", ".join(f"current_setting('{name}', true)" for name in SETTINGS)


def _ids(values: Iterable) -> str:
    return ",".join(sorted({str(v) for v in values if v}))


def apply(values: dict[str, str], *, local: bool | None = None, connection=None) -> dict:
    """Set the given settings; return the previous values of all four (one query)."""
    connection = connection or default_connection
    if local is None:
        local = connection.in_atomic_block
    setters = ", ".join("set_config(%s, %s, %s)" for _ in values)
    params: list = []
    for name, value in values.items():
        params += [name, value, local]
    # OFFSET 0 keeps the subquery (the old values) evaluated before the set_config calls.
    # Only the fixed setting names are formatted in; the values are parameters.
    statement = f"SELECT prev.*, {setters} FROM (SELECT {READ_SETTINGS} OFFSET 0) AS prev"  # noqa: S608
    row = _execute(connection, statement, params)
    return {name: (row[i] or "") for i, name in enumerate(SETTINGS)}


def current(connection=None) -> dict[str, str]:
    connection = connection or default_connection
    row = _execute(connection, f"SELECT {READ_SETTINGS}")  # noqa: S608 (fixed names)
    return {name: (row[i] or "") for i, name in enumerate(SETTINGS)}


@contextmanager
def _scoped(values: dict[str, str], connection=None):
    connection = connection or default_connection
    local = connection.in_atomic_block
    previous = apply(values, local=local, connection=connection)
    try:
        yield
    finally:
        if not connection.needs_rollback:
            apply(previous, local=local, connection=connection)


def system(connection=None):
    """Every row: for Celery tasks, management commands, migrations and the demo seed."""
    return _scoped({**EMPTY, "spr.system": "on"}, connection)


def for_agencies(
    agency_ids: Iterable, partnership_ids: Iterable = (), user_id=None, connection=None
):
    """Only the rows of these agencies and partnerships."""
    return _scoped(
        {
            "spr.system": "off",
            "spr.user_id": str(user_id or ""),
            "spr.agencies": _ids(agency_ids),
            "spr.partnerships": _ids(partnership_ids),
        },
        connection,
    )


def nothing(connection=None):
    """No rows of any protected table."""
    return _scoped(dict(EMPTY), connection)


# The agencies a person's requests may reach: every agency where they hold a current
# membership, every agency that holds an agreement they are a party to (a supervisor from
# another agency of the partnership), and every agency of a partnership where they hold a
# partnership role (board members and partnership admins see aggregates across them; the
# scoping layer still keeps them from any record or person). Their partnerships: those of
# their agencies and roles. Runs after spr.user_id is set, which is what lets it read the
# person's own memberships and agreements (tenancy/rls.py, PERSONAL).
USER_CONTEXT_SQL = """
WITH mine AS (
    SELECT m.agency_id FROM agencies_membership m
    WHERE m.user_id = %(user)s AND (m.ended_on IS NULL OR m.ended_on > %(today)s)
    UNION
    SELECT ag.agency_id FROM contracts_agreement ag
    WHERE ag.supervisor_id = %(user)s OR ag.supervisee_id = %(user)s
    UNION
    SELECT a.id FROM agencies_agency a
    JOIN agencies_partnershipmembership pm ON pm.partnership_id = a.partnership_id
    WHERE pm.user_id = %(user)s AND cardinality(pm.roles) > 0
), partnerships AS (
    SELECT a.partnership_id FROM agencies_agency a WHERE a.id IN (SELECT agency_id FROM mine)
    UNION
    SELECT pm.partnership_id FROM agencies_partnershipmembership pm
    WHERE pm.user_id = %(user)s AND cardinality(pm.roles) > 0
)
SELECT
    set_config('spr.agencies', coalesce(
        (SELECT string_agg(id, ',' ORDER BY id) FROM (SELECT agency_id::text AS id FROM mine) a),
        ''), %(local)s),
    set_config('spr.partnerships', coalesce(
        (SELECT string_agg(id, ',' ORDER BY id)
         FROM (SELECT partnership_id::text AS id FROM partnerships) p),
        ''), %(local)s)
"""


def _load_user_context(connection, user_id: str, local: bool) -> None:
    """Set the agencies and partnerships of `user_id` (spr.user_id already set)."""
    params = {"user": user_id, "today": timezone.localdate(), "local": local}
    _execute(connection, USER_CONTEXT_SQL, params)


def refresh(connection=None) -> None:
    """Recompute the agencies of the context's user (an agency was just created)."""
    connection = connection or default_connection
    user_id = current(connection)["spr.user_id"]
    if user_id:
        _load_user_context(connection, user_id, local=True)


def set_user(user, *, local: bool | None = None, connection=None) -> dict:
    """Set the context of `user` (anonymous: nothing). Returns the previous values."""
    connection = connection or default_connection
    if local is None:
        local = connection.in_atomic_block
    user_id = str(user.pk) if user is not None and user.is_authenticated else ""
    previous = apply({**EMPTY, "spr.user_id": user_id}, local=local, connection=connection)
    if user_id:
        _load_user_context(connection, user_id, local)
    return previous


@contextmanager
def for_user(user, connection=None):
    """What a request of `user` may see."""
    connection = connection or default_connection
    local = connection.in_atomic_block
    previous = set_user(user, local=local, connection=connection)
    try:
        yield
    finally:
        if not connection.needs_rollback:
            apply(previous, local=local, connection=connection)


def system_task(func):
    """Run a Celery task (or a management command's handle) in the system context."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with system():
            return func(*args, **kwargs)

    wrapper.sets_tenant_context = True  # tests/tenancy/test_tasks.py checks every task
    return wrapper
