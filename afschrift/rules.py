"""Who may ask for an afschrift, and how often.

The afschrift is the client's right (Wabvpz art. 15d): the client and their
legal representative, who exercises the client's rights (BW 7:465), may ask for
it. A relative (verwant) reads the dossier by the client's leave; that is
partial access in law even where the screens show the same data, so a relative
gets no afschrift at all, rather than a copy that looks complete but is not
theirs to have. Access must be valid today, as for every dossier read.
"""

from datetime import timedelta

from django.conf import settings

from dossier.models import AccessRole, Client, DossierAccess

ELIGIBLE_ROLES = (AccessRole.CLIENT, AccessRole.LEGAL_REPRESENTATIVE)


def interval() -> timedelta:
    return timedelta(hours=settings.AFSCHRIFT_INTERVAL_HOURS)


def available_for() -> timedelta:
    return timedelta(days=settings.AFSCHRIFT_AVAILABLE_DAYS)


def eligible_clients(user, client: Client | None = None):
    """Clients `user` may read today in a role that carries the right to an afschrift."""
    clients = Client.objects.visible_to(user)
    if client is not None:
        clients = clients.filter(pk=client.pk)
    if not getattr(user, "is_authenticated", False):
        return clients
    roles = DossierAccess.objects.valid_on().filter(user=user, role__in=ELIGIBLE_ROLES)
    return clients.filter(pk__in=roles.values("client_id"))


def grant_carries_afschrift(grant) -> bool:
    """Whether a valid dossier access (or None) is in a role that carries the right to an afschrift."""
    return grant is not None and grant.role in ELIGIBLE_ROLES


def may_request(user, client) -> bool:
    return eligible_clients(user, client).exists()
