"""Benchmark of the afschrift (not part of the test suite).

    .venv/bin/python bench/afschrift_bench.py            # temporary test database (in-memory SQLite)
    DATABASE_URL=postgres://... .venv/bin/python bench/afschrift_bench.py   # a throwaway test_<name> database

Builds a client with five years of daily reports (1,825), a plan per year, an
evaluation per half year, an agreement per
year, two appointments a week and 10,000 access-log lines, then produces the
afschrift exactly as the background task does (`afschrift.services.produce`).
Measures wall time and CPU time (user + system) of the whole production and
of each stage: collecting the dossier, every rendered PDF part (cover drafts,
report and access-log chunks), the FHIR bundle, and the rest (joining the
parts, the ZIP with its manifest, storage). The stages are timed by wrapping
the package's functions here, so production code carries no timing hooks.
Also the process's peak memory (resident set, ru_maxrss; the setup before it
is small and counted too). Target: under 60 s and 500 MB. The machine is
shared, so the load average is recorded before and after.

Prints a table and writes var/bench/afschrift.json.
"""

import io
import json
import os
import platform
import resource
import sys
import time
import zipfile
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import logging  # noqa: E402

import django  # noqa: E402

django.setup()
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

YEARS = 5
REPORTS = 365 * YEARS
LOG_LINES = 10_000
PHRASES = [
    "Vanochtend rustig wakker geworden en samen ontbeten in de huiskamer.",
    "In de middag een wandeling gemaakt naar het park; het weer was goed.",
    "Heeft meegedaan met de kookgroep en de tafel gedekt.",
    "Aan het eind van de dag wat moe, na een kop thee weer ontspannen.",
    "Familie kwam op bezoek; dat werd zichtbaar gewaardeerd.",
    "Medicatie op tijd ingenomen, geen bijzonderheden voor de avonddienst.",
]


class StageTimer:
    """Wall and CPU seconds per named stage, in the order the stages ran."""

    def __init__(self):
        self.stages = []

    def wrap(self, function, name_of):
        def timed(*args, **kwargs):
            started, cpu_started = time.perf_counter(), time.process_time()
            result = function(*args, **kwargs)
            self.stages.append(
                {
                    "stage": name_of(*args, **kwargs),
                    "seconds": round(time.perf_counter() - started, 2),
                    "cpu_seconds": round(time.process_time() - cpu_started, 2),
                }
            )
            return result

        return timed


def part_name(counter):
    def name_of(template_name, context, **options):
        part = context["part"]
        counter[part] = counter.get(part, 0) + 1
        return f"pdf {part} {counter[part]}"

    return name_of


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_dossier(people):
    from dossier.models import (
        AccessAction,
        AccessLogEntry,
        Appointment,
        CareAgreement,
        ClientPlan,
        Evaluation,
        PlanStatus,
        Report,
    )

    client, now, today = people.client_a, timezone.now(), timezone.localdate()
    Report.objects.bulk_create(
        Report(
            client=client,
            written_at=now - timedelta(days=i),
            department="Woongroep Lindehof",
            author_name=["Lotte Vermeulen", "Piet de Groot", "Sara Yilmaz"][i % 3],
            treatment_goal="Dagritme vasthouden",
            text=" ".join(PHRASES[(i + j) % len(PHRASES)] for j in range(4)),
        )
        for i in range(REPORTS)
    )
    plans = ClientPlan.objects.bulk_create(
        ClientPlan(
            client=client,
            version=year + 1,
            period_start=today - timedelta(days=365 * (YEARS - year)),
            period_end=today - timedelta(days=365 * (YEARS - year - 1) + 1),
            content="\n".join(PHRASES) * 3,
            status=PlanStatus.FINAL,
        )
        for year in range(YEARS)
    )
    Evaluation.objects.bulk_create(
        Evaluation(
            client=client,
            plan=plans[half // 2],
            evaluated_on=today - timedelta(days=182 * half),
            content=PHRASES[half % 6] * 5,
        )
        for half in range(YEARS * 2)
    )
    CareAgreement.objects.bulk_create(
        CareAgreement(
            client=client,
            product="Wonen met begeleiding",
            period_start=today - timedelta(days=365 * y),
            signed_on=today - timedelta(days=365 * y),
        )
        for y in range(YEARS)
    )
    Appointment.objects.bulk_create(
        Appointment(
            client=client,
            starts_at=now - timedelta(days=3 * i),
            ends_at=now - timedelta(days=3 * i) + timedelta(hours=1),
            title="Gesprek met persoonlijk begeleider",
            location="Lindelaan 4",
        )
        for i in range(YEARS * 104)
    )
    actions = [AccessAction.READ, AccessAction.READ, AccessAction.DOWNLOAD, AccessAction.CHANGE]
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            occurred_at=now - timedelta(minutes=263 * i),
            action=actions[i % 4],
            client=client,
            client_number=client.client_number,
            user_display=["Anna Jansen", "Ben Bakker", "Dirk de Vries"][i % 3],
            user_role=["cliënt", "wettelijk vertegenwoordiger", "Zorgmedewerker"][i % 3],
            object_type=["reports", "dashboard", "client_plan", "profile"][i % 4],
            object_id=str(i % 50) if i % 4 == 2 else "",
            detail="periode: laatste maand" if i % 4 == 0 else "",
            ip_address=f"192.0.2.{i % 250 + 1}",
        )
        for i in range(LOG_LINES)
    )
    return plans[-1]


