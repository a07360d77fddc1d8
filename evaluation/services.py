"""Every write of the annual evaluation goes through these functions (STYLE.md habit 3).

Nothing here logs, returns or stores who answered what: a submission writes the anonymous
response and flips the invitation's `has_responded` in one transaction, then deletes the
draft, the only row that ever held a person's answers beside their name.
"""

import secrets
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from random import Random

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, Membership, User
from audit import services as audit_services
from audit.models import AccessKind
from contracts.models import IN_FORCE, Agreement

from . import record_source
from .models import (
    CHECKLIST_FIELDS,
    RUBRIC_FIELDS,
    Answer,
    AuditItem,
    Campaign,
    CampaignStatus,
    Draft,
    FreeTextComment,
    Invitation,
    Observation,
    ObservationStatus,
    Question,
    RecordAudit,
    Response,
    Score,
    TrainedObserver,
    WorkforceQuarter,
)
from .questionnaire import INDICATORS, STANDARD_STATEMENTS, Choice, Prompt
from .record_source import SignedRecord

# Reminders go this many days before the close date (seed 000 standard xv asks for
# practitioner feedback every year: a nudge a week before and two days before closing).
REMINDER_DAYS_BEFORE_CLOSE = (7, 2)
MAX_SAMPLE = 100


def question_field(question: Question) -> str:
    """The questionnaire form's field name for a question."""
    return f"q{question.position}"


def _today(today: date | None) -> date:
    return today or timezone.localdate()


# --- Campaigns --------------------------------------------------------------------------


@transaction.atomic
def open_campaign(
    *,
    agency: Agency,
    opened_by: User,
    year: int,
    opens_on: date,
    closes_on: date,
    today: date | None = None,
) -> Campaign:
    """Open the agency's evaluation for `year` with the ten Appendix I statements. If it
    is open already, invite every supervisee with an agreement in force and email them
    (after commit); otherwise the daily job does that on the open date."""
    today = _today(today)
    errors = {}
    if closes_on < opens_on:
        errors["closes_on"] = "The close date must be the same as or after the open date"
    elif closes_on < today:
        errors["closes_on"] = "The close date must be today or in the future"
    if Campaign.objects.filter(agency=agency, year=year).exists():
        errors["year"] = f"There is already an evaluation for {year}"
    if errors:
        raise ValidationError(errors)
    campaign = Campaign.objects.create(
        agency=agency, year=year, opens_on=opens_on, closes_on=closes_on, opened_by=opened_by
    )
    Question.objects.bulk_create(
        Question(agency=agency, campaign=campaign, position=n, text=text, standard_number=n)
        for n, text in enumerate(STANDARD_STATEMENTS, start=1)
    )
    if campaign.status_on(today) == CampaignStatus.OPEN:
        sync_invitations(campaign=campaign, today=today)
        campaign_id = str(campaign.id)

        def enqueue() -> None:
            from .tasks import send_campaign_mail

            send_campaign_mail.delay(campaign_id)

        transaction.on_commit(enqueue)
    return campaign


def why_questions_are_locked(campaign: Campaign) -> str | None:
    if campaign.is_closed:
        return "This evaluation has closed."
    if Response.objects.filter(campaign=campaign).exists():
        return "Questions can be changed only until the first person submits their answers."
    return None


@transaction.atomic
def add_agency_question(*, campaign: Campaign, text: str) -> Question:
    """Add the agency's own Yes / No / Maybe statement after the ten of Appendix I."""
    campaign = Campaign.objects.select_for_update().get(id=campaign.id)
    problem = why_questions_are_locked(campaign)
    if problem:
        raise ValidationError({"text": problem})
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Enter the statement"})
    if campaign.questions.filter(text__iexact=text).exists():
        raise ValidationError({"text": "This evaluation already has that statement"})
    last = campaign.questions.aggregate(m=Max("position"))["m"] or 0
    return Question.objects.create(
        agency_id=campaign.agency_id, campaign=campaign, position=last + 1, text=text
    )


@transaction.atomic
def remove_agency_question(*, question: Question) -> None:
    if question.is_standard:
        raise ValidationError("The ten statements of the evaluation tool cannot be removed.")
    campaign = Campaign.objects.select_for_update().get(id=question.campaign_id)
    problem = why_questions_are_locked(campaign)
    if problem:
        raise ValidationError(problem)
    question.delete()


