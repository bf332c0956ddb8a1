"""Session bookkeeping: login time for the hard cap, and the UserSession list on the profile.

A session carries the id of its `UserSession` row; the row never holds the
session key. Ending a session deletes its row, and `is_registered` makes the
middleware log out a session whose row is gone, on any server and with any
session backend.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone

from lib.client_address import client_ip

from .models import UserSession

LOGIN_AT_KEY = "accounts_login_at"
SEEN_AT_KEY = "accounts_seen_at"
REAUTH_AT_KEY = "accounts_reauth_at"
USER_SESSION_KEY = "accounts_user_session"
SEEN_UPDATE_INTERVAL_SECONDS = 60


@receiver(user_logged_in)
def start_user_session(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    now = timezone.now()
    request.session[LOGIN_AT_KEY] = now.timestamp()
    request.session[SEEN_AT_KEY] = now.timestamp()
    user_session = UserSession.objects.create(
        user=user,
        created_at=now,
        last_seen=now,
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:255],
    )
    request.session[USER_SESSION_KEY] = user_session.pk


def current_session_id(request):
    return request.session.get(USER_SESSION_KEY)


@receiver(user_logged_out)
def end_user_session(sender, request, user, **kwargs):
    if request is not None and getattr(request, "session", None) is not None:
        UserSession.objects.filter(pk=current_session_id(request)).delete()


def is_registered(request) -> bool:
    """Whether the logged-in session still has its row: ended sessions (profile, deactivation) have none."""
    session_id = current_session_id(request)
    return session_id is not None and UserSession.objects.filter(pk=session_id, user_id=request.user.pk).exists()


def touch(request):
    """Update last_seen at most once a minute, so most requests cost no extra write."""
    now = timezone.now().timestamp()
    if now - request.session.get(SEEN_AT_KEY, 0) < SEEN_UPDATE_INTERVAL_SECONDS:
        return
    request.session[SEEN_AT_KEY] = now
    UserSession.objects.filter(pk=current_session_id(request)).update(last_seen=timezone.now())


def active_sessions(user):
    """The user's sessions that can still be in use; rows past the idle or hard limit are removed."""
    now = timezone.now()
    idle_limit = now - timedelta(seconds=settings.SESSION_COOKIE_AGE + SEEN_UPDATE_INTERVAL_SECONDS)
    hard_limit = now - timedelta(seconds=settings.SESSION_MAX_AGE_SECONDS)
    rows = UserSession.objects.filter(user=user)
    rows.filter(Q(last_seen__lt=idle_limit) | Q(created_at__lt=hard_limit)).delete()
    return list(rows)


def end_sessions(user, keep_session_id=None):
    """End every session of the user except `keep_session_id`; returns how many ended."""
    count, _ = UserSession.objects.filter(user=user).exclude(pk=keep_session_id).delete()
    return count


def mark_reauthenticated(request):
    request.session[REAUTH_AT_KEY] = timezone.now().timestamp()


def recently_reauthenticated(request):
    return timezone.now().timestamp() - request.session.get(REAUTH_AT_KEY, 0) < settings.REAUTH_VALIDITY_SECONDS
