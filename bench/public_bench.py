"""Benchmark of the public site on the production stack (make bench).

Starts scripts/serve-prod (gunicorn + cms.settings.production + throwaway
PostgreSQL and Redis on 127.0.0.1, demo data plus 1,000 knowledge base pages),
then measures with wrk from a second process:

- the FAQ page and a static file: throughput and p50/p95 latency with 16
  concurrent connections, and their ratio (target: FAQ >= half of static);
- site search over the 1,000+ pages: p50/p95 of single requests
  (target: p95 < 50 ms).

Prints a table and writes var/bench/public.json. Not part of the test suite.
BENCH_REUSE_SERVER=1 measures a serve-prod that is already running instead.
"""

import contextlib
import http.client
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import quote_plus

BASE_DIR = Path(__file__).resolve().parent.parent
HOST, PORT = "127.0.0.1", 8001
OUT_DIR = BASE_DIR / "var" / "bench"
PIDFILE = BASE_DIR / "var" / "prod" / "gunicorn.pid"
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 16))
DURATION = int(os.environ.get("BENCH_SECONDS", 15))
SEARCH_REQUESTS = int(os.environ.get("BENCH_SEARCH_REQUESTS", 300))
SEARCH_TERMS = [
    "inloggen", "wachtwoord", "sms-code", "rapportage", "zorgplan", "evaluatie", "afspraak",
    "vertegenwoordiger", "privacy", "toegang", "handtekening", "medicatie", "familie klacht",
    "zorg team", "overzicht dossier", "Zonnedal", "cliëntenraad",
]  # fmt: skip


