"""Demo data for the annual evaluation, for Northshire Council Children's Services:

- five more practitioners supervised by Sam Okafor (so that his results can show: they
  appear only from 5 responses up);
- last year's evaluation, closed, with 6 anonymous responses;
- this year's, open, with 5 anonymous responses so far: Priya Shah and Tom Baker have not
  answered yet (sign in as Priya to answer);
- Lena Fischer as a trained observer, one recorded observation and one waiting for
  agreement; quarterly sickness and vacancy figures.

Idempotent: submitted responses can never be changed or deleted (database triggers), so a
campaign that has responses is left as it is.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from agencies.models import ContactType, Membership, Role, User
from contracts import services as contract_services
from contracts.models import Agreement, AgreementStatus

from . import services
from .models import (
    Answer,
    Campaign,
    FreeTextComment,
    Invitation,
    Observation,
    ObservationStatus,
    Question,
    Response,
    TrainedObserver,
    WorkforceQuarter,
)
from .questionnaire import STANDARD_STATEMENTS, Prompt

COUNCIL = "council"
SUPERVISOR = "sam.okafor@council.example"
LEAD = "lena.fischer@council.example"
ADMIN = "adam.price@council.example"

# email, full name, team
MORE_SUPERVISEES = [
    ("aisha.khan@council.example", "Aisha Khan", "Assessment and Intervention"),
    ("ben.carter@council.example", "Ben Carter", "Assessment and Intervention"),
    ("chloe.davies@council.example", "Chloe Davies", "Children in Care"),
    ("daniel.green@council.example", "Daniel Green", "Children in Care"),
    ("ella.morris@council.example", "Ella Morris", "Children in Care"),
]

# Anonymous answers: ten Yes / No / Maybe (y, n, m), resilience, stress, reflection, team.
LAST_YEAR = [
    ("yyyyynyyyy", 4, 3, 4, "Assessment and Intervention"),
    ("yymyyyyyym", 3, 4, 3, "Assessment and Intervention"),
    ("ynyyymnyyy", 3, 4, 3, "Assessment and Intervention"),
    ("yyyymyyyyy", 4, 2, 4, "Children in Care"),
    ("myyyyymyyn", 2, 4, 3, "Children in Care"),
    ("yyyyyyyyym", 4, 3, 4, "Children in Care"),
]
THIS_YEAR = [
    ("yyyyyyyyyy", 4, 3, 5, "Assessment and Intervention"),
    ("yyyyyymyyy", 4, 3, 4, "Assessment and Intervention"),
    ("yyyyyyyyym", 3, 3, 4, "Children in Care"),
    ("yymyyyyyyy", 4, 2, 4, "Children in Care"),
    ("ymyyyyyyyy", 5, 2, 4, "Children in Care"),
]
COMMENTS = {
    "last": [
        (Prompt.MORE_OF, "Time to talk about how the work affects me."),
        (Prompt.LESS_OF, "Going through the caseload list case by case."),
    ],
    "this": [
        (Prompt.MORE_OF, "Reflecting on families where nothing seems to change."),
        (Prompt.MORE_OF, "Joint visits before difficult meetings."),
        (Prompt.LESS_OF, "Sessions being moved at short notice."),
    ],
}
CHOICES = {"y": "yes", "n": "no", "m": "maybe"}


def _people(world) -> None:
    agency = world.agencies[COUNCIL]
    supervisor = world.users[SUPERVISOR]
    for email, name, team in MORE_SUPERVISEES:
        user, _ = User.objects.update_or_create(email=email, defaults={"full_name": name})
        if not user.check_password(settings.DEMO_PASSWORD):
            user.set_password(settings.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        world.users[email] = user
        world.memberships[email], _ = Membership.objects.update_or_create(
            agency=agency,
            user=user,
            defaults={
                "team": world.teams[(COUNCIL, team)],
                "job_title": "Social worker",
                "roles": [Role.PRACTITIONER],
                "contact_type": ContactType.DIRECT,
                "start_date": date(2023, 9, 4),
                "ended_on": None,
            },
        )
        agreement, _ = Agreement.objects.update_or_create(
            agency=agency,
            supervisor=supervisor,
            supervisee=user,
            defaults={
                "status": AgreementStatus.ACTIVE,
                "frequency_weeks": 4,
                "start_date": date(2026, 4, 1),
                "review_date": date(2027, 3, 31),
            },
        )
        contract_services.grant_supervision(agreement=agreement)


def _campaign(world, *, year: int, opens_on: date, closes_on: date) -> Campaign:
    agency = world.agencies[COUNCIL]
    campaign, created = Campaign.objects.get_or_create(
        agency=agency,
        year=year,
        defaults={"opens_on": opens_on, "closes_on": closes_on, "opened_by": world.users[LEAD]},
    )
    if created:
        Question.objects.bulk_create(
            Question(agency=agency, campaign=campaign, position=n, text=text, standard_number=n)
            for n, text in enumerate(STANDARD_STATEMENTS, start=1)
        )
    return campaign


def _responses(world, campaign: Campaign, rows, comments, invitees: list[str]) -> None:
    if Response.objects.filter(campaign=campaign).exists():
        return
    agency = world.agencies[COUNCIL]
    supervisor = world.users[SUPERVISOR]
    questions = list(campaign.questions.order_by("position"))
    for email in invitees:
        Invitation.objects.update_or_create(
            campaign=campaign,
            supervisee=world.users[email],
            supervisor=supervisor,
            defaults={
                "agency": agency,
                "has_responded": True,
                "emailed_at": timezone.now(),
            },
        )
    for answers, resilience, stress, reflection, team in rows:
        response = Response.objects.create(
            agency=agency,
            campaign=campaign,
            supervisor=supervisor,
            team=world.teams[(COUNCIL, team)],
            resilience=resilience,
            stress=stress,
            reflection=reflection,
        )
        Answer.objects.bulk_create(
            Answer(agency=agency, response=response, question=q, choice=CHOICES[a])
            for q, a in zip(questions, answers, strict=True)
        )
    FreeTextComment.objects.bulk_create(
        FreeTextComment(agency=agency, campaign=campaign, prompt=prompt, text=text)
        for prompt, text in comments
    )


def _observations(world, today: date) -> None:
    agency = world.agencies[COUNCIL]
    lead = world.memberships[LEAD]
    TrainedObserver.objects.get_or_create(
        agency=agency,
        membership=lead,
        defaults={"trained_on": date(2025, 3, 10), "added_by": world.users[LEAD]},
    )
    observer, supervisor = world.users[LEAD], world.users[SUPERVISOR]
    recorded_on = today - timedelta(days=20)
    now = timezone.now()
    Observation.objects.get_or_create(
        agency=agency,
        observer=observer,
        supervisor=supervisor,
        supervisee=world.users["aisha.khan@council.example"],
        planned_on=recorded_on,
        defaults={
            "status": ObservationStatus.RECORDED,
            "supervisor_agreed_at": now - timedelta(days=30),
            "supervisee_agreed_at": now - timedelta(days=29),
            "observed_on": recorded_on,
            "reflection_and_challenge": 3,
            "child_focus": 4,
            "relationship": 4,
            "actions_agreed": 2,
            "notes": "A warm, focused session; the child's experience was kept in view "
            "throughout. Actions were agreed but not all had an owner and a date.",
            "recorded_at": now - timedelta(days=19),
        },
    )
    Observation.objects.get_or_create(
        agency=agency,
        observer=observer,
        supervisor=supervisor,
        supervisee=world.users["priya.shah@council.example"],
        defaults={"planned_on": today + timedelta(days=10)},
    )


def _workforce(world, today: date) -> None:
    agency = world.agencies[COUNCIL]
    figures = {
        (today.year - 1, 1): ("4.10", "12.50"),
        (today.year - 1, 2): ("3.90", "12.00"),
        (today.year - 1, 3): ("3.70", "11.20"),
        (today.year - 1, 4): ("4.30", "10.80"),
        (today.year, 1): ("3.80", "10.10"),
        (today.year, 2): ("3.40", "9.50"),
        (today.year, 3): ("3.20", "8.90"),
    }
    current = (today.year, (today.month - 1) // 3 + 1)
    for (year, quarter), (sickness, vacancy) in figures.items():
        if (year, quarter) > current:
            continue
        WorkforceQuarter.objects.update_or_create(
            agency=agency,
            year=year,
            quarter=quarter,
            defaults={
                "sickness_rate": Decimal(sickness),
                "vacancy_rate": Decimal(vacancy),
                "entered_by": world.users[ADMIN],
            },
        )


def seed(world) -> None:
    today = timezone.localdate()
    _people(world)
    more = [email for email, _name, _team in MORE_SUPERVISEES]
    last = _campaign(
        world,
        year=today.year - 1,
        opens_on=date(today.year - 1, 10, 1),
        closes_on=date(today.year - 1, 10, 31),
    )
    _responses(world, last, LAST_YEAR, COMMENTS["last"], ["priya.shah@council.example", *more])
    this = _campaign(
        world,
        year=today.year,
        opens_on=today - timedelta(days=14),
        closes_on=today + timedelta(days=21),
    )
    _responses(world, this, THIS_YEAR, COMMENTS["this"], more)
    # Everyone else with an agreement in force (Priya and Tom) is invited, not answered.
    services.sync_invitations(campaign=this, today=today)
    _observations(world, today)
    _workforce(world, today)
