from datetime import date, datetime

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def cell(value) -> str:
    """A list cell: dates as "5 Nov 2026", times with the hour, nothing as a dash."""
    if value is None or value == "":
        return "–"
    if isinstance(value, datetime):
        return formats.date_format(value, "j M Y H:i")
    if isinstance(value, date):
        return formats.date_format(value, "j M Y")
    return str(value)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def section(view, code):
    """BoardView.section(code) for templates: (agency name, figure) pairs."""
    return view.section(code)


@register.filter
def section_with_trend(view, code):
    """BoardView.section_with_trend(code): (agency name, figure, trend cells)."""
    return view.section_with_trend(code)
