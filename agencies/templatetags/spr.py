from django import template

register = template.Library()

SMALL_NUMBER_THRESHOLD = 5


@register.filter
def suppress_small(value):
    """Official-statistics disclosure control: a count from fewer than 5 shows as "<5"."""
    if value is None:
        return "<5"
    return "<5" if value < SMALL_NUMBER_THRESHOLD else value
