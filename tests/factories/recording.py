from datetime import date, timedelta

import factory

from recording.models import (
    AgreedAction,
    CaseDiscussion,
    CaseDiscussionReflection,
    Rag,
    SessionRecord,
    SessionReflection,
)


class SessionRecordFactory(factory.django.DjangoModelFactory):
    """A draft one-to-one record of `supervisor` with `supervisee`, with its reflective part."""

    class Meta:
        model = SessionRecord
        skip_postgeneration_save = True

    agency = factory.LazyAttribute(lambda o: o.supervisee.memberships.first().agency)
    session_date = factory.LazyFunction(lambda: date.today() - timedelta(days=1))
    agenda = "Caseload review"
    created_by = factory.LazyAttribute(lambda o: o.supervisor)

    @factory.post_generation
    def reflection(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            SessionReflection.objects.create(
                agency_id=obj.agency_id,
                record=obj,
                wellbeing=kwargs.get("wellbeing", ""),
                learning=kwargs.get("learning", ""),
            )


class CaseDiscussionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseDiscussion
        skip_postgeneration_save = True

    agency = factory.LazyAttribute(lambda o: o.record.agency)
    needs = "Needs of the child"
    rag = Rag.AMBER

    @factory.post_generation
    def reflection(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            CaseDiscussionReflection.objects.create(
                agency_id=obj.agency_id, record=obj.record, discussion=obj, **kwargs
            )


class AgreedActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreedAction

    agency = factory.LazyAttribute(lambda o: o.record.agency)
    description = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.LazyAttribute(lambda o: o.record.supervisee)
    due_on = factory.LazyFunction(lambda: date.today() + timedelta(days=14))
