"""The access log as CSV: the page's rows, with formula injection defused by the project's
escaping (assurance.exports.write_csv: cells starting with = + - @, tab, CR, LF or NUL
get a leading apostrophe; SECURITY.md check 24)."""

from collections.abc import Iterable

from django.utils import timezone

from assurance.exports import write_csv

from .models import AccessEvent

HEADERS = [
    "When",
    "Who",
    "Email",
    "What they did",
    "What",
    "Type",
    "Id",
    "Reason",
    "Rows",
    "Detail",
]


def access_log_csv(events: Iterable[AccessEvent]) -> tuple[str, int]:
    """CSV text (with a byte-order mark, for spreadsheets) and the number of data rows."""
    rows = [
        [
            timezone.localtime(e.at),
            e.user.full_name if e.user else "",
            e.user.email if e.user else "",
            e.get_kind_display(),
            e.label,
            e.object_type,
            e.object_id,
            e.reason,
            e.row_count if e.row_count is not None else "",
            e.detail,
        ]
        for e in events
    ]
    return "\ufeff" + write_csv(HEADERS, rows), len(rows)
