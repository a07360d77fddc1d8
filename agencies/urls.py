from django.urls import path

from . import policy_views, views

app_name = "agencies"

urlpatterns = [
    path("switch/", views.switch_agency, name="switch"),
    path("people/", views.people_list, name="people"),
    path("people/add/", views.person_add, name="person_add"),
    path("people/<uuid:membership_id>/", views.person_edit, name="person_edit"),
    path("teams/", views.teams, name="teams"),
    path("partnership/agencies/", views.partnership_agencies, name="partnership_agencies"),
    path("partnership/agencies/add/", views.agency_add, name="agency_add"),
    path("policy/", policy_views.policy, name="policy"),
    path("policy/upload/", policy_views.policy_upload, name="policy_upload"),
    path("policy/<uuid:policy_id>/document/", policy_views.policy_document, name="policy_document"),
    path("standards/", policy_views.standards, name="standards"),
    path("standards/change/", policy_views.standards_edit, name="standards_edit"),
]
