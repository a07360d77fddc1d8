"""Builders for the assurance tests: people, agreements, cases and escalations dated in
the past, so that an indicator can be checked on a chosen as-at day.

Rows that the app dates itself (`auto_now_add`) are re-dated with a queryset update after
they are made, as the indicators read those columns.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from agencies.models import ContactType, Role
from contracts.models import AgreementStatus
from recording.models import RiskEscalation, RiskKind
from supervision.models import Case, CaseCategoryChange
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory, signed_session

LONDON = ZoneInfo("Europe/London")
LONG_AGO = date(2024, 1, 1)


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    """A moment on `day`, London time."""
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def staff(agency, *roles, start=LONG_AGO, ended_on=None, contact=ContactType.DIRECT, **kw):
    """A member of `agency` since `start` (roles: practitioner unless given)."""
    return person(
        agency,
        *(roles or (Role.PRACTITIONER,)),
        start_date=start,
        ended_on=ended_on,
        contact_type=contact,
        **kw,
    )


def agreement(supervisor, supervisee, *, active_from=LONG_AGO, ended_on=None, **fields):
    """An agreement both signed on `active_from` (its activation), ended on `ended_on`."""
    signed = at(active_from)
    fields.setdefault("start_date", active_from)
    fields.setdefault("review_date", date(2030, 1, 1))
    return AgreementFactory(
        supervisor=supervisor,
        supervisee=supervisee,
        supervisor_signed_at=signed,
        supervisee_signed_at=signed,
        activated_at=signed,
        ended_on=ended_on,
        status=AgreementStatus.ENDED if ended_on else AgreementStatus.ACTIVE,
        **fields,
    )


def case(agency, practitioner=None, *, created=LONG_AGO, changes=(), category=None, **fields):
    """A case created on `created`, with its category history `changes`: (day, category)
    pairs, oldest first. Its current category is the last change's (or `category`)."""
    current = category or (changes[-1][1] if changes else "child_in_need")
    made = CaseFactory(
        agency=agency, allocated_practitioner=practitioner, category=current, **fields
    )
    CaseCategoryChange.objects.filter(case=made).delete()
    previous = ""
    for day, to in changes:
        CaseCategoryChange.objects.create(
            agency_id=agency.id,
            case=made,
            from_category=previous,
            to_category=to,
            changed_on=day,
            source="manual",
        )
        previous = to
    Case.objects.filter(pk=made.pk).update(created_at=at(created))
    made.refresh_from_db()
    return made


def discuss(supervisor, supervisee, on: date, *pairs, actions=()):
    """A signed session on `on` discussing (case, rag) pairs."""
    return signed_session(
        supervisor=supervisor, supervisee=supervisee, on=on, discussions=pairs, actions=actions
    )


def escalation(record, *, raised_at: datetime, acknowledged_at=None, kind=RiskKind.UNSAFE_PRACTICE):
    made = RiskEscalation.objects.create(
        agency_id=record.agency_id,
        record=record,
        kind=kind,
        shared_text="What the lead needs to know",
        raised_by=record.supervisor,
    )
    RiskEscalation.objects.filter(pk=made.pk).update(
        raised_at=raised_at, acknowledged_at=acknowledged_at
    )
    made.refresh_from_db()
    return made
