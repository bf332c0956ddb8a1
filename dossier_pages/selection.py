"""Which client's dossier a portal user is looking at.

A representative of several clients picks one in the switcher; the choice is
kept in the session and re-checked against `Client.objects.visible_to` on
every request, so access that ends mid-session is gone at the next click.
"""

from django.db.models import OuterRef

from conversations.models import Message
from dossier.access_log import remember_grant
from dossier.models import Client, DossierAccess

SESSION_KEY = "dossier_client_id"


def visible_clients(request):
    return Client.objects.visible_to(request.user)


def _load_visible_clients(request) -> list[Client]:
    """The visible clients in one query, each with the user's grant (for the access log) and unread count."""
    grants = (
        DossierAccess.objects.valid_on()
        .filter(user=request.user, client__in=visible_clients(request))
        .select_related("client__team", "client__personal_counsellor")
        .annotate(unread_messages=Message.objects.unread_count_of(OuterRef("client_id"), request.user))
        .order_by("client__last_name", "client__first_name", "client_id", "pk")
    )
    clients = {}
    for grant in grants:
        client = clients.setdefault(grant.client_id, grant.client)
        if client is grant.client:
            client.unread_messages = grant.unread_messages
            remember_grant(request, client, grant)
    return list(clients.values())


def current_client(request) -> Client | None:
    """The client chosen in the session if still visible, else the first visible one, else None."""
    cached = getattr(request, "_dossier_current_client", False)
    if cached is not False:
        return cached
    clients = _load_visible_clients(request)
    chosen_id = request.session.get(SESSION_KEY)
    client = next((c for c in clients if c.pk == chosen_id), clients[0] if clients else None)
    request._dossier_current_client = client
    request._dossier_visible_clients = clients
    return client


def all_visible_clients(request) -> list[Client]:
    """The visible clients as loaded by `current_client` (no extra query on a dossier page)."""
    if not hasattr(request, "_dossier_visible_clients"):
        current_client(request)
    return request._dossier_visible_clients


def choose_client(request, client_id) -> Client | None:
    """Make `client_id` the current client when it is visible; returns the client or None."""
    try:
        client_id = int(client_id)
    except (TypeError, ValueError):
        return None
    client = visible_clients(request).filter(pk=client_id).first()
    if client is not None:
        request.session[SESSION_KEY] = client.pk
        request._dossier_current_client = client
    return client
