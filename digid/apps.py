from django.apps import AppConfig


class DigidConfig(AppConfig):
    name = "digid"
    verbose_name = "DigiD"
