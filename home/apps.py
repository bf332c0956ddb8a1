from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        from home import checks, signals  # noqa: F401  (system checks; public page cache invalidation)
