"""The partnership board's dashboard (aggregates only) and the partnership's thresholds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from agencies.models import PartnershipRole

from .. import selectors, services
from ..catalogue import BY_CODE, RATED, Code
from ..forms import PeriodForm, ThresholdForm
from ..presentation import RATING_TAGS, Rating
from ..report_content import board_view
from ._common import no_store, period_query
from .lead import _period_form


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    pm = selectors.require_board(request.partnership_membership)
    today = timezone.localdate()
    form, period = _period_form(request, today)
    code = request.GET.get("indicator", Code.COVERAGE)
    indicator = BY_CODE.get(code)
    if indicator is None or not indicator.rated:
        indicator = BY_CODE[Code.COVERAGE]
    board = services.board_figures(
        partnership=pm.partnership, periods_=services.board_periods(period), today=today
    )
    thresholds = selectors.thresholds_for(pm.partnership_id)
    view = board_view(partnership_name=pm.partnership.name, board=board, thresholds=thresholds)
    return no_store(
        render(
            request,
            "assurance/board.html",
            {
                "pm": pm,
                "form": form,
                "period": period,
                "view": view,
                "indicator": indicator,
                "section": view.section(indicator.code),
                "threshold": thresholds.of(indicator.code),
                "trend": view.trend[indicator.code],
                "query": period_query(period),
                "is_board_member": pm.has_role(PartnershipRole.BOARD_MEMBER),
                "is_admin": pm.has_role(PartnershipRole.PARTNERSHIP_ADMIN),
                "ratings": [(Rating(r).label, RATING_TAGS[r]) for r in Rating.values],
                "thresholds_default": all(thresholds.is_default.values()),
                "rated": RATED,
            },
        )
    )


@login_required
def thresholds(request: HttpRequest) -> HttpResponse:
    pm = selectors.require_partnership_admin(request.partnership_membership)
    current = selectors.thresholds_for(pm.partnership_id)
    form = ThresholdForm(request.POST or None, thresholds=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_thresholds(
                partnership=pm.partnership, by=request.user, values=form.values()
            )
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, "The thresholds are saved. The board's pages use them now.")
            return redirect("assurance:thresholds")
    rows = [(i, current.of(i.code), current.is_default[i.code]) for i in RATED]
    return render(
        request,
        "assurance/thresholds.html",
        {"form": form, "pm": pm, "rows": rows, "period_form": PeriodForm},
    )
