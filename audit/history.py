"""Reading the change history: one timeline across the event tables, with field-level diffs.

Each tracked table has its own event table (see models.py). A page of the timeline is
read with a fixed number of queries, whatever its length: one UNION for the page's keys,
one count, then per event table on the page one query for its events (with the id of each
event's predecessor) and one for those predecessors, and one each for the people, cases,
teams and groups the page names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import CharField, Min, OuterRef, Subquery, Value
from django.utils import timezone

from agencies.models import Team, User
from recording.models import SupervisionGroup
from supervision.models import Case

from . import models as audit_models

# Referenced by the tracked tables and named by their `name`.
NAMED = (Team, SupervisionGroup)
SKIPPED_FIELDS = {"id", "updated_at", "agency"}
TEXT_LIMIT = 300
EMPTY = "(empty)"
DRAFT_HIDDEN = "Not shown: the record was a draft"


@dataclass(frozen=True)
class Source:
    key: str
    model: type[models.Model]
    noun: str
    title: Callable[[models.Model, Names], str]


@dataclass
class Names:
    users: dict[UUID, str] = field(default_factory=dict)
    cases: dict[UUID, str] = field(default_factory=dict)
    # Teams and supervision groups, by model: their names.
    others: dict[type, dict[UUID, str]] = field(default_factory=dict)

    def user(self, user_id) -> str:
        return self.users.get(user_id, "someone no longer listed") if user_id else EMPTY


def _agreement_title(e, names: Names) -> str:
    return f"Agreement version {e.version} with {names.user(e.supervisee_id)}"


def _record_title(e, names: Names) -> str:
    who = f" with {names.user(e.supervisee_id)}" if e.supervisee_id else ""
    return f"{e.get_kind_display()} session record of {e.session_date:%-d %B %Y}{who}"


def _case_title(e, names: Names) -> str:
    return f"Case {e.reference}"


def _membership_title(e, names: Names) -> str:
    return f"Membership of {names.user(e.user_id)}"


def _part_title(noun: str) -> Callable[[models.Model, Names], str]:
    def title(e, names: Names) -> str:
        case = names.cases.get(getattr(e, "case_id", None))
        return f"{noun} (record {str(e.record_id)[:8]}){f', case {case}' if case else ''}"

    return title


SOURCES = [
    Source("agreement", audit_models.AgreementHistory, "agreement", _agreement_title),
    Source("record", audit_models.SessionRecordHistory, "session record", _record_title),
    Source(
        "discussion",
        audit_models.CaseDiscussionHistory,
        "case discussion",
        _part_title("Case discussion"),
    ),
    Source(
        "action", audit_models.AgreedActionHistory, "agreed action", _part_title("Agreed action")
    ),
    Source("addendum", audit_models.AddendumHistory, "addendum", _part_title("Addendum")),
    Source("attendee", audit_models.RecordAttendeeHistory, "attendee", _part_title("Attendance")),
    Source(
        "group",
        audit_models.SupervisionGroupHistory,
        "supervision group",
        lambda e, names: f"Supervision group {e.name}",
    ),
    Source("case", audit_models.CaseHistory, "case", _case_title),
    Source("membership", audit_models.MembershipHistory, "membership", _membership_title),
]
BY_KEY = {s.key: s for s in SOURCES}
# Every event table by the table it tracks (partnership memberships have no page here).
BY_TRACKED = {s.model.pgh_tracked_model: s.model for s in SOURCES} | {
    audit_models.PartnershipMembershipHistory.pgh_tracked_model: (
        audit_models.PartnershipMembershipHistory
    )
}
RECORD_PARTS = ["record", "discussion", "action", "addendum", "attendee", "group"]
# What the lead can filter on.
SOURCE_GROUPS = [
    ("agreements", "Agreements", ["agreement"]),
    (
        "records",
        "Supervision records",
        ["record", "discussion", "action", "addendum", "attendee", "group"],
    ),
    ("cases", "Cases", ["case"]),
    ("memberships", "People and roles", ["membership"]),
]
GROUP_KEYS = {key: keys for key, _label, keys in SOURCE_GROUPS}
# A record and the parts written with it while it is a draft.
RECORD_MODELS = (
    audit_models.SessionRecordHistory,
    audit_models.CaseDiscussionHistory,
    audit_models.AgreedActionHistory,
    audit_models.RecordAttendeeHistory,
)


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Entry:
    at: datetime
    action: str  # created / changed / deleted
    what: str
    noun: str
    who: str
    changes: list[Change]


def _timeline(agency_id, keys: list[str], start: date | None, end: date | None):
    parts = []
    for key in keys:
        qs = BY_KEY[key].model.objects.filter(agency_id=agency_id)
        if start:
            qs = qs.filter(pgh_created_at__date__gte=start)
        if end:
            qs = qs.filter(pgh_created_at__date__lte=end)
        parts.append(
            qs.annotate(source=Value(key, output_field=CharField())).values_list(
                "pgh_created_at", "pgh_id", "source"
            )
        )
    if len(parts) == 1:
        return parts[0].order_by("-pgh_created_at", "-pgh_id")
    return parts[0].union(*parts[1:], all=True).order_by("-pgh_created_at", "-pgh_id")


class Timeline:
    """A sliceable, countable view of the history, for Django's Paginator."""

    def __init__(self, agency_id, *, what: str = "", start=None, end=None):
        keys = GROUP_KEYS.get(what) or [s.key for s in SOURCES]
        self.query = _timeline(agency_id, keys, start, end)

    def count(self) -> int:
        return self.query.count()

    def __len__(self) -> int:  # pragma: no cover - Paginator uses count()
        return self.count()

    def __getitem__(self, item):
        return entries_for(list(self.query[item]))


