"""Benchmark access-log writes with the hash chain: inserts per second with concurrent writers.

    scripts/with-services .venv/bin/python bench/access_log_bench.py   # PostgreSQL: the chain trigger
    .venv/bin/python bench/access_log_bench.py                         # SQLite in a temporary file
    ... --writers 8 --entries 500

Each writer is a thread with its own database connection that writes entries
one by one, as the dossier pages do (one INSERT per request, autocommit). At
the end the chain is verified, so a lost or misordered link fails the run.
"""

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--entries", type=int, default=300, help="entries per writer")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="access-log-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test.utils import setup_databases, teardown_databases

    from dossier.log_integrity import verify_chain
    from dossier.models import AccessAction, AccessLogEntry, ObjectType

    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        barrier = threading.Barrier(args.writers + 1)
        errors = []

        def write(n):
            try:
                barrier.wait()
                for i in range(args.entries):
                    AccessLogEntry.objects.create(
                        action=AccessAction.READ,
                        object_type=ObjectType.REPORTS,
                        client_number="100001",
                        user_display=f"Schrijver {n}",
                        detail=f"periode: entry {i}",
                        ip_address="192.0.2.1",
                    )
            except Exception as error:  # noqa: BLE001 (reported below)
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=write, args=(n,)) for n in range(args.writers)]
        for thread in threads:
            thread.start()
        barrier.wait()
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        total = args.writers * args.entries
        report = verify_chain()
        print(
            f"{connection.vendor}: {total} entries by {args.writers} concurrent writers in {elapsed:.2f} s "
            f"= {total / elapsed:.0f} inserts/s; errors: {len(errors)}; "
            f"chain: {'intact' if report.broken is None else report.broken}, {report.checked} checked"
        )
        call_command("verify_access_log")
        if errors or report.broken is not None or report.checked != total:
            sys.exit(1)
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
