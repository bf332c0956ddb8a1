"""Settings for the test suite: fast hashing, local caches, in-memory mail."""

from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import BASE_DIR, TASK_BACKENDS, env_str

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TWO_FACTOR_SMS_GATEWAY = "accounts.sms.ConsoleOutboxGateway"
# pytest-xdist runs the suite in worker processes (gw0, gw1, ...): each gets its own files and Redis database,
# so one worker's cleanup or cache.clear() never touches another's.
TEST_WORKER = env_str("PYTEST_XDIST_WORKER", "gw0")
MEDIA_ROOT = BASE_DIR / "var" / "test-media" / TEST_WORKER
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private" / TEST_WORKER
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


# The PostgreSQL run of the suite also sets REDIS_URL, so caching and sessions
# are exercised on the production components.
def redis_database(url: str, number: int) -> str:
    """The Redis URL with its database number set (`redis://host:port/0` -> `redis://host:port/<number>`)."""
    return urlsplit(url)._replace(path=f"/{number}").geturl()


if env_str("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_database(env_str("REDIS_URL"), int(TEST_WORKER.removeprefix("gw") or 0)),
            "KEY_PREFIX": "test",
        }
    }
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Whole-page caching is off so tests see database changes at once;
# tests/test_caching.py switches it on.
PUBLIC_PAGE_CACHE_SECONDS = 0
LOOKUP_CACHE_SECONDS = 0
# Tasks run inside the request; tests/test_afschrift_worker.py runs a real db_worker against the database backend.
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env_str("TASKS_BACKEND", "immediate")]}}
TESTING = True
