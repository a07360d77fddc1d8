from datetime import date, timedelta

import factory
from django.utils import timezone

from agencies.models import User
from reflection.models import (
    LearningLogEntry,
    MeetingMode,
    ParticipantRole,
    SpaceToThinkParticipant,
    SpaceToThinkSession,
)


def _membership(user: User):
    return user.memberships.select_related("agency").first()


class SpaceToThinkSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpaceToThinkSession

    requested_by = factory.SubFactory("tests.factories.agencies.UserFactory")
    partnership = factory.LazyAttribute(lambda o: _membership(o.requested_by).agency.partnership)
    topic = factory.Sequence(lambda n: f"Feeling stuck, topic {n:04d}")
    scheduled_for = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    mode = MeetingMode.IN_PERSON


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpaceToThinkParticipant

    session = factory.SubFactory(SpaceToThinkSessionFactory)
    membership = factory.LazyAttribute(lambda o: _membership(o.user))
    partnership = factory.LazyAttribute(lambda o: o.session.partnership)
    agency = factory.LazyAttribute(lambda o: o.membership.agency)
    role = ParticipantRole.CONSULTANT
    invited_by = factory.LazyAttribute(lambda o: o.session.requested_by)


def space_to_think(
    *, facilitator: User, presenter: User, consultants: list[User], **session_fields
) -> SpaceToThinkSession:
    """A planned session asked for by the Case Presenter, with everyone in their role."""
    session = SpaceToThinkSessionFactory(requested_by=presenter, **session_fields)
    ParticipantFactory(session=session, user=presenter, role=ParticipantRole.CASE_PRESENTER)
    ParticipantFactory(session=session, user=facilitator, role=ParticipantRole.FACILITATOR)
    for user in consultants:
        ParticipantFactory(session=session, user=user, role=ParticipantRole.CONSULTANT)
    return session


class LearningLogEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningLogEntry

    author = factory.SubFactory("tests.factories.agencies.UserFactory")
    membership = factory.LazyAttribute(lambda o: _membership(o.author))
    agency = factory.LazyAttribute(lambda o: o.membership.agency)
    title = factory.Sequence(lambda n: f"Reflection {n:04d}")
    event_date = factory.LazyFunction(lambda: date.today() - timedelta(days=3))
    prompted_by = "A core group where the plan had drifted"
    hindsight = "I would challenge sooner"
