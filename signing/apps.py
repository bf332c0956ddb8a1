from django.apps import AppConfig


class SigningConfig(AppConfig):
    name = "signing"
    verbose_name = "Ondertekenen"

    def ready(self):
        from . import signals

        signals.connect()
