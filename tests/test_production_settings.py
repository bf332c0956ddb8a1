"""The production settings come from the environment, refuse to start half-configured and pass `check --deploy`."""

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
REQUIRED_ENV = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
    "DJANGO_ALLOWED_HOSTS": "mijndossier.zorggroep-de-linde.example",
    "DATABASE_URL": "postgres://mijndossier:geheim@db.internal:5432/mijndossier",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "TWO_FACTOR_SMS_GATEWAY": "accounts.sms.HttpJsonGateway",
    "SMS_API_URL": "https://sms.example-provider.nl/v1/messages",
    "SMS_API_KEY": "test-api-key",
}
OPTIONAL_ENV = [
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "MEDIA_STORAGE",
    "WAGTAILSEARCH_BACKEND",
    "WAGTAILSEARCH_URL",
    "FRONTEND_CACHE",
    "FRONTEND_CACHE_LOCATION",
    "REDIS_SESSIONS_URL",
    "ALLOW_CONSOLE_SMS_GATEWAY",
]


@pytest.fixture
def production_env(monkeypatch):
    for name, value in REQUIRED_ENV.items():
        monkeypatch.setenv(name, value)
    for name in OPTIONAL_ENV:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def load_production_settings():
    """The production module's settings, evaluated afresh against the current environment."""
    return runpy.run_module("cms.settings.production")


def test_check_deploy_reports_no_warnings_with_the_required_environment():
    # Only what a server would have: the test run's own variables (e.g.
    # DJANGO_ALLOW_ASYNC_UNSAFE from browser tests) would be flagged by the check.
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TMPDIR") if name in os.environ}
    env.update(REQUIRED_ENV)
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level=WARNING"]
    result = subprocess.run(  # noqa: S603
        [*command, "--settings=cms.settings.production"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "missing",
    ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "TWO_FACTOR_SMS_GATEWAY"],
)
def test_production_refuses_to_start_without_a_required_variable(production_env, missing):
    production_env.delenv(missing)
    with pytest.raises(ImproperlyConfigured, match=missing):
        load_production_settings()


def test_production_refuses_to_start_with_the_development_sms_gateway(production_env):
    production_env.setenv("TWO_FACTOR_SMS_GATEWAY", "accounts.sms.ConsoleOutboxGateway")
    with pytest.raises(ImproperlyConfigured, match="TWO_FACTOR_SMS_GATEWAY"):
        load_production_settings()


@pytest.mark.parametrize("missing", ["SMS_API_URL", "SMS_API_KEY"])
def test_production_refuses_to_start_with_the_http_sms_gateway_half_configured(production_env, missing):
    production_env.delenv(missing)
    with pytest.raises(ImproperlyConfigured, match=missing):
        load_production_settings()


def test_production_refuses_to_start_with_a_plain_http_sms_provider(production_env):
    production_env.setenv("SMS_API_URL", "http://sms.example-provider.nl/v1/messages")
    with pytest.raises(ImproperlyConfigured, match="https"):
        load_production_settings()


def test_only_an_explicit_load_test_switch_lets_production_use_the_development_sms_gateway(production_env):
    production_env.setenv("TWO_FACTOR_SMS_GATEWAY", "accounts.sms.ConsoleOutboxGateway")
    production_env.setenv("ALLOW_CONSOLE_SMS_GATEWAY", "true")
    assert load_production_settings()["TWO_FACTOR_SMS_GATEWAY"] == "accounts.sms.ConsoleOutboxGateway"


@pytest.mark.parametrize(
    ("overrides", "error_id"),
    [
        ({"TWO_FACTOR_SMS_GATEWAY": "accounts.sms.ConsoleOutboxGateway"}, "accounts.E001"),
        ({"TWO_FACTOR_SMS_GATEWAY": "", "SMS_API_URL": ""}, "accounts.E001"),
        ({"SMS_API_URL": "http://sms.example-provider.nl/v1/messages"}, "accounts.E002"),
        ({"SMS_API_KEY": ""}, "accounts.E003"),
    ],
)
def test_check_deploy_reports_an_error_without_a_real_sms_gateway(overrides, error_id):
    from django.test import override_settings

    from accounts.checks import check_sms_gateway

    configured = {
        "TWO_FACTOR_SMS_GATEWAY": "accounts.sms.HttpJsonGateway",
        "SMS_API_URL": "https://sms.example-provider.nl/v1/messages",
        "SMS_API_KEY": "test-api-key",
    }
    with override_settings(**configured):
        assert check_sms_gateway(None) == []
    with override_settings(**{**configured, **overrides}):
        errors = check_sms_gateway(None)
    assert [error.id for error in errors] == [error_id]
    assert all(error.is_serious() for error in errors)


