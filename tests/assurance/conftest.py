"""Shared fixtures for the assurance tests: a partnership of two agencies whose coverage
is small in one and large enough to show in the other."""

import pytest
from django.utils import timezone

from agencies.models import Role
from assurance import services
from assurance.periods import current_quarter, quarter_of
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory


def this_quarter():
    return current_quarter(timezone.localdate())


def quarter_form(period=None) -> dict:
    """The period form's fields for a calendar quarter (this one by default)."""
    period = period or this_quarter()
    return {"period": "quarter", "quarter": f"{period.start.year}-Q{quarter_of(period.start)}"}


@pytest.fixture
def covered(agency, other_agency):
    """Northshire Council: 3 practitioners, 1 with an agreement (fewer than 5 people).
    Northshire Police: 6 practitioners, 5 with an agreement (83%). In total 6 of 9 (67%).
    Everyone started today, so the figures are as at today in this quarter."""
    council_boss = person(agency, Role.SUPERVISOR)
    police_boss = person(other_agency, Role.SUPERVISOR)
    council = [person(agency, Role.PRACTITIONER) for _ in range(3)]
    police = [person(other_agency, Role.PRACTITIONER) for _ in range(6)]
    AgreementFactory(supervisor=council_boss, supervisee=council[0])
    for practitioner in police[:5]:
        AgreementFactory(supervisor=police_boss, supervisee=practitioner)
    return [council_boss, police_boss, *council, *police]


def generated_report(partnership, requested_by, period=None):
    """A report asked for and generated in this process, as the worker would."""
    report = services.request_report(
        partnership=partnership,
        requested_by=requested_by,
        period=period or this_quarter(),
        enqueue=False,
    )
    services.generate_report(report_id=report.id)
    report.refresh_from_db()
    return report
