"""Names who is acting on every change-history event written during a request."""

import pghistory.middleware


class HistoryContextMiddleware(pghistory.middleware.HistoryMiddleware):
    """pghistory's middleware (the user and URL of the request) plus the agency the person
    is working in. Placed after CurrentMembershipMiddleware, which sets it."""

    def get_context(self, request) -> dict:
        context = super().get_context(request)
        membership = getattr(request, "membership", None)
        context["user"] = str(context["user"]) if context.get("user") else None
        context["agency"] = str(membership.agency_id) if membership else None
        return context
