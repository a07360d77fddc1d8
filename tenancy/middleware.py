"""Opens each request's transaction and sets its row-level security context inside it."""

from django.db import connection, transaction

from . import context


class TenantContextMiddleware:
    """Place right after AuthenticationMiddleware: everything after it (the membership
    middleware, the view, the templates) runs inside one transaction whose context is the
    signed-in person's (tenancy/context.py), with the system context off.

    ATOMIC_REQUESTS wraps only the view, so this middleware owns the outer transaction
    (`savepoint=False`: inside a test's transaction it adds no savepoint). The previous
    values are put back before the transaction ends, so a request made inside a test's
    transaction does not leak its context into the rest of the test.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with (
            transaction.atomic(savepoint=False),
            context.for_user(getattr(request, "user", None)),
        ):
            connection.spr_request_context = True
            try:
                return self.get_response(request)
            finally:
                connection.spr_request_context = False


def refresh_on_sign_in(sender, request, user, **kwargs):
    """A person who signs in during this request gets their context straight away."""
    if getattr(connection, "spr_request_context", False) and connection.in_atomic_block:
        context.set_user(user, local=True)


def refresh_on_new_agency(sender, instance, created, **kwargs):
    """A partnership admin who adds an agency may then add its first admin."""
    if created and getattr(connection, "spr_request_context", False):
        context.refresh()


def clear_on_sign_out(sender, request, user, **kwargs):
    if getattr(connection, "spr_request_context", False) and connection.in_atomic_block:
        context.set_user(None, local=True)
