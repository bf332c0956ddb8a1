from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .admin_views import VIEW_PERMISSION


@hooks.register("register_admin_urls")
def register_conversation_urls():
    return [path("berichten/", include(admin_urls, namespace="conversations_admin"))]


class ConversationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_conversations_menu_item():
    return ConversationsMenuItem(_("Berichten"), reverse("conversations_admin:index"), icon_name="mail", order=205)
