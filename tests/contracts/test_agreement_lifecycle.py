"""The agreement lifecycle (DESIGN.md, contracts): draft → awaiting signatures → active →
review due → ended or superseded; both sign; a change after sending needs both again."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from agencies import services as agency_services
from agencies.models import ContactType, Role
from contracts import selectors, services
from contracts.models import Agreement, AgreementEvent, AgreementStatus
from tests.factories.agencies import MembershipFactory, person
from tests.factories.contracts import AgreementFactory, TrainingRecordFactory


def draft(agency, supervisor, supervisee, **content) -> Agreement:
    agreement = services.start_agreement(
        agency=agency, supervisor=supervisor, supervisee=supervisee, drafted_by=supervisor
    )
    content = content or {
        "supervisor_responsibilities": "Protect the time.",
        "supervisee_responsibilities": "Prepare the cases.",
        "session_agenda_items": "Cases.",
    }
    return services.save_terms(
        agreement=agreement,
        user=supervisor,
        revision=agreement.revision,
        terms={},
        content=content,
    )


def sent(agency, supervisor, supervisee) -> Agreement:
    agreement = draft(agency, supervisor, supervisee)
    return services.send_for_signatures(
        agreement=agreement, user=supervisor, revision=agreement.revision
    )


def signed_by_both(agreement, supervisor, supervisee) -> Agreement:
    services.sign_agreement(agreement=agreement, user=supervisor, version=agreement.version)
    return services.sign_agreement(agreement=agreement, user=supervisee, version=agreement.version)


def membership_of(user, agency):
    return user.memberships.get(agency=agency)


def test_a_draft_follows_the_supervisee_and_the_standards(agency, trained_supervisor, lead):
    long_ago = date(2020, 1, 1)
    direct = person(agency, Role.PRACTITIONER, start_date=long_ago)
    indirect = person(
        agency, Role.PRACTITIONER, contact_type=ContactType.INDIRECT, start_date=long_ago
    )
    newcomer = person(agency, Role.PRACTITIONER, start_date=timezone.localdate())
    agency_services.update_standards(
        agency=agency, updated_by=lead, direct_contact_frequency_weeks=5
    )
    a = draft(agency, trained_supervisor, direct)
    b = draft(agency, trained_supervisor, indirect)
    c = draft(agency, trained_supervisor, newcomer)
    assert (a.template, a.frequency_weeks) == (ContactType.DIRECT, 5)
    assert (b.template, b.frequency_weeks) == (ContactType.INDIRECT, 13)  # quarterly
    assert c.frequency_weeks == 4  # new starters more often
    assert a.status == AgreementStatus.DRAFT and a.version == 1
    assert a.review_date > a.start_date
    assert [label for label, _h, _t in b.content()][:4] == [
        "Agenda items for the session",
        "Agenda items for future sessions",
        "Learning and Development Opportunities or Concerns",
        "Role opportunities / concerns",
    ]
    assert "Roles and Responsibilities: Supervisor" in [label for label, _h, _t in a.content()]


def test_both_sign_then_it_is_in_force_and_grants_access(agency, trained_supervisor, supervisee):
    agreement = sent(agency, trained_supervisor, supervisee)
    membership = membership_of(supervisee, agency)
    assert agreement.status == AgreementStatus.AWAITING_SIGNATURES
    assert not selectors.can_supervise(trained_supervisor, membership)

    services.sign_agreement(agreement=agreement, user=trained_supervisor, version=1)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.AWAITING_SIGNATURES
    assert agreement.supervisor_signed_at is not None and agreement.supervisee_signed_at is None
    assert not selectors.can_supervise(trained_supervisor, membership)

    services.sign_agreement(agreement=agreement, user=supervisee, version=1)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    assert agreement.supervisee_signed_at >= agreement.supervisor_signed_at
    assert selectors.can_supervise(trained_supervisor, membership)
    signers = list(
        agreement.events.filter(action=AgreementEvent.Action.SIGNED).values_list("actor", flat=True)
    )
    assert signers == [trained_supervisor.pk, supervisee.pk]


def test_only_the_parties_sign_and_only_once(agency, trained_supervisor, supervisee, lead):
    agreement = sent(agency, trained_supervisor, supervisee)
    with pytest.raises(ValidationError, match="Only the supervisor and the supervisee"):
        services.sign_agreement(agreement=agreement, user=lead, version=1)
    services.sign_agreement(agreement=agreement, user=supervisee, version=1)
    with pytest.raises(ValidationError, match="already signed"):
        services.sign_agreement(agreement=agreement, user=supervisee, version=1)


def test_a_draft_cannot_be_signed_nor_sent_incomplete(agency, trained_supervisor, supervisee):
    agreement = services.start_agreement(
        agency=agency,
        supervisor=trained_supervisor,
        supervisee=supervisee,
        drafted_by=trained_supervisor,
    )
    with pytest.raises(ValidationError, match="not waiting for signatures"):
        services.sign_agreement(agreement=agreement, user=supervisee, version=1)
    with pytest.raises(ValidationError, match="Roles and Responsibilities: Supervisor"):
        services.send_for_signatures(
            agreement=agreement, user=trained_supervisor, revision=agreement.revision
        )


def test_a_stale_draft_is_not_saved(agency, trained_supervisor, supervisee):
    agreement = draft(agency, trained_supervisor, supervisee)
    stale_revision = agreement.revision - 1
    with pytest.raises(ValidationError) as exc:
        services.save_terms(
            agreement=agreement,
            user=trained_supervisor,
            revision=stale_revision,
            terms={},
            content={"supervisor_responsibilities": "Overwritten"},
        )
    assert exc.value.code == "stale"
    agreement.refresh_from_db()
    assert agreement.supervisor_responsibilities == "Protect the time."


def test_changing_a_signed_agreement_needs_both_signatures_again(
    agency, trained_supervisor, supervisee
):
    first = signed_by_both(
        sent(agency, trained_supervisor, supervisee), trained_supervisor, supervisee
    )
    membership = membership_of(supervisee, agency)

    second = services.start_new_version(agreement=first, user=trained_supervisor, version=1)
    assert (second.version, second.status, second.series_id) == (2, "draft", first.series_id)
    assert second.supervisor_responsibilities == first.supervisor_responsibilities
    assert second.supervisor_signed_at is None and second.supervisee_signed_at is None
    # Starting the change twice gives the same draft, not a third version.
    assert services.start_new_version(agreement=first, user=trained_supervisor, version=1) == second

    second = services.save_terms(
        agreement=second,
        user=trained_supervisor,
        revision=second.revision,
        terms={"frequency_weeks": 2},
        content={"preparation": "Bring a reflective log entry."},
    )
    services.send_for_signatures(
        agreement=second, user=trained_supervisor, revision=second.revision
    )
    services.sign_agreement(agreement=second, user=trained_supervisor, version=2)
    first.refresh_from_db()
    assert first.status == AgreementStatus.ACTIVE  # in force until both sign the change
    assert selectors.can_supervise(trained_supervisor, membership)

    services.sign_agreement(agreement=second, user=supervisee, version=2)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == AgreementStatus.SUPERSEDED
    assert second.status == AgreementStatus.ACTIVE and second.frequency_weeks == 2
    assert selectors.can_supervise(trained_supervisor, membership)  # access carried over
    assert Agreement.objects.filter(series_id=first.series_id, status="active").count() == 1


def test_signing_a_version_that_changed_since_the_page_loaded(
    agency, trained_supervisor, supervisee
):
    first = sent(agency, trained_supervisor, supervisee)
    # The supervisee opens version 1; meanwhile the supervisor changes it.
    second = services.start_new_version(agreement=first, user=trained_supervisor, version=1)
    first.refresh_from_db()
    assert first.status == AgreementStatus.SUPERSEDED
    with pytest.raises(ValidationError) as exc:
        services.sign_agreement(agreement=first, user=supervisee, version=1)
    assert exc.value.code == "stale"
    assert "version 2 is now the current version" in exc.value.messages[0]
    # A tampered or out-of-date version number on the current version is refused too.
    services.send_for_signatures(
        agreement=second, user=trained_supervisor, revision=second.revision
    )
    with pytest.raises(ValidationError) as exc:
        services.sign_agreement(agreement=second, user=supervisee, version=1)
    assert exc.value.code == "stale"
    second.refresh_from_db()
    assert second.supervisee_signed_at is None


def test_ending_removes_access_and_the_pending_change(agency, trained_supervisor, supervisee):
    first = signed_by_both(
        sent(agency, trained_supervisor, supervisee), trained_supervisor, supervisee
    )
    second = services.start_new_version(agreement=first, user=trained_supervisor, version=1)
    services.end_agreement(
        agreement=first, ended_on=date.today(), ended_by=trained_supervisor, reason="Moved team"
    )
    second.refresh_from_db()
    assert second.status == AgreementStatus.ENDED
    assert not selectors.can_supervise(trained_supervisor, membership_of(supervisee, agency))
    with pytest.raises(ValidationError):
        services.end_agreement(agreement=first, ended_on=date.today())


def test_one_agreement_per_pair(agency, trained_supervisor, supervisee):
    draft(agency, trained_supervisor, supervisee)
    with pytest.raises(ValidationError) as exc:
        draft(agency, trained_supervisor, supervisee)
    assert "already have an agreement that is draft" in exc.value.message_dict["supervisee"][0]


def test_a_second_active_agreement_for_the_pair_is_refused(agency, trained_supervisor, supervisee):
    AgreementFactory(supervisor=trained_supervisor, supervisee=supervisee)
    with pytest.raises(ValidationError) as exc:
        draft(agency, trained_supervisor, supervisee)
    assert "already have an active agreement" in exc.value.message_dict["supervisee"][0]


def test_a_supervisor_cannot_supervise_themselves(agency):
    both = person(agency, Role.PRACTITIONER, Role.SUPERVISOR)
    TrainingRecordFactory(supervisor=both)
    with pytest.raises(ValidationError) as exc:
        draft(agency, both, both)
    assert "cannot supervise themselves" in exc.value.message_dict["supervisee"][0]


def test_a_supervisor_from_another_agency_only_if_the_agency_allows(
    agency, other_agency, supervisee, lead
):
    visitor = person(other_agency, Role.SUPERVISOR)
    TrainingRecordFactory(supervisor=visitor)
    with pytest.raises(ValidationError) as exc:
        draft(agency, visitor, supervisee)
    message = exc.value.message_dict["supervisor"][0]
    assert f"is a supervisor in {other_agency.name}, not {agency.name}" in message
    agency_services.update_standards(
        agency=agency, updated_by=lead, supervisors_from_other_agencies_allowed=True
    )
    assert draft(agency, visitor, supervisee).supervisor == visitor


def test_a_supervisor_of_another_partnership_never(agency, supervisee, lead, stranger):
    agency_services.update_standards(
        agency=agency, updated_by=lead, supervisors_from_other_agencies_allowed=True
    )
    TrainingRecordFactory(supervisor=stranger)
    with pytest.raises(ValidationError) as exc:
        draft(agency, stranger, supervisee)
    assert "is not a supervisor in" in exc.value.message_dict["supervisor"][0]


def test_review_date_before_start_date_is_refused(agency, trained_supervisor, supervisee):
    agreement = draft(agency, trained_supervisor, supervisee)
    with pytest.raises(ValidationError) as exc:
        services.save_terms(
            agreement=agreement,
            user=trained_supervisor,
            revision=agreement.revision,
            terms={"start_date": date(2026, 6, 1), "review_date": date(2026, 5, 1)},
            content={},
        )
    assert exc.value.message_dict["review_date"] == [
        "The date of review must be after the start date"
    ]


def test_frequency_below_the_agency_minimum_is_refused(agency, trained_supervisor, supervisee):
    agreement = draft(agency, trained_supervisor, supervisee)
    with pytest.raises(ValidationError) as exc:
        services.save_terms(
            agreement=agreement,
            user=trained_supervisor,
            revision=agreement.revision,
            terms={"frequency_weeks": 13},
            content={},
        )
    # The supervisee fixture started today: a new starter, so every 4 weeks at least.
    assert "at least every 4 weeks" in exc.value.message_dict["frequency_weeks"][0]


@pytest.mark.parametrize("months_ago", [None, 40])
def test_lapsed_or_untrained_supervisors_take_no_new_supervisees(
    agency, supervisor, supervisee, lead, months_ago
):
    if months_ago:
        TrainingRecordFactory(
            supervisor=supervisor, completed_on=date.today() - timedelta(days=months_ago * 31)
        )
    with pytest.raises(ValidationError) as exc:
        draft(agency, supervisor, supervisee)
    message = exc.value.message_dict["supervisor"][0]
    assert ("lapsed on" in message) if months_ago else ("no supervisor training" in message)
    agency_services.update_standards(
        agency=agency, updated_by=lead, lapsed_supervisor_may_take_new_supervisees=True
    )
    assert draft(agency, supervisor, supervisee).status == AgreementStatus.DRAFT


def test_review_due_is_marked_once_and_stays_in_force(agency, supervisor, supervisee):
    agreement = AgreementFactory(
        supervisor=supervisor,
        supervisee=supervisee,
        start_date=date(2025, 1, 1),
        review_date=date(2026, 1, 1),
    )
    assert services.mark_reviews_due(today=date(2026, 1, 1)) == 1
    assert services.mark_reviews_due(today=date(2026, 1, 1)) == 0
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.REVIEW_DUE
    assert agreement.is_in_force
    assert selectors.can_supervise(supervisor, membership_of(supervisee, agency))
    assert agreement.events.filter(action=AgreementEvent.Action.REVIEW_DUE).count() == 1


def test_supervisor_history_keeps_continuity(agency, supervisee):
    first, second = person(agency, Role.SUPERVISOR), person(agency, Role.SUPERVISOR)
    old = AgreementFactory(
        supervisor=first,
        supervisee=supervisee,
        start_date=date(2024, 1, 1),
        review_date=date(2025, 1, 1),
    )
    services.end_agreement(agreement=old, ended_on=date(2024, 12, 31))
    AgreementFactory(supervisor=second, supervisee=supervisee, start_date=date(2025, 1, 6))
    AgreementFactory(  # a draft never signed is not history
        supervisor=person(agency, Role.SUPERVISOR), supervisee=supervisee, status="draft"
    )
    history = selectors.supervisor_history(agency_id=agency.id, supervisee_id=supervisee.pk)
    assert [(h.supervisor, h.ended_on, h.status) for h in history] == [
        (first, date(2024, 12, 31), AgreementStatus.ENDED),
        (second, None, AgreementStatus.ACTIVE),
    ]


def test_the_practitioner_must_belong_to_the_agency(agency, other_agency, trained_supervisor):
    elsewhere = MembershipFactory(agency=other_agency).user
    with pytest.raises(ValidationError) as exc:
        draft(agency, trained_supervisor, elsewhere)
    assert exc.value.message_dict["supervisee"] == [f"Choose a practitioner of {agency.name}"]
