"""The reflective learning log (seed 003): private to its author unless they share an
entry with their supervisor, who then sees it while the agreement is in force."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from contracts import services as contract_services
from reflection import services
from reflection.models import LearningLogEntry
from tests.factories.contracts import AgreementFactory
from tests.factories.reflection import LearningLogEntryFactory

ENTRY = {
    "title": "Core group where the plan had drifted",
    "event_date_0": "20",
    "event_date_1": "10",
    "event_date_2": "2026",
    "prompted_by": "The same actions carried forward again.",
    "learning_need": "Challenge in meetings.",
    "outcome_and_scaling": "Plan continued, scaling 4.",
    "smarter_planning": "Two actions had no owner.",
    "hindsight": "I would challenge sooner.",
    "fit_with_practice": "I wait for the next meeting.",
    "escalation_needed": "yes",
    "escalation_reason": "No change in three months.",
    "changes_to_practice": "Owner and date for every action.",
    "further_learning_needs": "Confident challenge.",
}

SEED_003_QUESTIONS = [
    "Details of what prompted this reflection",
    "e.g. why did you choose this child",
    "What was the learning need or objective that was addressed?",
    "What was the outcome of the conference? What was the scaling?",
    "Do you consider that your safety planning met the SMARTer planning requirements? "
    "(review together)",
    "With the benefit of hindsight, what are your feelings about it?",
    "How does this fit in with your current practice, understanding or attitudes?",
    "Do you need to escalate / raise a dispute",
    "If not why not?",
    "How can you incorporate any new understanding or skill you have into your day-to-day "
    "practice?",
    "Further learning needs",
    "Are you becoming more conscious of how you are working?",
    "Are you reflecting on your own practice?",
    "Are you considering what causes might be underlying the situation",
    "Do you feel more empowered?",
]


def test_the_form_asks_the_seed_questions_word_for_word(client_for, supervisee):
    body = client_for(supervisee).get("/reflection/log/new/").content.decode()
    for question in SEED_003_QUESTIONS:
        assert question in body, question


def test_practitioner_adds_a_private_entry(client_for, supervisee, agency):
    response = client_for(supervisee).post("/reflection/log/new/", ENTRY)
    entry = LearningLogEntry.objects.get()
    assert response.status_code == 302
    assert (entry.author, entry.agency) == (supervisee, agency)
    assert entry.event_date == date(2026, 10, 20)
    assert entry.escalation_needed == "yes"
    assert not entry.is_shared


def test_missing_answers_are_explained_and_kept(client_for, supervisee):
    data = {**ENTRY, "prompted_by": "", "event_date_1": "13"}
    response = client_for(supervisee).post("/reflection/log/new/", data)
    body = response.content.decode()
    assert "<title>Error: " in body
    assert "Enter what prompted this reflection" in body
    assert "I would challenge sooner." in body
    assert not LearningLogEntry.objects.exists()


def test_nobody_else_sees_a_private_entry(client_for, supervisee, supervisor, lead, outsider):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    entry = LearningLogEntryFactory(author=supervisee)
    assert client_for(supervisee).get(f"/reflection/log/{entry.id}/").status_code == 200
    for user in (supervisor, lead, outsider):
        for suffix in ("", "edit/", "share/"):
            response = client_for(user).get(f"/reflection/log/{entry.id}/{suffix}")
            assert response.status_code == 404, (user, suffix)


def test_sharing_with_the_supervisor(client_for, supervisee, supervisor, lead, agency):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    entry = LearningLogEntryFactory(author=supervisee, title="Shared reflection")
    client = client_for(supervisee)
    page = client.get(f"/reflection/log/{entry.id}/share/").content.decode()
    assert supervisor.full_name in page
    response = client.post(f"/reflection/log/{entry.id}/share/", {"supervisor": supervisor.id})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.shared_with == supervisor

    supervisor_client = client_for(supervisor)
    assert supervisor_client.get(f"/reflection/log/{entry.id}/").status_code == 200
    membership = supervisee.memberships.get(agency=agency)
    listing = supervisor_client.get("/reflection/shared/").content.decode()
    assert supervisee.full_name in listing
    page = supervisor_client.get(f"/reflection/shared/{membership.id}/").content.decode()
    assert "Shared reflection" in page
    assert entry.hindsight in page
    # The lead has no audit access through the log: still 404.
    client_for(lead).force_login(lead)
    assert client_for(lead).get(f"/reflection/log/{entry.id}/").status_code == 404


def test_supervisor_sees_only_what_was_shared_with_them(client_for, supervisee, supervisor, agency):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    LearningLogEntryFactory(author=supervisee, title="Kept private")
    shared = LearningLogEntryFactory(author=supervisee, title="Shared one")
    services.share_log_entry(entry=shared, user=supervisee, supervisor=supervisor)
    membership = supervisee.memberships.get(agency=agency)
    page = client_for(supervisor).get(f"/reflection/shared/{membership.id}/").content.decode()
    assert "Shared one" in page
    assert "Kept private" not in page


def test_sharing_ends_with_the_agreement(client_for, supervisee, supervisor):
    agreement = AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    entry = LearningLogEntryFactory(author=supervisee)
    services.share_log_entry(entry=entry, user=supervisee, supervisor=supervisor)
    contract_services.end_agreement(agreement=agreement, ended_on=date.today())
    assert client_for(supervisor).get(f"/reflection/log/{entry.id}/").status_code == 404


def test_only_a_current_supervisor_can_be_chosen(supervisee, supervisor, outsider):
    entry = LearningLogEntryFactory(author=supervisee)
    with pytest.raises(ValidationError):
        services.share_log_entry(entry=entry, user=supervisee, supervisor=supervisor)
    with pytest.raises(ValidationError):
        services.share_log_entry(entry=entry, user=supervisee, supervisor=outsider)


def test_author_stops_sharing(client_for, supervisee, supervisor):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    entry = LearningLogEntryFactory(author=supervisee)
    services.share_log_entry(entry=entry, user=supervisee, supervisor=supervisor)
    client_for(supervisee).post(f"/reflection/log/{entry.id}/share/", {"stop_sharing": "1"})
    entry.refresh_from_db()
    assert not entry.is_shared
    assert client_for(supervisor).get(f"/reflection/log/{entry.id}/").status_code == 404


def test_author_edits_an_entry(client_for, supervisee):
    entry = LearningLogEntryFactory(author=supervisee)
    response = client_for(supervisee).post(
        f"/reflection/log/{entry.id}/edit/", {**ENTRY, "hindsight": "Changed my mind."}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.hindsight == "Changed my mind."


def test_agency_admin_alone_keeps_no_log(client_for, agency_admin):
    assert client_for(agency_admin).get("/reflection/log/").status_code == 403


def test_log_list_query_count(client_for, supervisee, supervisor, django_assert_max_num_queries):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    client = client_for(supervisee)
    LearningLogEntryFactory(author=supervisee)
    with django_assert_max_num_queries(11):
        client.get("/reflection/log/")
    for _ in range(10):
        entry = LearningLogEntryFactory(author=supervisee)
        services.share_log_entry(entry=entry, user=supervisee, supervisor=supervisor)
    with django_assert_max_num_queries(11):
        response = client.get("/reflection/log/")
    assert response.content.decode().count("Reflection ") >= 11


def test_shared_pages_query_count(
    client_for, supervisee, supervisor, agency, django_assert_max_num_queries
):
    AgreementFactory(supervisor=supervisor, supervisee=supervisee)
    membership = supervisee.memberships.get(agency=agency)
    client = client_for(supervisor)
    for size in (1, 10):
        while LearningLogEntry.objects.count() < size:
            entry = LearningLogEntryFactory(author=supervisee)
            services.share_log_entry(entry=entry, user=supervisee, supervisor=supervisor)
        with django_assert_max_num_queries(11):
            client.get("/reflection/shared/")
        with django_assert_max_num_queries(11):
            client.get(f"/reflection/shared/{membership.id}/")