def test_production_uses_postgresql_with_persistent_checked_connections(production_env):
    config = load_production_settings()
    database = config["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["HOST"] == "db.internal"
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True


def test_production_shares_cache_and_sessions_through_redis(production_env):
    config = load_production_settings()
    assert config["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert config["CACHES"]["default"]["LOCATION"] == REQUIRED_ENV["REDIS_URL"]
    assert config["CACHES"]["sessions"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert config["SESSION_ENGINE"] == "django.contrib.sessions.backends.cache"
    assert config["SESSION_CACHE_ALIAS"] == "sessions"


def test_login_throttling_is_stored_in_the_shared_database(production_env):
    from axes.handlers.database import AxesDatabaseHandler
    from django.utils.module_loading import import_string

    config = load_production_settings()
    assert issubclass(import_string(config["AXES_HANDLER"]), AxesDatabaseHandler)


def test_production_serves_hashed_static_files_and_documents_only_through_wagtail(production_env):
    config = load_production_settings()
    assert config["STORAGES"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert config["STORAGES"]["private"]["OPTIONS"]["base_url"] is None
    assert config["WAGTAILDOCS_SERVE_METHOD"] == "serve_view"


def test_s3_storage_uses_private_buckets_with_signed_urls(production_env):
    production_env.setenv("MEDIA_STORAGE", "s3")
    production_env.setenv("AWS_STORAGE_BUCKET_NAME", "de-linde-media")
    config = load_production_settings()
    for alias in ("default", "private"):
        options = config["STORAGES"][alias]["OPTIONS"]
        assert config["STORAGES"][alias]["BACKEND"] == "storages.backends.s3.S3Storage"
        assert options["default_acl"] == "private"
        assert options["querystring_auth"] is True
    assert config["STORAGES"]["private"]["OPTIONS"]["location"] == "private"


def test_search_uses_the_database_backend_unless_opensearch_is_chosen(production_env):
    assert load_production_settings()["WAGTAILSEARCH_BACKENDS"]["default"]["BACKEND"] == (
        "wagtail.search.backends.database"
    )
    production_env.setenv("WAGTAILSEARCH_BACKEND", "opensearch2")
    production_env.setenv("WAGTAILSEARCH_URL", "https://search.internal:9200")
    backend = load_production_settings()["WAGTAILSEARCH_BACKENDS"]["default"]
    assert backend["BACKEND"] == "wagtail.search.backends.opensearch2"
    assert backend["URLS"] == ["https://search.internal:9200"]


def test_frontend_cache_invalidation_is_switched_on_by_the_environment(production_env):
    assert "WAGTAILFRONTENDCACHE" not in load_production_settings()
    production_env.setenv("FRONTEND_CACHE", "http")
    production_env.setenv("FRONTEND_CACHE_LOCATION", "http://varnish.internal:6081")
    config = load_production_settings()
    assert config["WAGTAILFRONTENDCACHE"]["default"]["LOCATION"] == "http://varnish.internal:6081"
    assert "wagtail.contrib.frontend_cache" in config["INSTALLED_APPS"]
    assert config["PUBLIC_PAGE_SHARED_MAX_AGE"] > 0


def test_production_forces_https_and_hsts_unless_switched_off_for_local_benchmarks(production_env):
    config = load_production_settings()
    assert config["SECURE_SSL_REDIRECT"] is True
    assert config["SECURE_HSTS_SECONDS"] >= 31536000
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_NAME"].startswith("__Host-")
    production_env.setenv("SECURE_SSL_REDIRECT", "false")
    assert load_production_settings()["SECURE_SSL_REDIRECT"] is False


def test_an_unknown_storage_or_search_backend_is_refused(production_env):
    production_env.setenv("MEDIA_STORAGE", "ftp")
    with pytest.raises(ImproperlyConfigured, match="MEDIA_STORAGE"):
        load_production_settings()
    production_env.setenv("MEDIA_STORAGE", "filesystem")
    production_env.setenv("WAGTAILSEARCH_BACKEND", "solr")
    with pytest.raises(ImproperlyConfigured, match="WAGTAILSEARCH_BACKEND"):
        load_production_settings()


def seen_address(settings, proxy_count, forwarded_for):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from cms.middleware import TrustedProxyMiddleware

    settings.TRUSTED_PROXY_COUNT = proxy_count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.10", HTTP_X_FORWARDED_FOR=forwarded_for)
    TrustedProxyMiddleware(lambda request: HttpResponse())(request)
    return request.META["REMOTE_ADDR"]


def test_behind_one_load_balancer_the_visitors_address_is_logged_and_throttled(settings):
    assert seen_address(settings, 1, "203.0.113.7") == "203.0.113.7"


def test_an_address_the_visitor_made_up_is_never_trusted(settings):
    assert seen_address(settings, 1, "198.51.100.1, 203.0.113.7") == "203.0.113.7"
    assert seen_address(settings, 0, "198.51.100.1") == "10.0.0.10"
