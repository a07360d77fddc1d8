"""Isolation rows for the annual evaluation's pages (every URL in evaluation/urls.py).

Action URLs (POST only) answer 405 to their owner's GET, after the object has been looked
up, so other tenants still get 404 and the same agency without the role 403.
"""

from datetime import timedelta

from django.utils import timezone

from contracts.models import IN_FORCE, Agreement
from evaluation.models import ObservationStatus, Question
from tests.factories.contracts import AgreementFactory
from tests.factories.evaluation import (
    AuditItemFactory,
    CampaignFactory,
    ObservationFactory,
    RecordAuditFactory,
    TrainedObserverFactory,
    WorkforceQuarterFactory,
    comment,
    invite,
)
from tests.isolation.matrix import Row

LEADS = ("B.lead", "C.lead")
SUPERVISORS = ("B.supervisor", "C.supervisor")


def extend_world(world) -> None:
    """Agency A: an agreement, this year's evaluation (open, an agency statement, a
    comment, an invitation), last year's (closed), a trained observer and an observation,
    an audit with a scored item, and workforce figures."""
    today = timezone.localdate()
    supervisor, practitioner = world.people["A.supervisor"], world.people["A.practitioner"]
    lead = world.people["A.lead"]
    agency = world.agencies["A"]
    if not Agreement.objects.filter(
        supervisor=supervisor, supervisee=practitioner, status__in=IN_FORCE
    ).exists():  # another rows module may have made it already
        AgreementFactory(supervisor=supervisor, supervisee=practitioner)
    campaign = CampaignFactory(agency=agency, opened_by=lead)
    last = CampaignFactory(
        agency=agency,
        year=today.year - 1,
        opens_on=today - timedelta(days=400),
        closes_on=today - timedelta(days=370),
        opened_by=lead,
    )
    world.objects["campaign"] = campaign
    world.objects["last_campaign"] = last
    world.objects["question"] = Question.objects.create(
        agency=agency, campaign=campaign, position=11, text="Agency A's own statement"
    )
    world.objects["comment"] = comment(campaign, "Agency A comment")
    world.objects["invitation"] = invite(campaign, practitioner, supervisor)
    world.objects["observer"] = TrainedObserverFactory(membership=world.membership("A.lead"))
    world.objects["observation"] = ObservationFactory(
        observer=lead,
        supervisor=supervisor,
        supervisee=practitioner,
        status=ObservationStatus.AGREED,
        supervisor_agreed_at=timezone.now(),
        supervisee_agreed_at=timezone.now(),
    )
    audit = RecordAuditFactory(agency=agency, drawn_by=lead)
    world.objects["audit"] = audit
    world.objects["audit_item"] = AuditItemFactory(
        audit=audit,
        supervisor=supervisor,
        scored_by=lead,
        scored_at=timezone.now(),
        comment_to_supervisor="Agency A audit comment",
        **dict.fromkeys(("agreement_in_date", "both_signed"), "met"),
    )
    world.objects["workforce"] = WorkforceQuarterFactory(
        agency=agency, sickness_rate="7.77", entered_by=world.people["A.admin"]
    )


def _id(key):
    return lambda w: w.objects[key].id


def _campaign(w):
    return w.objects["campaign"].id


