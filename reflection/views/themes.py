"""The partnership's learning themes page: what Space to Think sessions have taught."""

from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .. import selectors


@never_cache
@login_required
def partnership_themes(request: HttpRequest) -> HttpResponse:
    """Every member of the partnership's agencies, and its board members and admins, sees
    the published themes (theme and month only) and how participants rated the model."""
    themes = list(selectors.published_themes_for(request.user))
    by_partnership = [
        (partnership, list(items))
        for partnership, items in groupby(themes, key=lambda t: t.partnership)
    ]
    return render(
        request,
        "reflection/themes.html",
        {
            "by_partnership": by_partnership,
            "theme_count": len(themes),
            "feedback_summary": selectors.feedback_summary_for(request.user),
            "feedback_comments": selectors.feedback_comments_for(request.partnership_membership),
        },
    )
