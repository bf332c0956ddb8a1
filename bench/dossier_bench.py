"""Benchmark of the dossier pages (not part of the test suite).

    .venv/bin/python bench/dossier_bench.py            # temporary test database (in-memory SQLite)
    DATABASE_URL=postgres://... .venv/bin/python bench/dossier_bench.py   # a throwaway test_<name> database

Measures, through the Django test client (no network, no web server):
- a PDF of 365 daily reports: seconds and pages per second (median of 3 renders);
- the dashboard and the report list ("Laatste jaar", first page) for a dossier
  with 10 and one with 10,000 reports: p50/p95 latency and SQL queries per request.

Prints a table and writes var/bench/dossier.json.

    .venv/bin/python bench/dossier_bench.py --http      # the production stack (make bench)

Starts scripts/serve-prod (gunicorn 4 workers x 4 threads, PostgreSQL, Redis, demo data) with one demo
client given 10,000 reports and a logged-in session for a user who may read that dossier, then measures with
`wrk -t2 -c16 -d15s` (bench/wrk_report.lua), BENCH_HTTP_RUNS times (default 3), in each run: a static file,
the dashboard and the report list ("Laatste jaar") from the same server. Prints req/s, p50, p99 and the
ratio to the static file per run with the load average, and writes var/bench/dossier-http.json.
"""

import io
import json
import os
import platform
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
if "--http" in sys.argv:
    import dossier_http_bench

    dossier_http_bench.main()
    sys.exit(0)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", 50))
PDF_RUNS = int(os.environ.get("BENCH_PDF_RUNS", 3))

import logging  # noqa: E402

import django  # noqa: E402

django.setup()
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("django_tasks").setLevel(logging.WARNING)
logging.getLogger("wagtail").setLevel(logging.WARNING)

from django.db import connection  # noqa: E402
from django.test import Client as TestClient  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from pypdf import PdfReader  # noqa: E402

PHRASES = [
    "Vanochtend rustig wakker geworden en samen ontbeten in de huiskamer.",
    "In de middag een wandeling gemaakt naar het park; het weer was goed.",
    "Heeft meegedaan met de kookgroep en de tafel gedekt.",
    "Aan het eind van de dag wat moe, na een kop thee weer ontspannen.",
    "Familie kwam op bezoek; dat werd zichtbaar gewaardeerd.",
    "Medicatie op tijd ingenomen, geen bijzonderheden voor de avonddienst.",
]


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def build_reports(client, count):
    from dossier.models import Report

    now = timezone.now()
    return [
        Report(
            client=client,
            written_at=now - timedelta(days=i % 365, minutes=i // 365),
            department="Woongroep Lindehof",
            author_name="Lotte Vermeulen",
            treatment_goal="Dagritme vasthouden",
            text=" ".join(PHRASES[(i + j) % len(PHRASES)] for j in range(4)),
        )
        for i in range(count)
    ]


def bench_pdf(client):
    from dossier.models import Report
    from dossier_pages import pdfs
    from dossier_pages.periods import REPORTS

    period = REPORTS.preset("jaar")
    reports = list(Report.objects.filter(client=client).in_period(period.start, period.end).order_by("written_at"))
    timings, pages = [], 0
    for _ in range(PDF_RUNS):
        started = time.perf_counter()
        pdf = pdfs.reports_pdf(client, reports, period)
        timings.append(time.perf_counter() - started)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
    seconds = statistics.median(timings)
    return {
        "reports": len(reports),
        "pages": pages,
        "seconds": round(seconds, 2),
        "pages_per_second": round(pages / seconds, 1),
    }


def bench_page(http, url):
    for _ in range(3):
        assert http.get(url).status_code == 200, url
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, params, many, context: queries.append(sql) or execute(sql, params, many, context)
    ):
        http.get(url)
    timings = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        http.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "p50_ms": round(percentile(timings, 50), 1),
        "p95_ms": round(percentile(timings, 95), 1),
        "queries": len(queries),
    }


def main():
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        return run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run():
    from wagtail.models import Site

    from dossier.models import Report
    from dossier_pages.models import DossierPage
    from tests.personas import Personas, login_verified

    people = Personas()
    site = Site.objects.get(is_default_site=True)
    site.root_page.add_child(instance=DossierPage(title="Mijn dossier", slug="mijn-dossier"))
    Report.objects.bulk_create(build_reports(people.client_a, 365), batch_size=1000)
    Report.objects.bulk_create(build_reports(people.client_b, 10_000), batch_size=1000)

    results = {"pdf_365_reports": bench_pdf(people.client_a), "pages": []}
    small = Report.objects.filter(client=people.client_a).order_by("-written_at")[10:].values_list("pk", flat=True)
    Report.objects.filter(pk__in=list(small)).delete()

    http = TestClient()
    login_verified(http, people.ben)
    for label, client in (("10 reports", people.client_a), ("10,000 reports", people.client_b)):
        http.post("/mijn-dossier/client-kiezen/", {"client": client.pk})
        for page, url in (("dashboard", "/mijn-dossier/"), ("reports", "/mijn-dossier/rapportages/?periode=jaar")):
            results["pages"].append({"dossier": label, "page": page, **bench_page(http, url)})

    results["environment"] = {
        "database": connection.vendor,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg()[0],
        "requests_per_page": REQUESTS,
    }
    pdf = results["pdf_365_reports"]
    print(f"PDF of {pdf['reports']} reports: {pdf['pages']} pages in {pdf['seconds']} s", end=" ")
    print(f"({pdf['pages_per_second']} pages/s)")
    print(f"{'dossier':<16}{'page':<12}{'p50 ms':>8}{'p95 ms':>8}{'queries':>9}")
    for row in results["pages"]:
        print(f"{row['dossier']:<16}{row['page']:<12}{row['p50_ms']:>8}{row['p95_ms']:>8}{row['queries']:>9}")
    out = BASE_DIR / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "dossier.json").write_text(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
