"""Unread-message counts for the dossier menu and dashboard: loaded with the client, else one query per request."""

from django import template

from conversations.models import Message

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_message_count(context) -> int:
    request, client = context.get("request"), context.get("client")
    if request is None or client is None or not request.user.is_authenticated:
        return 0
    cache = request.__dict__.setdefault("_unread_messages", {})
    loaded = getattr(client, "unread_messages", None)  # loaded with the client (dossier_pages.selection)
    if client.pk not in cache and loaded is not None:
        cache[client.pk] = loaded
    if client.pk not in cache:
        cache[client.pk] = Message.objects.visible_to(request.user, client).unread_by(request.user).count()
    return cache[client.pk]
