"""Small helpers the evaluation views share."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed


def post_only(request) -> HttpResponse | None:
    """Called after the object has been looked up (so other tenants still get 404):
    a GET on an action URL answers 405."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's errors on the form's fields where it names them."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)
