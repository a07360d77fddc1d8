"""The home page's sessions and alerts: `{% cadence_home request as cadence %}` in the role
partials of templates/home/. Computed once per request, however many roles show it."""

from django import template
from django.utils import timezone

from supervision import selectors

register = template.Library()


@register.simple_tag
def cadence_home(request) -> dict:
    cached = getattr(request, "_cadence_home", None)
    if cached is None:
        cached = selectors.home_cadence(
            request.user, getattr(request, "membership", None), now=timezone.now()
        )
        request._cadence_home = cached
    return cached
