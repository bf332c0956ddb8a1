from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .admin_views import VIEW_PERMISSION


@hooks.register("register_admin_urls")
def register_signing_urls():
    return [path("ondertekeningen/", include(admin_urls, namespace="signing_admin"))]


class SigningMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_signing_menu_item():
    return SigningMenuItem(_("Ondertekeningen"), reverse("signing_admin:index"), icon_name="tick", order=210)
