"""Small helpers shared by the apps: PDFs, upload checks, CSV exports, form widgets, the client's address.

Depends on Django, Wagtail and WeasyPrint only, never on a MijnDossier app.
"""
