from django.urls import path

from . import views

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
]
