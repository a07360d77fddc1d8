"""Quarterly workforce figures (assurance indicator 2), entered by the agency admin."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from .. import selectors, services
from ..forms import WorkforceForm
from ._common import add_errors


@login_required
def workforce(request: HttpRequest) -> HttpResponse:
    rows = selectors.workforce_for_admin(request.membership)
    admin = request.membership
    form = WorkforceForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            row = services.record_workforce_figures(
                agency=admin.agency, entered_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Figures for {row.quarter_label} were saved.")
            return redirect("evaluation:workforce")
    return render(
        request,
        "evaluation/workforce.html",
        {"rows": rows, "form": form, "agency": admin.agency},
    )
