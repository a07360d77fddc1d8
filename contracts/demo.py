"""Demo agreements, training records, and each demo agency's policy and standards.

Each demo supervisor supervises the practitioners of their team through a signed agreement
with full Appendix IV content. Grace Hill's agreement with Nina Patel has a second version
waiting for Nina's signature. Training: Grace Hill's expires within 60 days, Helen Wu's has
lapsed; the others are valid. Idempotent: running it again updates the same rows.
"""

from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from agencies.dates import add_months
from agencies.models import AgencyPolicy, MinimumStandards
from config.pdf import render_pdf

from . import services
from .models import Agreement, AgreementEvent, AgreementStatus, TrainingRecord

# supervisor email, supervisee email, frequency in weeks
PAIRS = [
    ("sam.okafor@council.example", "priya.shah@council.example", 4),
    ("sam.okafor@council.example", "tom.baker@council.example", 2),
    ("grace.hill@nhs.example", "nina.patel@nhs.example", 13),
    ("helen.wu@police.example", "omar.reid@police.example", 6),
    ("maria.lopez@school.example", "jack.turner@school.example", 13),
    ("dev.singh@southvale.example", "ruth.evans@southvale.example", 4),
]
START = date(2026, 4, 1)
REVIEW = date(2027, 3, 31)

CONTENT = {
    "protected_time": (
        "Sessions are booked in both diaries at least a month ahead, in a private room or a "
        "private video call. Phones are on silent and nobody is interrupted except for an "
        "immediate risk to a child."
    ),
    "notice_of_changes": (
        "A change of time, date or venue is agreed at least five working days ahead. If a "
        "session has to be cancelled, the one who cancels gives 24 hours' notice and offers "
        "a new date within two weeks."
    ),
    "agenda_setting": (
        "The supervisee sends the cases and issues they want to discuss two days before. "
        "The agenda is agreed at the start of each session, after reviewing the actions "
        "from the last one."
    ),
    "preparation": (
        "The supervisee brings the Child-in-Need cases due for discussion, with their RAG "
        "rating and what has changed. The supervisor reads the previous record."
    ),
    "recording": (
        "The supervisor records the session on the standard pro forma in SPR within five "
        "working days; both sign it. A note that the case was discussed is made on each "
        "child's case record."
    ),
    "workload_escalation": (
        "Concerns about workload or performance are raised in supervision and, if they are "
        "not resolved, with the team manager within a week."
    ),
    "disagreement_escalation": (
        "Either of us can record a difference of opinion on the session record. If it is "
        "not resolved, it is escalated under the partnership's professional disagreement "
        "and escalation procedure."
    ),
    "supervisor_responsibilities": (
        "Keep the time protected and start on time; listen, probe and reflect; challenge "
        "constructively; follow up agreed actions; attend to the emotional impact of the "
        "work; keep supervision training in date."
    ),
    "supervisee_responsibilities": (
        "Prepare for each session; bring cases where there is drift or worry; take "
        "responsibility for the quality of the work and for agreed actions; seek urgent "
        "advice between sessions when a child may be at risk."
    ),
    "session_agenda_items": "Cases where the contact with the family is through colleagues.",
    "future_agenda_items": "Learning from the latest local child safeguarding practice review.",
    "learning_and_development": "Refresher on thresholds between significant impairment and harm.",
    "role_opportunities": "Shadowing a strategy discussion.",
}

# agency key: standards that differ from the defaults
STANDARDS = {
    "council": {},
    "nhs": {"direct_contact_frequency_weeks": 13, "training_refresh_months": 36},
    "police": {"direct_contact_frequency_weeks": 6},
    "school": {
        "direct_contact_frequency_weeks": 13,
        "supervisors_from_other_agencies_allowed": True,
    },
    "southvale": {},
}

# agency key: [(version, approved on, next review on)], oldest first
POLICIES = {
    "council": [
        ("1.0", date(2023, 5, 1), date(2025, 5, 1)),
        ("2.0", date(2025, 4, 7), date(2027, 4, 7)),
    ],
    "nhs": [("3.1", date(2025, 11, 3), date(2026, 11, 3))],  # review overdue
    "police": [("1.2", date(2026, 1, 12), date(2028, 1, 12))],
    "school": [("2024-25", date(2024, 9, 2), date(2027, 9, 1))],
    "southvale": [("1.0", date(2026, 2, 2), date(2028, 2, 2))],
}

# supervisor email, agency key, course, provider, months ago completed (None: see below)
TRAINING = [
    ("sam.okafor@council.example", "council", "Safeguarding supervision skills (level 4)", 14),
    ("maria.lopez@school.example", "school", "Designated safeguarding lead: supervision", 8),
    ("dev.singh@southvale.example", "southvale", "Reflective supervision in practice", 20),
]
PROVIDER = "Northshire Safeguarding Children Partnership"


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def seed(world) -> None:
    _seed_standards_and_policies(world)
    _seed_training(world)
    for supervisor_email, supervisee_email, weeks in PAIRS:
        _seed_agreement(world, supervisor_email, supervisee_email, weeks)
    _seed_second_version(world)