@transaction.atomic
def close_campaign(*, campaign: Campaign, closed_by: User) -> Campaign:
    """Close the evaluation now, before its close date. No more answers are taken."""
    campaign = Campaign.objects.select_for_update().get(id=campaign.id)
    if campaign.is_closed:
        raise ValidationError("This evaluation has already closed.")
    campaign.closed_at = timezone.now()
    campaign.save(update_fields=["closed_at"])
    return campaign


# --- Invitations and reminders ------------------------------------------------------------


def sync_invitations(*, campaign: Campaign, today: date | None = None) -> int:
    """Invite every supervisee with an agreement in force in the agency (one invitation
    per supervisor they have), while the campaign is open. Idempotent; returns how many
    invitations the campaign has."""
    today = _today(today)
    if campaign.status_on(today) != CampaignStatus.OPEN:
        return Invitation.objects.filter(campaign=campaign).count()
    active_member = Membership.objects.filter(
        agency_id=campaign.agency_id, user_id=OuterRef("supervisee_id")
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
    pairs = (
        Agreement.objects.filter(agency_id=campaign.agency_id, status__in=IN_FORCE)
        .filter(Exists(active_member))
        .values_list("supervisee_id", "supervisor_id")
        .distinct()
    )
    Invitation.objects.bulk_create(
        [
            Invitation(
                agency_id=campaign.agency_id,
                campaign=campaign,
                supervisee_id=supervisee_id,
                supervisor_id=supervisor_id,
            )
            for supervisee_id, supervisor_id in pairs
        ],
        ignore_conflicts=True,
    )
    return Invitation.objects.filter(campaign=campaign).count()


def reminders_due(campaign: Campaign, today: date) -> int:
    """How many reminders should have gone by `today` (0 before the first reminder day)."""
    if campaign.status_on(today) != CampaignStatus.OPEN:
        return 0
    return sum(
        1
        for days in REMINDER_DAYS_BEFORE_CLOSE
        if (campaign.closes_on - today).days <= days and today >= campaign.opens_on
    )


def _questionnaire_url(invitation: Invitation) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("evaluation:questionnaire", args=[invitation.id])


def _email(invitation: Invitation, kind: str) -> EmailMessage:
    context = {
        "invitation": invitation,
        "campaign": invitation.campaign,
        "url": _questionnaire_url(invitation),
    }
    subject = render_to_string(f"evaluation/email/{kind}_subject.txt", context).strip()
    body = render_to_string(f"evaluation/email/{kind}_body.txt", context)
    return EmailMessage(subject=subject, body=body, to=[invitation.supervisee.email])


def _send_after_commit(messages: list[EmailMessage]) -> None:
    if messages:
        transaction.on_commit(lambda: get_connection().send_messages(messages))


def send_invitation_emails(*, campaign: Campaign) -> int:
    """Email each invited supervisee once. Rows are claimed (locked, skipping rows
    another worker holds, and stamped) before any email goes, so two workers never send
    the same invitation twice; the emails go after commit."""
    with transaction.atomic():
        rows = list(
            Invitation.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(campaign=campaign, emailed_at__isnull=True, has_responded=False)
            .select_related("supervisee", "supervisor", "campaign__agency")
        )
        Invitation.objects.filter(id__in=[r.id for r in rows]).update(emailed_at=timezone.now())
        _send_after_commit([_email(row, "invitation") for row in rows])
    return len(rows)


def send_reminders(*, campaign: Campaign, today: date | None = None) -> int:
    """Remind, before the close date, only the invited people who have not answered.
    Each reminder day sends at most one email per person however often this runs."""
    today = _today(today)
    due = reminders_due(campaign, today)
    if not due:
        return 0
    with transaction.atomic():
        rows = list(
            Invitation.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(campaign=campaign, has_responded=False, reminders_sent__lt=due)
            .select_related("supervisee", "supervisor", "campaign__agency")
        )
        Invitation.objects.filter(id__in=[r.id for r in rows], has_responded=False).update(
            reminders_sent=due
        )
        _send_after_commit([_email(row, "reminder") for row in rows])
    return len(rows)


def run_campaign_mail(*, today: date | None = None, campaign_ids: Iterable[str] = ()) -> dict:
    """The daily job: for every open campaign (or those named), invite new supervisees,
    email invitations not yet sent and send the reminders that are due. Idempotent."""
    today = _today(today)
    campaigns = Campaign.objects.filter(
        opens_on__lte=today, closes_on__gte=today, closed_at__isnull=True
    )
    if campaign_ids:
        campaigns = campaigns.filter(id__in=list(campaign_ids))
    totals = {"campaigns": 0, "invitations": 0, "reminders": 0}
    for campaign in campaigns.select_related("agency"):
        sync_invitations(campaign=campaign, today=today)
        totals["campaigns"] += 1
        totals["invitations"] += send_invitation_emails(campaign=campaign)
        totals["reminders"] += send_reminders(campaign=campaign, today=today)
    return totals


# --- Answering ----------------------------------------------------------------------------


def _lock_own_open_invitation(invitation: Invitation, user: User, today: date) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("campaign")
        .get(id=invitation.id)
    )
    if invitation.supervisee_id != user.id:
        raise PermissionDenied("Only the person invited can answer.")
    if invitation.has_responded:
        raise ValidationError("You have already submitted your answers. They cannot be changed.")
    campaign = invitation.campaign
    if campaign.status_on(today) != CampaignStatus.OPEN:
        raise ValidationError("This evaluation is not open for answers.")
    return invitation


