from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse

from digid import broker
from digid.services import logged_in_with_digid

register = template.Library()


@register.inclusion_tag("digid/includes/login_choice.html", takes_context=True)
def digid_login_choice(context):
    """The "Inloggen met DigiD" button on the login page, when a broker is configured."""
    request = context["request"]
    if not broker.is_enabled():
        return {"start_url": None}
    start_url = reverse("digid:start")
    next_url = request.GET.get("next")
    if next_url:
        start_url = f"{start_url}?{urlencode({'next': next_url})}"
    return {"start_url": start_url, "button_text": settings.OIDC_BUTTON_TEXT}


@register.simple_tag(takes_context=True)
def logout_url(context):
    """A DigiD session logs out through digid:logout, which also ends the broker session."""
    request = context["request"]
    return reverse("digid:logout" if logged_in_with_digid(request) else "accounts:logout")
