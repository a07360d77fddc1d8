"""DESIGN.md, Confidentiality model: the lead sees oversight content, not reflective content,
unless they open audit access with a reason, which is logged and shown to both parties."""

from datetime import timedelta

from django.utils import timezone

from audit.models import AccessEvent, AccessKind
from recording.models import AuditAccess
from tests.factories.agencies import person
from tests.recording.conftest import AREA_TEXT, OVERSIGHT_TEXT, REFLECTIVE_TEXT


def test_parties_see_both_parts(client_for, signed_record, supervisor, supervisee):
    for user in (supervisor, supervisee):
        body = client_for(user).get(f"/records/{signed_record.id}/").content.decode()
        assert OVERSIGHT_TEXT in body
        assert REFLECTIVE_TEXT in body
        assert AREA_TEXT in body


def test_lead_sees_oversight_not_reflective(client_for, signed_record, lead):
    response = client_for(lead).get(f"/records/{signed_record.id}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert OVERSIGHT_TEXT in body
    assert "Amber" in body  # RAG ratings are oversight
    assert REFLECTIVE_TEXT not in body
    assert AREA_TEXT not in body
    assert "Neglect toolkit" not in body  # learning needs are reflective
    assert "no-store" in response["Cache-Control"]
    assert AccessEvent.objects.filter(user=lead, kind=AccessKind.VIEW).count() == 1


def test_audit_access_needs_a_reason(client_for, signed_record, lead):
    client = client_for(lead)
    response = client.post(f"/records/{signed_record.id}/audit-access/", {"reason": ""})
    assert "Give the reason for opening the reflective part" in response.content.decode()
    assert not AuditAccess.objects.exists()


def test_audit_access_opens_the_reflective_part_is_logged_and_shown_to_both(
    client_for, signed_record, lead, supervisor, supervisee
):
    client = client_for(lead)
    reason = "Case audit of neglect cases for the partnership review"
    response = client.post(f"/records/{signed_record.id}/audit-access/", {"reason": reason})
    assert response.status_code == 302
    body = client.get(f"/records/{signed_record.id}/").content.decode()
    assert REFLECTIVE_TEXT in body
    assert AccessEvent.objects.filter(user=lead, kind=AccessKind.VIEW_REFLECTIVE).count() == 1
    granted = AccessEvent.objects.get(user=lead, kind=AccessKind.AUDIT_ACCESS)
    assert granted.reason == reason
    assert {supervisor.id, supervisee.id} <= set(granted.subject_ids)
    access = AuditAccess.objects.get()
    assert (access.user, access.reason) == (lead, reason)
    for party in (supervisor, supervisee):
        page = client_for(party).get(f"/records/{signed_record.id}/").content.decode()
        assert reason in page
        assert lead.full_name in page


def test_audit_access_expires(client_for, signed_record, lead):
    AuditAccess.objects.create(
        agency=signed_record.agency,
        record=signed_record,
        user=lead,
        reason="An old reason for audit",
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    body = client_for(lead).get(f"/records/{signed_record.id}/").content.decode()
    assert REFLECTIVE_TEXT not in body


def test_only_the_lead_has_audit_access(client_for, signed_record, supervisor, agency):
    assert (
        client_for(supervisor).get(f"/records/{signed_record.id}/audit-access/").status_code == 403
    )
    colleague = person(agency, "supervisor")
    assert client_for(colleague).get(f"/records/{signed_record.id}/").status_code == 404


def test_others_in_the_agency_see_nothing(client_for, signed_record, agency, agency_admin):
    other_practitioner = person(agency, "practitioner")
    assert client_for(other_practitioner).get(f"/records/{signed_record.id}/").status_code == 404
    assert client_for(agency_admin).get(f"/records/{signed_record.id}/").status_code == 403


def test_lead_of_another_agency_gets_404(client_for, signed_record, outsider):
    assert client_for(outsider).get(f"/records/{signed_record.id}/").status_code == 404
    assert client_for(outsider).get(f"/records/{signed_record.id}/pdf/").status_code == 404
