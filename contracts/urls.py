from django.urls import path

from .views import agreements, lead, training

app_name = "contracts"

urlpatterns = [
    path("", agreements.mine, name="mine"),
    path("new/", agreements.start, name="start"),
    path("agency/", lead.agency_list, name="agency_list"),
    path("supervisees/<uuid:membership_id>/", lead.supervisee_history, name="supervisee_history"),
    path("training/", training.my_training, name="training"),
    path("training/add/", training.training_add, name="training_add"),
    path("training/agency/", training.agency_training, name="agency_training"),
    path(
        "training/supervisors/<uuid:membership_id>/",
        training.supervisor_training,
        name="supervisor_training",
    ),
    path("training/<uuid:record_id>/evidence/", training.evidence, name="training_evidence"),
    path("<uuid:agreement_id>/", agreements.detail, name="detail"),
    path("<uuid:agreement_id>/edit/", agreements.edit, name="edit"),
    path("<uuid:agreement_id>/send/", agreements.send, name="send"),
    path("<uuid:agreement_id>/sign/", agreements.sign, name="sign"),
    path("<uuid:agreement_id>/change/", agreements.change, name="change"),
    path("<uuid:agreement_id>/end/", agreements.end, name="end"),
    path("<uuid:agreement_id>/print/", agreements.print_view, name="print"),
    path("<uuid:agreement_id>/pdf/", agreements.pdf, name="pdf"),
]
