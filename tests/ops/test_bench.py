"""The bench-only pieces: the bare page and the query-count header (SPR_BENCH=1)."""

from django.conf import settings
from django.http import HttpResponse
from django.test import override_settings

from ops.bench import QUERY_COUNT_HEADER, QueryCountMiddleware


def test_bare_page_is_off_outside_the_bench(client_for, supervisee):
    assert client_for(supervisee).get("/ops/bare").status_code == 404


def test_bare_page_needs_a_signed_in_person(client, db):
    with override_settings(BENCH=True):
        response = client.get("/ops/bare")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_bare_page_renders_the_base_template_only(client_for, supervisee):
    with override_settings(BENCH=True):
        response = client_for(supervisee).get("/ops/bare")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bare page" in page and "OFFICIAL-SENSITIVE" in page
    assert QUERY_COUNT_HEADER not in response  # the middleware is installed only by settings


def test_query_count_header_counts_every_statement_of_the_request(client_for, supervisee):
    middleware = ["ops.bench.QueryCountMiddleware", *settings.MIDDLEWARE]
    with override_settings(BENCH=True, MIDDLEWARE=middleware):
        response = client_for(supervisee).get("/ops/bare")
    # At least the session, the user, the memberships and the session save.
    assert int(response[QUERY_COUNT_HEADER]) >= 4


def test_query_count_header_is_zero_without_queries(rf):
    response = QueryCountMiddleware(lambda request: HttpResponse("ok"))(rf.get("/"))
    assert response[QUERY_COUNT_HEADER] == "0"
