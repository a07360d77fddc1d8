from django.urls import path

from .views import drafts, groups, lists, record, signoff

app_name = "recording"

urlpatterns = [
    path("", lists.my_sessions, name="mine"),
    path("supervisees/", lists.supervisees_sessions, name="supervisees"),
    path("agency/", lists.agency_sessions, name="agency"),
    path("new/", lists.new_record, name="new"),
    path("new/group/", groups.new_group_record, name="new_group"),
    path("actions/", record.my_actions, name="my_actions"),
    path("escalations/", record.escalations, name="escalations"),
    path("escalations/<uuid:escalation_id>/seen/", record.acknowledge, name="acknowledge"),
    path("cases/<uuid:case_id>/", lists.case_history, name="case_history"),
    path("<uuid:record_id>/", record.detail, name="detail"),
    path("<uuid:record_id>/edit/", drafts.edit, name="edit"),
    path("<uuid:record_id>/autosave/", drafts.autosave, name="autosave"),
    path("<uuid:record_id>/attendees/", groups.attendees, name="attendees"),
    path("<uuid:record_id>/sign/", signoff.sign, name="sign"),
    path("<uuid:record_id>/countersign/", signoff.countersign, name="countersign"),
    path("<uuid:record_id>/addendum/", record.addendum, name="addendum"),
    path("<uuid:record_id>/audit-access/", record.audit_access, name="audit_access"),
    path("<uuid:record_id>/risk/", record.risk_exception, name="risk"),
    path("<uuid:record_id>/pdf/", record.pdf, name="pdf"),
]
