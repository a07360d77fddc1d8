"""Supervisor competence: training records, expiry from the agency's refresh interval,
valid / expiring within 60 days / lapsed, shown to the supervisor and the lead."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from agencies import services as agency_services
from agencies.dates import add_months
from agencies.models import Role
from contracts import selectors, services
from contracts.models import CompetenceStatus, TrainingRecord, competence_status
from tests.factories.agencies import MINIMAL_PDF, person
from tests.factories.contracts import TrainingRecordFactory

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("expires_on", "expected"),
    [
        (None, CompetenceStatus.NONE),
        (TODAY + timedelta(days=61), CompetenceStatus.VALID),
        (TODAY + timedelta(days=60), CompetenceStatus.EXPIRING),
        (TODAY, CompetenceStatus.EXPIRING),
        (TODAY - timedelta(days=1), CompetenceStatus.LAPSED),
    ],
)
def test_competence_status_edges(expires_on, expected):
    assert competence_status(expires_on, TODAY) == expected


def test_expiry_follows_the_agency_refresh_interval(agency, lead, supervisor):
    TrainingRecordFactory(supervisor=supervisor, completed_on=date(2024, 1, 31))
    assert selectors.competence_of(supervisor).expires_on == date(2027, 1, 31)  # 36 months
    agency_services.update_standards(agency=agency, updated_by=lead, training_refresh_months=25)
    assert selectors.competence_of(supervisor).expires_on == date(2026, 2, 28)
    assert selectors.competence_of(supervisor, today=TODAY).status == CompetenceStatus.LAPSED


def test_the_latest_record_counts(supervisor):
    TrainingRecordFactory(supervisor=supervisor, completed_on=date(2020, 1, 1))
    TrainingRecordFactory(supervisor=supervisor, completed_on=date.today() - timedelta(days=10))
    assert selectors.competence_of(supervisor).status == CompetenceStatus.VALID


def test_record_training_with_evidence(agency, supervisor):
    record = services.record_training(
        agency=agency,
        supervisor=supervisor,
        recorded_by=supervisor,
        course="Reflective supervision",
        provider="Partnership academy",
        completed_on=date(2026, 3, 1),
        evidence=SimpleUploadedFile("cert.pdf", MINIMAL_PDF, content_type="application/pdf"),
    )
    assert record.evidence_filename == "cert.pdf"
    assert record.evidence.read() == MINIMAL_PDF


def test_bad_training_input(agency, supervisor, supervisee):
    with pytest.raises(ValidationError) as exc:
        services.record_training(
            agency=agency,
            supervisor=supervisee,
            recorded_by=supervisee,
            course="x",
            provider="y",
            completed_on=date.today() + timedelta(days=1),
            evidence=SimpleUploadedFile("cert.exe", b"MZ\x90", content_type="application/x-exe"),
        )
    errors = exc.value.message_dict
    assert errors["completed_on"] == ["The completion date must be today or in the past"]
    assert errors["supervisor"] == [f"Choose a supervisor of {agency.name}"]
    assert errors["evidence"] == ["The selected file must be a PDF, Word, PNG or JPEG file"]


def test_supervisor_adds_their_own_record(client_for, supervisor):
    response = client_for(supervisor).post(
        "/agreements/training/add/",
        {
            "course": "Supervision skills",
            "provider": "Academy",
            "completed_on_0": "2",
            "completed_on_1": "3",
            "completed_on_2": "2026",
            "evidence": SimpleUploadedFile("c.pdf", MINIMAL_PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    page = client_for(supervisor).get("/agreements/training/").content.decode()
    assert "Supervision skills" in page and "2 Mar 2029" in page


def test_a_bad_upload_keeps_what_was_typed(client_for, supervisor):
    big = SimpleUploadedFile(
        "c.pdf", MINIMAL_PDF + b"\0" * (10 * 1024 * 1024), content_type="application/pdf"
    )
    response = client_for(supervisor).post(
        "/agreements/training/add/",
        {
            "course": "Supervision skills",
            "provider": "Academy",
            "completed_on_0": "2",
            "completed_on_1": "3",
            "completed_on_2": "2026",
            "evidence": big,
        },
    )
    page = response.content.decode()
    assert "The selected file must be smaller than 10 MB" in page
    assert 'value="Supervision skills"' in page and 'value="Academy"' in page
    assert not TrainingRecord.objects.exists()


def test_evidence_is_for_the_supervisor_and_the_lead(
    client_for, agency, supervisor, supervisee, lead, outsider
):
    record = TrainingRecordFactory(supervisor=supervisor)
    record.evidence.save("c.pdf", SimpleUploadedFile("c.pdf", MINIMAL_PDF))
    record.evidence_filename, record.evidence_content_type = "c.pdf", "application/pdf"
    record.save()
    url = f"/agreements/training/{record.id}/evidence/"
    for reader in (supervisor, lead):
        response = client_for(reader).get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
        assert response["Content-Disposition"].startswith("attachment;")
    for intruder in (supervisee, outsider, person(agency, Role.SUPERVISOR)):
        assert client_for(intruder).get(url).status_code == 404


def test_the_lead_sees_every_supervisor_status(
    client_for, agency, lead, django_assert_max_num_queries
):
    today = date.today()
    valid, expiring, lapsed, untrained = (person(agency, Role.SUPERVISOR) for _ in range(4))
    TrainingRecordFactory(supervisor=valid, completed_on=today - timedelta(days=30))
    TrainingRecordFactory(
        supervisor=expiring, completed_on=add_months(today, -36) + timedelta(days=30)
    )
    TrainingRecordFactory(supervisor=lapsed, completed_on=today - timedelta(days=40 * 31))
    client = client_for(lead)
    with django_assert_max_num_queries(12):
        page = client.get("/agreements/training/agency/").content.decode()
    rows = {
        s.user: s.competence.status
        for s in selectors.supervisors_with_competence(lead.memberships.get())
    }
    assert rows == {
        valid: CompetenceStatus.VALID,
        expiring: CompetenceStatus.EXPIRING,
        lapsed: CompetenceStatus.LAPSED,
        untrained: CompetenceStatus.NONE,
    }
    for label in ("Valid", "Expiring within 60 days", "Lapsed", "No training recorded"):
        assert label in page
    # Twice as many supervisors: the same number of queries.
    for _ in range(4):
        TrainingRecordFactory(supervisor=person(agency, Role.SUPERVISOR))
    with django_assert_max_num_queries(12):
        client.get("/agreements/training/agency/")


def test_the_agreement_form_shows_the_supervisor_status(client_for, supervisor, supervisee):
    from tests.factories.contracts import AgreementFactory

    TrainingRecordFactory(supervisor=supervisor, completed_on=date.today() - timedelta(days=1080))
    agreement = AgreementFactory(supervisor=supervisor, supervisee=supervisee, status="draft")
    page = client_for(supervisor).get(f"/agreements/{agreement.id}/edit/").content.decode()
    assert "Expiring within 60 days" in page
