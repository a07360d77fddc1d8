"""Cases: created and changed through services, the category history, "last discussed"."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from supervision import services
from supervision.models import Case, CaseCategory, StatutoryMeeting
from tests.factories.agencies import person
from tests.factories.supervision import CaseFactory


def test_create_case_keeps_initials_only_and_starts_the_history(agency, supervisee, lead):
    case = services.create_case(
        agency=agency,
        by=lead,
        reference="NS-1001",
        initials="j.s.",
        year_of_birth=2016,
        category=CaseCategory.CHILD_IN_NEED,
        allocated_practitioner=supervisee,
        next_meeting_type=StatutoryMeeting.CIN_REVIEW,
        next_meeting_on=date(2026, 12, 1),
    )
    assert case.initials == "JS"
    change = case.category_changes.get()
    assert (change.from_category, change.to_category) == ("", CaseCategory.CHILD_IN_NEED)
    assert change.changed_by == lead


def test_reference_is_unique_per_agency_only(agency, other_agency, lead):
    CaseFactory(agency=agency, reference="R-1")
    CaseFactory(agency=other_agency, reference="R-1")  # another agency may use it
    with pytest.raises(ValidationError):
        services.create_case(
            agency=agency,
            by=lead,
            reference="r-1",
            initials="AB",
            year_of_birth=2018,
            category=CaseCategory.EARLY_HELP,
        )


def test_a_practitioner_of_another_agency_cannot_be_allocated(agency, outsider, lead):
    with pytest.raises(ValidationError):
        services.create_case(
            agency=agency,
            by=lead,
            reference="R-2",
            initials="AB",
            year_of_birth=2018,
            category=CaseCategory.EARLY_HELP,
            allocated_practitioner=outsider,
        )


def test_the_database_refuses_names_and_half_meetings(agency):
    with pytest.raises(IntegrityError):
        Case.objects.create(
            agency=agency, reference="X", initials="John", year_of_birth=2015, category="closed"
        )


def test_the_database_refuses_a_meeting_without_a_date(agency):
    with pytest.raises(IntegrityError):
        Case.objects.create(
            agency=agency,
            reference="Y",
            initials="JS",
            year_of_birth=2015,
            category="closed",
            next_meeting_type=StatutoryMeeting.CORE_GROUP,
        )


def test_a_category_change_is_added_to_the_history(agency, supervisee, lead):
    case = CaseFactory(agency=agency, category=CaseCategory.CHILD_IN_NEED)
    services.update_case(
        case=case,
        by=lead,
        initials=case.initials,
        year_of_birth=case.year_of_birth,
        category=CaseCategory.CHILD_PROTECTION,
        allocated_practitioner=supervisee,
        next_meeting_type=StatutoryMeeting.INITIAL_CONFERENCE,
        next_meeting_on=date(2026, 12, 10),
    )
    history = list(case.category_changes.order_by("created_at"))
    assert [h.to_category for h in history] == [
        CaseCategory.CHILD_IN_NEED,
        CaseCategory.CHILD_PROTECTION,
    ]
    assert history[1].from_category == CaseCategory.CHILD_IN_NEED


def test_unchanged_category_adds_no_history(agency, lead):
    case = CaseFactory(agency=agency)
    services.update_case(
        case=case,
        by=lead,
        initials="ZZ",
        year_of_birth=case.year_of_birth,
        category=case.category,
        allocated_practitioner=None,
        next_meeting_type="",
        next_meeting_on=None,
    )
    assert case.category_changes.count() == 1


def test_last_discussed_only_moves_forward(agency, other_agency):
    recent = CaseFactory(agency=agency, last_discussed_on=date(2026, 10, 1))
    old = CaseFactory(agency=agency, last_discussed_on=date(2026, 1, 1))
    never = CaseFactory(agency=agency)
    foreign = CaseFactory(agency=other_agency)
    changed = services.mark_cases_discussed(
        agency=agency, case_ids=[recent.id, old.id, never.id, foreign.id], on=date(2026, 6, 1)
    )
    assert changed == 2
    for case in (recent, old, never, foreign):
        case.refresh_from_db()
    assert recent.last_discussed_on == date(2026, 10, 1)
    assert old.last_discussed_on == date(2026, 6, 1)
    assert never.last_discussed_on == date(2026, 6, 1)
    assert foreign.last_discussed_on is None


def test_factory_allocates_in_the_practitioner_agency(agency):
    practitioner = person(agency, "practitioner")
    case = CaseFactory(allocated_practitioner=practitioner)
    assert case.agency == agency
