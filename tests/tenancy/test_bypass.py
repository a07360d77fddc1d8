"""The second wall: a view that forgets the scoping layer (a raw `Model.objects.all()`)
still sees only the signed-in person's own tenant's rows, for every protected table.

The world is the whole demo seed (two partnerships, five agencies, every app's seed), plus
one row in each table the seed leaves empty. Two practitioners look through the unscoped
view: Priya (Northshire Council, where the seed is richest) and Ruth (Southvale, the other
partnership). Each must see exactly the rows of their own agency (or partnership)."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, User
from assurance.models import AssuranceReport, ListExport, ReportDownload, Snapshot
from audit.models import AccessKind
from audit.services import log_access
from evaluation.models import Draft, Invitation, RecordAudit
from recording.models import Addendum, AuditAccess, SessionRecord
from retention.models import (
    DeletedKind,
    LegalHold,
    RetentionLogEntry,
    RetentionPolicy,
    RetentionRun,
)
from supervision.models import CaseImport
from tenancy import rls
from tenancy.context import system
from tests.factories.evaluation import AuditItemFactory
from tests.tenancy.urls import model_for
from twofactor.models import AgencySignInPolicy

TABLES = sorted(rls.protected_tables())
PEOPLE = ["priya.shah@council.example", "ruth.evans@southvale.example"]


def fill_what_the_seed_leaves_empty():
    """One row in each protected table that the demo seed leaves empty, in the council."""
    record = SessionRecord.objects.order_by("session_date").first()
    agency = Agency.objects.get(id=record.agency_id)
    author = User.objects.get(id=record.supervisor_id)
    invitation = Invitation.objects.filter(agency=agency).first()
    today = timezone.localdate()
    quarter = {"period_start": date(today.year, 1, 1), "period_end": date(today.year, 3, 31)}
    Addendum.objects.create(agency=agency, record=record, author=author, text="Added later.")
    AuditAccess.objects.create(
        agency=agency,
        record=record,
        user=author,
        reason="Audit",
        expires_at=timezone.now() + timedelta(days=1),
    )
    log_access(user=author, kind=AccessKind.VIEW, label="A record", agency_id=agency.id, obj=record)
    CaseImport.objects.create(agency=agency, uploaded_by=author, filename="cases.csv")
    Draft.objects.create(agency=agency, invitation=invitation)
    audit = RecordAudit.objects.create(
        agency=agency, requested_size=1, records_in_period=1, drawn_by=author, **quarter
    )
    AuditItemFactory(audit=audit, supervisor=author)
    ListExport.objects.create(
        agency=agency, user=author, indicator="coverage", row_count=1, **quarter
    )
    partnership = agency.partnership
    Snapshot.objects.create(
        partnership=partnership, as_at=today, computed_at=timezone.now(), **quarter
    )
    report = AssuranceReport.objects.create(
        partnership=partnership,
        period_kind="quarter",
        as_at=today,
        period_label="Q1",
        requested_by=author,
        requested_at=timezone.now(),
        **quarter,
    )
    ReportDownload.objects.create(partnership=partnership, report=report, user=author, format="pdf")
    AgencySignInPolicy.objects.create(agency=agency, two_factor_for_everyone=True)
    RetentionPolicy.objects.create(agency=agency, years_after_end=7, updated_by=author)
    now = timezone.now()
    run = RetentionRun.objects.create(
        agency=agency,
        run_on=today,
        years_after_end=7,
        cutoff=today - timedelta(days=7 * 365),
        started_at=now,
        finished_at=now,
    )
    RetentionLogEntry.objects.create(
        agency=agency,
        run=run,
        kind=DeletedKind.AGREEMENT,
        object_id=record.id,
        ended_on=today - timedelta(days=8 * 365),
        deleted_at=now,
    )
    LegalHold.objects.create(
        agency=agency,
        kind=LegalHold.Kind.AGREEMENT,
        object_id=record.agreement_id or record.id,
        reason="A complaint",
        placed_by=author,
    )


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """Built once for the module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        with system():
            fill_what_the_seed_leaves_empty()
        yield
        transaction.set_rollback(True)


def tenants_of(table):
    column, _scope = rls.protected_tables()[table]
    with system():
        return {str(getattr(row, column)) for row in model_for(table)._default_manager.all()}


def own_tenants(user, table):
    """The tenants whose rows the user's requests may reach in this table."""
    _column, scope = rls.protected_tables()[table]
    agency = user.memberships.get().agency
    if scope == "partnership":
        return {str(agency.partnership_id)}
    if table in rls.PARTNERSHIP_WIDE:  # the partnership's people directory
        return {str(a.id) for a in Agency.objects.filter(partnership=agency.partnership_id)}
    return {str(agency.id)}


@pytest.mark.urls("tests.tenancy.urls")
@pytest.mark.parametrize("table", TABLES)
def test_an_unscoped_view_sees_only_the_own_tenant(demo_world, db, client, table):
    seen = {}
    for email in PEOPLE:
        client.force_login(User.objects.get(email=email))
        seen[email] = client.get(f"/raw/{table}").json()["tenants"]
    # Read after the requests: a request may add a row of its own tenant (a default
    # setting made on first use, say).
    everything = tenants_of(table)
    assert everything, f"no rows in {table}: add one in fill_what_the_seed_leaves_empty"
    denied_somewhere = False
    for email in PEOPLE:
        own = own_tenants(User.objects.get(email=email), table)
        assert set(seen[email]) == everything & own, (table, email)
        denied_somewhere |= bool(everything - own)
    # At least one of the two was kept from rows that exist.
    assert denied_somewhere


@pytest.mark.urls("tests.tenancy.urls")
def test_a_partnership_level_access_event_stays_in_its_partnership(demo_world, db, client):
    """Board report events carry only their partnership (audit_accessevent, ALSO_PARTNERSHIP):
    people of that partnership reach the row, people of the other one do not."""
    priya, ruth = (User.objects.get(email=email) for email in PEOPLE)
    with system():
        partnership_id = priya.memberships.get().agency.partnership_id
        log_access(
            user=priya, kind=AccessKind.REPORT, label="Board report", partnership_id=partnership_id
        )
    seen = {}
    for user in (priya, ruth):
        client.force_login(user)
        seen[user.email] = client.get("/raw/audit_accessevent").json()["tenants"]
    assert "None" in seen[priya.email]
    assert "None" not in seen[ruth.email]
