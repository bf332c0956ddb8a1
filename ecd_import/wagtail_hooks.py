from django.urls import path
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from .admin import ImportRunAdmin, SourceSystemAdmin, rotate_token


@modeladmin_register
class ImportGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Import uit ECD")
    menu_icon = "download"
    menu_order = 250
    items = (ImportRunAdmin, SourceSystemAdmin)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("ecd-import/bronsystemen/<int:pk>/token/", rotate_token, name="ecd_import_rotate_token")]
