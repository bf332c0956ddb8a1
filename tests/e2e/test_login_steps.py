"""The login steps the journeys share wait until the page they lead to has arrived, however slowly it comes.

A click returns once the browser has the answer's headers. On a loaded machine the page itself can follow
seconds later; a step that reads the page's menu before then finds none.
"""

import time
from urllib.parse import urlparse

from tests.e2e.conftest import BROWSER
from tests.e2e.helpers import log_in

pytestmark = BROWSER
LATE_SECONDS = 1.5


def test_log_in_returns_once_the_dossier_page_has_arrived_when_its_body_comes_late(site, page):
    def late_dossier_body(environ, body):
        if environ["REQUEST_METHOD"] == "GET" and environ["PATH_INFO"] == "/mijn-dossier/":
            yield b""  # the headers go out now
            time.sleep(LATE_SECONDS)
        yield body

    site.requests.send = late_dossier_body
    try:
        log_in(page, "henk")
        arrived_at = urlparse(page.url).path
        menu_links = page.locator("nav[aria-label='Onderdelen van MijnDossier'] a").count()
    finally:
        del site.requests.send
    assert arrived_at == "/mijn-dossier/"
    assert menu_links >= 7
