from datetime import date, timedelta

import factory

from contracts import services
from contracts.models import Agreement, AgreementStatus


class AgreementFactory(factory.django.DjangoModelFactory):
    """An agreement in force by default (status active, supervision granted)."""

    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    agency = factory.LazyAttribute(lambda o: o.supervisee.memberships.first().agency)
    status = AgreementStatus.ACTIVE
    frequency_weeks = 4
    duration_minutes = 90
    start_date = factory.LazyFunction(lambda: date.today() - timedelta(days=60))
    review_date = factory.LazyAttribute(lambda o: o.start_date + timedelta(days=365))

    @factory.post_generation
    def grant(obj, create, extracted, **kwargs):  # noqa: N805
        if create and obj.is_in_force:
            services.grant_supervision(agreement=obj)
