"""A real background worker for the PostgreSQL pass: `manage.py db_worker` in its own process."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker() -> subprocess.CompletedProcess:
    """One db_worker in batch mode on the test database: it runs every task that is ready, then exits."""
    db = connection.settings_dict
    login = f"{db['USER']}:{db['PASSWORD']}" if db.get("PASSWORD") else db["USER"]
    url = f"postgres://{login}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "TASKS_BACKEND": "database",
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
    }
    manage = Path(settings.BASE_DIR) / "manage.py"
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(manage), "db_worker", "--batch", "--interval", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
