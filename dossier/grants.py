"""Changes to dossier grants: registering, renewing and ending them, each written to the client's access log.

The client reads these entries on their profile ("Wie heeft mijn dossier bekeken?"), so every change to
who may see what is visible to them. Staff changes come with a request (`log_grant_change`); the daily
age check has none and writes as the portal itself (`log_system_grant_change`).
"""

from django.conf import settings
from django.utils.formats import date_format

from .access_log import log_access
from .log_sentences import GRANT_CHANGE_PREFIX
from .models import AccessAction, AccessLogEntry, AccessPurpose, DossierAccess, ObjectType
from .relationships import Scope

SYSTEM_NAME = "MijnDossier (dagelijkse controle)"


def describe(grant: DossierAccess) -> str:
    """One line for the log: whose grant, which type, what it gives and until when."""
    scopes = ", ".join(str(Scope(scope).label) for scope in Scope.values if scope in grant.scopes) or "niets"
    holder = grant.user.get_full_name() or grant.user.username
    until = date_format(grant.valid_until, "j F Y") if grant.valid_until else "zonder einddatum"
    return f"{holder}, {grant.get_relationship_display()}: {scopes}; geldig tot en met {until}"


def log_grant_change(request, grant: DossierAccess, change: str) -> AccessLogEntry:
    """`change` in words ("vastgelegd", "gewijzigd", "beëindigd", "verlengd")."""
    return log_access(
        request,
        action=AccessAction.CHANGE,
        object_type=ObjectType.DOSSIER_ACCESS,
        client=grant.client,
        object_id=grant.pk,
        detail=f"{GRANT_CHANGE_PREFIX}{change}: {describe(grant)}",
    )


def log_system_grant_change(grant: DossierAccess, change: str) -> AccessLogEntry:
    return AccessLogEntry.objects.create(
        action=AccessAction.CHANGE,
        client=grant.client,
        client_number=grant.client.client_number,
        user_display=SYSTEM_NAME,
        user_role="",
        purpose=AccessPurpose.ADMINISTRATION,
        authorisation_basis=f"dossier_access:{grant.pk}:age_rules",
        source_system=settings.ACCESS_LOG_SOURCE_SYSTEM,
        object_type=ObjectType.DOSSIER_ACCESS,
        object_id=str(grant.pk),
        detail=f"{GRANT_CHANGE_PREFIX}{change}: {describe(grant)}"[:255],
    )
