"""The production stack a benchmark measures: scripts/serve-prod started and stopped, and wrk run against it.

Shared by bench/public_bench.py and bench/dossier_http_bench.py; not part of the test suite.
"""

import contextlib
import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 16))


def start(*, host, port, pidfile: Path, setup: str, log_path: Path, ready, env=None):
    """scripts/serve-prod on host:port with `setup` run after the demo load; returns once `ready()` is true."""
    log = open(log_path, "w")  # noqa: SIM115
    process = subprocess.Popen(
        ["scripts/serve-prod"],
        cwd=BASE_DIR,
        env={
            **os.environ,
            "SERVE_PROD_SETUP": setup,
            "GUNICORN_PIDFILE": str(pidfile),
            "GUNICORN_BIND": f"{host}:{port}",
            **(env or {}),
        },
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve-prod stopped early; see {log_path}")
        with contextlib.suppress(OSError):
            if ready():
                return process
        time.sleep(1)
    stop(process, pidfile)
    raise SystemExit("serve-prod did not come up within 15 minutes")


def stop(process, pidfile: Path):
    """Stopping gunicorn ends serve-prod, and with-services then stops PostgreSQL and Redis."""
    if process is None:
        return
    with contextlib.suppress(OSError, ValueError):
        os.kill(int(pidfile.read_text().strip()), signal.SIGTERM)
    try:
        process.wait(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def wrk(url, seconds, *, script="wrk_report.lua", cookie=""):
    """One wrk run (CONNECTIONS connections) with a reporter script; its JSON line plus req/s."""
    command = ["wrk", f"-t{min(CONNECTIONS, 2)}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command += ["-s", str(BASE_DIR / "bench" / script), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    result = json.loads(re.search(r"WRK_JSON (\{.*\})", output).group(1))
    result["rps"] = result["requests"] / result["seconds"]
    return result
