"""The board's assurance reports: ask for one, watch it being generated, download it."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from .. import selectors, services
from ..forms import ReportRequestForm
from ..models import ReportFormat, ReportStatus
from ._common import no_store

CONTENT_TYPES = {
    ReportFormat.PDF: "application/pdf",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.CSV: "text/csv; charset=utf-8",
}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    reports = selectors.reports_of(request.partnership_membership)
    pm = request.partnership_membership
    today = timezone.localdate()
    form = ReportRequestForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        report = services.request_report(
            partnership=pm.partnership, requested_by=request.user, period=form.chosen_period()
        )
        return redirect("assurance:report", report_id=report.id)
    if not form.is_bound:
        form = ReportRequestForm(
            initial=ReportRequestForm.initial_for(form.chosen_period()), today=today
        )
    listed = list(reports[:50])
    counts = selectors.download_counts(listed)
    return no_store(
        render(
            request,
            "assurance/reports.html",
            {
                "form": form,
                "pm": pm,
                "reports": [(r, counts.get(r.id, 0)) for r in listed],
            },
        )
    )


def _status(report) -> dict:
    data = {
        "status": report.status,
        "label": report.get_status_display(),
        "progress": report.progress,
        "stage": report.stage,
        "done": report.status == ReportStatus.DONE,
        "finished": report.status in (ReportStatus.DONE, ReportStatus.FAILED),
    }
    if report.is_done:
        data["downloads"] = {
            fmt: reverse("assurance:report_download", args=[report.id, fmt])
            for fmt in ReportFormat.values
        }
    return data


@login_required
def detail(request: HttpRequest, report_id) -> HttpResponse:
    report = selectors.get_report_for(request.partnership_membership, report_id)
    downloads = [
        (
            fmt,
            label,
            reverse("assurance:report_download", args=[report.id, fmt]),
            report.size_of(fmt),
        )
        for fmt, label in ReportFormat.choices
    ]
    return no_store(
        render(
            request,
            "assurance/report.html",
            {
                "report": report,
                "downloads": downloads,
                "status": _status(report),
                "history": report.downloads.select_related("user")[:20],
            },
        )
    )


@login_required
def status(request: HttpRequest, report_id) -> HttpResponse:
    report = selectors.get_report_for(request.partnership_membership, report_id)
    return no_store(JsonResponse(_status(report)))


@login_required
def download(request: HttpRequest, report_id, fmt: str) -> HttpResponse:
    report = selectors.get_report_for(request.partnership_membership, report_id)
    if fmt not in ReportFormat.values or not report.is_done:
        raise Http404
    stored = report.file_for(fmt)
    if not stored:
        raise Http404
    services.record_download(report=report, user=request.user, fmt=fmt)
    name = f"assurance-report-{report.period_start:%Y-%m-%d}-to-{report.period_end:%Y-%m-%d}.{fmt}"
    response = FileResponse(
        stored.open("rb"), as_attachment=True, filename=name, content_type=CONTENT_TYPES[fmt]
    )
    response["X-Content-Type-Options"] = "nosniff"
    return no_store(response)
