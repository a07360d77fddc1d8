"""Demo access log: Lena Fischer (safeguarding lead) opens the reflective part of one of
Priya Shah's signed sessions with a reason, so that her access log and Priya's "who has
viewed records about me" have something to show. Idempotent."""

from recording import services as recording_services
from recording.models import RecordStatus, SessionRecord

from .models import AccessEvent, AccessKind

LENA = "lena.fischer@council.example"
PRIYA = "priya.shah@council.example"
REASON = "Quarterly audit of neglect cases discussed in supervision"


def seed(world) -> None:
    lead, priya = world.users.get(LENA), world.users.get(PRIYA)
    if lead is None or priya is None:
        return
    if AccessEvent.objects.filter(user=lead, kind=AccessKind.AUDIT_ACCESS).exists():
        return
    # Not a record with a risk escalation: those are where a lead trying the demo (and the
    # lead's browser journey) asks for audit access themselves.
    record = (
        SessionRecord.objects.filter(
            supervisee=priya, status=RecordStatus.SIGNED, escalations__isnull=True
        )
        .order_by("-session_date")
        .first()
    )
    if record is None:
        return
    recording_services.grant_audit_access(record=record, lead=lead, reason=REASON)
    recording_services.log_record_access(record=record, user=lead, kind=AccessKind.VIEW_REFLECTIVE)