ROWS = [
    # --- Campaigns (safeguarding lead) ---
    Row(
        "evaluation campaigns",
        url=lambda w: "/evaluation/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=LEADS,
        marker=lambda w: f"/evaluation/{_campaign(w)}/",
    ),
    Row(
        "evaluation campaign add",
        url=lambda w: "/evaluation/new/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=(),
    ),
    Row(
        "evaluation campaign detail",
        url=lambda w: f"/evaluation/{_campaign(w)}/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=(*LEADS, "P1.board"),
    ),
    Row(
        "evaluation question add",
        url=lambda w: f"/evaluation/{_campaign(w)}/questions/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=LEADS,
    ),
    Row(
        "evaluation question remove",
        url=lambda w: f"/evaluation/{_campaign(w)}/questions/{_id('question')(w)}/remove/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=LEADS,
        owner_status=405,
    ),
    Row(
        "evaluation campaign close",
        url=lambda w: f"/evaluation/{_campaign(w)}/close/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=LEADS,
        owner_status=405,
    ),
    # --- Results and exports ---
    Row(
        "evaluation results",
        url=lambda w: f"/evaluation/{_campaign(w)}/results/",
        owner="A.lead",
        wrong_role="A.practitioner",
        outsiders=(*LEADS, *SUPERVISORS, "P1.board"),
    ),
    Row(
        "evaluation results csv",
        url=lambda w: f"/evaluation/{_campaign(w)}/results/export.csv",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=(*LEADS, "P1.board"),
    ),
    Row(
        "evaluation results by team",
        url=lambda w: f"/evaluation/{_campaign(w)}/results/by-team/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=LEADS,
    ),
    Row(
        "evaluation results by team csv",
        url=lambda w: f"/evaluation/{_campaign(w)}/results/by-team/export.csv",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=LEADS,
    ),
    Row(
        "evaluation results by supervisor",
        url=lambda w: f"/evaluation/{_campaign(w)}/results/by-supervisor/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=LEADS,
    ),
    Row(
        "evaluation results by supervisor csv",
        url=lambda w: f"/evaluation/{_campaign(w)}/results/by-supervisor/export.csv",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=LEADS,
    ),
    Row(
        "evaluation comment withhold",
        url=lambda w: f"/evaluation/{_campaign(w)}/comments/{_id('comment')(w)}/withhold/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=LEADS,
        owner_status=405,
    ),
    Row(
        "evaluation my results",
        url=lambda w: "/evaluation/my-results/",
        owner="A.supervisor",
        wrong_role="A.practitioner",
        outsiders=SUPERVISORS,
        marker=lambda w: f"/evaluation/my-results/{_campaign(w)}/",
    ),
    Row(
        "evaluation my results for a year",
        url=lambda w: f"/evaluation/my-results/{_id('last_campaign')(w)}/",
        owner="A.supervisor",
        wrong_role="A.practitioner",
        outsiders=SUPERVISORS,
    ),
    # --- The supervisee's questionnaire ---
    Row(
        "evaluation questionnaire",
        url=lambda w: f"/evaluation/invitations/{_id('invitation')(w)}/",
        owner="A.practitioner",
        wrong_role="A.supervisor",
        outsiders=("B.practitioner", "C.practitioner", "B.lead"),
    ),
    # --- Observations ---
    Row(
        "evaluation observations",
        url=lambda w: "/evaluation/observations/",
        owner="A.supervisor",
        wrong_role=None,
        outsiders=(*LEADS, *SUPERVISORS),
        marker=lambda w: f"/evaluation/observations/{_id('observation')(w)}/",
    ),
    Row(
        "evaluation observation add",
        url=lambda w: "/evaluation/observations/new/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=(),
    ),
    Row(
        "evaluation observation detail",
        url=lambda w: f"/evaluation/observations/{_id('observation')(w)}/",
        owner="A.supervisor",
        wrong_role="A.admin",
        outsiders=(*LEADS, *SUPERVISORS),
    ),
    Row(
        "evaluation observation answer",
        url=lambda w: f"/evaluation/observations/{_id('observation')(w)}/answer/",
        owner="A.practitioner",
        wrong_role="A.admin",
        outsiders=(*LEADS, "B.practitioner"),
        owner_status=405,
    ),
    Row(
        "evaluation observation record",
        url=lambda w: f"/evaluation/observations/{_id('observation')(w)}/record/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=LEADS,
    ),
    Row(
        "evaluation trained observers",
        url=lambda w: "/evaluation/observers/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=LEADS,
        marker=lambda w: f"/evaluation/observers/{_id('observer')(w)}/remove/",
    ),
    Row(
        "evaluation trained observer remove",
        url=lambda w: f"/evaluation/observers/{_id('observer')(w)}/remove/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=LEADS,
        owner_status=405,
    ),
    # --- Record quality audit ---
    Row(
        "evaluation audits",
        url=lambda w: "/evaluation/audits/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=LEADS,
        marker=lambda w: f"/evaluation/audits/{_id('audit')(w)}/",
    ),
    Row(
        "evaluation audit add",
        url=lambda w: "/evaluation/audits/new/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=(),
    ),
    Row(
        "evaluation audit detail",
        url=lambda w: f"/evaluation/audits/{_id('audit')(w)}/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=(*LEADS, "P1.board"),
    ),
    Row(
        "evaluation audit item",
        url=lambda w: f"/evaluation/audit-items/{_id('audit_item')(w)}/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=LEADS,
    ),
    Row(
        "evaluation audit feedback",
        url=lambda w: "/evaluation/audit-feedback/",
        owner="A.supervisor",
        wrong_role="A.practitioner",
        outsiders=SUPERVISORS,
        marker=lambda w: "Agency A audit comment",
    ),
    # --- Workforce figures ---
    Row(
        "evaluation workforce",
        url=lambda w: "/evaluation/workforce/",
        owner="A.admin",
        wrong_role="A.lead",
        outsiders=("B.admin", "C.admin"),
        marker=lambda w: "7.77%",
    ),
]
