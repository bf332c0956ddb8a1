"""Signing in the dossier's plans section: the sign page, and plans served as frozen for signing."""

from dossier.sections import Route, extend

extend(
    "plans",
    routes=[Route("clientplannen/<int:pk>/ondertekenen/", "plan_sign", "signing.views.sign")],
    document_sources=["signing.services.served_plan_pdf"],
)
