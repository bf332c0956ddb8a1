"""The browser tests' live server: no request may still be running when a test's database is reset."""

import threading

from tests.e2e.conftest import BROWSER, close_tab, open_tab
from tests.e2e.helpers import log_in

pytestmark = BROWSER
SECTIONS = [
    "/mijn-dossier/clientplannen/",
    "/mijn-dossier/evaluaties/",
    "/mijn-dossier/rapportages/",
    "/mijn-dossier/afspraken/",
]
# Four times the six connections Chromium opens to one host: every connection serves several requests, and
# each request overlaps with five others.
PARALLEL_REQUESTS = 24


def test_a_request_still_running_when_a_test_ends_finishes_before_the_database_is_reset(site, browser):
    received = threading.Event()
    release = threading.Event()
    finished = threading.Event()
    application = site.requests.application

    def slow_application(environ, start_response):
        if environ.get("QUERY_STRING") == "late":
            received.set()
            release.wait(timeout=10)
            finished.set()
        return application(environ, start_response)

    site.requests.application = slow_application
    try:
        page = open_tab(site, browser, "desktop")
        page.goto("/robots.txt")
        page.evaluate("() => { fetch('/robots.txt?late'); }")
        assert received.wait(timeout=10), "the page's request did not reach the server"
        threading.Timer(0.3, release.set).start()
        close_tab(page)
        site.requests.wait_until_idle()
    finally:
        site.requests.application = application
        release.set()
    assert finished.is_set(), "the test ended while the server was still handling a request of its page"


def test_parallel_requests_of_one_tab_each_get_their_page_and_leave_the_shared_connection_clean(site, browser):
    """The live server shares one in-memory SQLite connection between its threads; a browser asks for up to
    six pages at once, each writing its access-log entry in a transaction of its own."""
    from django.db import connection

    page = open_tab(site, browser, "desktop")
    log_in(page, "marieke")
    statuses = page.evaluate(
        """([paths, count]) => Promise.all(Array.from({length: count}, (_, i) =>
            fetch(paths[i % paths.length], {credentials: 'same-origin'}).then(response => response.status)))""",
        [SECTIONS, PARALLEL_REQUESTS],
    )
    close_tab(page)
    site.requests.wait_until_idle()
    assert statuses == [200] * PARALLEL_REQUESTS
    assert not connection.in_atomic_block
