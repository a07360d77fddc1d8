"""Submitted answers cannot change in the database itself: not through save(),
queryset.update(), delete() or raw SQL (migration 0002's triggers)."""

import pytest
from django.db import IntegrityError, connection, transaction

from evaluation import services
from evaluation.models import Answer, FreeTextComment, Invitation, Response
from tests.factories.evaluation import anonymous_responses, comment, invite


@pytest.fixture
def response(campaign, supervisor):
    return anonymous_responses(campaign, supervisor, 1)[0]


def _sql(statement: str, params=None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _refused(action) -> None:
    with pytest.raises(IntegrityError, match="cannot be changed"), transaction.atomic():
        action()


def test_a_response_cannot_be_updated_or_deleted(response):
    _refused(lambda: Response.objects.filter(id=response.id).update(resilience=1))
    response.stress = 5
    _refused(response.save)
    _refused(lambda: _sql("DELETE FROM evaluation_response WHERE id = %s", [response.id]))
    response.refresh_from_db()
    assert response.stress == 3


def test_an_answer_cannot_be_updated_or_deleted(response):
    answer = Answer.objects.filter(response=response).first()
    _refused(lambda: Answer.objects.filter(id=answer.id).update(choice="no"))
    _refused(lambda: Answer.objects.filter(id=answer.id).delete())
    assert Answer.objects.get(id=answer.id).choice == "yes"


def test_raw_sql_is_refused_too(response):
    _refused(lambda: _sql("UPDATE evaluation_answer SET choice = 'no'"))
    assert not Answer.objects.filter(choice="no").exists()


def test_free_text_can_be_withheld_but_never_rewritten(campaign, lead):
    row = comment(campaign, "Original words")
    services.set_comment_withheld(comment=row, lead=lead, withheld=True)
    row.refresh_from_db()
    assert row.is_withheld and row.withheld_by == lead
    _refused(lambda: FreeTextComment.objects.filter(id=row.id).update(text="Other words"))
    _refused(lambda: FreeTextComment.objects.filter(id=row.id).delete())
    assert FreeTextComment.objects.get(id=row.id).text == "Original words"


def test_an_answered_invitation_stays_answered(campaign, supervisee, supervisor):
    invitation = invite(campaign, supervisee, supervisor)
    Invitation.objects.filter(id=invitation.id).update(has_responded=True)
    _refused(lambda: Invitation.objects.filter(id=invitation.id).update(has_responded=False))
