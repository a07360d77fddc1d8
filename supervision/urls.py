from django.urls import path

from . import alert_views, planning_views, views

app_name = "supervision"

urlpatterns = [
    path("cases/", views.case_list, name="cases"),
    path("cases/add/", views.case_add, name="case_add"),
    path("cases/import/", views.case_import, name="case_import"),
    path(
        "cases/import/<uuid:import_id>/",
        views.case_import_preview,
        name="case_import_preview",
    ),
    path("cases/<uuid:case_id>/", views.case_detail, name="case_detail"),
    path("cases/<uuid:case_id>/edit/", views.case_edit, name="case_edit"),
    # Planned sessions
    path("sessions/", planning_views.session_list, name="sessions"),
    path("sessions/schedule/", planning_views.session_schedule, name="session_schedule"),
    path("sessions/<uuid:session_id>/", planning_views.session_detail, name="session_detail"),
    path(
        "sessions/<uuid:session_id>/move/",
        planning_views.session_reschedule,
        name="session_reschedule",
    ),
    path(
        "sessions/<uuid:session_id>/cancel/", planning_views.session_cancel, name="session_cancel"
    ),
    path("sessions/<uuid:session_id>/calendar.ics", planning_views.session_ics, name="session_ics"),
    # Alerts from the cadence rules
    path("alerts/", alert_views.alert_list, name="alerts"),
    path("alerts/settings/", alert_views.notification_settings, name="notification_settings"),
]
