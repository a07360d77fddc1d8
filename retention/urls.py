from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("", views.retention, name="retention"),
    path("change/", views.retention_edit, name="retention_edit"),
    path("holds/place/", views.hold_place, name="hold_place"),
    path("holds/<uuid:hold_id>/lift/", views.hold_lift, name="hold_lift"),
    path("my-records/", views.my_records, name="my_records"),
    path("my-records/download/", views.my_records_pdf, name="my_records_pdf"),
]
