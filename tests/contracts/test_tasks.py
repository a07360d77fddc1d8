"""The hourly job that marks agreements due for review."""

from datetime import date, timedelta

from contracts.models import AgreementStatus
from contracts.tasks import mark_agreements_due_for_review
from tests.factories.contracts import AgreementFactory


def test_the_task_marks_due_agreements_once(supervisor, supervisee):
    due = AgreementFactory(
        supervisor=supervisor,
        supervisee=supervisee,
        start_date=date.today() - timedelta(days=400),
        review_date=date.today(),
    )
    assert mark_agreements_due_for_review() == 1
    assert mark_agreements_due_for_review() == 0
    due.refresh_from_db()
    assert due.status == AgreementStatus.REVIEW_DUE