def get(path, conn=None):
    conn = conn or http.client.HTTPConnection(HOST, PORT, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read().decode("utf-8", "replace")


def start_server():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    if os.environ.get("BENCH_REUSE_SERVER"):
        # Measure a stack that is already up (scripts/serve-prod with the same SERVE_PROD_SETUP); leave it running.
        return None
    log = open(OUT_DIR / "serve-prod.log", "w")  # noqa: SIM115
    env = {
        **os.environ,
        "SERVE_PROD_SETUP": f"{sys.executable} bench/make_search_pages.py",
        "GUNICORN_PIDFILE": str(PIDFILE),
    }
    process = subprocess.Popen(
        ["scripts/serve-prod"], cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve-prod stopped early; see {OUT_DIR / 'serve-prod.log'}")
        try:
            if get("/")[0] == 200 and PIDFILE.exists():
                return process
        except OSError:
            pass
        time.sleep(1)
    stop_server(process)
    raise SystemExit("serve-prod did not come up within 15 minutes")


def stop_server(process):
    if process is None:
        return
    # Stopping gunicorn ends serve-prod, and with-services then stops PostgreSQL and Redis.
    with contextlib.suppress(OSError, ValueError):
        os.kill(int(PIDFILE.read_text().strip()), signal.SIGTERM)
    try:
        process.wait(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def wrk(path, seconds):
    command = ["wrk", f"-t{min(CONNECTIONS, 2)}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(BASE_DIR / "bench" / "wrk_report.lua"), f"http://{HOST}:{PORT}{path}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    result = json.loads(re.search(r"WRK_JSON (\{.*\})", output).group(1))
    result["rps"] = result["requests"] / result["seconds"]
    return result


def measure_search():
    conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
    for term in SEARCH_TERMS:  # warm-up: connections, query plans
        get(f"/zoeken/?q={quote_plus(term)}", conn)
    load_before = os.getloadavg()[0]
    timings, hits, per_term = [], 0, {term: [] for term in SEARCH_TERMS}
    for i in range(SEARCH_REQUESTS):
        term = SEARCH_TERMS[i % len(SEARCH_TERMS)]
        started = time.perf_counter()
        status, body = get(f"/zoeken/?q={quote_plus(term)}", conn)
        timings.append((time.perf_counter() - started) * 1000)
        per_term[term].append(timings[-1])
        if status != 200:
            raise SystemExit(f"search returned {status}")
        hits += "/kennisbank/artikel-" in body
    timings.sort()
    # Search URLs carry a query string, so the public page cache never answers them: every request is computed.
    return {
        "requests": len(timings),
        "with_knowledge_base_hits": hits,
        "load_average_before": load_before,
        "p50": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "per_term": {
            term: {"p50": statistics.median(t), "max": max(t), "matches": search_count(term, conn)}
            for term, t in per_term.items()
        },
    }


def search_count(term, conn):
    body = get(f"/zoeken/?q={quote_plus(term)}", conn)[1]
    found = re.search(r"(\d+) resulta", body)
    return int(found.group(1)) if found else 0


def machine():
    memory = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")),
        "0",
    )
    python = f"{platform.python_implementation()} {platform.python_version()}"
    return f"{os.cpu_count()} cores, {int(memory) / 1024 / 1024:.0f} GiB RAM, {python}"


def main():
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    print("bench: starting the production stack (scripts/serve-prod)...", flush=True)
    started = time.monotonic()
    process = start_server()
    try:
        print(f"bench: stack up in {time.monotonic() - started:.0f} s; measuring", flush=True)
        status, home = get("/")
        static_path = re.search(r'(/static/[^"]+\.css)', home).group(1)
        faq_path = "/veelgestelde-vragen/"
        assert get(faq_path)[0] == 200
        wrk(faq_path, 3), wrk(static_path, 3)  # warm-up
        load_before = os.getloadavg()[0]
        faq, static = wrk(faq_path, DURATION), wrk(static_path, DURATION)
        search = measure_search()
    finally:
        stop_server(process)

    results = {
        "date": date.today().isoformat(),
        "machine": machine(),
        "load_average_before": load_before,
        "connections": CONNECTIONS,
        "seconds": DURATION,
        "faq": faq,
        "static": static,
        "faq_to_static": faq["rps"] / static["rps"],
        "search": search,
    }
    (OUT_DIR / "public.json").write_text(json.dumps(results, indent=2))
    print_table(results, static_path)


def row(label, rps="", p50="", p95="", errors="", target=""):
    return f"| {label:<40} | {rps:>8} | {p50:>7} | {p95:>7} | {errors:>6} | {target:<6} |"


def print_table(r, static_path):
    verdict = {True: "ok", False: "MISSED"}
    faq, static, search = r["faq"], r["static"], r["search"]
    print(f"\nPublic site on the production stack - {r['date']} - {r['machine']}")
    print(f"gunicorn (deploy/gunicorn.conf.py) + PostgreSQL + Redis on 127.0.0.1; wrk, {r['connections']} connections")
    print(f"1-minute load average before measuring: {r['load_average_before']:.2f} (other work skews the figures)")
    print()
    print(row("measurement", "req/s", "p50 ms", "p95 ms", "errors", "target"))
    print(f"|{'-' * 42}|{'-' * 10}|{'-' * 9}|{'-' * 9}|{'-' * 8}|{'-' * 8}|")
    for label, m in ((f"FAQ page (cached), {r['seconds']} s", faq), (f"static file, {r['seconds']} s", static)):
        print(row(label, f"{m['rps']:.0f}", f"{m['p50']:.1f}", f"{m['p95']:.1f}", str(m["errors"])))
    print(row("FAQ / static throughput", f"{r['faq_to_static']:.2f}", target=verdict[r["faq_to_static"] >= 0.5]))
    label = f"search, 1,000+ pages, {search['requests']} requests"
    print(row(label, "", f"{search['p50']:.1f}", f"{search['p95']:.1f}", "0", verdict[search["p95"] < 50]))
    print(f"\nSearch: single requests, never from a cache; load average before: {search['load_average_before']:.2f}.")
    slowest = sorted(search["per_term"].items(), key=lambda item: -item[1]["p50"])[:4]
    terms = "; ".join(f"{term} {m['p50']:.1f} / {m['max']:.1f}, {m['matches']}" for term, m in slowest)
    print(f"Slowest terms (p50 / max ms, matches): {terms}")
    print(f"Static file: {static_path}. Targets: FAQ >= 0.5 x static throughput; search p95 < 50 ms.")
    print("Raw figures: var/bench/public.json")


if __name__ == "__main__":
    main()
