from django.urls import path

from .views import audits, campaigns, observations, questionnaire, results, workforce

app_name = "evaluation"

urlpatterns = [
    # The safeguarding lead's campaigns
    path("", campaigns.campaign_list, name="campaigns"),
    path("new/", campaigns.campaign_add, name="campaign_add"),
    path("<uuid:campaign_id>/", campaigns.campaign_detail, name="campaign"),
    path("<uuid:campaign_id>/questions/", campaigns.question_add, name="question_add"),
    path(
        "<uuid:campaign_id>/questions/<uuid:question_id>/remove/",
        campaigns.question_remove,
        name="question_remove",
    ),
    path("<uuid:campaign_id>/close/", campaigns.campaign_close, name="campaign_close"),
    # Results and exports
    path("<uuid:campaign_id>/results/", results.agency_results, name="results"),
    path("<uuid:campaign_id>/results/export.csv", results.agency_results_csv, name="results_csv"),
    path("<uuid:campaign_id>/results/by-<slug:by>/", results.group_results, name="results_groups"),
    path(
        "<uuid:campaign_id>/results/by-<slug:by>/export.csv",
        results.group_results_csv,
        name="results_groups_csv",
    ),
    path(
        "<uuid:campaign_id>/comments/<uuid:comment_id>/withhold/",
        results.comment_withhold,
        name="comment_withhold",
    ),
    path("my-results/", results.my_results, name="my_results"),
    path("my-results/<uuid:campaign_id>/", results.my_results, name="my_results_for"),
    # The supervisee's questionnaire
    path("invitations/<uuid:invitation_id>/", questionnaire.questionnaire, name="questionnaire"),
    # Observations
    path("observations/", observations.observation_list, name="observations"),
    path("observations/new/", observations.observation_add, name="observation_add"),
    path(
        "observations/<uuid:observation_id>/", observations.observation_detail, name="observation"
    ),
    path(
        "observations/<uuid:observation_id>/answer/",
        observations.observation_answer,
        name="observation_answer",
    ),
    path(
        "observations/<uuid:observation_id>/record/",
        observations.observation_record,
        name="observation_record",
    ),
    path("observers/", observations.observers, name="observers"),
    path(
        "observers/<uuid:observer_id>/remove/", observations.observer_remove, name="observer_remove"
    ),
    # Record quality audit
    path("audits/", audits.audit_list, name="audits"),
    path("audits/new/", audits.audit_add, name="audit_add"),
    path("audits/<uuid:audit_id>/", audits.audit_detail, name="audit"),
    path("audit-items/<uuid:item_id>/", audits.audit_item, name="audit_item"),
    path("audit-feedback/", audits.audit_feedback, name="audit_feedback"),
    # Workforce figures
    path("workforce/", workforce.workforce, name="workforce"),
]
