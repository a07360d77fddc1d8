"""CSV exports defuse spreadsheet formulas (CWE-1236) and are logged."""

import csv
import io

import pytest

from audit.models import AccessEvent, AccessKind
from evaluation.exports import safe_cell
from evaluation.models import Question
from tests.factories.evaluation import anonymous_responses


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Plain", "Plain"),
        (5, 5),
        (-3, "'-3"),
        (None, ""),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_an_agency_statement_cannot_become_a_formula(client_for, lead, supervisor, campaign):
    Question.objects.create(
        agency=campaign.agency, campaign=campaign, position=11, text='=HYPERLINK("http://x")'
    )
    anonymous_responses(campaign, supervisor, 5)
    response = client_for(lead).get(f"/evaluation/{campaign.id}/results/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "no-store"
    cells = [cell for row in csv.reader(io.StringIO(response.content.decode())) for cell in row]
    assert '\'=HYPERLINK("http://x")' in cells
    assert not any(cell.startswith("=") for cell in cells)
    event = AccessEvent.objects.get()
    assert (event.user, event.kind, event.detail) == (lead, AccessKind.EXPORT, "agency")
    assert (event.agency_id, event.object_id) == (campaign.agency_id, str(campaign.id))
    assert event.row_count == 11 + 3
