"""Factories and builders for the annual evaluation."""

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace
from uuid import uuid4

import factory
from django.utils import timezone

from agencies.models import Agency, Team, User
from evaluation import services
from evaluation.models import (
    Answer,
    AuditItem,
    Campaign,
    FreeTextComment,
    Invitation,
    Observation,
    ObservationStatus,
    Question,
    RecordAudit,
    Response,
    TrainedObserver,
    WorkforceQuarter,
)
from evaluation.questionnaire import STANDARD_STATEMENTS, Prompt


def _today() -> date:
    return timezone.localdate()


class CampaignFactory(factory.django.DjangoModelFactory):
    """Open today by default, with the ten Appendix I statements."""

    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    agency = factory.SubFactory("tests.factories.agencies.AgencyFactory")
    year = factory.LazyFunction(lambda: _today().year)
    opens_on = factory.LazyFunction(lambda: _today() - timedelta(days=7))
    closes_on = factory.LazyFunction(lambda: _today() + timedelta(days=21))
    opened_by = factory.SubFactory("tests.factories.agencies.UserFactory")

    @factory.post_generation
    def standard_questions(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            Question.objects.bulk_create(
                Question(agency=obj.agency, campaign=obj, position=n, text=text, standard_number=n)
                for n, text in enumerate(STANDARD_STATEMENTS, start=1)
            )


def closed_campaign(agency: Agency, year: int | None = None, **kwargs) -> Campaign:
    """A campaign that closed yesterday."""
    today = _today()
    return CampaignFactory(
        agency=agency,
        year=year or today.year,
        opens_on=today - timedelta(days=30),
        closes_on=today - timedelta(days=1),
        **kwargs,
    )


def invite(campaign: Campaign, supervisee: User, supervisor: User) -> Invitation:
    return Invitation.objects.create(
        agency=campaign.agency, campaign=campaign, supervisee=supervisee, supervisor=supervisor
    )


def answer_everything(invitation: Invitation, choice: str = "yes", **extra) -> None:
    """Save a complete draft and submit it through the services, as a supervisee would."""
    questions = invitation.campaign.questions.all()
    services.save_draft(
        invitation=invitation,
        user=invitation.supervisee,
        answers={str(q.id): choice for q in questions},
        resilience=extra.get("resilience", 4),
        stress=extra.get("stress", 2),
        reflection=extra.get("reflection", 4),
        more_of=extra.get("more_of", ""),
        less_of=extra.get("less_of", ""),
    )
    services.submit_response(invitation=invitation, user=invitation.supervisee)


def anonymous_responses(
    campaign: Campaign,
    supervisor: User,
    count: int,
    *,
    team: Team | None = None,
    choice: str = "yes",
    resilience: int = 4,
) -> list[Response]:
    """`count` submitted responses about `supervisor`, written directly (fast)."""
    questions = list(campaign.questions.all())
    responses = Response.objects.bulk_create(
        Response(
            agency=campaign.agency,
            campaign=campaign,
            supervisor=supervisor,
            team=team,
            resilience=resilience,
            stress=3,
            reflection=3,
        )
        for _ in range(count)
    )
    Answer.objects.bulk_create(
        Answer(agency=campaign.agency, response=r, question=q, choice=choice)
        for r in responses
        for q in questions
    )
    return responses


def comment(campaign: Campaign, text: str, prompt: str = Prompt.MORE_OF) -> FreeTextComment:
    return FreeTextComment.objects.create(
        agency=campaign.agency, campaign=campaign, prompt=prompt, text=text
    )


class TrainedObserverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainedObserver

    agency = factory.LazyAttribute(lambda o: o.membership.agency)
    trained_on = factory.LazyFunction(lambda: _today() - timedelta(days=100))
    added_by = factory.LazyAttribute(lambda o: o.membership.user)


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    agency = factory.LazyAttribute(lambda o: o.supervisor.memberships.first().agency)
    planned_on = factory.LazyFunction(lambda: _today() + timedelta(days=7))
    status = ObservationStatus.AWAITING_CONSENT


def recorded_observation(**kwargs) -> Observation:
    now = timezone.now()
    return ObservationFactory(
        status=ObservationStatus.RECORDED,
        supervisor_agreed_at=now,
        supervisee_agreed_at=now,
        observed_on=_today(),
        reflection_and_challenge=3,
        child_focus=4,
        relationship=4,
        actions_agreed=2,
        notes="Clear actions; more challenge next time.",
        recorded_at=now,
        **kwargs,
    )


def signed_record(agency: Agency, supervisor: User, session_date: date | None = None):
    """What the recording app hands the audit: id, agency_id, supervisor_id, session_date."""
    return SimpleNamespace(
        id=uuid4(),
        agency_id=agency.id,
        supervisor_id=supervisor.id,
        session_date=session_date or _today() - timedelta(days=10),
    )


class RecordAuditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecordAudit

    period_start = factory.LazyFunction(lambda: _today() - timedelta(days=90))
    period_end = factory.LazyFunction(_today)
    requested_size = 10
    records_in_period = 10


class AuditItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditItem

    agency = factory.LazyAttribute(lambda o: o.audit.agency)
    record_id = factory.LazyFunction(uuid4)
    session_date = factory.LazyFunction(lambda: _today() - timedelta(days=10))


class WorkforceQuarterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkforceQuarter

    year = factory.LazyFunction(lambda: _today().year - 1)
    quarter = 1
    sickness_rate = Decimal("4.25")
    vacancy_rate = Decimal("9.50")
