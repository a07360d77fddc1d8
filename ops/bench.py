"""Pieces that exist only for the benchmark suite (bench/), switched on by SPR_BENCH=1.

With the setting off (always, outside `make bench`) the bare page answers 404 and the
query-count middleware is not installed.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

QUERY_COUNT_HEADER = "X-Bench-Queries"


@login_required
def bare(request: HttpRequest) -> HttpResponse:
    """The base template and nothing else, through the same middleware as every page:
    the yardstick that page times are divided by (a ratio travels between machines)."""
    if not settings.BENCH:
        raise Http404
    return render(request, "ops/bare.html")


class QueryCountMiddleware:
    """Counts the SQL statements of a whole request (every middleware included) and
    reports them in a response header, so a load test sees the server's own count."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response[QUERY_COUNT_HEADER] = str(count)
        return response
