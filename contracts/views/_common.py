"""Small helpers the agreement views share."""

from django.core.exceptions import ValidationError
from django.forms import Form


def add_errors(form: Form, exc: ValidationError) -> None:
    """Attach a service's ValidationError to the form: to the field it names when the form
    has that field, otherwise to the whole form (the error summary lists both)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)
