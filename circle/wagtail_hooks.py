from django.conf import settings
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .admin_views import APPROVE_PERMISSION


@hooks.register("register_admin_urls")
def register_circle_urls():
    return [path("kring-uitnodigingen/", include(admin_urls, namespace="circle_admin"))]


class CircleMenuItem(MenuItem):
    def is_shown(self, request):
        return settings.DOSSIER_CIRCLE_INVITATIONS_NEED_APPROVAL and request.user.has_perm(APPROVE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_circle_menu_item():
    return CircleMenuItem(_("Uitnodigingen goedkeuren"), reverse("circle_admin:index"), icon_name="user", order=220)
