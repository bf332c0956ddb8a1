from django.apps import AppConfig


class CircleConfig(AppConfig):
    name = "circle"
    verbose_name = "Kring van de cliënt"