def entries_for(keys: list[tuple]) -> list[Entry]:
    """The entries for (created_at, pgh_id, source) keys, in their order."""
    wanted: dict[str, list[int]] = {}
    for _at, pgh_id, source in keys:
        wanted.setdefault(source, []).append(pgh_id)
    events, previous = {}, {}
    for source, ids in wanted.items():
        model = BY_KEY[source].model
        earlier = model.objects.filter(
            pgh_obj_id=OuterRef("pgh_obj_id"), pgh_id__lt=OuterRef("pgh_id")
        ).order_by("-pgh_id")
        rows = list(
            model.objects.filter(pgh_id__in=ids)
            .select_related("pgh_context")
            .annotate(previous_id=Subquery(earlier.values("pgh_id")[:1]))
        )
        events.update({(source, e.pgh_id): e for e in rows})
        before_ids = [e.previous_id for e in rows if e.previous_id and e.pgh_label == "changed"]
        if before_ids:
            previous.update(
                {
                    (source, p.pgh_id): p
                    for p in model.objects.filter(pgh_id__in=before_ids).select_related(
                        "pgh_context"
                    )
                }
            )
    names = _names(list(events.values()) + list(previous.values()))
    left_draft = _left_draft_at(list(events.values()))
    entries = []
    for _at, pgh_id, source in keys:
        event = events[(source, pgh_id)]
        before = previous.get((source, getattr(event, "previous_id", None)))
        hidden = _while_draft(event, left_draft)
        entries.append(_entry(BY_KEY[source], event, before, names, hidden=hidden))
    return entries


def _left_draft_at(events: list[models.Model]) -> dict:
    """When each record on the page was first signed (left its draft state), if it was.

    A draft record is its two parties' working space: the lead's lists leave drafts out,
    so the history shows which fields of a draft changed, not what they said."""
    record_ids = {
        e.pgh_obj_id if isinstance(e, audit_models.SessionRecordHistory) else e.record_id
        for e in events
        if isinstance(e, RECORD_MODELS)
    }
    if not record_ids:
        return {}
    return dict(
        audit_models.SessionRecordHistory.objects.filter(pgh_obj_id__in=record_ids)
        .exclude(status="draft")
        .values_list("pgh_obj_id")
        .annotate(first=Min("pgh_created_at"))
    )


