"""Session bookkeeping: login time for the hard cap, and the UserSession list on the profile."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.utils import timezone

from cms.middleware import client_ip

from .models import UserSession

LOGIN_AT_KEY = "accounts_login_at"
SEEN_AT_KEY = "accounts_seen_at"
REAUTH_AT_KEY = "accounts_reauth_at"
SEEN_UPDATE_INTERVAL_SECONDS = 60


def session_store(session_key=None):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)


@receiver(user_logged_in)
def start_user_session(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    now = timezone.now()
    request.session[LOGIN_AT_KEY] = now.timestamp()
    request.session[SEEN_AT_KEY] = now.timestamp()
    if not request.session.session_key:
        request.session.save()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "created_at": now,
            "last_seen": now,
            "ip": client_ip(request),
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:255],
        },
    )


@receiver(user_logged_out)
def end_user_session(sender, request, user, **kwargs):
    if request is not None and getattr(request, "session", None) is not None and request.session.session_key:
        UserSession.objects.filter(session_key=request.session.session_key).delete()


def touch(request):
    """Update last_seen at most once a minute, so most requests cost no query."""
    now = timezone.now().timestamp()
    if now - request.session.get(SEEN_AT_KEY, 0) < SEEN_UPDATE_INTERVAL_SECONDS:
        return
    request.session[SEEN_AT_KEY] = now
    if request.session.session_key:
        UserSession.objects.filter(session_key=request.session.session_key).update(last_seen=timezone.now())


def active_sessions(user):
    """The user's sessions that still exist in the session store; stale rows are removed."""
    sessions = []
    for user_session in UserSession.objects.filter(user=user):
        if session_store().exists(user_session.session_key):
            sessions.append(user_session)
        else:
            user_session.delete()
    return sessions


def end_sessions(user, keep_session_key=None):
    """End every session of the user except `keep_session_key`; returns how many ended."""
    count = 0
    for user_session in UserSession.objects.filter(user=user).exclude(session_key=keep_session_key or ""):
        session_store(user_session.session_key).delete()
        user_session.delete()
        count += 1
    return count


def mark_reauthenticated(request):
    request.session[REAUTH_AT_KEY] = timezone.now().timestamp()


def recently_reauthenticated(request):
    return timezone.now().timestamp() - request.session.get(REAUTH_AT_KEY, 0) < settings.REAUTH_VALIDITY_SECONDS
