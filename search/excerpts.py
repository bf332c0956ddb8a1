"""Plain-text excerpts around the first query term, with the terms marked."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

EXCERPT_LENGTH = 240


def page_text(page) -> str:
    """The searchable text of a page: its own `plain_text()` when it has one, else its search description."""
    specific = page.specific
    if hasattr(specific, "plain_text"):
        return " ".join(specific.plain_text().split())
    return page.search_description or ""


def query_terms(query: str) -> list[str]:
    return [term for term in re.findall(r"\w+", query.lower()) if len(term) > 1][:10]


def excerpt(text: str, query: str, length: int = EXCERPT_LENGTH) -> str:
    """About `length` characters of `text` around the first match, HTML-escaped, matches in <mark>."""
    terms = query_terms(query)
    lowered = text.lower()
    positions = [pos for pos in (lowered.find(term) for term in terms) if pos >= 0]
    start = max(0, min(positions) - length // 3) if positions else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    snippet = text[start : start + length]
    if start + length < len(text):
        cut = snippet.rfind(" ")
        snippet = (snippet[:cut] if cut > length // 2 else snippet) + " …"
    if start:
        snippet = "… " + snippet
    html = escape(snippet)
    if terms:
        pattern = re.compile("(" + "|".join(re.escape(escape(term)) for term in terms) + ")", re.IGNORECASE)
        html = pattern.sub(r"<mark>\1</mark>", html)
    return mark_safe(html)  # noqa: S308 - built from escaped text