def _seed_standards_and_policies(world) -> None:
    lead_of = {
        m.agency_id: m.user for m in world.memberships.values() if "safeguarding_lead" in m.roles
    }
    for key, values in STANDARDS.items():
        agency = world.agencies[key]
        standards, _ = MinimumStandards.objects.get_or_create(agency=agency)
        for name, value in values.items():
            setattr(standards, name, value)
        standards.updated_by = lead_of.get(agency.id)
        standards.save()
        for version, approved, review in POLICIES[key]:
            if AgencyPolicy.objects.filter(agency=agency, version=version).exists():
                continue
            pdf = render_pdf(
                "agencies/demo_policy_pdf.html",
                {
                    "agency": agency,
                    "version": version,
                    "approved": approved,
                    "standards": standards,
                },
                title=f"{agency.name} SPR policy",
                generated_by="SPR demo data",
            )
            policy = AgencyPolicy(
                agency=agency,
                version=version,
                approved_on=approved,
                next_review_on=review,
                original_filename=f"SPR policy {version}.pdf",
                content_type="application/pdf",
                size_bytes=len(pdf),
                uploaded_by=lead_of[agency.id],
                uploaded_at=_at(approved, 10),
            )
            policy.document.save(f"policy-{version}.pdf", ContentFile(pdf), save=False)
            policy.save()


def _training(world, email: str, key: str, course: str, completed_on: date) -> None:
    TrainingRecord.objects.update_or_create(
        agency=world.agencies[key],
        supervisor=world.users[email],
        course=course,
        defaults={
            "provider": PROVIDER,
            "completed_on": completed_on,
            "recorded_by": world.users[email],
        },
    )


def _seed_training(world) -> None:
    today = timezone.localdate()
    for email, key, course, months_ago in TRAINING:
        _training(world, email, key, course, add_months(today, -months_ago))
    # Grace Hill: expires in about a month (NHS refreshes every 36 months).
    _training(
        world,
        "grace.hill@nhs.example",
        "nhs",
        "Safeguarding children supervision (NHS England level 4)",
        add_months(today, -36) + timedelta(days=30),
    )
    # Helen Wu: lapsed two months ago.
    _training(
        world,
        "helen.wu@police.example",
        "police",
        "Supervising child abuse investigators",
        add_months(today, -38),
    )


def _seed_agreement(world, supervisor_email: str, supervisee_email: str, weeks: int) -> Agreement:
    membership = world.memberships[supervisee_email]
    supervisor = world.users[supervisor_email]
    supervisee = world.users[supervisee_email]
    defaults = {
        "status": AgreementStatus.ACTIVE,
        "template": membership.contact_type,
        "frequency_weeks": weeks,
        "duration_minutes": 90,
        "start_date": START,
        "review_date": REVIEW,
        "created_by": supervisor,
        "sent_for_signatures_at": _at(START - timedelta(days=7), 9),
        "supervisor_signed_at": _at(START - timedelta(days=6), 10),
        "supervisee_signed_at": _at(START - timedelta(days=5), 15),
        "activated_at": _at(START - timedelta(days=5), 15),
        **CONTENT,
    }
    agreement, created = Agreement.objects.get_or_create(
        agency=membership.agency,
        supervisor=supervisor,
        supervisee=supervisee,
        version=1,
        defaults=defaults,
    )
    if not created and agreement.status in (AgreementStatus.ACTIVE, AgreementStatus.REVIEW_DUE):
        for name, value in defaults.items():
            if name != "status":
                setattr(agreement, name, value)
        agreement.save()
    if agreement.is_in_force:
        services.grant_supervision(agreement=agreement)
    if not agreement.events.exists():
        Event = AgreementEvent.Action
        for action, actor, at in (
            (Event.DRAFTED, supervisor, defaults["sent_for_signatures_at"] - timedelta(days=1)),
            (Event.SENT, supervisor, defaults["sent_for_signatures_at"]),
            (Event.SIGNED, supervisor, defaults["supervisor_signed_at"]),
            (Event.SIGNED, supervisee, defaults["supervisee_signed_at"]),
            (Event.ACTIVATED, supervisee, defaults["activated_at"]),
        ):
            AgreementEvent.objects.create(
                agency=agreement.agency, agreement=agreement, actor=actor, action=action, at=at
            )
    return agreement


def _seed_second_version(world) -> None:
    """Grace Hill proposes monthly-ish sessions: version 2 awaits Nina Patel's signature."""
    first = Agreement.objects.get(
        agency=world.agencies["nhs"],
        supervisor=world.users["grace.hill@nhs.example"],
        supervisee=world.users["nina.patel@nhs.example"],
        version=1,
    )
    if first.status not in (AgreementStatus.ACTIVE, AgreementStatus.REVIEW_DUE):
        return
    if Agreement.objects.filter(series_id=first.series_id, version=2).exists():
        return
    grace = world.users["grace.hill@nhs.example"]
    second = services.start_new_version(agreement=first, user=grace, version=1)
    second.frequency_weeks = 8
    second.preparation = (
        CONTENT["preparation"] + " From this version, Nina also brings one reflective log entry."
    )
    second.save()
    services.send_for_signatures(agreement=second, user=grace, revision=second.revision)
    services.sign_agreement(agreement=second, user=grace, version=2)
