from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from agencies import auth_forms
from agencies.views import home
from ops.views import healthz

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            authentication_form=auth_forms.SignInForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(form_class=auth_forms.ResetRequestForm),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=auth_forms.NewPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "password-change/",
        auth_views.PasswordChangeView.as_view(form_class=auth_forms.ChangePasswordForm),
        name="password_change",
    ),
    path(
        "password-change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("agency/", include("agencies.urls")),
    path("agreements/", include("contracts.urls")),
    path("supervision/", include("supervision.urls")),
    path("records/", include("recording.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("reflection/", include("reflection.urls")),
    path("ops/", include("ops.urls")),
    path("retention/", include("retention.urls")),
    path("assurance/", include("assurance.urls")),
    path("django-admin/", admin.site.urls),
]
