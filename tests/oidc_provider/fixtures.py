"""Start the test OpenID Connect provider (server.js, node-oidc-provider) for a test session.

It listens on a free port of 127.0.0.1 and prints its issuer once it listens;
the fixture then waits for its discovery document. `npm ci` in this folder
(`make install` runs it) installs the provider.
"""

import json
import os
import selectors
import subprocess
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests

HERE = Path(__file__).resolve().parent
LOG = HERE.parents[1] / "var" / "oidc-provider.log"
CLIENT_ID = "mijndossier-test"
CLIENT_SECRET = "test-only-client-secret"  # noqa: S105
PASSWORD = "test"  # noqa: S105
STARTUP_TIMEOUT_SECONDS = 30


def start_provider(env=None):
    """Start server.js; returns (process, issuer)."""
    if not (HERE / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("The test OpenID Connect provider is missing: run `make install` (npm ci in tests/oidc_provider).")
    LOG.parent.mkdir(parents=True, exist_ok=True)
    log = LOG.open("ab")
    process = subprocess.Popen(
        ["node", "server.js"],  # noqa: S607 (node from PATH, like npm)
        cwd=HERE,
        stdout=subprocess.PIPE,
        stderr=log,
        env={
            **os.environ,
            "OIDC_PROVIDER_PORT": "0",
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            **(env or {}),
        },
    )
    log.close()
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    if not selector.select(timeout=STARTUP_TIMEOUT_SECONDS):
        process.kill()
        pytest.fail(f"The test OpenID Connect provider did not start; see {LOG}.")
    line = process.stdout.readline()
    if not line:
        process.wait()
        pytest.fail(f"The test OpenID Connect provider stopped at start; see {LOG}.")
    issuer = json.loads(line)["issuer"]
    response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=STARTUP_TIMEOUT_SECONDS)
    response.raise_for_status()
    return process, issuer


def stop_provider(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def oidc_provider():
    process, issuer = start_provider()
    try:
        yield SimpleNamespace(
            issuer=issuer,
            discovery_url=f"{issuer}/.well-known/openid-configuration",
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
        )
    finally:
        stop_provider(process)


@pytest.fixture
def digid_settings(settings, oidc_provider):
    """The portal configured for the test provider as its DigiD broker."""
    settings.OIDC_DISCOVERY_URL = oidc_provider.discovery_url
    settings.OIDC_CLIENT_ID = oidc_provider.client_id
    settings.OIDC_CLIENT_SECRET = oidc_provider.client_secret
    settings.OIDC_CLIENT_AUTH_METHOD = "client_secret_basic"
    return settings


def log_in_at_provider(authorize_url, account, level="substantieel"):
    """Go through the provider's own login page like a browser would; returns the URL it sends back to the portal."""
    browser = requests.Session()
    url = authorize_url
    for _hop in range(10):
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200 and "/interaction/" in url:
            interaction = urlsplit(url).path
            response = browser.post(
                urljoin(url, f"{interaction}/login"),
                data={"account": account, "password": PASSWORD, "level": level},
                allow_redirects=False,
                timeout=10,
            )
        location = response.headers.get("Location")
        if not location:
            raise AssertionError(f"The provider stopped at {url}: {response.status_code} {response.text[:300]}")
        url = urljoin(url, location)
        if not url.startswith(authorize_url.split("/auth")[0]):
            return url
    raise AssertionError("The provider redirected too often.")


def callback_query(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
