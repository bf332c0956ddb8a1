"""Benchmark of the public site on the production stack (make bench).

Starts scripts/serve-prod (gunicorn + cms.settings.production + throwaway
PostgreSQL and Redis on 127.0.0.1, demo data plus 1,000 knowledge base pages)
on a free port, then measures with wrk from a second process, 16 connections,
BENCH_SECONDS (15) per measurement, in BENCH_ROUNDS (3) rounds on the same server:

- a static file (WhiteNoise), the reference for every ratio;
- the FAQ page, from the public page cache (target: >= 0.9 x static);
- site search over the 1,000+ pages, one query repeated, from the result
  cache (target: >= 0.25 x static);
- site search with a query string never asked before on every request
  (bench/wrk_search_uncached.lua), so every request is computed;
- and single uncached search requests one after another: p50/p95
  (target: p95 < 50 ms).

Prints a table per round with the load average and writes var/bench/public.json.
Not part of the test suite. BENCH_REUSE_SERVER=1 measures a serve-prod that is
already running on BENCH_PORT instead.
"""

import http.client
import json
import os
import platform
import re
import shutil
import socket
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import quote_plus

import prod_stack

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT") or free_port())
OUT_DIR = BASE_DIR / "var" / "bench"
PIDFILE = OUT_DIR / "gunicorn.pid"
CONNECTIONS = prod_stack.CONNECTIONS
DURATION = int(os.environ.get("BENCH_SECONDS", 15))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))
TARGETS = {"faq": 0.9, "search_repeated": 0.25}
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
    return prod_stack.start(
        host=HOST,
        port=PORT,
        pidfile=PIDFILE,
        setup=f"{sys.executable} bench/make_search_pages.py",
        log_path=OUT_DIR / "serve-prod.log",
        ready=lambda: get("/")[0] == 200 and PIDFILE.exists(),
    )


def stop_server(process):
    prod_stack.stop(process, PIDFILE)


def wrk(path, seconds, script="wrk_report.lua"):
    return prod_stack.wrk(f"http://{HOST}:{PORT}{path}", seconds, script=script)


def measure_search(round_number):
    conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
    for term in SEARCH_TERMS:  # warm-up: connections, query plans
        get(f"/zoeken/?q={quote_plus(term)}&warm={round_number}", conn)
    load_before = os.getloadavg()[0]
    timings, hits, per_term = [], 0, {term: [] for term in SEARCH_TERMS}
    for i in range(SEARCH_REQUESTS):
        term = SEARCH_TERMS[i % len(SEARCH_TERMS)]
        started = time.perf_counter()
        # A parameter the view ignores makes every query string new: the result cache never answers.
        status, body = get(f"/zoeken/?q={quote_plus(term)}&n={round_number}-{i}", conn)
        timings.append((time.perf_counter() - started) * 1000)
        per_term[term].append(timings[-1])
        if status != 200:
            raise SystemExit(f"search returned {status}")
        hits += "/kennisbank/artikel-" in body
    timings.sort()
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


def measure_round(round_number, static_path, faq_path, search_path):
    load_before = os.getloadavg()
    figures = {
        "static": wrk(static_path, DURATION),
        "faq": wrk(faq_path, DURATION),
        "search_repeated": wrk(search_path, DURATION),
        "search_uncached": wrk(search_path, DURATION, "wrk_search_uncached.lua"),
    }
    for m in figures.values():
        m["to_static"] = m["rps"] / figures["static"]["rps"]
    return {
        "round": round_number,
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "wrk": figures,
        "search_single": measure_search(round_number),
    }


def main():
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    print("bench: starting the production stack (scripts/serve-prod)...", flush=True)
    started = time.monotonic()
    process = start_server()
    rounds = []
    try:
        print(f"bench: stack up in {time.monotonic() - started:.0f} s; measuring", flush=True)
        status, home = get("/")
        static_path = re.search(r'(/static/[^"]+\.css)', home).group(1)
        faq_path = "/veelgestelde-vragen/"
        search_path = "/zoeken/?q=inloggen"
        assert get(faq_path)[0] == 200
        for path in (faq_path, static_path, search_path):  # warm-up: caches, connections
            wrk(path, 3)
        for number in range(1, ROUNDS + 1):
            rounds.append(measure_round(number, static_path, faq_path, search_path))
            print_round(rounds[-1])
    finally:
        stop_server(process)

    results = {
        "date": date.today().isoformat(),
        "machine": machine(),
        "connections": CONNECTIONS,
        "seconds": DURATION,
        "static_path": static_path,
        "rounds": rounds,
    }
    (OUT_DIR / "public.json").write_text(json.dumps(results, indent=2))
    print_summary(results)


LABELS = {
    "static": "static file (WhiteNoise)",
    "faq": "FAQ page, cached",
    "search_repeated": "search, repeated query (cached)",
    "search_uncached": "search, new query every request",
}


def row(label, rps="", p50="", p99="", ratio="", errors="", target=""):
    return f"| {label:<34} | {rps:>7} | {p50:>7} | {p99:>7} | {ratio:>9} | {errors:>6} | {target:<12} |"


def print_round(r):
    verdict = {True: "ok", False: "MISSED"}
    before, after = r["load_average_before"], r["load_average_after"]
    print(f"\nRound {r['round']}: load average before {before[0]:.2f} / {before[1]:.2f}, after {after[0]:.2f}")
    print(row("measurement", "req/s", "p50 ms", "p99 ms", "/ static", "errors", "target"))
    print(f"|{'-' * 36}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 11}|{'-' * 8}|{'-' * 14}|")
    for name, m in r["wrk"].items():
        target = ""
        if name in TARGETS:
            target = f">= {TARGETS[name]:.2f}: {verdict[m['to_static'] >= TARGETS[name]]}"
        print(
            row(
                LABELS[name],
                f"{m['rps']:.0f}",
                f"{m['p50']:.1f}",
                f"{m['p99']:.1f}",
                f"{m['to_static']:.3f}",
                str(m["errors"]),
                target,
            )
        )
    single = r["search_single"]
    print(
        row(
            f"search, uncached, {single['requests']} single",
            "",
            f"{single['p50']:.1f}",
            "",
            "",
            "0",
            f"p95 {single['p95']:.1f}: {verdict[single['p95'] < 50]}",
        )
    )


def print_summary(r):
    print(f"\nPublic site on the production stack - {r['date']} - {r['machine']}")
    print(
        f"scripts/serve-prod (deploy/gunicorn.conf.py) + PostgreSQL + Redis on 127.0.0.1; "
        f"wrk -t2 -c{r['connections']} -d{r['seconds']}s per measurement; static file {r['static_path']}"
    )
    for name in ("faq", "search_repeated", "search_uncached"):
        ratios = ", ".join(f"{x['wrk'][name]['to_static']:.3f}" for x in r["rounds"])
        print(f"{LABELS[name]} / static, per round: {ratios}")
    p95s = ", ".join(f"{x['search_single']['p95']:.1f}" for x in r["rounds"])
    print(f"uncached single search p95 (ms), per round: {p95s}")
    print("Other work on the machine skews the ratios: compare the load averages. Raw figures: var/bench/public.json")


if __name__ == "__main__":
    main()
