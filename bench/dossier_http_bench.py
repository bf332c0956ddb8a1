"""The dossier pages on the production stack under 16 connections (`bench/dossier_bench.py --http`).

Not part of the test suite. `--setup` is the step scripts/serve-prod runs after loading the demo
(SERVE_PROD_SETUP): 10,000 reports for one demo client and a logged-in session for a portal user who may read
that dossier, its cookie written to var/bench/dossier-session.json.
"""

import http.client
import json
import os
import platform
import re
import sys
from datetime import date
from pathlib import Path

import prod_stack

BASE_DIR = Path(__file__).resolve().parent.parent
# Its own port, so that it can run beside bench/public_bench.py (8001) from another worktree.
HOST, PORT = "127.0.0.1", int(os.environ.get("BENCH_DOSSIER_PORT", 8011))
OUT_DIR = BASE_DIR / "var" / "bench"
SESSION_FILE = OUT_DIR / "dossier-session.json"
PIDFILE = BASE_DIR / "var" / "prod" / "gunicorn.pid"
CONNECTIONS = prod_stack.CONNECTIONS
DURATION = int(os.environ.get("BENCH_SECONDS", 15))
RUNS = int(os.environ.get("BENCH_HTTP_RUNS", 3))
REPORTS = 10_000
PAGES = (("dashboard", "/mijn-dossier/"), ("report list", "/mijn-dossier/rapportages/?periode=jaar"))
TARGET_RATIO, TARGET_P99_MS = 0.08, 250


def setup():
    """Inside serve-prod (production settings): the big dossier and a session for it."""
    sys.path.insert(0, str(BASE_DIR))
    sys.path.insert(0, str(BASE_DIR / "bench"))
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client as HttpClient
    from django_otp import DEVICE_ID_SESSION_KEY
    from dossier_bench import build_reports
    from two_factor.plugins.phonenumber.models import PhoneDevice

    from dossier.models import DossierAccess, Report
    from dossier_pages.selection import SESSION_KEY
    from terms.acceptance import accept_current_terms

    access = (
        DossierAccess.objects.valid_on()
        .filter(user__is_active=True, user__is_staff=False, user__phonedevice__isnull=False)
        .select_related("user", "client")
        .order_by("client__client_number", "user__username")
        .first()
    )
    Report.objects.bulk_create(build_reports(access.client, REPORTS), batch_size=1000)
    accept_current_terms(access.user)
    type(access.user).objects.filter(pk=access.user.pk).update(password_change_required=False)
    http = HttpClient()
    http.force_login(access.user)
    session = http.session
    session[DEVICE_ID_SESSION_KEY] = PhoneDevice.objects.filter(user=access.user).first().persistent_id
    session[SESSION_KEY] = access.client.pk
    session.save()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    SESSION_FILE.write_text(
        json.dumps(
            {
                "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
                "user": access.user.username,
                "client": access.client.client_number,
            }
        )
    )


def get(path, cookie=""):
    conn = http.client.HTTPConnection(HOST, PORT, timeout=60)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    return response.status, response.getheader("Location") or body


def start_server():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    SESSION_FILE.unlink(missing_ok=True)
    return prod_stack.start(
        host=HOST,
        port=PORT,
        pidfile=PIDFILE,
        setup=f"{sys.executable} bench/dossier_http_bench.py --setup",
        log_path=OUT_DIR / "serve-prod-dossier.log",
        ready=lambda: get("/")[0] == 200 and PIDFILE.exists() and SESSION_FILE.exists(),
        env={"DJANGO_ALLOWED_HOSTS": HOST, "WAGTAILADMIN_BASE_URL": f"http://{HOST}:{PORT}"},
    )


def stop_server(process):
    prod_stack.stop(process, PIDFILE)


def wrk(path, seconds, cookie=""):
    return prod_stack.wrk(f"http://{HOST}:{PORT}{path}", seconds, cookie=cookie)


def measure(static_path, cookie):
    run = {"load_average_before": os.getloadavg()[0], "static": wrk(static_path, DURATION)}
    for label, path in PAGES:
        run[label] = wrk(path, DURATION, cookie)
        run[label]["ratio"] = run[label]["rps"] / run["static"]["rps"]
    run["load_average_after"] = os.getloadavg()[0]
    return run


def main():
    if "--setup" in sys.argv:
        return setup()
    print("bench: starting the production stack (scripts/serve-prod)...", flush=True)
    process = start_server()
    try:
        session = json.loads(SESSION_FILE.read_text())
        cookie = session["cookie"]
        static_path = re.search(r'(/static/[^"]+\.css)', get("/")[1]).group(1)
        for _label, path in PAGES:
            status, body = get(path, cookie)
            if status != 200 or "rapportage" not in body.lower():
                raise SystemExit(f"{path} answered {status} for the bench session ({body[:200]})")
            wrk(path, 3, cookie)  # warm-up: connections, per-process caches
        wrk(static_path, 3)
        runs = [measure(static_path, cookie) for _ in range(RUNS)]
    finally:
        stop_server(process)
    results = {
        "date": date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}",
        "command": f"wrk -t{min(CONNECTIONS, 2)} -c{CONNECTIONS} -d{DURATION}s -s bench/wrk_report.lua",
        "dossier": f"client {session['client']} with {REPORTS:,} reports, user {session['user']}",
        "static_path": static_path,
        "runs": runs,
    }
    (OUT_DIR / "dossier-http.json").write_text(json.dumps(results, indent=2))
    print_table(results)


def print_table(r):
    print(f"\nDossier pages on the production stack - {r['date']} - {r['machine']}")
    print(f"gunicorn 4x4 + PostgreSQL + Redis on 127.0.0.1; {r['command']}; {r['dossier']}")
    head = ("run", "load", "page", "req/s", "p50 ms", "p99 ms", "/static")
    print("| {:<3} | {:>5} | {:<12} | {:>7} | {:>7} | {:>7} | {:>7} | target |".format(*head))
    print(f"|{'-' * 5}|{'-' * 7}|{'-' * 14}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 8}|")
    for number, run in enumerate(r["runs"], start=1):
        load = f"{run['load_average_before']:.2f}"
        static = run["static"]
        print(f"| {number:<3} | {load:>5} | {'static file':<12} | {static['rps']:>7.0f} | {static['p50']:>7.1f} | "
              f"{static['p99']:>7.1f} | {'':>7} |        |")  # fmt: skip
        for label, _path in PAGES:
            m = run[label]
            ok = m["ratio"] >= TARGET_RATIO and m["p99"] < TARGET_P99_MS and not m["errors"]
            print(f"| {number:<3} | {load:>5} | {label:<12} | {m['rps']:>7.0f} | {m['p50']:>7.1f} | "
                  f"{m['p99']:>7.1f} | {m['ratio']:>7.3f} | {'ok' if ok else 'MISSED':<6} |")  # fmt: skip
    print(f"Targets: >= {TARGET_RATIO:.0%} of the static file's req/s, p99 < {TARGET_P99_MS} ms, 0 errors. "
          f"Static file: {r['static_path']}. Raw figures: var/bench/dossier-http.json")  # fmt: skip


if __name__ == "__main__":
    main()
