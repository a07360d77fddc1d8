"""A supervisor and supervisee with an agreement in force, their cases, and records."""

from datetime import date, time, timedelta

import pytest

from recording import services
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
