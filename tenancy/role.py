"""The application runs as a role that neither owns the tables nor is a superuser.

With SPR_DB_APP_ROLE set (default "spr_app"), every new connection runs `SET ROLE` to it.
`migrate` (and pytest-django's test database creation, which calls it) runs as the owner:
tenancy/management/commands/migrate.py wraps it in `owner()`.

When the deployment logs in as a real non-owner role instead (docs/security.md), set
SPR_DB_APP_ROLE to "" and run migrations with the owner's credentials.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db import connections
from django.db.backends.base.base import NO_DB_ALIAS
from psycopg import sql

from . import context, rls

_state = threading.local()


_whole_process = {"owner": False}


def owner_mode() -> bool:
    return _whole_process["owner"] or getattr(_state, "owner", False)


def operator_process(using: str = "default") -> None:
    """For operator scripts that are not management commands (the benchmark suite's
    dataset builders): every connection of this process runs as the owner, in the system
    context, from now on. The servers they start are other processes and run as the app."""
    _whole_process["owner"] = True
    connection = connections[using]
    if connection.connection is not None and connection.vendor == "postgresql":
        connection.connection.execute("RESET ROLE")
        context.apply({"spr.system": "on"}, local=False, connection=connection)


def switch_to_app_role(connection) -> None:
    role = rls.app_role()
    if not role or connection.vendor != "postgresql" or connection.alias == NO_DB_ALIAS:
        return
    connection.ensure_connection()
    raw = connection.connection  # the driver's connection: plumbing, not a query to count
    raw.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(role)))


def on_connection_created(sender, connection, **kwargs):
    if owner_mode():
        if connection.vendor == "postgresql" and connection.alias != NO_DB_ALIAS:
            context.apply({"spr.system": "on"}, local=False, connection=connection)
        return
    switch_to_app_role(connection)


@contextmanager
def owner(using: str = "default"):
    """Run as the connection's login role (the owner) with the system context on.

    Connections opened meanwhile skip `SET ROLE` and start in the system context."""
    connection = connections[using]
    if owner_mode() or connection.vendor != "postgresql":
        yield
        return
    _state.owner = True
    previous = None
    try:
        if connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute("RESET ROLE")
            previous = context.apply({"spr.system": "on"}, local=False, connection=connection)
        yield
    finally:
        _state.owner = False
        if connection.connection is not None and not connection.needs_rollback:
            if previous is None and not connection.in_atomic_block:
                # Opened as the owner: start again, as every other connection starts.
                connection.close()
            else:
                context.apply(previous or dict(context.EMPTY), local=False, connection=connection)
                switch_to_app_role(connection)
