"""The management command runs the rules once and prints what it raised and cleared."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory


def test_prints_what_it_raised_then_cleared(agency, supervisor, supervisee):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    case = CaseFactory(
        agency=agency,
        allocated_practitioner=supervisee,
        last_discussed_on=timezone.localdate() - timedelta(days=100),
    )
    out = StringIO()
    call_command("run_cadence_rules", stdout=out)
    text = out.getvalue()
    assert "raised   Child-in-Need discussion overdue" in text
    assert f"for {supervisor.full_name}" in text
    assert case.reference not in text and case.initials not in text.split()
    case.last_discussed_on = timezone.localdate()
    case.save()
    out = StringIO()
    call_command("run_cadence_rules", stdout=out)
    assert "cleared  Child-in-Need discussion overdue" in out.getvalue()
    assert "Raised 0, updated 0, cleared 1" in out.getvalue()


def test_as_of_a_date(db):
    out = StringIO()
    call_command("run_cadence_rules", "--date", "2027-01-31", stdout=out)
    assert "Cadence rules as of 31 January 2027" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("run_cadence_rules", "--date", "31/01/2027")
