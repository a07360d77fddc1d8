"""An iCalendar (RFC 5545) entry for a planned session, for any calendar program.

One VEVENT whose UID stays the same for the life of the session and whose SEQUENCE goes up
with each change, so importing a newer file updates (or cancels) the entry. It names the
two people and the place, and nothing about the children to be discussed.
"""

from datetime import UTC, datetime

from .models import PlannedSession

PRODID = "-//SPR//Safeguarding Practice Reflection//EN"


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


_CONTROL = dict.fromkeys([*range(0, 9), *range(10, 32), 127])


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
        # RFC 5545 3.3.11: no control characters in text but a tab (a lone CR would end
        # the line for some calendar programs and start a property of the attacker's).
        .translate(_CONTROL)
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def session_calendar(session: PlannedSession, *, url: str, now: datetime) -> str:
    summary = (
        f"Safeguarding supervision: {session.supervisor.full_name} "
        f"and {session.supervisee.full_name}"
    )
    description = (
        "Protected time for safeguarding supervision." if session.is_protected_time else ""
    )
    description = (description + f" Details in SPR: {url}").strip()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{session.id}@spr",
        f"DTSTAMP:{_utc(now)}",
        f"DTSTART:{_utc(session.starts_at)}",
        f"DTEND:{_utc(session.ends_at)}",
        f"SEQUENCE:{session.sequence}",
        f"STATUS:{'CANCELLED' if session.is_cancelled else 'CONFIRMED'}",
        f"SUMMARY:{_escape(summary)}",
        f"LOCATION:{_escape(session.location)}",
        f"DESCRIPTION:{_escape(description)}",
        f"URL:{url}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
