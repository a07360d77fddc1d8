from datetime import date, timedelta

import factory
from django.utils import timezone

from agencies.models import ContactType
from contracts import services
from contracts.models import IN_FORCE, Agreement, AgreementStatus, TrainingRecord


def _signed_if_in_force(o):
    return timezone.now() if o.status in IN_FORCE else None


class AgreementFactory(factory.django.DjangoModelFactory):
    """An agreement in force by default (status active, signed by both, supervision granted).
    Pass status=AgreementStatus.DRAFT (or another) for one that is not in force."""

    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    agency = factory.LazyAttribute(lambda o: o.supervisee.memberships.first().agency)
    status = AgreementStatus.ACTIVE
    template = factory.LazyAttribute(
        lambda o: (
            o.supervisee.memberships.filter(agency=o.agency)
            .values_list("contact_type", flat=True)
            .first()
            or ContactType.DIRECT
        )
    )
    frequency_weeks = 4
    duration_minutes = 90
    start_date = factory.LazyFunction(lambda: date.today() - timedelta(days=60))
    review_date = factory.LazyAttribute(lambda o: o.start_date + timedelta(days=365))
    supervisor_responsibilities = "Keep sessions protected; record them within five days."
    supervisee_responsibilities = "Prepare the cases to discuss; come with an agenda."
    session_agenda_items = "Cases where contact with the family is indirect."
    supervisor_signed_at = factory.LazyAttribute(_signed_if_in_force)
    supervisee_signed_at = factory.LazyAttribute(_signed_if_in_force)
    activated_at = factory.LazyAttribute(_signed_if_in_force)

    @factory.post_generation
    def grant(obj, create, extracted, **kwargs):  # noqa: N805
        if create and obj.is_in_force:
            services.grant_supervision(agreement=obj)


class TrainingRecordFactory(factory.django.DjangoModelFactory):
    """Supervision training completed a year ago: valid under the default 36-month refresh."""

    class Meta:
        model = TrainingRecord

    agency = factory.LazyAttribute(lambda o: o.supervisor.memberships.first().agency)
    course = "Safeguarding supervision skills"
    provider = "Northshire Safeguarding Children Partnership"
    completed_on = factory.LazyFunction(lambda: date.today() - timedelta(days=365))
    recorded_by = factory.SelfAttribute("supervisor")
