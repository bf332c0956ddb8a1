"""Writing the NEN 7513 access log. Every read of dossier data calls `log_access`."""

from django.utils.translation import gettext as _

from cms.middleware import client_ip

from .models import AccessLogEntry, AccessOutcome, DossierAccess


def role_of(user, client) -> str:
    if user is None or not user.is_authenticated:
        return _("anoniem")
    if client is not None:
        access = DossierAccess.objects.valid_on().filter(user=user, client=client).first()
        if access is not None:
            return access.get_role_display()
    if user.is_staff:
        groups = ", ".join(user.groups.values_list("name", flat=True))
        return groups or _("medewerker")
    return _("geen toegang")


def _storable(value) -> str:
    """PostgreSQL text cannot hold NUL bytes; a hostile id is logged with a replacement character instead."""
    return str(value or "").replace("\x00", "\ufffd")


def log_access(
    request,
    *,
    action: str,
    object_type: str,
    client=None,
    object_id="",
    outcome: str = AccessOutcome.ALLOWED,
    detail: str = "",
    on_behalf_of: str = "",
    role: str | None = None,
) -> AccessLogEntry:
    user = request.user if request.user.is_authenticated else None
    return AccessLogEntry.objects.create(
        action=action,
        outcome=outcome,
        client=client,
        client_number=client.client_number if client is not None else "",
        user=user,
        user_display=(user.get_full_name() or user.username) if user else "",
        user_role=role if role is not None else role_of(user, client),
        on_behalf_of=on_behalf_of,
        object_type=object_type,
        object_id=_storable(object_id),
        detail=_storable(detail)[:255],
        ip_address=client_ip(request),
    )
