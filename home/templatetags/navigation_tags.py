"""Main menu, breadcrumbs and site root for the base template."""

from django import template
from wagtail.models import Page, Site

from home.cache import menu_pages

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def site_root(context):
    return _site_root(context.get("request"))


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The live, public pages directly under the site root that editors put in the menu (cached)."""
    request = context.get("request")
    return menu_pages(request) if request is not None else []


@register.simple_tag
def breadcrumb_pages(page):
    """The path from the site's home page to `page`, both included.

    Empty on the home page and on the pages right under it: there the main menu
    already marks where the reader is, and a second "Home" link would only repeat it.
    """
    if not isinstance(page, Page) or page.depth <= 3:
        return []
    return list(page.get_ancestors(inclusive=True).filter(depth__gte=2))


@register.simple_tag(takes_context=True)
def is_active(context, menu_page):
    page = context.get("page")
    if not isinstance(page, Page):
        return False
    return page.pk == menu_page.pk or page.path.startswith(menu_page.path)
