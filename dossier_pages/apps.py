from django.apps import AppConfig


class DossierPagesConfig(AppConfig):
    name = "dossier_pages"
