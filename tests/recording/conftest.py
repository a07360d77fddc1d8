"""A supervisor and supervisee with an agreement in force, their cases, and records."""

from datetime import date, time, timedelta

import pytest

from agencies.models import Role
from recording import services
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory
from tests.factories.supervision import CaseFactory

REFLECTIVE_TEXT = "Feeling worn down by the Smith visits"
AREA_TEXT = "The child seemed invisible in the plan"
OVERSIGHT_TEXT = "Plan: weekly visits with health visitor"


@pytest.fixture
def agreement(supervisor, supervisee):
    return AgreementFactory(supervisor=supervisor, supervisee=supervisee)


@pytest.fixture
def membership_of():
    def get(user, agency):
        return user.memberships.get(agency=agency)

    return get


@pytest.fixture
def cases(agency, supervisee):
    return [
        CaseFactory(agency=agency, allocated_practitioner=supervisee, reference=f"NS-{n}")
        for n in (1, 2)
    ]


@pytest.fixture
def start(agreement, supervisor, supervisee, agency):
    def start_record(session_date=None):
        return services.start_record(
            supervisor=supervisor,
            supervisee_membership=supervisee.memberships.get(agency=agency),
            session_date=session_date or date.today() - timedelta(days=1),
        )

    return start_record


def complete(record, *, by, cases, actions=1, rag="amber", review_status="done"):
    """Fill a draft so that it can be signed: one discussion per case, `actions` actions."""
    for _ in range(len(cases) - record.discussions.count()):
        record = services.save_draft(
            record=record,
            by=by,
            version=record.version,
            changes=services.DraftChanges(add_discussion=True),
        )
    for _ in range(actions):
        record = services.save_draft(
            record=record,
            by=by,
            version=record.version,
            changes=services.DraftChanges(add_action=True),
        )
    changes = services.DraftChanges(
        record={
            "start_time": time(10),
            "end_time": time(11, 30),
            "mode": "virtual",
            "was_uninterrupted": True,
            "agenda": "Caseload",
            "next_session_on": record.session_date + timedelta(days=28),
        },
        reflection={"wellbeing": REFLECTIVE_TEXT, "learning": "Neglect toolkit"},
    )
    for discussion, case in zip(record.discussions.all(), cases, strict=True):
        changes.discussions[discussion.id] = {"case": case, "rag": rag, "plan": OVERSIGHT_TEXT}
        changes.discussion_reflections[discussion.id] = {"quality_child": AREA_TEXT}
    for n, action in enumerate(record.actions.all()):
        changes.actions[action.id] = {
            "description": f"Action {n}",
            "owner": record.supervisee,
            "due_on": record.session_date + timedelta(days=14),
            "case": cases[0],
        }
    for review in record.action_reviews.all():
        changes.reviews[review.id] = {"status": review_status}
    return services.save_draft(record=record, by=by, version=record.version, changes=changes)


def sign_both(record, *, supervisor, supervisee):
    record = services.sign_as_supervisor(record=record, by=supervisor, version=record.version)
    return services.countersign(record=record, by=supervisee, agrees=True)


@pytest.fixture
def signed_record(start, supervisor, supervisee, cases):
    record = complete(start(), by=supervisor, cases=cases)
    return sign_both(record, supervisor=supervisor, supervisee=supervisee)


def page_data(record, **overrides) -> dict:
    """The POST data the draft page would send unchanged, plus `overrides`."""
    from django import forms as django_forms

    from recording.forms import RecordPage
    from recording.selectors import cases_for_record

    record = type(record).objects.get(pk=record.pk)
    page = RecordPage(record, cases=cases_for_record(record))
    data = {"version": str(record.version)}
    for _section, form in page.all_forms():
        for bound in form:
            value = bound.value()
            widget = bound.field.widget
            if isinstance(widget, django_forms.MultiWidget):
                parts = widget.decompress(value) if value else ["", "", ""]
                for index, part in enumerate(parts):
                    data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
            elif isinstance(bound.field, django_forms.BooleanField):
                if value:
                    data[bound.html_name] = "on"
            elif value is None:
                data[bound.html_name] = ""
            else:
                data[bound.html_name] = str(value)
    data.update(overrides)
    return data


# --- Group and peer sessions ---------------------------------------------------------------


@pytest.fixture
def attendees(agency, supervisee):
    """Three practitioners of the agency (the first is `supervisee`), each with a case."""
    people = [supervisee, person(agency, Role.PRACTITIONER), person(agency, Role.PRACTITIONER)]
    for n, attendee in enumerate(people, start=1):
        CaseFactory(agency=agency, allocated_practitioner=attendee, reference=f"GR-{n}")
    return people


@pytest.fixture
def start_group(agency, supervisor, attendees):
    def start_group_record(
        *, people=None, facilitator=None, kind="group", name="Early help group", days_ago=1
    ):
        facilitator = facilitator or supervisor
        return services.start_group_record(
            facilitator_membership=facilitator.memberships.get(agency=agency),
            kind=kind,
            group_name=name,
            attendee_memberships=[p.memberships.get(agency=agency) for p in (people or attendees)],
            session_date=date.today() - timedelta(days=days_ago),
        )

    return start_group_record


def complete_group(record, *, by, actions=(), review_status="done"):
    """Fill a group draft so that it can be signed: one discussion per attendee (their own
    case, presented by them), and an action for each owner in `actions`."""
    from recording.models import RecordAttendee
    from supervision.models import Case

    people = [a.user for a in RecordAttendee.objects.filter(record=record).select_related("user")]
    people.sort(key=lambda u: u.full_name)
    for _ in range(len(people) - record.discussions.count()):
        record = services.save_draft(
            record=record,
            by=by,
            version=record.version,
            changes=services.DraftChanges(add_discussion=True),
        )
    for _ in actions:
        record = services.save_draft(
            record=record,
            by=by,
            version=record.version,
            changes=services.DraftChanges(add_action=True),
        )
    changes = services.DraftChanges(
        record={
            "start_time": time(14),
            "end_time": time(15, 30),
            "mode": "in_person",
            "was_uninterrupted": True,
            "agenda": "Cases brought by the group",
            "next_session_on": record.session_date + timedelta(days=28),
        },
        reflection={"wellbeing": REFLECTIVE_TEXT, "learning": "Group learning"},
    )
    for discussion, presenter in zip(record.discussions.all(), people, strict=True):
        case = Case.objects.filter(allocated_practitioner=presenter).first()
        changes.discussions[discussion.id] = {
            "case": case,
            "presenter": presenter,
            "rag": "amber",
            "plan": OVERSIGHT_TEXT,
        }
        changes.discussion_reflections[discussion.id] = {"quality_child": AREA_TEXT}
    for action, owner in zip(record.actions.all(), actions, strict=True):
        changes.actions[action.id] = {
            "description": f"Group action for {owner.full_name}",
            "owner": owner,
            "due_on": record.session_date + timedelta(days=14),
        }
    for review in record.action_reviews.all():
        changes.reviews[review.id] = {"status": review_status}
    return services.save_draft(record=record, by=by, version=record.version, changes=changes)


def sign_all(record, *, facilitator, people):
    record = services.sign_as_supervisor(record=record, by=facilitator, version=record.version)
    for attendee in people:
        record = services.sign_as_attendee(record=record, by=attendee, agrees=True)
    return record
