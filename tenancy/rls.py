"""The row-level security registry: which tables carry tenant rows, and the SQL that guards them.

Every table listed here gets ROW LEVEL SECURITY enabled *and forced* (so the table owner is
subject to it too) and one policy, `tenant_isolation`, for every command. A row is visible
and writable when:

- the system context is on (`spr.system` = 'on': Celery tasks, management commands,
  migrations, test set-up code), or
- its tenant column is one of the context's agencies (`spr.agencies`) or partnerships
  (`spr.partnerships`), or
- for the tables in PARTNERSHIP_WIDE, its agency belongs to one of the context's
  partnerships (the people directory: choosing a supervisor from another agency), or
- for the tables in PERSONAL, one of its user columns is the context's user
  (`spr.user_id`): a person can read their own memberships before their agencies are
  known, and their own agreements whichever agency holds them; likewise for ABOUT_USER,
  the context's user is among the people the row is about (the access log), and for
  ALSO_PARTNERSHIP, a row without an agency belongs to one of the context's partnerships.

A connection with no context sees nothing.

To protect a new table, add one line to AGENCY_TABLES or PARTNERSHIP_TABLES; `migrate`
applies the registry at its end (tenancy.apps, post_migrate). tests/tenancy/test_registry.py
fails while a model with an agency or partnership foreign key is neither here nor in EXEMPT.
"""

from __future__ import annotations

from django.conf import settings
from psycopg import sql

POLICY = "tenant_isolation"

# table → tenant column, for tables whose rows belong to one agency.
AGENCY_TABLES: dict[str, str] = {
    "agencies_team": "agency_id",
    "agencies_membership": "agency_id",
    "agencies_minimumstandards": "agency_id",
    "agencies_agencypolicy": "agency_id",
    "contracts_agreement": "agency_id",
    "contracts_agreementevent": "agency_id",
    "contracts_membershipuserobjectpermission": "agency_id",
    "contracts_trainingrecord": "agency_id",
    "supervision_case": "agency_id",
    "supervision_casecategorychange": "agency_id",
    "supervision_caseimport": "agency_id",
    "supervision_plannedsession": "agency_id",
    "supervision_plannedsessionchange": "agency_id",
    "supervision_alert": "agency_id",
    "recording_supervisiongroup": "agency_id",
    "recording_sessionrecord": "agency_id",
    "recording_recordattendee": "agency_id",
    "recording_sessionreflection": "agency_id",
    "recording_casediscussion": "agency_id",
    "recording_casediscussionreflection": "agency_id",
    "recording_agreedaction": "agency_id",
    "recording_actionreview": "agency_id",
    "recording_addendum": "agency_id",
    "recording_riskescalation": "agency_id",
    "recording_auditaccess": "agency_id",
    "evaluation_campaign": "agency_id",
    "evaluation_question": "agency_id",
    "evaluation_invitation": "agency_id",
    "evaluation_draft": "agency_id",
    "evaluation_response": "agency_id",
    "evaluation_answer": "agency_id",
    "evaluation_freetextcomment": "agency_id",
    "evaluation_trainedobserver": "agency_id",
    "evaluation_observation": "agency_id",
    "evaluation_recordaudit": "agency_id",
    "evaluation_audititem": "agency_id",
    "evaluation_workforcequarter": "agency_id",
    "reflection_learninglogentry": "agency_id",
    "assurance_seenmeeting": "agency_id",
    "assurance_listexport": "agency_id",
    # The one access log (agency-level events; board reports carry only their partnership,
    # see ALSO_PARTNERSHIP) and the change history, whose rows copy the tracked rows.
    "audit_accessevent": "agency_id",
    "audit_agreementhistory": "agency_id",
    "audit_sessionrecordhistory": "agency_id",
    "audit_casediscussionhistory": "agency_id",
    "audit_agreedactionhistory": "agency_id",
    "audit_addendumhistory": "agency_id",
    "audit_recordattendeehistory": "agency_id",
    "audit_supervisiongrouphistory": "agency_id",
    "audit_casehistory": "agency_id",
    "audit_membershiphistory": "agency_id",
    "twofactor_agencysigninpolicy": "agency_id",
    "retention_retentionpolicy": "agency_id",
    "retention_retentionrun": "agency_id",
    "retention_retentionlogentry": "agency_id",
    "retention_legalhold": "agency_id",
}

