"""Import dossier data from the care record system: `manage.py import_dossier PATH [--source NAME]`."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ecd_import.importer import import_file, read_json
from ecd_import.models import ImportTrigger, SourceSystem
from ecd_import.records import KIND_LABELS, KINDS, OUTCOME_LABELS, OUTCOMES, ImportRejected, Tally


class Command(BaseCommand):
    help = "Importeert dossiergegevens (FHIR R4 Bundle of MijnDossier-JSON) uit een bestand of map."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Een .json-bestand, of een map met .json-bestanden.")
        parser.add_argument(
            "--source",
            help="Naam van het bronsysteem (zie import_source). Zonder deze optie: het label in het bestand.",
        )
        parser.add_argument("--format", choices=["auto", "fhir", "json"], default="auto", dest="data_format")
        parser.add_argument(
            "--withdraw-missing",
            action="store_true",
            help="Trek records van de cliënten in het bestand in die de bron niet meer aanlevert.",
        )

    def handle(self, path, source=None, data_format="auto", withdraw_missing=False, **options):
        root = Path(path)
        if root.is_dir():
            files = sorted(p for p in root.iterdir() if p.suffix.lower() == ".json" and p.is_file())
        elif root.is_file():
            files = [root]
        else:
            raise CommandError(f"{path} bestaat niet.")
        if not files:
            raise CommandError(f"Geen .json-bestanden in {path}.")
        total, failed = Tally(), 0
        for file in files:
            system = self._source(source, file)
            self.stdout.write(f"{file.name}: importeren als bronsysteem '{system.name}' …")
            outcome = import_file(
                file,
                source=system,
                trigger=ImportTrigger.COMMAND,
                data_format=data_format,
                withdraw_missing=withdraw_missing,
                progress=self._progress(),
            )
            total.merge(outcome.tally)
            for error in outcome.errors:
                self.stderr.write(f"  {error}")
            if outcome.ok:
                self.stdout.write(self.style.SUCCESS(f"  geslaagd (importrun {outcome.run.pk})"))
            else:
                failed += 1
                self.stderr.write(
                    self.style.ERROR(f"  afgewezen: niets uit {file.name} is opgeslagen (importrun {outcome.run.pk})")
                )
        self._summary(total)
        if failed:
            raise CommandError(f"{failed} van {len(files)} bestand(en) afgewezen.")

    def _source(self, name, file):
        if name is None:
            name = _label_of(file)
            if not name:
                raise CommandError(f"{file.name}: geen bronsysteem in het bestand; geef --source NAAM.")
        try:
            return SourceSystem.objects.get(name=name)
        except SourceSystem.DoesNotExist:
            raise CommandError(
                f"Onbekend bronsysteem '{name}'. Registreer het eerst: manage.py import_source add {name}"
            ) from None

    def _progress(self):
        every = max(1, settings.ECD_IMPORT_PROGRESS_EVERY)
        last = [0]

        def report(done, total):
            if done // every != last[0] // every:
                self.stdout.write(f"  … {done:,} van {total:,} records verwerkt".replace(",", "."))
            last[0] = done

        return report

    def _summary(self, total: Tally):
        counts = total.as_dict()
        self.stdout.write("Samenvatting:")
        if not counts:
            self.stdout.write("  geen records")
        for kind in KINDS:
            if kind in counts:
                parts = ", ".join(f"{counts[kind][o]} {OUTCOME_LABELS[o]}" for o in OUTCOMES)
                self.stdout.write(f"  {KIND_LABELS[kind]}: {parts}")


def _label_of(file: Path) -> str:
    """The source label inside a file, read cheaply; the importer checks it properly."""
    try:
        data = read_json(file.read_bytes(), file.name)
    except (OSError, ImportRejected):
        return ""
    if not isinstance(data, dict):
        return ""
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    label = data.get("source") or meta.get("source")
    return label if isinstance(label, str) else ""
