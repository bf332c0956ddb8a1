"""Browser fixtures: Playwright (sync API) driving Debian's Chromium against a live demo site.

`load_demo` takes several seconds, so the demo site is loaded once for this
package into the in-memory SQLite test database and snapshotted with sqlite3's
backup API; before every test the snapshot is copied back, so each test starts
from the same freshly loaded demo site. When the package is done, the
post-migrate database is put back for the rest of the suite.

No request may still be running when a test's database is reset: a late
request (a favicon, an image, a redirect target) would write its session or
access-log row into tables pytest-django is flushing. So a tab is closed only
once the browser has every response it asked for, and after each test the
fixture waits until the live server has finished every connection.

Every browser test is marked `django_db(transaction=True)` (see BROWSER below):
that makes pytest-django create the test database, and keeps tests out of a
wrapping transaction that the live server thread could not see past.
"""

import io
import os
import sqlite3
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in the main thread; Django's ORM
# would refuse to run next to it in the test code and fixtures.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 375, "height": 812},
}
# Module marker for browser tests: `pytestmark = BROWSER`. With pytest-xdist all browser tests run in one
# worker (`--dist loadgroup`), so the demo site is loaded and Chromium started once.
BROWSER = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("browser")]
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "e2e"


SETTLE_SECONDS = 30
# Upper bounds, not waits: a passing step never takes longer for them. Generous because the machine may be
# shared and loaded, and a WeasyPrint PDF (the manual, a report export) then takes well over ten seconds.
ACTION_TIMEOUT_MS = int(os.environ.get("E2E_TIMEOUT_MS", 30_000))
expect.set_options(timeout=ACTION_TIMEOUT_MS)


class RequestsInFlight:
    """The live server's WSGI application: one request at a time, counting the connections it is still serving.

    Every server thread shares the one connection to the in-memory database, and
    a Django connection keeps its transaction state (atomic blocks, savepoints)
    on itself: two requests at once would open savepoints in each other's
    transactions. So a request holds `database_lock` until its body is
    complete, and the test code's own queries wait for it too (`serialise_queries`).

    Connections are counted per connection thread rather than per request, so a
    request that arrived on an open keep-alive connection is included until the
    client hangs up and the thread has answered everything it read.
    """

    def __init__(self, application):
        self.application = application
        self.database_lock = threading.RLock()
        self._open = 0
        self._changed = threading.Condition()

    def __call__(self, environ, start_response):
        with self.database_lock:
            response = self.application(environ, start_response)
            try:
                body = b"".join(response)
            finally:
                if hasattr(response, "close"):
                    response.close()
        return self.send(environ, body)

    def send(self, environ, body: bytes):
        """The body as the server writes it after the headers: in one piece. A test replaces this on the
        instance to let a page arrive slowly."""
        return [body]

    def serialise_queries(self, execute, sql, params, many, context):
        """A Django execute wrapper: a query of the test code waits until no request is being served."""
        with self.database_lock:
            return execute(sql, params, many, context)

    def serve(self, handle_connection):
        with self._changed:
            self._open += 1
        try:
            handle_connection()
        finally:
            with self._changed:
                self._open -= 1
                self._changed.notify_all()

    def wait_until_idle(self, timeout=SETTLE_SECONDS):
        with self._changed:
            if not self._changed.wait_for(lambda: self._open == 0, timeout=timeout):
                raise AssertionError(f"the live server still serves {self._open} connection(s) after {timeout} s")


def _tracked_server_class(requests):
    from django.core.servers.basehttp import ThreadedWSGIServer

    class TrackedServer(ThreadedWSGIServer):
        def __init__(self, address, handler, *args, **kwargs):
            # Headers and body go out in separate writes; with Nagle's algorithm and the browser's delayed ACK
            # every keep-alive response would wait some 40 ms for the second one.
            handler = type(handler.__name__, (handler,), {"disable_nagle_algorithm": True})
            super().__init__(address, handler, *args, **kwargs)

        def process_request_thread(self, request, client_address):
            requests.serve(lambda: super(TrackedServer, self).process_request_thread(request, client_address))

    return TrackedServer


