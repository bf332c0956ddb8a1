"""Where a dossier page spends its time (not part of the test suite).

    .venv/bin/python bench/profile_dossier.py [url ...]     # pyinstrument must be installed (requirements-dev)
    DATABASE_URL=postgres://... .venv/bin/python bench/profile_dossier.py

Builds a temporary test database with a 10,000-report dossier (as bench/dossier_bench.py does), then for each URL
(default: the dashboard and the report list) prints every SQL query with the project frame that sent it, and a
pyinstrument profile of BENCH_REQUESTS requests through the Django test client.
"""

import os
import sys
import traceback
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import dossier_bench  # noqa: E402  (sets Django up)
from django.db import connection  # noqa: E402
from django.test import Client as TestClient  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

URLS = sys.argv[1:] or ["/mijn-dossier/", "/mijn-dossier/rapportages/?periode=jaar"]
REQUESTS = int(os.environ.get("BENCH_REQUESTS", 30))
PROJECT = str(BASE_DIR)


def origin():
    """The innermost project frame (outside the venv and bench/) that led to the query."""
    for frame in reversed(traceback.extract_stack()[:-3]):
        name = frame.filename
        if name.startswith(PROJECT) and "/.venv/" not in name and "/bench/" not in name:
            return f"{Path(name).relative_to(BASE_DIR)}:{frame.lineno}"
    return "?"


def show_queries(http, url):
    queries = []

    def record(execute, sql, params, many, context):
        queries.append((origin(), sql[:110]))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        http.get(url)
    print(f"\n{url}: {len(queries)} queries")
    for where, sql in queries:
        print(f"  {where:<55} {sql}")


def run():
    from wagtail.models import Site

    from dossier.models import Report
    from dossier_pages.models import DossierPage
    from tests.personas import Personas, login_verified

    people = Personas()
    site = Site.objects.get(is_default_site=True)
    site.root_page.add_child(instance=DossierPage(title="Mijn dossier", slug="mijn-dossier"))
    Report.objects.bulk_create(dossier_bench.build_reports(people.client_b, 10_000), batch_size=1000)
    http = TestClient()
    login_verified(http, people.ben)
    http.post("/mijn-dossier/client-kiezen/", {"client": people.client_b.pk})
    for url in URLS:
        for _ in range(3):
            assert http.get(url).status_code == 200, url
        show_queries(http, url)
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(REQUESTS):
                http.get(url)
        print(profiler.output_text(unicode=True, color=False, show_all=False))


def main():
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
