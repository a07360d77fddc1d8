from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "assurance"
    verbose_name = "Assurance dashboards and reports"
    default_auto_field = "django.db.models.BigAutoField"
