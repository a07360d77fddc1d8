"""Small helpers the assurance views share."""

from urllib.parse import urlencode

from django.http import HttpResponse

from ..periods import Period


def period_query(period: Period, **extra) -> str:
    return urlencode({**period.query(), **{k: v for k, v in extra.items() if v}})


def no_store(response: HttpResponse) -> HttpResponse:
    """Figures and lists about an agency's people are not kept in any cache."""
    response["Cache-Control"] = "no-store"
    return response