def _start_live_server(host):
    """pytest-django's LiveServer, its application and connection threads wrapped in one RequestsInFlight."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer(host, start=False)
    requests = RequestsInFlight(None)
    server.thread.server_class = _tracked_server_class(requests)
    server.start()
    requests.application = server.thread.httpd.get_app()
    server.thread.httpd.set_app(requests)
    return server, requests


def _copy_database(source, target):
    source.backup(target)


def _clear_caches():
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="package")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site (`load_demo`) behind a live server thread; `.url` is its address."""
    from django.core.management import call_command
    from django.db import DEFAULT_DB_ALIAS, connections

    with django_db_blocker.unblock():
        # The connection the server thread will share, and its raw sqlite3 connection that holds the database.
        shared = connections[DEFAULT_DB_ALIAS]
        if shared.vendor != "sqlite" or not shared.is_in_memory_db():
            pytest.fail("The browser tests restore an in-memory SQLite snapshot; run them on the SQLite settings.")
        shared.ensure_connection()
        database = shared.connection
        empty = sqlite3.connect(":memory:", check_same_thread=False)
        _copy_database(database, empty)
        call_command("load_demo", stdout=io.StringIO())
        loaded = sqlite3.connect(":memory:", check_same_thread=False)
        _copy_database(database, loaded)
        server, requests = _start_live_server("127.0.0.1")
        server._live_server_modified_settings.enable()
        shared.execute_wrappers.append(requests.serialise_queries)
        try:
            yield SimpleNamespace(
                url=server.url, snapshot=loaded, database=database, connection=shared, requests=requests
            )
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            shared.execute_wrappers.remove(requests.serialise_queries)
            _copy_database(empty, database)
            _clear_caches()
            empty.close()
            loaded.close()


@pytest.fixture
def site(demo_site, django_db_blocker):
    """A fresh copy of the demo site for one test (database access allowed in the test too)."""
    from django.db import DEFAULT_DB_ALIAS, connections

    with django_db_blocker.unblock():
        # Test code, pytest-django's flush and the server thread must all use the one shared
        # connection: a second connection to the shared-cache database would lock tables.
        current = connections[DEFAULT_DB_ALIAS]
        if current is not demo_site.connection:
            if current.connection is not None:
                current.connection.close()
                current.connection = None
            connections[DEFAULT_DB_ALIAS] = demo_site.connection
        # Restored before the test, since pytest-django flushes the tables after a transactional test.
        _copy_database(demo_site.snapshot, demo_site.database)
        _clear_caches()
        yield demo_site
        demo_site.requests.wait_until_idle()
        assert not demo_site.connection.in_atomic_block, "a request left the shared connection inside a transaction"


@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; run scripts/install-system-deps (Debian package chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=["desktop"])
def viewport(request):
    """Desktop by default; tests that must also hold on a phone use
    `@pytest.mark.parametrize("viewport", ["desktop", "phone"], indirect=True)`."""
    return request.param


def open_tab(site, browser, viewport):
    """A new browser tab (own cookies and storage) on the demo site, in Dutch, that counts its open requests."""
    context = browser.new_context(
        base_url=site.url,
        viewport=VIEWPORTS[viewport],
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        accept_downloads=True,
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    pending = set()
    context.on("request", lambda request: pending.add(request))
    context.on("requestfinished", lambda request: pending.discard(request))
    context.on("requestfailed", lambda request: pending.discard(request))
    page = context.new_page()
    page.pending_requests = pending
    return page


def close_tab(page):
    """Close the tab once the browser has the answer to every request it sent (Playwright delivers its events
    while it waits), so closing it does not leave the server handling a request nobody waits for."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while page.pending_requests and time.monotonic() < deadline:
        page.wait_for_timeout(20)
    page.context.close()


@pytest.fixture
def page(site, browser, viewport, request):
    """A new browser tab on the demo site (see open_tab); closed without a request in flight."""
    page = open_tab(site, browser, viewport)
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = "".join(ch if ch.isalnum() else "-" for ch in request.node.name)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    close_tab(page)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep the call's report on the test item, so `page` can screenshot a failure."""
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report
