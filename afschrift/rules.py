"""Who may ask for an afschrift, and how often.

The afschrift is the client's right (Wabvpz art. 15d): the client and their
legal representative, who exercises the client's rights (BW 7:465), may ask for
it. A relative (verwant) reads the dossier by the client's leave; that is
partial access in law even where the screens show the same data, so a relative
gets no afschrift at all, rather than a copy that looks complete but is not
theirs to have. Which relationship types carry it, and the staff's narrowing per
grant, is the afschrift scope of `dossier.relationships`. Access must be valid
today, as for every dossier read.
"""

from datetime import timedelta

from django.conf import settings

from dossier.models import Client
from dossier.relationships import Scope


def interval() -> timedelta:
    return timedelta(hours=settings.AFSCHRIFT_INTERVAL_HOURS)


def available_for() -> timedelta:
    return timedelta(days=settings.AFSCHRIFT_AVAILABLE_DAYS)


def eligible_clients(user, client: Client | None = None):
    """Clients whose grant gives `user` the afschrift scope today."""
    clients = Client.objects.visible_to(user, scope=Scope.AFSCHRIFT)
    if client is not None:
        clients = clients.filter(pk=client.pk)
    return clients


def grant_carries_afschrift(grant) -> bool:
    """Whether a dossier access in force (or None) gives the afschrift scope today."""
    return grant is not None and Scope.AFSCHRIFT in grant.scopes_on()


def may_request(user, client) -> bool:
    return eligible_clients(user, client).exists()
