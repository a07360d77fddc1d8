"""Minimum standards: defaults from the seeds, the lead edits them, others only read."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from agencies import selectors, services
from agencies.dates import add_months
from agencies.models import ContactType, MinimumStandards
from tests.factories.agencies import MembershipFactory


def test_an_agency_without_standards_gets_unsaved_defaults(agency):
    standards = selectors.standards_for(agency)
    assert not standards.is_saved
    assert not MinimumStandards.objects.filter(agency=agency).exists()
    assert standards.agency_id == agency.id
    assert standards.direct_contact_frequency_weeks == 6
    assert standards.indirect_contact_frequency_weeks == 13  # seed 002: quarterly minimum
    assert standards.new_starter_frequency_weeks == 4
    assert standards.new_starter_period_months == 6
    assert standards.cin_discussion_interval_months == 3  # seed 002, aim 4
    assert standards.pre_review_window_working_days == 10
    assert standards.training_refresh_months == 36
    assert standards.lapsed_supervisor_may_take_new_supervisees is False
    assert standards.supervisors_from_other_agencies_allowed is False


def test_ensure_standards_saves_the_defaults_once(agency):
    first = services.ensure_standards(agency=agency)
    second = services.ensure_standards(agency=agency)
    assert first.pk == second.pk and first.is_saved
    assert selectors.standards_for(agency).pk == first.pk


def test_update_standards_validates(agency, lead):
    services.update_standards(agency=agency, updated_by=lead, direct_contact_frequency_weeks=8)
    assert selectors.standards_for(agency).direct_contact_frequency_weeks == 8
    with pytest.raises(ValidationError) as exc:
        services.update_standards(agency=agency, updated_by=lead, new_starter_frequency_weeks=9)
    assert "at least as often" in str(exc.value)
    with pytest.raises(ValidationError):
        services.update_standards(
            agency=agency, updated_by=lead, indirect_contact_frequency_weeks=14
        )
    with pytest.raises(ValidationError):
        services.update_standards(agency=agency, updated_by=lead, cin_discussion_interval_months=4)


def test_frequency_follows_contact_type_and_new_starter_period(agency):
    standards = selectors.standards_for(agency)
    newcomer = MembershipFactory(agency=agency, start_date=date(2026, 1, 31))
    indirect = MembershipFactory(
        agency=agency, start_date=date(2020, 1, 1), contact_type=ContactType.INDIRECT
    )
    direct = MembershipFactory(agency=agency, start_date=date(2020, 1, 1))
    assert standards.new_starter_until(newcomer) == date(2026, 7, 31)
    assert standards.frequency_weeks_for(newcomer, date(2026, 7, 30)) == 4
    assert standards.frequency_weeks_for(newcomer, date(2026, 7, 31)) == 6
    assert standards.frequency_weeks_for(indirect, date(2026, 7, 31)) == 13
    assert standards.frequency_weeks_for(direct, date(2026, 7, 31)) == 6


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 5, 10), 36, date(2029, 5, 10)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_everyone_in_the_agency_reads_the_standards(client_for, supervisee):
    response = client_for(supervisee).get("/agency/standards/")
    assert response.status_code == 200
    assert "At least every 6 weeks" in response.content.decode()
    assert "has not changed the standard defaults yet" in response.content.decode()
    assert "Change the standards" not in response.content.decode()


def test_only_the_lead_changes_them(client_for, supervisor):
    assert client_for(supervisor).get("/agency/standards/change/").status_code == 403
    response = client_for(supervisor).post("/agency/standards/change/", {})
    assert response.status_code == 403


VALID = {
    "direct_contact_frequency_weeks": "4",
    "indirect_contact_frequency_weeks": "12",
    "new_starter_frequency_weeks": "2",
    "new_starter_period_months": "12",
    "cin_discussion_interval_months": "2",
    "pre_review_window_working_days": "15",
    "training_refresh_months": "24",
    "lapsed_supervisor_may_take_new_supervisees": "no",
    "supervisors_from_other_agencies_allowed": "yes",
}


def test_lead_saves_the_standards(client_for, lead, agency):
    response = client_for(lead).post("/agency/standards/change/", VALID)
    assert response.status_code == 302
    standards = MinimumStandards.objects.get(agency=agency)
    assert standards.direct_contact_frequency_weeks == 4
    assert standards.supervisors_from_other_agencies_allowed is True
    assert standards.updated_by == lead


def test_bad_standards_keep_what_was_typed(client_for, lead, agency):
    data = {**VALID, "indirect_contact_frequency_weeks": "20", "new_starter_frequency_weeks": "x"}
    response = client_for(lead).post("/agency/standards/change/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "govuk-error-summary" in page
    assert "The frequency for indirect contact staff must be 13 weeks or fewer" in page
    assert "The frequency for new starters must be a whole number of weeks" in page
    assert 'value="20"' in page and 'value="15"' in page
    assert not MinimumStandards.objects.filter(agency=agency).exists()