# table → tenant column, for tables whose rows belong to one partnership.
PARTNERSHIP_TABLES: dict[str, str] = {
    "agencies_partnershipmembership": "partnership_id",
    "reflection_spacetothinksession": "partnership_id",
    # A multi-agency session's participants come from several agencies of the partnership;
    # the row belongs to the session, so it follows the session's partnership.
    "reflection_spacetothinkparticipant": "partnership_id",
    "reflection_learningtheme": "partnership_id",
    "reflection_spacetothinkfeedback": "partnership_id",
    "assurance_threshold": "partnership_id",
    "assurance_snapshot": "partnership_id",
    "assurance_assurancereport": "partnership_id",
    "assurance_reportdownload": "partnership_id",
    "audit_partnershipmembershiphistory": "partnership_id",
}

# Tables whose rows name the people they are about in a uuid[] column: such a row is also
# visible to each of those people ("who has viewed records about me", whichever agency
# logged the read).
ABOUT_USER: dict[str, str] = {
    "audit_accessevent": "subject_ids",
}

# Agency tables whose rows may belong to a partnership instead (agency column empty): such
# a row is visible when this column is one of the context's partnerships.
ALSO_PARTNERSHIP: dict[str, str] = {
    "audit_accessevent": "partnership_id",
}

# Agency tables also readable across the context's partnerships: memberships and teams
# are the partnership's people directory (a lead may choose a supervisor from another
# agency of the partnership when the minimum standards allow it). No record content.
# Training records follow the supervisor: a lead who chooses a supervisor from another
# agency checks that supervisor's training (contracts.services.competence_of).
PARTNERSHIP_WIDE: set[str] = {
    "agencies_membership",
    "agencies_team",
    "contracts_trainingrecord",
}

# table → user columns: rows a person may always see about themselves, whatever their
# agencies. The request context is computed from these rows (tenancy/context.py), and the
# membership middleware and guardian's permission checks read them for the signed-in user.
PERSONAL: dict[str, tuple[str, ...]] = {
    "agencies_membership": ("user_id",),
    "agencies_partnershipmembership": ("user_id",),
    "contracts_membershipuserobjectpermission": ("user_id",),
    # A supervisor from another agency supervises under the supervisee's agency's agreement.
    "contracts_agreement": ("supervisor_id", "supervisee_id"),
}

# Tables with an agency or partnership foreign key that are deliberately NOT protected.
EXEMPT: dict[str, str] = {
    # The tenant tree itself: the agency and partnership names are shown on sign-in, in the
    # agency switcher and on partnership dashboards; they hold no record content.
    "agencies_agency": "tenant tree (names only)",
}


def protected_tables() -> dict[str, tuple[str, str]]:
    """table → (tenant column, 'agency' | 'partnership')."""
    tables = {table: (column, "agency") for table, column in AGENCY_TABLES.items()}
    tables.update({t: (c, "partnership") for t, c in PARTNERSHIP_TABLES.items()})
    return tables


# Each setting is read in a scalar sub-select: PostgreSQL evaluates it once per query (an
# InitPlan) instead of parsing the comma-separated list again for every row it filters.
# Written inline, a 50-agency lead dashboard's indicator SQL took 20-30 s as the app role
# against 0.1 s as the owner; with the sub-selects it takes about 0.2 s. The outer cast
# keeps `= ANY (...)` the array form (`ANY (SELECT ...)` would be a sub-query).
SYSTEM_ON = sql.SQL("(SELECT current_setting('spr.system', true)) = 'on'")
USER_ID = sql.SQL("(SELECT NULLIF(current_setting('spr.user_id', true), '')::uuid)")


