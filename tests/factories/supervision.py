from datetime import date, timedelta

import factory

from supervision.models import Case, CaseCategory, CaseCategoryChange, StatutoryMeeting
from tests.factories.agencies import AgencyFactory


def _agency_of(case):
    """The allocated practitioner's agency, or a new agency for an unallocated case."""
    if case.allocated_practitioner is not None:
        return case.allocated_practitioner.memberships.first().agency
    return AgencyFactory()


class CaseFactory(factory.django.DjangoModelFactory):
    """An open Child-in-Need case of `agency` (pass `allocated_practitioner` to allocate it)."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    agency = factory.LazyAttribute(_agency_of)
    reference = factory.Sequence(lambda n: f"CASE-{n:05d}")
    initials = factory.Sequence(lambda n: "ABCDEFGHJKLMNPRSTW"[n % 18] + "XYZ"[n % 3])
    year_of_birth = 2015
    category = CaseCategory.CHILD_IN_NEED
    allocated_practitioner = None
    next_meeting_type = ""
    next_meeting_on = None
    last_discussed_on = None

    class Params:
        with_review = factory.Trait(
            next_meeting_type=StatutoryMeeting.CIN_REVIEW,
            next_meeting_on=factory.LazyFunction(lambda: date.today() + timedelta(days=30)),
        )

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            CaseCategoryChange.objects.create(
                agency_id=obj.agency_id,
                case=obj,
                from_category="",
                to_category=obj.category,
                changed_on=date.today(),
                source="manual",
            )
