from django.apps import AppConfig


class AfschriftConfig(AppConfig):
    name = "afschrift"
    verbose_name = "Afschrift van het dossier"
    default_auto_field = "django.db.models.BigAutoField"
