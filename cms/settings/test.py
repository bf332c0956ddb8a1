"""Settings for the test suite: fast hashing, local caches, in-memory mail."""

from .base import *  # noqa: F403
from .base import BASE_DIR, TASK_BACKENDS, env_str

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TWO_FACTOR_SMS_GATEWAY = "accounts.sms.ConsoleOutboxGateway"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"
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
if env_str("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": env_str("REDIS_URL"),
            "KEY_PREFIX": "test",
        }
    }
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Whole-page caching is off so tests see database changes at once;
# tests/test_caching.py switches it on.
PUBLIC_PAGE_CACHE_SECONDS = 0
# Tasks run inside the request; tests/test_afschrift_worker.py runs a real db_worker against the database backend.
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env_str("TASKS_BACKEND", "immediate")]}}
TESTING = True
