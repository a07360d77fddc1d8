from django.urls import path

from .views import board, lead, reports

app_name = "assurance"

urlpatterns = [
    path("", lead.dashboard, name="dashboard"),
    path("lists/<slug:code>/", lead.list_view, name="list"),
    path("lists/<slug:code>/download.csv", lead.list_csv, name="list_csv"),
    path("partnership/", board.dashboard, name="board"),
    path("partnership/thresholds/", board.thresholds, name="thresholds"),
    path("partnership/reports/", reports.index, name="reports"),
    path("partnership/reports/<uuid:report_id>/", reports.detail, name="report"),
    path("partnership/reports/<uuid:report_id>/status/", reports.status, name="report_status"),
    path(
        "partnership/reports/<uuid:report_id>/download/<slug:fmt>/",
        reports.download,
        name="report_download",
    ),
]
