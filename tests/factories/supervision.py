from datetime import date, timedelta

import factory
from django.utils import timezone

from supervision.models import (
    Case,
    CaseCategory,
    CaseCategoryChange,
    PlannedSession,
    SessionSetting,
    StatutoryMeeting,
)
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


class PlannedSessionFactory(factory.django.DjangoModelFactory):
    """A session of `supervisor` with `supervisee` next week (pass both)."""

    class Meta:
        model = PlannedSession

    agency = factory.LazyAttribute(lambda o: o.supervisee.memberships.first().agency)
    starts_at = factory.LazyFunction(
        lambda: timezone.now().replace(microsecond=0, second=0) + timedelta(days=7)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=90))
    setting = SessionSetting.IN_PERSON
    location = factory.Sequence(lambda n: f"Room {n}, Civic Centre")
    created_by = factory.LazyAttribute(lambda o: o.supervisor)


def signed_session(
    *,
    supervisor,
    supervisee,
    on: date,
    discussions=(),
    actions=(),
):
    """A signed one-to-one record: discussions are (case, rag) pairs, actions are dicts of
    AgreedAction fields. Parts are added while it is a draft, then it is signed (the
    database refuses changes to a signed record's parts)."""
    from recording.models import RecordStatus
    from tests.factories.recording import (
        AgreedActionFactory,
        CaseDiscussionFactory,
        SessionRecordFactory,
    )

    now = timezone.now()
    record = SessionRecordFactory(
        supervisor=supervisor,
        supervisee=supervisee,
        session_date=on,
        supervisor_signed_at=now,
        supervisee_signed_at=now,
    )
    for position, (case, rag) in enumerate(discussions, start=1):
        CaseDiscussionFactory(record=record, case=case, rag=rag, position=position)
    for position, fields in enumerate(actions, start=1):
        AgreedActionFactory(record=record, position=position, **fields)
    type(record).objects.filter(pk=record.pk).update(status=RecordStatus.SIGNED)
    record.refresh_from_db()
    return record
