"""The .ics text: escaping, folding long lines, cancellation."""

from datetime import UTC, datetime

from agencies.models import User
from supervision.ics import _escape, _fold, session_calendar
from supervision.models import PlannedSession, PlannedSessionStatus


def test_escaping_and_folding():
    assert _escape("Room 1, Block B; floor 2\nback door") == (
        "Room 1\\, Block B\\; floor 2\\nback door"
    )
    long = "DESCRIPTION:" + "é" * 80
    folded = _fold(long)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == long


def test_a_cancelled_session_cancels_the_entry():
    session = PlannedSession(
        supervisor=User(full_name="Sam Okafor"),
        supervisee=User(full_name="Priya Shah"),
        starts_at=datetime(2027, 3, 1, 10, tzinfo=UTC),
        ends_at=datetime(2027, 3, 1, 11, 30, tzinfo=UTC),
        location="Room 2",
        status=PlannedSessionStatus.CANCELLED,
        sequence=2,
    )
    text = session_calendar(session, url="https://spr.example.org/x", now=datetime.now(UTC))
    assert "STATUS:CANCELLED" in text and "SEQUENCE:2" in text
    assert "DTSTART:20270301T100000Z" in text and "DTEND:20270301T113000Z" in text
