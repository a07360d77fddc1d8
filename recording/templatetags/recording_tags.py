"""Display helpers for session records (no queries, no permission logic)."""

from django import template
from django.utils.html import format_html

from .. import prompts
from ..forms import MODEL_LABELS
from ..models import RecordStatus

register = template.Library()

RAG_TAGS = {
    "red": ("govuk-tag--red", "Red"),
    "amber": ("govuk-tag--orange", "Amber"),
    "green": ("govuk-tag--green", "Green"),
}
STATUS_TAGS = {
    RecordStatus.DRAFT: "govuk-tag--grey",
    RecordStatus.AWAITING_SUPERVISEE: "govuk-tag--yellow",
    RecordStatus.SIGNED: "govuk-tag--green",
}


@register.simple_tag
def rag_tag(rag: str):
    if not rag:
        return format_html("<span class='govuk-hint'>{}</span>", "Not rated")
    css, label = RAG_TAGS[rag]
    return format_html("<strong class='govuk-tag {} spr-rag'>{}</strong>", css, label)


@register.simple_tag
def record_status_tag(record):
    return format_html(
        "<strong class='govuk-tag {}'>{}</strong>",
        STATUS_TAGS.get(record.status, ""),
        record.status_label,
    )


@register.filter
def area_rows(reflection) -> list[tuple[str, str]]:
    """(label, text) for each reflection area of a case discussion that has text."""
    if reflection is None:
        return []
    return [
        (area.label, getattr(reflection, area.field))
        for area in prompts.REFLECTION_AREAS
        if getattr(reflection, area.field).strip()
    ]


@register.filter
def model_rows(reflection) -> list[tuple[str, list[tuple[str, str]]]]:
    """(model, [(stage, answer)]) for each reflection model used in a discussion."""
    if reflection is None:
        return []
    rows = []
    for model, stages in prompts.REFLECTION_MODELS.items():
        answers = (reflection.model_answers or {}).get(model) or {}
        filled = [(s.label, answers[s.key]) for s in stages if answers.get(s.key)]
        if filled:
            rows.append((MODEL_LABELS[model], filled))
    return rows


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
