from django.apps import AppConfig


class TermsConfig(AppConfig):
    name = "terms"
    verbose_name = "Gebruikersvoorwaarden"

    def ready(self):
        from . import signals

        signals.connect()
