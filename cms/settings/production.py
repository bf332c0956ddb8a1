"""Production: everything from the environment (see deploy/production.env.example).

Refuses to start without a secret key, allowed hosts or a database URL. Nothing
is kept on an application server's disk except through configurable storage, so
any number of app servers can run behind a load balancer: PostgreSQL holds the
data and the login throttling (django-axes' database handler), Redis holds the
cache, the cached public pages and the sessions.
"""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from cms.env import env_bool, env_int, env_list, env_required, env_str

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("The environment variable DJANGO_ALLOWED_HOSTS must be set (comma-separated).")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [f"https://{host}" for host in ALLOWED_HOSTS])
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")
# Passkeys belong to the site's own domain and its https origins.
OTP_WEBAUTHN_RP_ID = env_str("PASSKEY_RP_ID", ALLOWED_HOSTS[0])
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("PASSKEY_ALLOWED_ORIGINS", CSRF_TRUSTED_ORIGINS)

# Database: PostgreSQL. Persistent connections with health checks, so a
# restarted database server is reconnected to on the next request.
DATABASES = {
    "default": dj_database_url.parse(
        env_required("DATABASE_URL"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DATABASES["default"].setdefault("OPTIONS", {})
DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5))

# HTTPS: TLS ends at the load balancer, which must set X-Forwarded-Proto.
# SECURE_SSL_REDIRECT=false only for local HTTP benchmarking (scripts/serve-prod).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Secure cookies with the __Host- prefix (HTTPS only, this host only, path /).
# SECURE_COOKIES=false only for local HTTP load tests; check --deploy warns then.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SESSION_COOKIE_NAME = "__Host-sessionid" if SESSION_COOKIE_SECURE else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if CSRF_COOKIE_SECURE else "csrftoken"

# Cache and sessions: Redis (django-redis), shared by every app server.
# Sessions use the pure cache backend, not cached_db: every request refreshes
# the idle timeout (SESSION_SAVE_EVERY_REQUEST), and cached_db would turn that
# into a PostgreSQL write per request. Sessions last at most 12 hours, so the
# price of losing Redis is logging in again. They get their own alias (and may
# get their own Redis through REDIS_SESSIONS_URL) so page-cache eviction never
# pushes sessions out.
REDIS_URL = env_required("REDIS_URL")
_redis_options = {
    "SOCKET_CONNECT_TIMEOUT": env_int("REDIS_CONNECT_TIMEOUT", 2),
    "SOCKET_TIMEOUT": env_int("REDIS_TIMEOUT", 2),
}
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "mijndossier"),
        "TIMEOUT": env_int("CACHE_DEFAULT_TIMEOUT", 300),
        # A cache outage degrades to uncached pages instead of errors.
        "OPTIONS": {**_redis_options, "IGNORE_EXCEPTIONS": True},
    },
    "sessions": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": env_str("REDIS_SESSIONS_URL", REDIS_URL),
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "mijndossier") + "-sessions",
        "OPTIONS": _redis_options,
    },
}
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
SESSION_CACHE_ALIAS = "sessions"

# Files. Static: WhiteNoise with hashed, compressed files and one-year cache
# headers. Media (public page images and documents, served through Wagtail's
# serve view with its permission checks): a shared volume or a private S3
# bucket with signed URLs. Dossier files ("private") never get a public URL.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))  # noqa: F405
WHITENOISE_MAX_AGE = env_int("WHITENOISE_MAX_AGE", 60)  # unhashed files only; hashed ones get a year
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))  # noqa: F405
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))  # noqa: F405
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "filesystem":
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": MEDIA_ROOT}},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
        },
    }