def _while_draft(event, left_draft: dict) -> bool:
    if isinstance(event, audit_models.SessionRecordHistory):
        return event.status == "draft"
    if isinstance(event, RECORD_MODELS):
        signed_at = left_draft.get(event.record_id)
        return signed_at is None or event.pgh_created_at < signed_at
    return False


def _fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if not f.name.startswith("pgh_") and f.name not in SKIPPED_FIELDS
    ]


def _names(events: list[models.Model]) -> Names:
    user_ids, case_ids = set(), set()
    other_ids: dict[type, set] = {model: set() for model in NAMED}
    for event in events:
        for f in _fields(type(event)):
            if f.is_relation and f.related_model is User:
                user_ids.add(getattr(event, f.attname))
            elif f.is_relation and f.related_model is Case:
                case_ids.add(getattr(event, f.attname))
            elif f.is_relation and f.related_model in NAMED:
                other_ids[f.related_model].add(getattr(event, f.attname))
        if event.pgh_context and (user := event.pgh_context.metadata.get("user")):
            user_ids.add(_uuid(user))
    user_ids.discard(None)
    case_ids.discard(None)
    names = Names()
    if user_ids:
        names.users = dict(User.objects.filter(id__in=user_ids).values_list("id", "full_name"))
    if case_ids:
        names.cases = dict(Case.objects.filter(id__in=case_ids).values_list("id", "reference"))
    for model, ids in other_ids.items():
        ids.discard(None)
        if ids:
            names.others[model] = dict(model.objects.filter(id__in=ids).values_list("id", "name"))
    return names


def _uuid(value):
    try:
        return UUID(str(value))
    except ValueError:
        return None


def _who(event, names: Names) -> str:
    context = event.pgh_context.metadata if event.pgh_context else {}
    if context.get("user"):
        return names.user(_uuid(context["user"]))
    if context.get("job"):
        return f"System: {context['job']}"
    return "Not recorded (a direct database change)"


def _show(f: models.Field, value, names: Names) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if f.is_relation:
        if f.related_model is User:
            return names.user(value)
        if f.related_model is Case:
            return names.cases.get(value, str(value)[:8])
        if f.related_model in names.others:
            return names.others[f.related_model].get(value, str(value)[:8])
        return f"{f.related_model._meta.verbose_name} {str(value)[:8]}"
    if isinstance(f, ArrayField):
        choices = dict(f.base_field.choices or ())
        return ", ".join(str(choices.get(v, v)) for v in value) or EMPTY
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%-d %B %Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%-d %B %Y")
    text = str(value)
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


def _label(f: models.Field) -> str:
    name = str(f.verbose_name)
    return name[0].upper() + name[1:]


def _entry(source: Source, event, before, names: Names, *, hidden: bool = False) -> Entry:
    fields = _fields(type(event))
    changes: list[Change] = []

    def show(f, value) -> str:
        return DRAFT_HIDDEN if hidden else _show(f, value, names)

    if event.pgh_label == "changed" and before is not None:
        for f in fields:
            old, new = getattr(before, f.attname), getattr(event, f.attname)
            if old != new:
                changes.append(Change(_label(f), show(f, old), show(f, new)))
    elif event.pgh_label == "created":
        for f in fields:
            value = getattr(event, f.attname)
            if value not in (None, "", []) and not f.name.endswith("_at"):
                changes.append(Change(_label(f), "", show(f, value)))
    return Entry(
        at=event.pgh_created_at,
        action=event.pgh_label,
        what=source.title(event, names),
        noun=source.noun,
        who=_who(event, names),
        changes=changes,
    )
