"""Local development: SQLite, console e-mail, console SMS outbox."""

from .base import *  # noqa: F403
from .base import env_str

DEBUG = True
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
INTERNAL_IPS = ["127.0.0.1"]
