"""Caching of public pages and of the main menu, cleared whenever published content changes.

Anonymous visitors without a session get whole public pages from the cache
(Redis in production), without touching the database. Everything else is
served fresh: logged-in users, anyone with a session or pending messages,
POSTs, query strings, form pages (they carry a CSRF token), pages with view
restrictions, and everything under the private prefixes. The one exception
to "no query strings" are the paths in PUBLIC_QUERY_CACHE_PATHS (site
search): their result pages are stored per query string, for a short time.

Invalidation is by generation: every entry is stored with the generation it
was made in and only used while that generation is current. Publishing,
unpublishing, moving or deleting any page (or changing a site, a site
setting, an image or a document) starts a new one. One change can alter the
menu, breadcrumbs or links on every page, so the whole set goes; outdated
entries are overwritten or expire by themselves.
"""

import uuid
from hashlib import blake2b

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language_from_request
from wagtail.models import Site

GENERATION_KEY = "public-pages:generation"
CACHEABLE_REQUEST_ATTR = "_public_page_cacheable"
# Cookies that make a response personal: a session (logged in, or halfway
# through logging in) or messages waiting to be shown.
PERSONAL_COOKIES = ("messages",)


def generation(known: str | None = None) -> str:
    """The current generation; `known` is a value just read together with a page."""
    if known is not None:
        return known
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        current = cache.get(GENERATION_KEY) or "none"
    return current


def cached_for_generation(key: str):
    """(current generation, value stored under `key` for that generation or None), in one round trip.

    Entries are stored as (generation, value): one MGET reads both, and a newer
    publish simply overwrites an entry instead of leaving it behind.
    """
    found = cache.get_many([GENERATION_KEY, key])
    current = generation(found.get(GENERATION_KEY))
    entry = found.get(key)
    if entry is not None and entry[0] == current:
        return current, entry[1]
    return current, None


def clear_public_pages(**kwargs) -> None:
    """Start a new generation: every cached page and menu is out of date."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def page_is_cacheable(page) -> bool:
    from wagtail.contrib.forms.models import FormMixin

    if not getattr(page, "cache_public_page", True) or isinstance(page, FormMixin):
        return False
    return not page.get_view_restrictions().exists()


def mark_cacheable_page(page, request, serve_args, serve_kwargs):
    """`before_serve_page` hook: tell the middleware this response may be stored."""
    if getattr(request, "_public_page_cache_candidate", False) and page_is_cacheable(page):
        setattr(request, CACHEABLE_REQUEST_ATTR, True)


def menu_pages(request) -> list:
    """The main menu (live, public, in-menu children of the site root), cached per host.

    Costs no queries once cached; the same generation as the pages keeps it
    fresh after a publish, move or delete.
    """
    key = f"public-pages:menu:{request.get_host()}"
    current, pages = cached_for_generation(key)
    if pages is None:
        site = Site.find_for_request(request)
        pages = list(site.root_page.get_children().live().public().in_menu()) if site else []
        cache.set(key, (current, pages), settings.PUBLIC_PAGE_CACHE_SECONDS)
    return pages


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of public Wagtail pages from the cache, before any other middleware.

    First in MIDDLEWARE: a hit costs one cache round trip and no session,
    authentication, CSRF or Wagtail routing. What is stored is the response as
    it left the rest of the stack on the miss, so a hit carries exactly the
    same security headers (CSP, HSTS, X-Frame-Options, ...). Only responses
    that a `before_serve_page` hook marked as a public page are stored; static
    and media files go straight on to WhiteNoise.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.private_prefixes = tuple(settings.PRIVATE_PATH_PREFIXES)
        self.file_prefixes = tuple(prefix for prefix in (settings.STATIC_URL, settings.MEDIA_URL) if prefix)
        self.query_paths = dict(getattr(settings, "PUBLIC_QUERY_CACHE_PATHS", {}))

    def __call__(self, request):
        timeout = settings.PUBLIC_PAGE_CACHE_SECONDS
        if not timeout or not self.is_candidate(request):
            return self.get_response(request)
        request._public_page_cache_candidate = True
        if request.path_info in self.query_paths:
            # A view whose answer depends only on its query string (site search), stored briefly.
            timeout = min(timeout, self.query_paths[request.path_info])
            setattr(request, CACHEABLE_REQUEST_ATTR, True)
        key = self.cache_key(request)
        current, cached = cached_for_generation(key)
        if cached is not None:
            response = self.thaw(cached)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self.may_store(request, response):
            self.add_public_headers(response)
            cache.set(key, (current, self.freeze(response)), timeout)
            response["X-Page-Cache"] = "miss"
        return response

    def is_candidate(self, request) -> bool:
        return (
            request.method == "GET"
            and (not request.META.get("QUERY_STRING") or request.path_info in self.query_paths)
            and not request.path_info.startswith(self.private_prefixes)
            and not request.path_info.startswith(self.file_prefixes)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
        )

    def cache_key(self, request) -> str:
        url = f"{request.scheme}://{request.get_host()}{request.path}?{request.META.get('QUERY_STRING', '')}"
        digest = blake2b(url.encode(), digest_size=16).hexdigest()
        language = get_language_from_request(request)
        return f"public-pages:page:{language}:{digest}"

    def may_store(self, request, response) -> bool:
        user = getattr(request, "user", None)
        cache_control = response.get("Cache-Control", "")
        return (
            getattr(request, CACHEABLE_REQUEST_ATTR, False)
            and response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not (user is not None and user.is_authenticated)
            and not any(d in cache_control for d in ("private", "no-store", "no-cache"))
            and "nonce-" not in response.get("Content-Security-Policy", "")
        )

    def add_public_headers(self, response) -> None:
        # Logged-in visitors get another variant of the page: a shared cache
        # must key on the cookie.
        patch_vary_headers(response, ["Cookie"])
        shared_max_age = getattr(settings, "PUBLIC_PAGE_SHARED_MAX_AGE", 0)
        if shared_max_age:
            patch_cache_control(response, public=True, max_age=0, s_maxage=shared_max_age)

    @staticmethod
    def freeze(response) -> tuple:
        return (response.status_code, list(response.items()), response.content)

    @staticmethod
    def thaw(frozen) -> HttpResponse:
        status, headers, content = frozen
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response
