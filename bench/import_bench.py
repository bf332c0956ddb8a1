"""Benchmark the dossier import: 100,000 reports for a few clients, into a temporary database.

    .venv/bin/python bench/import_bench.py                      # SQLite in a temporary file
    scripts/with-services .venv/bin/python bench/import_bench.py  # throwaway PostgreSQL
    .venv/bin/python bench/import_bench.py --reports 20000 --format fhir

Prints reports per second for a first import (all new), a second one (all
unchanged) and a third with every report changed: by wall-clock time, and by
the CPU time of this process (the whole import on SQLite; without the database
server on PostgreSQL), which is steadier on a busy machine.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CLIENT_SYSTEM = "https://zorggroep-de-linde.example/fhir/NamingSystem/clientnummer"


def own_format(clients: int, reports: int, version: int) -> dict:
    per_client = reports // clients
    return {
        "format": "mijndossier-import",
        "version": 1,
        "source": "bench",
        "teams": [{"name": "Bench", "location": "Zonnedal"}],
        "clients": [
            {
                "client_number": f"B{c:05d}",
                "first_name": "Bench",
                "last_name": f"Cliënt {c}",
                "date_of_birth": "1950-01-01",
                "team": "Bench",
                "reports": [
                    {
                        "id": f"B{c:05d}-R{i:06d}",
                        "written_at": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T{8 + i % 12:02d}:15:00+01:00",
                        "department": "Lindehof, woongroep 2",
                        "author": "Zorgmedewerker Lindehof",
                        "treatment_goal": "Eigen dagritme",
                        "text": f"Versie {version}. Rapportage {i} voor cliënt {c}: rustige dag, goed gegeten.",
                    }
                    for i in range(per_client)
                ],
            }
            for c in range(clients)
        ],
    }


def fhir_bundle(clients: int, reports: int, version: int) -> dict:
    per_client = reports // clients
    entries = [
        {
            "resource": {
                "resourceType": "Organization",
                "id": "org-bench",
                "name": "Bench",
                "address": [{"text": "Zonnedal"}],
            }
        }
    ]
    for c in range(clients):
        entries.append(
            {
                "resource": {
                    "resourceType": "Patient",
                    "id": f"p{c}",
                    "identifier": [{"system": CLIENT_SYSTEM, "value": f"B{c:05d}"}],
                    "name": [{"family": f"Cliënt {c}", "given": ["Bench"]}],
                    "birthDate": "1950-01-01",
                    "managingOrganization": {"reference": "Organization/org-bench"},
                }
            }
        )
        for i in range(per_client):
            entries.append(
                {
                    "resource": {
                        "resourceType": "Observation",
                        "id": f"B{c:05d}-R{i:06d}",
                        "status": "final",
                        "code": {"text": "Rapportage"},
                        "subject": {"reference": f"Patient/p{c}"},
                        "effectiveDateTime": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T{8 + i % 12:02d}:15:00+01:00",
                        "performer": [
                            {"display": "Zorgmedewerker Lindehof"},
                            {"type": "Organization", "display": "Lindehof, woongroep 2"},
                        ],
                        "valueString": f"Versie {version}. Rapportage {i} voor cliënt {c}: rustige dag.",
                    }
                }
            )
    return {"resourceType": "Bundle", "type": "collection", "meta": {"source": "bench"}, "entry": entries}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=5)
    parser.add_argument("--format", choices=["json", "fhir"], default="json")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="import-bench-"))
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    os.environ.setdefault("LOG_LEVEL", "WARNING")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)

    from dossier.models import Report
    from ecd_import.importer import import_file
    from ecd_import.models import ImportTrigger, SourceSystem

    source, _ = SourceSystem.objects.get_or_create(name="bench")
    build = fhir_bundle if args.format == "fhir" else own_format
    print(f"Database: {connection.vendor}; format: {args.format}; {args.reports:,} reports for {args.clients} clients")

    def step(label, version):
        path = workdir / f"bench-{version}.json"
        path.write_text(json.dumps(build(args.clients, args.reports, version)))
        size = path.stat().st_size / 1024 / 1024
        started, cpu_started = time.perf_counter(), time.process_time()
        outcome = import_file(path, source=source, trigger=ImportTrigger.COMMAND)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        assert outcome.ok, outcome.errors[:3]
        counts = outcome.run.counts["report"]
        print(
            f"{label:<22} {seconds:6.1f} s wall ({args.reports / seconds:6,.0f} reports/s), "
            f"{cpu:6.1f} s CPU in this process ({args.reports / cpu:6,.0f}/s)  "
            f"({size:.0f} MB; created {counts['created']:,}, updated {counts['updated']:,}, "
            f"unchanged {counts['unchanged']:,})"
        )

    step("first import (new)", 1)
    step("same file again", 1)
    step("every report changed", 2)
    print(f"Reports in database: {Report.objects.count():,}")


if __name__ == "__main__":
    main()
