from django.urls import path

from .views import learning_log, space_to_think, themes

app_name = "reflection"

urlpatterns = [
    path("space-to-think/", space_to_think.session_list, name="sessions"),
    path("space-to-think/request/", space_to_think.session_request, name="request"),
    path("space-to-think/participation/", space_to_think.participation, name="participation"),
    path("space-to-think/<uuid:session_id>/", space_to_think.session_detail, name="session"),
    path("space-to-think/<uuid:session_id>/timer/", space_to_think.timer, name="timer"),
    path("space-to-think/<uuid:session_id>/invite/", space_to_think.invite, name="invite"),
    path("space-to-think/<uuid:session_id>/roles/", space_to_think.roles, name="roles"),
    path("space-to-think/<uuid:session_id>/notes/", space_to_think.presenter_notes, name="notes"),
    path("space-to-think/<uuid:session_id>/themes/", space_to_think.themes, name="themes"),
    path("space-to-think/<uuid:session_id>/feedback/", space_to_think.feedback, name="feedback"),
    path("themes/", themes.partnership_themes, name="partnership_themes"),
    path("log/", learning_log.log_list, name="log"),
    path("log/new/", learning_log.entry_new, name="entry_new"),
    path("log/<uuid:entry_id>/", learning_log.entry_detail, name="entry"),
    path("log/<uuid:entry_id>/edit/", learning_log.entry_edit, name="entry_edit"),
    path("log/<uuid:entry_id>/share/", learning_log.entry_share, name="entry_share"),
    path("shared/", learning_log.shared_with_me, name="shared"),
    path("shared/<uuid:membership_id>/", learning_log.shared_by_supervisee, name="shared_by"),
]
