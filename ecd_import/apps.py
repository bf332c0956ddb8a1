from django.apps import AppConfig


class EcdImportConfig(AppConfig):
    name = "ecd_import"