@transaction.atomic
def save_draft(
    *,
    invitation: Invitation,
    user: User,
    answers: dict[str, str],
    more_of: str = "",
    less_of: str = "",
    resilience: int | None = None,
    stress: int | None = None,
    reflection: int | None = None,
    today: date | None = None,
) -> Draft:
    """Keep what the supervisee has answered so far, to come back to. `answers` maps
    question ids to yes / no / maybe; anything else is dropped."""
    invitation = _lock_own_open_invitation(invitation, user, _today(today))
    question_ids = {str(q) for q in invitation.campaign.questions.values_list("id", flat=True)}
    kept = {
        str(qid): choice
        for qid, choice in answers.items()
        if str(qid) in question_ids and choice in Choice.values
    }
    indicators = {"resilience": resilience, "stress": stress, "reflection": reflection}
    for name, value in indicators.items():
        if value is not None and not 1 <= int(value) <= 5:
            indicators[name] = None
    draft, _ = Draft.objects.update_or_create(
        invitation=invitation,
        defaults={
            "agency_id": invitation.agency_id,
            "answers": kept,
            "more_of": more_of.strip(),
            "less_of": less_of.strip(),
            **indicators,
        },
    )
    return draft


@transaction.atomic
def submit_response(*, invitation: Invitation, user: User, today: date | None = None) -> None:
    """Submit the saved draft for good. Checks every statement and indicator is answered,
    writes the anonymous response (about the supervisor, the supervisee's team and the
    agency), its answers and free text, marks the invitation answered and deletes the
    draft, all in one transaction. A second submission is refused."""
    invitation = _lock_own_open_invitation(invitation, user, _today(today))
    draft = Draft.objects.filter(invitation=invitation).first()
    answers = draft.answers if draft else {}
    questions = list(invitation.campaign.questions.order_by("position"))
    errors: dict[str, str] = {}
    for question in questions:
        if answers.get(str(question.id)) not in Choice.values:
            errors[question_field(question)] = (
                f"Select yes, no or maybe for statement {question.position}"
            )
    for indicator in INDICATORS:
        if draft is None or getattr(draft, indicator["field"]) is None:
            errors[indicator["field"]] = "Select 1, 2, 3, 4 or 5: " + indicator["label"]
    if errors:
        raise ValidationError(errors)
    team_id = (
        Membership.objects.filter(agency_id=invitation.agency_id, user=user)
        .values_list("team_id", flat=True)
        .first()
    )
    response = Response.objects.create(
        agency_id=invitation.agency_id,
        campaign_id=invitation.campaign_id,
        supervisor_id=invitation.supervisor_id,
        team_id=team_id,
        resilience=draft.resilience,
        stress=draft.stress,
        reflection=draft.reflection,
    )
    Answer.objects.bulk_create(
        Answer(
            agency_id=invitation.agency_id,
            response=response,
            question=question,
            choice=answers[str(question.id)],
        )
        for question in questions
    )
    FreeTextComment.objects.bulk_create(
        FreeTextComment(
            agency_id=invitation.agency_id,
            campaign_id=invitation.campaign_id,
            prompt=prompt,
            text=text,
        )
        for prompt, text in ((Prompt.MORE_OF, draft.more_of), (Prompt.LESS_OF, draft.less_of))
        if text.strip()
    )
    claimed = Invitation.objects.filter(id=invitation.id, has_responded=False).update(
        has_responded=True
    )
    if claimed != 1:  # pragma: no cover - the row lock above makes this unreachable
        raise ValidationError("You have already submitted your answers. They cannot be changed.")
    draft.delete()


