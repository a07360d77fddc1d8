"""A supervisor (or anyone else) cannot learn who answered, or what one person said:
no table joins a person to answers, and no page, export or log shows it."""

import logging
from datetime import timedelta

import pytest
from django.contrib import admin
from django.db import models
from django.utils import timezone

from agencies.models import Role
from evaluation.models import Answer, Draft, FreeTextComment, Invitation, Response
from tests.factories.agencies import person
from tests.factories.contracts import AgreementFactory
from tests.factories.evaluation import (
    answer_everything,
    invite,
    recorded_observation,
)


def test_anonymous_tables_hold_no_person_and_no_time():
    for model in (Response, Answer, FreeTextComment):
        for field in model._meta.get_fields():
            assert not isinstance(field, models.DateField | models.DateTimeField), field
            related = getattr(field, "related_model", None)
            assert related not in (Invitation, Draft), field
    person_fields = {
        f.name for f in Response._meta.get_fields() if getattr(f, "related_model", None)
    }
    assert person_fields == {"agency", "campaign", "supervisor", "team", "answers"}
    # FreeTextComment's only person is the lead who withheld it.
    assert {
        f.name
        for f in FreeTextComment._meta.get_fields()
        if f.related_model and f.related_model._meta.model_name == "user"
    } == {"withheld_by"}


def test_evaluation_tables_are_not_in_the_admin_site():
    for model in (Invitation, Draft, Response, Answer, FreeTextComment):
        assert model not in admin.site._registry


def close(campaign) -> None:
    """Move the campaign's dates into the past (it closed yesterday)."""
    today = timezone.localdate()
    campaign.opens_on = today - timedelta(days=30)
    campaign.closes_on = today - timedelta(days=1)
    campaign.save()


@pytest.fixture
def answered(agency, supervisor, campaign):
    """Six supervisees of `supervisor` answered an evaluation that has now closed; a
    seventh did not answer."""
    people = [person(agency, Role.PRACTITIONER) for _ in range(7)]
    invitations = []
    for supervisee in people:
        AgreementFactory(supervisor=supervisor, supervisee=supervisee)
        invitations.append(invite(campaign, supervisee, supervisor))
    for i, invitation in enumerate(invitations[:6]):
        answer_everything(
            invitation, choice="no" if i == 0 else "yes", more_of=f"Comment number {i}"
        )
    close(campaign)
    return campaign, people


def test_no_page_or_export_names_who_answered(client_for, supervisor, lead, answered):
    campaign, people = answered
    recorded_observation(observer=lead, supervisor=supervisor, supervisee=people[6])
    respondents = people[:6]
    pages = {
        supervisor: [
            "/",
            "/evaluation/my-results/",
            f"/evaluation/my-results/{campaign.id}/",
            f"/evaluation/{campaign.id}/results/",
            "/evaluation/audit-feedback/",
        ],
        lead: [
            "/",
            "/evaluation/",
            f"/evaluation/{campaign.id}/",
            f"/evaluation/{campaign.id}/results/",
            f"/evaluation/{campaign.id}/results/by-team/",
            f"/evaluation/{campaign.id}/results/by-supervisor/",
            f"/evaluation/{campaign.id}/results/export.csv",
            f"/evaluation/{campaign.id}/results/by-team/export.csv",
            f"/evaluation/{campaign.id}/results/by-supervisor/export.csv",
        ],
    }
    for viewer, urls in pages.items():
        client = client_for(viewer)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            for respondent in respondents:
                assert respondent.full_name not in body, (viewer, url)
                assert respondent.email not in body, (viewer, url)
                assert str(respondent.id) not in body, (viewer, url)
    # The supervisor's own results are there, as an aggregate.
    body = client_for(supervisor).get("/evaluation/my-results/").content.decode()
    assert "6 people answered about your supervision" in body


def test_nothing_is_logged_about_who_answered(caplog, campaign, supervisee, supervisor):
    invitation = invite(campaign, supervisee, supervisor)
    with caplog.at_level(logging.DEBUG):
        answer_everything(invitation, more_of="Please more joint visits")
    logged = " ".join(
        f"{r.getMessage()} {r.args} {getattr(r, 'sql', '')} {getattr(r, 'params', '')}"
        for r in caplog.records
        if not r.name.startswith("django.db")  # SQL echo at DEBUG is off in production
    )
    assert supervisee.email not in logged
    assert str(supervisee.id) not in logged
    assert "joint visits" not in logged


def test_after_submission_nothing_links_the_person_to_the_answers(campaign, supervisee, supervisor):
    invitation = invite(campaign, supervisee, supervisor)
    answer_everything(invitation, more_of="Time to think")
    assert not Draft.objects.exists()
    response = Response.objects.get()
    values = {
        str(v)
        for v in Response.objects.filter(id=response.id).values().first().values()
        if v is not None
    }
    assert str(supervisee.id) not in values
    assert str(invitation.id) not in values


def test_a_supervisor_gets_no_invitation_or_draft_page(
    client_for, supervisor, campaign, supervisee
):
    invitation = invite(campaign, supervisee, supervisor)
    response = client_for(supervisor).get(f"/evaluation/invitations/{invitation.id}/")
    assert response.status_code == 404
