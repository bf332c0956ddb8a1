"""Wagtail's page routing with its lookups cached (lib.lookup_cache): the site for the request's host with its
root page, and the root page's children by slug.

`serve` replaces Wagtail's catch-all view: it fills in what `Site.find_for_request` and
`Page.route_for_request` keep on the request, then lets Wagtail serve as always (hooks, view restrictions,
the page's own `serve`). Pages deeper down still route through their parents' `route()`.
"""

from django.http import Http404
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from lib import lookup_cache


def _site_for(hostname: str, port: int):
    def load():
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return None
        site.root_page = site.root_page.specific
        return site

    return lookup_cache.cached(f"site:{hostname}:{port}", load)


def find_site(request):
    """`Site.find_for_request`, from the cache."""
    if not hasattr(request, "_wagtail_site"):
        # As Wagtail does: the raw host, so that ALLOWED_HOSTS is checked where it always is.
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = _site_for(hostname, request.get_port())
    return request._wagtail_site


def _child(root, slug: str):
    def load():
        child = root.get_children().filter(slug=slug).first()
        return child.specific if child is not None else None

    return lookup_cache.cached(f"child:{root.pk}:{slug}", load)


def _route(request, path: str):
    site = find_site(request)
    if site is None:
        return None
    root = site.root_page.localized.specific
    components = [component for component in path.split("/") if component]
    if not components or type(root).route is not Page.route:
        return root.route(request, components)
    child = _child(root, components[0])
    if child is None:
        raise Http404
    child._cached_parent_obj = root
    return child.route(request, components[1:])


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            request._wagtail_route_for_request = _route(request, path)
        except Http404:
            request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)