def _ids(setting: str) -> sql.Composable:
    return sql.SQL(
        "(SELECT string_to_array(current_setting({setting}, true), ',')::uuid[])::uuid[]"
    ).format(setting=sql.Literal(setting))


def _in(column: str | sql.Identifier, setting: str) -> sql.Composable:
    """column = ANY (the ids in the setting)."""
    ident = column if isinstance(column, sql.Identifier) else sql.Identifier(column)
    return ident + sql.SQL(" = ANY (") + _ids(setting) + sql.SQL(")")


def policy_expression(table: str, column: str, scope: str) -> sql.Composable:
    setting = "spr.agencies" if scope == "agency" else "spr.partnerships"
    parts = [SYSTEM_ON, _in(column, setting)]
    if about := ABOUT_USER.get(table):
        parts.append(USER_ID + sql.SQL(" = ANY (") + sql.Identifier(about) + sql.SQL(")"))
    if also := ALSO_PARTNERSHIP.get(table):
        parts.append(_in(also, "spr.partnerships"))
    if table in PARTNERSHIP_WIDE:
        parts.append(
            sql.Identifier(column)
            + sql.SQL(" IN (SELECT a.id FROM agencies_agency a WHERE ")
            + _in(sql.Identifier("a", "partnership_id"), "spr.partnerships")
            + sql.SQL(")")
        )
    for user_column in PERSONAL.get(table, ()):
        parts.append(sql.Identifier(user_column) + sql.SQL(" = ") + USER_ID)
    return sql.SQL("(") + sql.SQL(" OR ").join(parts) + sql.SQL(")")


def protect_sql(table: str, column: str, scope: str) -> list[sql.Composable]:
    """The statements that enable and force RLS on one table and (re)create its policy."""
    ident = sql.Identifier(table)
    expression = policy_expression(table, column, scope)
    return [
        sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(ident),
        sql.SQL("ALTER TABLE {} FORCE ROW LEVEL SECURITY").format(ident),
        sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(sql.Identifier(POLICY), ident),
        sql.SQL("CREATE POLICY {} ON {} FOR ALL USING {} WITH CHECK {}").format(
            sql.Identifier(POLICY), ident, expression, expression
        ),
    ]


def protect(cursor, table: str, column: str, scope: str = "agency") -> None:
    """Migration helper: enable + force RLS on `table` with the tenant policy."""
    for statement in protect_sql(table, column, scope):
        run(cursor, statement)


def run(cursor, statement: sql.Composable) -> None:
    cursor.execute(statement.as_string(cursor.connection))


def app_role() -> str:
    return getattr(settings, "SPR_DB_APP_ROLE", "") or ""


def grant_sql(role: str) -> list[sql.Composable]:
    """The app role may read and write every table, never change the schema."""
    r = sql.Identifier(role)
    return [
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(r),
        sql.SQL(
            "GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO {}"
        ).format(r),
        sql.SQL("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {}").format(r),
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
            "GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO {}"
        ).format(r),
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
            "GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {}"
        ).format(r),
    ]


def create_role_sql(role: str) -> sql.Composable:
    """Create the NOLOGIN app role once per cluster (several databases share it)."""
    return sql.SQL(
        """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {name}) THEN
                CREATE ROLE {role} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;  -- another database's migration created it at the same moment
        END
        $$;
        """
    ).format(name=sql.Literal(role), role=sql.Identifier(role))


def apply_registry(connection) -> None:
    """Idempotently protect every registered table that exists, and grant the app role.

    Runs as the owner, at the end of each `migrate` (tables that a later migration adds
    are protected then)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        existing = {row[0] for row in cursor.fetchall()}
        for table, (column, scope) in protected_tables().items():
            if table in existing:
                protect(cursor, table, column, scope)
        role = app_role()
        if role:
            run(cursor, create_role_sql(role))
            for statement in grant_sql(role):
                run(cursor, statement)
