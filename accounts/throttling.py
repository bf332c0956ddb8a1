"""django-axes glue: the wizard's username field and a per-address limit."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

from .usernames import normalise_username


def get_axes_username(request, credentials=None):
    """The username as the login form looks it up, wherever axes got it from.

    Axes' backend passes credentials under AXES_USERNAME_FORM_FIELD, Django's
    failure signal under "username", and the middleware only has the raw POST.
    """
    credentials = credentials or {}
    data = getattr(request, "POST", None) or {}
    raw = (
        credentials.get("username")
        or credentials.get(settings.AXES_USERNAME_FORM_FIELD)
        or data.get(settings.AXES_USERNAME_FORM_FIELD)
        or data.get("username")
    )
    return _storable(normalise_username(raw))


def _storable(username):
    """What axes can store in PostgreSQL: no NUL bytes, not longer than its column (a 500 otherwise)."""
    if not username:
        return username
    return str(username).replace("\x00", "\ufffd")[:150]


class PortalAxesHandler(AxesDatabaseHandler):
    """Lock a username+address pair after AXES_FAILURE_LIMIT failures, and an
    address that tries many usernames after AXES_IP_FAILURE_LIMIT failures.

    Axes has one limit for all lockout parameters, so the per-address count is
    scaled onto that limit.
    """

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        ip_address = getattr(request, "axes_ip_address", None)
        if not ip_address:
            return failures
        attempts = AccessAttempt.objects.filter(ip_address=ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        ip_failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
        scaled = ip_failures * settings.AXES_FAILURE_LIMIT // settings.AXES_IP_FAILURE_LIMIT
        return max(failures, scaled)


def lockout_response(request, original_response=None, credentials=None):
    """The Dutch lockout page (status 429) instead of axes' plain 403."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else None
    return render(
        request, settings.AXES_LOCKOUT_TEMPLATE, {"cooloff_minutes": minutes}, status=settings.AXES_HTTP_RESPONSE_CODE
    )