def rest_of(stages, seconds, cpu_seconds):
    return {
        "stage": "rest: join the PDF parts, ZIP and manifest, storage, log",
        "seconds": round(seconds - sum(stage["seconds"] for stage in stages), 2),
        "cpu_seconds": round(cpu_seconds - sum(stage["cpu_seconds"] for stage in stages), 2),
    }


def main():
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    from afschrift import contents, package, services
    from afschrift.models import AfschriftRequest, AfschriftStatus
    from tests.personas import Personas

    people = Personas()
    build_dossier(people)
    afschrift = AfschriftRequest.objects.create(client=people.client_a, requested_by=people.anna)
    timer = StageTimer()
    contents.collect = timer.wrap(contents.collect, lambda *args: "collect the dossier")
    package.render_pdf = timer.wrap(package.render_pdf, part_name({}))
    package.build_bundle = timer.wrap(package.build_bundle, lambda *args: "FHIR bundle")
    before = peak_mb()
    load_before = os.getloadavg()
    started, cpu_started = time.perf_counter(), time.process_time()
    outcome = services.produce(afschrift.pk)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    load_after = os.getloadavg()
    afschrift.refresh_from_db()
    assert outcome == services.PRODUCED and afschrift.status == AfschriftStatus.READY, afschrift.error
    with services.storage().open(afschrift.file_name, "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(archive.read("afschrift.pdf"))).pages)
    entries = len(json.loads(archive.read("afschrift-fhir-r4.json"))["entry"])
    services.storage().delete(afschrift.file_name)
    result = {
        "database": connection.vendor,
        "python": platform.python_version(),
        "reports": REPORTS,
        "access_log_lines": LOG_LINES,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu_seconds, 1),
        "load_average_before": [round(value, 2) for value in load_before],
        "load_average_after": [round(value, 2) for value in load_after],
        "peak_rss_mb": round(peak_mb(), 0),
        "rss_before_mb": round(before, 0),
        "zip_mb": round(afschrift.file_size / 1e6, 1),
        "pdf_pages": pages,
        "fhir_entries": entries,
        "stages": [*timer.stages, rest_of(timer.stages, seconds, cpu_seconds)],
    }
    out = BASE_DIR / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "afschrift.json").write_text(json.dumps(result, indent=2))
    print("| stage | wall s | CPU s |\n| --- | --- | --- |")
    for stage in result["stages"]:
        print(f"| {stage['stage']} | {stage['seconds']} | {stage['cpu_seconds']} |")
    for kind in ("pdf ", "FHIR"):
        wall = sum(stage["seconds"] for stage in timer.stages if stage["stage"].startswith(kind))
        cpu = sum(stage["cpu_seconds"] for stage in timer.stages if stage["stage"].startswith(kind))
        print(f"| all {kind.strip()} stages | {wall:.1f} | {cpu:.1f} |")
    print()
    print("| what | result | target |\n| --- | --- | --- |")
    print(
        f"| afschrift, {REPORTS} reports + {LOG_LINES} log lines ({connection.vendor}) | "
        f"{result['seconds']} s wall, {result['cpu_seconds']} s CPU "
        f"(load {load_before[0]:.1f} before, {load_after[0]:.1f} after), "
        f"{pages} PDF pages, {entries} FHIR entries, ZIP {result['zip_mb']} MB | < 60 s |"
    )
    print(f"| peak memory of the process | {result['peak_rss_mb']:.0f} MB (before: {before:.0f} MB) | < 500 MB |")
    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
