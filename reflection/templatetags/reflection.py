from django import template

from reflection.models import ParticipantRole

register = template.Library()


@register.filter
def role_label(value: str) -> str:
    """Turn "case_presenter" into "Case Presenter"."""
    try:
        return ParticipantRole(value).label
    except ValueError:
        return ""


@register.filter
def minutes_seconds(seconds) -> str:
    """272 → "4:32" (a negative number shows the same, the page says "over")."""
    if seconds is None:
        return ""
    seconds = abs(int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"
