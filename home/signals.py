"""Keep the public page cache (home.cache) and the lookup cache (lib.lookup_cache) in step with published content.

Connected from HomeConfig.ready(), which also registers the serve hook that
marks public pages as cacheable.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail import hooks
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from home.cache import clear_public_pages, mark_cacheable_page
from lib import lookup_cache

SHOWN_ON_PUBLIC_PAGES = (Page, Site, BaseGenericSetting, BaseSiteSetting, AbstractImage, AbstractDocument)
SETTINGS = (BaseGenericSetting, BaseSiteSetting)
# What lib.lookup_cache keeps: sites, pages (routes, the current terms), settings, view restrictions.
LOOKED_UP = (Page, Site, BaseGenericSetting, BaseSiteSetting, PageViewRestriction)


def clear_when_public_content_changes(sender, instance, **kwargs):
    # Pages too, not only on publish: a live page created or moved in code
    # never sends page_published, and editors save far less often than
    # visitors read. A settings row created with its defaults on first use
    # (for_request's get_or_create) shows what was shown already.
    if kwargs.get("created") and isinstance(instance, SETTINGS):
        return
    clear_public_pages()


hooks.register("before_serve_page", mark_cacheable_page)

for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
    signal.connect(clear_public_pages, dispatch_uid=f"home.cache.clear.{id(signal)}")
    signal.connect(lookup_cache.clear, dispatch_uid=f"lib.lookup_cache.clear.{id(signal)}")

# Per model, not for every sender: a receiver without a sender would stop
# Django's fast bulk deletes everywhere (e.g. purging the access log).
for model in apps.get_models():
    if issubclass(model, SHOWN_ON_PUBLIC_PAGES):
        post_save.connect(clear_when_public_content_changes, sender=model, dispatch_uid=f"home.cache.save.{model}")
        post_delete.connect(clear_when_public_content_changes, sender=model, dispatch_uid=f"home.cache.del.{model}")
    if issubclass(model, LOOKED_UP):
        post_save.connect(lookup_cache.clear, sender=model, dispatch_uid=f"lib.lookup_cache.save.{model}")
        post_delete.connect(lookup_cache.clear, sender=model, dispatch_uid=f"lib.lookup_cache.del.{model}")
