"""The messages section of MijnDossier: its menu entry, routes and start-page card."""

from django.utils.translation import gettext_lazy as _

from dossier.models import ObjectType
from dossier.relationships import Scope
from dossier.sections import DashboardCard, Route, Section, register

VIEWS = "conversations.portal_views"

register(
    Section(
        key="conversations",
        slug="berichten/",
        menu_label=_("Berichten"),
        object_type=ObjectType.CONVERSATIONS,
        scope=Scope.MESSAGES,
        dashboard=DashboardCard("conversations/includes/dashboard_card.html"),
        routes=(
            Route("berichten/", "conversations", f"{VIEWS}.conversation_list"),
            Route("berichten/nieuw/", "conversation_start", f"{VIEWS}.start"),
            Route("berichten/<int:pk>/", "conversation", f"{VIEWS}.detail"),
            Route("berichten/bijlagen/<int:pk>/", "conversation_attachment", f"{VIEWS}.attachment"),
            Route("berichten/meldingen/", "conversation_preference", f"{VIEWS}.preference"),
        ),
    )
)
