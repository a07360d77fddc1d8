"""A risk exception creates an escalation the lead sees at once (seed 001)."""

from django.core import mail

from recording.models import RiskEscalation

SHARED = "Child disclosed being hit with a belt; strategy discussion today"


def test_risk_exception_reaches_the_lead_at_once(
    client_for, start, supervisor, lead, django_capture_on_commit_callbacks
):
    record = start()
    client = client_for(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/records/{record.id}/risk/", {"kind": "significant_harm", "shared_text": SHARED}
        )
    assert response.status_code == 302
    escalation = RiskEscalation.objects.get()
    assert escalation.raised_by == supervisor
    # While the record is still a draft, the lead sees it on their home page and list.
    lead_client = client_for(lead)
    home = lead_client.get("/").content.decode()
    assert "1 new risk exception" in home
    assert "A child or family member is at significant risk of harm" in home
    listing = lead_client.get("/records/escalations/").content.decode()
    assert SHARED in listing
    # The email names no detail: only that there is something to read.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [lead.email]
    assert SHARED not in mail.outbox[0].body


def test_the_lead_marks_an_escalation_seen(client_for, start, supervisor, lead):
    record = start()
    client_for(supervisor).post(
        f"/records/{record.id}/risk/", {"kind": "unsafe_practice", "shared_text": SHARED}
    )
    escalation = RiskEscalation.objects.get()
    response = client_for(lead).post(f"/records/escalations/{escalation.id}/seen/")
    assert response.status_code == 302
    escalation.refresh_from_db()
    assert escalation.acknowledged_by == lead
    assert "No new risk exceptions" in client_for(lead).get("/").content.decode()


def test_a_risk_exception_needs_text(client_for, start, supervisor):
    record = start()
    response = client_for(supervisor).post(
        f"/records/{record.id}/risk/", {"kind": "illegal_activity"}
    )
    assert "Enter what the safeguarding lead needs to know" in response.content.decode()
    assert not RiskEscalation.objects.exists()


def test_other_agencies_leads_see_nothing(client_for, start, supervisor, outsider):
    record = start()
    client_for(supervisor).post(
        f"/records/{record.id}/risk/", {"kind": "significant_harm", "shared_text": SHARED}
    )
    assert SHARED not in client_for(outsider).get("/records/escalations/").content.decode()
    escalation = RiskEscalation.objects.get()
    response = client_for(outsider).post(f"/records/escalations/{escalation.id}/seen/")
    assert response.status_code == 404
