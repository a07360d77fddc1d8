"""Where the record-quality audit finds signed session records: the one seam between this
app and the recording app.

The audit needs, for an agency and a period, the signed one-to-one and group records,
each giving at least:

    id             the record's UUID (stored on the audit item; opened through the
                   recording app's logged audit-access route, never copied here)
    agency_id      the agency (checked: a record of another agency is refused)
    supervisor_id  the supervisor, who receives the auditor's comment
    session_date   the date of the session

The recording app provides them as `recording.selectors.signed_records_for_audit(*,
agency, start, end)`. Until it does, there is nothing to sample and this returns an
empty list; the sampling service itself takes any such sequence, so it is tested alone.
"""

from collections.abc import Sequence
from datetime import date
from importlib import import_module
from typing import Protocol
from uuid import UUID

from django.urls import NoReverseMatch, reverse

from agencies.models import Agency


class SignedRecord(Protocol):
    id: UUID
    agency_id: UUID
    supervisor_id: UUID
    session_date: date


def signed_records_for_audit(*, agency: Agency, start: date, end: date) -> Sequence[SignedRecord]:
    """The agency's signed records with a session date from `start` to `end` inclusive."""
    try:
        selectors = import_module("recording.selectors")
    except ModuleNotFoundError:
        return []
    source = getattr(selectors, "signed_records_for_audit", None)
    if source is None:
        return []
    return list(source(agency=agency, start=start, end=end))


def audit_access_url(record_id: UUID) -> str | None:
    """The recording app's audit-access route for a record (which asks for a reason and
    logs the read), if it exists yet."""
    try:
        return reverse("recording:audit_access", args=[record_id])
    except NoReverseMatch:
        return None
