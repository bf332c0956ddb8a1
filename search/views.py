from urllib.parse import urlencode

from django.apps import apps
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Page

from .excerpts import excerpt, page_text
from .ranking import ranked_search

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def _excluded_page_types():
    """Page types that show dossier data: never in public search, even if someone publishes one."""
    return [model for model in apps.get_app_config("dossier_pages").get_models() if issubclass(model, Page)]


def searchable_pages():
    """Live public pages, as their specific types (one query per type, not per result) for the excerpts."""
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    excluded = _excluded_page_types()
    return pages.not_type(*excluded) if excluded else pages


def search(request):
    query = request.GET.get("q", "")
    error = ""
    if "\x00" in query:
        query, error = "", _("Uw zoekopdracht bevat een teken dat niet is toegestaan. Probeer het opnieuw.")
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    if query.count('"') % 2:
        # An unclosed quote is a syntax error in SQLite's full-text search (a 500).
        query = " ".join(query.replace('"', " ").split())

    results = None
    if query:
        paginator = Paginator(ranked_search(searchable_pages(), query), RESULTS_PER_PAGE)
        results = paginator.get_page(request.GET.get("page"))
        for result in results:
            result.excerpt = excerpt(page_text(result), query)

    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "query_string": urlencode({"q": query}) + "&",
            "results": results,
            "error": error,
            "max_query_length": MAX_QUERY_LENGTH,
        },
        status=400 if error else 200,
    )
