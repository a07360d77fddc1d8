"""The daily email digest: one email per person, not one per alert.

Who gets what: the owner of each open alert, and the agency's safeguarding leads for the
alerts without an owner and the escalated ones. A person gets a digest on a day when at
least one of their alerts is new (raised or escalated since their last digest), unless
they turned the digest off.

What it says: how many alerts of each kind, how many are new, and a link. Never a case
reference, initials, a year of birth, a reason or anyone's name: email leaves the
service, so it carries nothing that could identify a child (DESIGN.md, Confidentiality).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from django.core.mail import EmailMessage
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse

from .models import AlertRule

# How each kind reads in a sentence, singular and plural.
PHRASES: dict[str, tuple[str, str]] = {
    AlertRule.CIN_DISCUSSION_DUE: (
        "Child-in-Need discussion due soon",
        "Child-in-Need discussions due soon",
    ),
    AlertRule.CIN_DISCUSSION_OVERDUE: (
        "Child-in-Need discussion overdue",
        "Child-in-Need discussions overdue",
    ),
    AlertRule.SUPERVISION_OVERDUE: (
        "supervision session overdue",
        "supervision sessions overdue",
    ),
    AlertRule.DRIFT: ("case showing drift", "cases showing drift"),
    AlertRule.AGREEMENT_REVIEW_DUE: (
        "supervision agreement due for review",
        "supervision agreements due for review",
    ),
    AlertRule.ACTION_OVERDUE: ("agreed action overdue", "agreed actions overdue"),
    AlertRule.TRAINING_EXPIRING: (
        "supervision training record expiring",
        "supervision training records expiring",
    ),
    AlertRule.TRAINING_LAPSED: (
        "supervision training record lapsed",
        "supervision training records lapsed",
    ),
}

PENDING_DIGESTS_SQL = """
WITH open_alerts AS (
    SELECT a.id, a.agency_id, a.rule, a.owner_id, a.raised_at, a.escalated_at
    FROM supervision_alert a
    WHERE a.cleared_at IS NULL
),
recipients AS (
    SELECT a.owner_id AS user_id, a.id, a.rule, a.raised_at AS new_at
    FROM open_alerts a
    WHERE a.owner_id IS NOT NULL
    UNION ALL
    SELECT m.user_id, a.id, a.rule, GREATEST(a.raised_at, a.escalated_at) AS new_at
    FROM open_alerts a
    JOIN agencies_membership m
      ON m.agency_id = a.agency_id
     AND 'safeguarding_lead' = ANY(m.roles)
     AND (m.ended_on IS NULL OR m.ended_on > %(day)s::date)
    WHERE a.owner_id IS NULL OR a.escalated_at IS NOT NULL
),
per_alert AS (
    SELECT user_id, id, rule, max(new_at) AS new_at
    FROM recipients
    GROUP BY user_id, id, rule
),
last_sent AS (
    SELECT user_id, max(sent_at) AS sent_at
    FROM supervision_digestdelivery
    GROUP BY user_id
)
SELECT p.user_id, u.email, p.rule, count(*) AS total,
       count(*) FILTER (
           WHERE p.new_at > COALESCE(l.sent_at, %(now)s::timestamptz - interval '1 day')
       ) AS new
FROM per_alert p
JOIN agencies_user u ON u.id = p.user_id AND u.is_active
LEFT JOIN supervision_notificationpreference np ON np.user_id = p.user_id
LEFT JOIN last_sent l ON l.user_id = p.user_id
WHERE COALESCE(np.email_digest, true)
  AND NOT EXISTS (
      SELECT 1 FROM supervision_digestdelivery dd
      WHERE dd.user_id = p.user_id AND dd.day = %(day)s::date
  )
GROUP BY p.user_id, u.email, p.rule
"""


@dataclass
class Digest:
    user_id: UUID
    email: str
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # rule → (total, new)

    @property
    def total(self) -> int:
        return sum(total for total, _ in self.counts.values())

    @property
    def new(self) -> int:
        return sum(new for _, new in self.counts.values())

    def lines(self) -> list[str]:
        lines = []
        for rule in AlertRule.values:
            if rule not in self.counts:
                continue
            total, new = self.counts[rule]
            singular, plural = PHRASES[rule]
            line = f"{total} {singular if total == 1 else plural}"
            if new:
                line += f" ({new} new)"
            lines.append(line)
        return lines


def pending_digests(*, day: date, now: datetime) -> list[Digest]:
    """Everyone who should get a digest for `day`, with their counts: one query."""
    with connection.cursor() as cursor:
        cursor.execute(PENDING_DIGESTS_SQL, {"day": day, "now": now})
        rows = cursor.fetchall()
    digests: dict[UUID, Digest] = {}
    for user_id, email, rule, total, new in rows:
        digests.setdefault(user_id, Digest(user_id=user_id, email=email)).counts[rule] = (
            total,
            new,
        )
    return [d for d in digests.values() if d.new > 0]


def digest_email(digest: Digest, *, base_url: str) -> EmailMessage:
    base = base_url.rstrip("/")
    body = render_to_string(
        "supervision/email/digest.txt",
        {
            "lines": digest.lines(),
            "alerts_url": base + reverse("supervision:alerts"),
            "settings_url": base + reverse("supervision:notification_settings"),
        },
    )
    return EmailMessage(
        subject="SPR: things that need your attention",
        body=body,
        to=[digest.email],
    )
