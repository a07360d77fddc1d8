"""Isolation rows for agreements and training records (contracts app)."""

from django.core.files.base import ContentFile

from contracts.models import AgreementStatus
from tests.factories.agencies import MINIMAL_PDF
from tests.factories.contracts import AgreementFactory, TrainingRecordFactory
from tests.isolation.matrix import Row

OTHER_LEADS = ("B.lead", "C.lead", "B.supervisor", "P1.board", "P1.admin")


def extend_world(world):
    supervisor, practitioner = world.people["A.supervisor"], world.people["A.practitioner"]
    agreement = AgreementFactory(supervisor=supervisor, supervisee=practitioner)
    world.objects["A.agreement"] = agreement
    world.objects["A.agreement_draft"] = AgreementFactory(
        supervisor=supervisor,
        supervisee=practitioner,
        series_id=agreement.series_id,
        version=2,
        status=AgreementStatus.DRAFT,
    )
    record = TrainingRecordFactory(supervisor=supervisor, course="Supervision course of agency A")
    record.evidence.save("certificate.pdf", ContentFile(MINIMAL_PDF))
    record.evidence_filename = "certificate.pdf"
    record.evidence_content_type = "application/pdf"
    record.save()
    world.objects["A.training"] = record


def _agreement(w, key="A.agreement"):
    return w.objects[key].id


ROWS = [
    Row(
        "my agreements",
        url=lambda w: "/agreements/",
        owner="A.practitioner",
        wrong_role="A.admin",
        outsiders=("B.supervisor", "C.supervisor", "B.admin"),
        marker=lambda w: w.people["A.supervisor"].full_name,
    ),
    Row(
        "draft an agreement",
        url=lambda w: "/agreements/new/",
        owner="A.supervisor",
        wrong_role="A.admin",
        outsiders=("B.supervisor", "C.supervisor", "B.lead"),
        marker=lambda w: w.people["A.practitioner"].full_name,
    ),
    Row(
        "agency agreements",
        url=lambda w: "/agreements/agency/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=("B.lead", "C.lead", "P1.board"),
        marker=lambda w: w.people["A.practitioner"].full_name,
    ),
    Row(
        "supervisee history",
        url=lambda w: f"/agreements/supervisees/{w.membership('A.practitioner').id}/",
        owner="A.lead",
        wrong_role="A.admin",
        outsiders=OTHER_LEADS,
    ),
    Row(
        "agreement detail",
        url=lambda w: f"/agreements/{_agreement(w)}/",
        owner="A.practitioner",
        wrong_role="A.admin",
        outsiders=OTHER_LEADS,
    ),
    Row(
        "agreement edit (draft)",
        url=lambda w: f"/agreements/{_agreement(w, 'A.agreement_draft')}/edit/",
        owner="A.supervisor",
        wrong_role="A.practitioner",
        outsiders=OTHER_LEADS,
    ),
    Row(
        "agreement send (POST only)",
        url=lambda w: f"/agreements/{_agreement(w, 'A.agreement_draft')}/send/",
        owner="A.supervisor",
        wrong_role="A.practitioner",
        outsiders=OTHER_LEADS,
        owner_status=405,
    ),
    Row(
        "agreement sign (POST only)",
        url=lambda w: f"/agreements/{_agreement(w)}/sign/",
        owner="A.practitioner",
        wrong_role="A.admin",
        outsiders=OTHER_LEADS,
        owner_status=405,
    ),
    Row(
        "agreement change (POST only)",
        url=lambda w: f"/agreements/{_agreement(w)}/change/",
        owner="A.supervisor",
        wrong_role="A.practitioner",
        outsiders=OTHER_LEADS,
        owner_status=405,
    ),
    Row(
        "agreement end",
        url=lambda w: f"/agreements/{_agreement(w)}/end/",
        owner="A.lead",
        wrong_role="A.practitioner",
        outsiders=OTHER_LEADS,
    ),
    Row(
        "agreement print view",
        url=lambda w: f"/agreements/{_agreement(w)}/print/",
        owner="A.supervisor",
        wrong_role="A.admin",
        outsiders=OTHER_LEADS,
    ),
    Row(
        "agreement PDF",
        url=lambda w: f"/agreements/{_agreement(w)}/pdf/",
        owner="A.lead",
        wrong_role="A.admin",
        outsiders=OTHER_LEADS,
    ),
    Row(
        "my training",
        url=lambda w: "/agreements/training/",
        owner="A.supervisor",
        wrong_role="A.practitioner",
        outsiders=("B.supervisor", "C.supervisor"),
        marker=lambda w: "Supervision course of agency A",
    ),
    Row(
        "add a training record",
        url=lambda w: "/agreements/training/add/",
        owner="A.supervisor",
        wrong_role="A.practitioner",
        outsiders=("B.lead", "C.lead"),
        marker=lambda w: w.people["A.supervisor"].full_name,
    ),
    Row(
        "agency supervisor training",
        url=lambda w: "/agreements/training/agency/",
        owner="A.lead",
        wrong_role="A.practitioner",
        outsiders=("B.lead", "C.lead", "P1.board"),
        marker=lambda w: w.people["A.supervisor"].full_name,
    ),
    Row(
        "one supervisor's training",
        url=lambda w: f"/agreements/training/supervisors/{w.membership('A.supervisor').id}/",
        owner="A.lead",
        wrong_role="A.supervisor",
        outsiders=("B.lead", "C.lead", "P1.board"),
    ),
    Row(
        "training evidence",
        url=lambda w: f"/agreements/training/{w.objects['A.training'].id}/evidence/",
        owner="A.supervisor",
        wrong_role="A.practitioner",
        outsiders=("B.lead", "C.lead", "B.supervisor", "P1.board"),
    ),
]
