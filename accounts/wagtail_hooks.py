"""Wagtail admin: staff can lift a login lockout before it ends by itself."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import code_lockout

LIFT_PERMISSION = "axes.delete_accessattempt"


def _may_lift(user):
    return user.is_superuser or user.has_perm(LIFT_PERMISSION)


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def lockouts(request):
    if not _may_lift(request.user):
        raise PermissionDenied
    if request.method == "POST" and "code_block" in request.POST:
        block = code_lockout.active_blocks().filter(pk=_int_or_none(request.POST["code_block"])).first()
        if block is not None:
            code_lockout.lift(block, request.user)
            messages.success(
                request,
                _("De blokkade van de SMS-inlogcode van %(username)s is opgeheven.")
                % {"username": block.user.get_username()},
            )
        return redirect("accounts_lockouts")
    if request.method == "POST":
        attempt = AccessAttempt.objects.filter(pk=_int_or_none(request.POST.get("attempt"))).first()
        if attempt is not None:
            reset(username=attempt.username)
            reset(ip=attempt.ip_address)
            messages.success(request, _("De blokkade van %(username)s is opgeheven.") % {"username": attempt.username})
        return redirect("accounts_lockouts")
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(attempt_time__gte=since).order_by("-attempt_time")
    return TemplateResponse(
        request,
        "accounts/admin/lockouts.html",
        {
            "attempts": attempts,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "code_blocks": code_lockout.active_blocks().select_related("user"),
            "code_failure_limit": settings.SMS_LOGIN_FAILURE_LIMIT,
            "code_block_hours": settings.SMS_LOGIN_BLOCK_HOURS,
        },
    )


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [path("inlogblokkades/", lockouts, name="accounts_lockouts")]


class LockoutMenuItem(MenuItem):
    def is_shown(self, request):
        return _may_lift(request.user)


@hooks.register("register_settings_menu_item")
def register_lockout_menu_item():
    return LockoutMenuItem(gettext_lazy("Inlogblokkades"), reverse("accounts_lockouts"), icon_name="lock", order=900)
