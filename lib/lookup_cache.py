"""Configuration that every page request looks up, kept between requests: the site for a host, the page for a
path, a page's view restrictions, the organisation's settings, the terms in force.

Never anything personal: only what is the same for every visitor. Entries belong to a generation, and
`clear()` (called whenever pages, sites, settings or view restrictions change, see home.signals) starts a
new one, so a stale entry is never read again. `LOOKUP_CACHE_SECONDS = 0` (the test settings) turns the
cache off: every lookup then goes to the database.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "lookups:generation"


def _new_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def clear(**kwargs) -> None:
    """A new generation now, and again when the change commits: a request that read the old rows in between
    must not have left them in the cache for the new generation."""
    _new_generation()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_new_generation)


def cached(key: str, compute):
    """`compute()`, or the value it gave earlier in this generation (None is remembered as well)."""
    timeout = settings.LOOKUP_CACHE_SECONDS
    if not timeout:
        return compute()
    key = f"lookups:{key}"
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        current = cache.get(GENERATION_KEY)
    entry = found.get(key)
    if entry is not None and entry[0] == current:
        return entry[1]
    value = compute()
    cache.set(key, (current, value), timeout)
    return value