elif MEDIA_STORAGE == "s3":
    _s3 = {
        "bucket_name": env_required("AWS_STORAGE_BUCKET_NAME"),
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
        "region_name": env_str("AWS_S3_REGION_NAME") or None,
        "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
        "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
        # Private bucket: no public ACLs, every URL signed and short-lived.
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 300),
        "file_overwrite": False,
    }
    STORAGES = {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3, "location": "media"}},
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_s3,
                "bucket_name": env_str("AWS_PRIVATE_STORAGE_BUCKET_NAME", _s3["bucket_name"]),
                "location": "private",
            },
        },
    }
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'filesystem' or 's3', got {MEDIA_STORAGE!r}.")
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
# Documents go through Wagtail's serve view (permission checks, access
# logging), never a redirect to the storage or a direct link.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Site search: Wagtail's database backend, which uses PostgreSQL full-text
# search on PostgreSQL. Large sites can switch to OpenSearch/Elasticsearch
# (install the matching client library, e.g. opensearch-py).
WAGTAILSEARCH_BACKEND = env_str("WAGTAILSEARCH_BACKEND", "database")
_search_backends = {
    "database": "wagtail.search.backends.database",
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
    "elasticsearch7": "wagtail.search.backends.elasticsearch7",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
}
if WAGTAILSEARCH_BACKEND not in _search_backends:
    raise ImproperlyConfigured(f"WAGTAILSEARCH_BACKEND must be one of {', '.join(_search_backends)}.")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": _search_backends[WAGTAILSEARCH_BACKEND]}}
if WAGTAILSEARCH_BACKEND != "database":
    WAGTAILSEARCH_BACKENDS["default"].update(
        {
            "URLS": env_list("WAGTAILSEARCH_URL") or [env_required("WAGTAILSEARCH_URL")],
            "INDEX": env_str("WAGTAILSEARCH_INDEX", "mijndossier"),
            "TIMEOUT": env_int("WAGTAILSEARCH_TIMEOUT", 5),
        }
    )

# Frontend cache (CDN / reverse proxy) purged on publish by
# wagtail.contrib.frontend_cache. Off unless a backend is chosen.
FRONTEND_CACHE = env_str("FRONTEND_CACHE", "")
if FRONTEND_CACHE == "http":
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env_required("FRONTEND_CACHE_LOCATION"),
        }
    }
elif FRONTEND_CACHE == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env_required("CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": env_required("CLOUDFLARE_ZONEID"),
        }
    }
elif FRONTEND_CACHE:
    raise ImproperlyConfigured(f"FRONTEND_CACHE must be '', 'http' or 'cloudflare', got {FRONTEND_CACHE!r}.")
if FRONTEND_CACHE:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405
    # How long a CDN may keep an anonymous public page; purged on publish.
    PUBLIC_PAGE_SHARED_MAX_AGE = env_int("PUBLIC_PAGE_SHARED_MAX_AGE", 600)

# Second factor: a real SMS gateway. The development gateway prints login codes
# to the log and keeps them in a table, so production refuses it unless
# ALLOW_CONSOLE_SMS_GATEWAY=true (local load tests only; check --deploy errors then).
TWO_FACTOR_SMS_GATEWAY = env_required("TWO_FACTOR_SMS_GATEWAY")
if TWO_FACTOR_SMS_GATEWAY == "accounts.sms.ConsoleOutboxGateway" and not env_bool("ALLOW_CONSOLE_SMS_GATEWAY"):
    raise ImproperlyConfigured(
        "TWO_FACTOR_SMS_GATEWAY is the development gateway, which logs login codes; "
        "set accounts.sms.HttpJsonGateway with SMS_API_URL (https://) and SMS_API_KEY."
    )
if TWO_FACTOR_SMS_GATEWAY == "accounts.sms.HttpJsonGateway":
    SMS_API_URL = env_required("SMS_API_URL")
    SMS_API_KEY = env_required("SMS_API_KEY")
    if not SMS_API_URL.startswith("https://"):
        raise ImproperlyConfigured("SMS_API_URL must be an https:// URL.")

# E-mail: SMTP with TLS unless told otherwise.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        **LOGGING["loggers"],  # noqa: F405 - the base loggers (axes, weasyprint, django_tasks)
        # Host-header probes are noise on the internet, not errors.
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
    },
}
