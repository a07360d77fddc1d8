"""The one way to write the access log (DESIGN.md, Confidentiality model; SECURITY.md 12).

Call `log_access` wherever reflective content is read by someone other than its two
parties, wherever audit access is granted, and wherever a PDF or export is generated.
It records who, when, which tenant, what (a plain label and the object's type and id),
whom it is about, the reason and the row count: never any of the content.
"""

from collections.abc import Iterable
from uuid import UUID

from django.db import models
from django.db.models import Q

from agencies.models import User

from .models import AccessEvent, AccessKind

LABEL_MAX = 200


def log_access(
    *,
    user: User | None,
    kind: str,
    label: str,
    agency_id: UUID | None = None,
    partnership_id: UUID | None = None,
    obj: models.Model | None = None,
    subjects: Iterable[UUID | User | None] = (),
    reason: str = "",
    row_count: int | None = None,
    detail: str = "",
) -> AccessEvent:
    """Write one access event. `obj` names what was read (type and id); `subjects` are the
    people it is about (users or their ids; empty values are dropped)."""
    if kind not in AccessKind.values:
        raise ValueError(f"Unknown access kind {kind!r}")
    if agency_id is None and partnership_id is None:
        raise ValueError("An access event belongs to an agency or a partnership")
    subject_ids = []
    for subject in subjects:
        subject_id = getattr(subject, "pk", subject)
        if subject_id and subject_id not in subject_ids:
            subject_ids.append(subject_id)
    return AccessEvent.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        kind=kind,
        label=label[:LABEL_MAX],
        agency_id=agency_id,
        partnership_id=partnership_id,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        subject_ids=subject_ids,
        reason=reason,
        row_count=row_count,
        detail=detail[:200],
    )


def purge_history(
    tracked_model: type[models.Model], object_ids: Iterable = (), **copied: Iterable
) -> int:
    """Delete the change history of rows that the retention job deleted, so that no copy
    of their content outlives them. The only way past the event tables' append-only
    trigger; the retention job keeps its own log of what it deleted. Events are chosen by
    the tracked row's id, or by a value their copy carries (`record_id=[...]` takes the
    history of every part of those records). Returns the number of event rows deleted."""
    import pgtrigger

    from .history import BY_TRACKED

    history = BY_TRACKED[tracked_model]
    wanted = Q(pk__in=[])
    if ids := list(object_ids):
        wanted |= Q(pgh_obj_id__in=ids)
    for field, values in copied.items():
        if values := list(values):
            wanted |= Q(**{f"{field}__in": values})
    if wanted == Q(pk__in=[]):
        return 0
    with pgtrigger.ignore(f"{history._meta.label}:append_only"):
        deleted, _ = history.objects.filter(wanted).delete()
    return deleted
