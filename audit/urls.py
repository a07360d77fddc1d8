from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("access-log/", views.access_log, name="access_log"),
    path("access-log.csv", views.access_log_csv, name="access_log_csv"),
    path("changes/", views.history, name="history"),
    path("viewed-my-records/", views.viewed_about_me, name="about_me"),
]
