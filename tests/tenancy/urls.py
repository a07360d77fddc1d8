"""Test-only URLs (never in config/urls.py): a view that deliberately bypasses the scoping
layer, to prove that row-level security still keeps other tenants' rows out."""

from django.apps import apps
from django.http import Http404, JsonResponse
from django.urls import path

from tenancy import context
from tenancy.rls import protected_tables


def model_for(table: str):
    for model in apps.get_models():
        if model._meta.db_table == table:
            return model
    raise Http404


def raw_rows(request, table: str):
    if table not in protected_tables():
        raise Http404
    column, _scope = protected_tables()[table]
    model = model_for(table)
    # Deliberately unscoped: what a view that forgot the scoping layer would read.
    rows = list(model._default_manager.all())
    tenants = sorted({str(getattr(row, column)) for row in rows})
    return JsonResponse({"count": len(rows), "tenants": tenants})


def show_context(request):
    """The row-level security context the request runs in."""
    return JsonResponse(context.current())


urlpatterns = [path("raw/<str:table>", raw_rows), path("context", show_context)]