@transaction.atomic
def set_comment_withheld(*, comment: FreeTextComment, lead: User, withheld: bool) -> None:
    """Withhold a free-text answer that identifies someone (or show it again). The text
    itself never changes."""
    FreeTextComment.objects.filter(id=comment.id).update(
        is_withheld=withheld, withheld_by=lead if withheld else None
    )


# --- Observations ------------------------------------------------------------------------


@transaction.atomic
def add_trained_observer(
    *, agency: Agency, membership: Membership, trained_on: date, added_by: User
) -> TrainedObserver:
    if membership.agency_id != agency.id or not membership.is_active:
        raise ValidationError({"membership": "Choose a current member of this agency"})
    if TrainedObserver.objects.filter(agency=agency, membership=membership).exists():
        raise ValidationError({"membership": "This person is already a trained observer"})
    if trained_on > timezone.localdate():
        raise ValidationError({"trained_on": "The training date must be today or in the past"})
    return TrainedObserver.objects.create(
        agency=agency, membership=membership, trained_on=trained_on, added_by=added_by
    )


@transaction.atomic
def remove_trained_observer(*, observer: TrainedObserver) -> None:
    observer.delete()


@transaction.atomic
def propose_observation(
    *, observer: Membership, agreement: Agreement, planned_on: date
) -> Observation:
    """A trained observer asks to observe a session of an agreement in force. Nothing is
    observed until both the supervisor and the supervisee agree."""
    if not TrainedObserver.objects.filter(
        agency_id=observer.agency_id, membership=observer
    ).exists():
        raise PermissionDenied("Only a trained observer can observe supervision.")
    if agreement.agency_id != observer.agency_id or not agreement.is_in_force:
        raise ValidationError({"agreement": "Choose a supervision agreement in force"})
    if observer.user_id in (agreement.supervisor_id, agreement.supervisee_id):
        raise ValidationError({"agreement": "You cannot observe your own supervision"})
    if planned_on < timezone.localdate():
        raise ValidationError({"planned_on": "The date must be today or in the future"})
    return Observation.objects.create(
        agency_id=observer.agency_id,
        observer_id=observer.user_id,
        supervisor_id=agreement.supervisor_id,
        supervisee_id=agreement.supervisee_id,
        planned_on=planned_on,
    )


@transaction.atomic
def answer_observation_request(*, observation: Observation, user: User, agree: bool) -> Observation:
    """The supervisor or the supervisee agrees to be observed, or declines (which ends
    the request)."""
    observation = Observation.objects.select_for_update().get(id=observation.id)
    if user.id not in (observation.supervisor_id, observation.supervisee_id):
        raise PermissionDenied("Only the supervisor and the supervisee answer this request.")
    if observation.status != ObservationStatus.AWAITING_CONSENT:
        raise ValidationError("This request has already been answered.")
    now = timezone.now()
    if not agree:
        observation.status = ObservationStatus.DECLINED
        observation.declined_at = now
    else:
        if user.id == observation.supervisor_id:
            observation.supervisor_agreed_at = now
        if user.id == observation.supervisee_id:
            observation.supervisee_agreed_at = now
        if observation.supervisor_agreed_at and observation.supervisee_agreed_at:
            observation.status = ObservationStatus.AGREED
    observation.save()
    return observation


@transaction.atomic
def record_observation(
    *,
    observation: Observation,
    observer: User,
    observed_on: date,
    ratings: dict[str, int],
    notes: str,
) -> Observation:
    """The observer records the rubric and notes, once both parties have agreed. The
    supervisor sees it."""
    observation = Observation.objects.select_for_update().get(id=observation.id)
    if observation.observer_id != observer.id:
        raise PermissionDenied("Only the observer records the observation.")
    if observation.status != ObservationStatus.AGREED:
        raise ValidationError("Both the supervisor and the supervisee must agree first.")
    if observed_on > timezone.localdate():
        raise ValidationError({"observed_on": "The date cannot be in the future"})
    for name in RUBRIC_FIELDS:
        setattr(observation, name, ratings[name])
    observation.observed_on = observed_on
    observation.notes = notes.strip()
    observation.status = ObservationStatus.RECORDED
    observation.recorded_at = timezone.now()
    observation.save()
    return observation


# --- Record quality audit ----------------------------------------------------------------


