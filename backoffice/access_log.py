"""The staff admin's entries in the NEN 7513 access log, all written here through `dossier.access_log`."""

from dossier.access_log import log_access
from dossier.models import AccessAction, ObjectType

ADMIN_DETAIL = "beheeromgeving"


def log_admin_access(request, *, action, object_type, client=None, object_id="", detail=ADMIN_DETAIL):
    return log_access(
        request, action=action, object_type=object_type, client=client, object_id=object_id, detail=detail
    )


def log_admin_list(request, *, model, search="", filters=None, count=0):
    """One entry per shown list or search of dossier data, with the list, the query and the filters that made it."""
    parts = [f"{ADMIN_DETAIL}: lijst {model._meta.label_lower}, {count} regels"]
    if search:
        parts.append(f"zoekterm: {search}")
    if filters:
        parts.append("filter: " + "&".join(f"{key}={value}" for key, value in sorted(filters.items())))
    return log_admin_access(
        request,
        action=AccessAction.SEARCH if search else AccessAction.READ,
        object_type=ObjectType.ADMIN_LIST,
        detail="; ".join(parts),
    )