@transaction.atomic
def draw_audit_sample(
    *,
    agency: Agency,
    drawn_by: User,
    period_start: date,
    period_end: date,
    records: Sequence[SignedRecord],
    sample_size: int,
    rng: Random | None = None,
) -> RecordAudit:
    """Draw a random sample of the agency's signed records from the period (all of them
    when there are fewer) to score against the checklist. `records` comes from the
    recording app (see record_source); a record of another agency or outside the period
    is refused, never sampled."""
    if period_end < period_start:
        raise ValidationError({"period_end": "The end date must be on or after the start date"})
    if not 1 <= sample_size <= MAX_SAMPLE:
        raise ValidationError({"sample_size": f"Enter a sample size from 1 to {MAX_SAMPLE}"})
    for record in records:
        if record.agency_id != agency.id:
            raise ValidationError("A record of another agency cannot be audited here.")
        if not period_start <= record.session_date <= period_end:
            raise ValidationError("A record outside the period cannot be sampled.")
    if not records:
        raise ValidationError("There are no signed records in this period.")
    rng = rng or secrets.SystemRandom()
    sample = rng.sample(list(records), min(sample_size, len(records)))
    audit = RecordAudit.objects.create(
        agency=agency,
        period_start=period_start,
        period_end=period_end,
        requested_size=sample_size,
        records_in_period=len(records),
        drawn_by=drawn_by,
    )
    AuditItem.objects.bulk_create(
        AuditItem(
            agency=agency,
            audit=audit,
            record_id=record.id,
            supervisor_id=record.supervisor_id,
            session_date=record.session_date,
        )
        for record in sample
    )
    return audit


@transaction.atomic
def sample_signed_records(
    *,
    agency: Agency,
    drawn_by: User,
    period_start: date,
    period_end: date,
    sample_size: int,
) -> RecordAudit:
    """Draw the sample from the agency's signed records of the period, as the recording
    app lists them (record_source)."""
    if period_end < period_start:
        raise ValidationError({"period_end": "The end date must be on or after the start date"})
    records = record_source.signed_records_for_audit(
        agency=agency, start=period_start, end=period_end
    )
    return draw_audit_sample(
        agency=agency,
        drawn_by=drawn_by,
        period_start=period_start,
        period_end=period_end,
        records=records,
        sample_size=sample_size,
    )


@transaction.atomic
def score_audit_item(
    *, item: AuditItem, scored_by: User, scores: dict[str, str], comment: str
) -> AuditItem:
    """Score one sampled record on every checklist question (met, partly met, not met or
    not applicable), with a comment back to its supervisor."""
    missing = [f for f in CHECKLIST_FIELDS if scores.get(f) not in Score.values]
    if missing:
        raise ValidationError(
            dict.fromkeys(missing, "Select met, partly met, not met or not applicable")
        )
    for name in CHECKLIST_FIELDS:
        setattr(item, name, scores[name])
    item.comment_to_supervisor = comment.strip()
    item.scored_by = scored_by
    item.scored_at = timezone.now()
    item.save()
    return item


# --- Workforce figures -------------------------------------------------------------------


@transaction.atomic
def record_workforce_figures(
    *,
    agency: Agency,
    entered_by: User,
    year: int,
    quarter: int,
    sickness_rate: Decimal,
    vacancy_rate: Decimal,
) -> WorkforceQuarter:
    """Enter (or correct) one quarter's sickness and vacancy rates (assurance indicator 2)."""
    today = timezone.localdate()
    if (year, quarter) > (today.year, (today.month - 1) // 3 + 1):
        raise ValidationError({"quarter": "The quarter must not be in the future"})
    row, _ = WorkforceQuarter.objects.update_or_create(
        agency=agency,
        year=year,
        quarter=quarter,
        defaults={
            "sickness_rate": sickness_rate,
            "vacancy_rate": vacancy_rate,
            "entered_by": entered_by,
        },
    )
    return row


@transaction.atomic
def record_export(*, user: User, campaign: Campaign, kind: str, row_count: int) -> None:
    """Log an export of results in the access log: who, when, which campaign, how many rows
    (no content)."""
    grouping = "the agency" if kind == "agency" else kind.replace("by_", "").replace("_", " ")
    audit_services.log_access(
        user=user,
        kind=AccessKind.EXPORT,
        label=f"Evaluation {campaign.year} results by {grouping} (CSV)",
        agency_id=campaign.agency_id,
        obj=campaign,
        row_count=row_count,
        detail=kind,
    )
