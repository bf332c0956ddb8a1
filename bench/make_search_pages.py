"""Add 1,000 public content pages (a knowledge base) to the site, for the search benchmark.

Runs inside scripts/serve-prod (SERVE_PROD_SETUP), so against its PostgreSQL
with the production settings. Idempotent: does nothing when the pages exist.
"""

import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from home.models import ContentPage, HomePage  # noqa: E402

PAGES = 1000
SUBJECTS = [
    "inloggen",
    "wachtwoord",
    "sms-code",
    "rapportage",
    "zorgplan",
    "evaluatie",
    "zorgovereenkomst",
    "afspraak",
    "vertegenwoordiger",
    "machtiging",
    "privacy",
    "toegang",
    "profiel",
    "handtekening",
    "dagbesteding",
    "medicatie",
    "verhuizing",
    "familie",
    "klacht",
    "cliëntenraad",
]
FILLER = (
    "de het een van en in op met voor naar over bij uw zorg team cliënt begeleider locatie Zonnedal "
    "week maand dag gesprek vraag antwoord overzicht bericht wijziging overleg planning uitleg stap "
    "knop pagina scherm telefoon computer tablet gegevens dossier verslag doel afspraak moment"
)
WORDS = FILLER.split()


def paragraph(rng, subject):
    words = [rng.choice(WORDS) for _ in range(60)]
    for position in rng.sample(range(60), 3):
        words[position] = subject
    return " ".join(words).capitalize() + "."


def main():
    home = HomePage.objects.get()
    index = home.get_children().filter(slug="kennisbank").first()
    if index is None:
        index = home.add_child(
            instance=ContentPage(title="Kennisbank", slug="kennisbank", body="<p>Artikelen over MijnDossier.</p>")
        )
    existing = index.get_children().count()
    rng = random.Random(2026)
    with transaction.atomic():
        index = ContentPage.objects.get(pk=index.pk)
        for number in range(existing + 1, PAGES + 1):
            subject = SUBJECTS[number % len(SUBJECTS)]
            body = "".join(f"<p>{paragraph(rng, subject)}</p>" for _ in range(4))
            index.add_child(
                instance=ContentPage(
                    title=f"Artikel {number}: {subject}",
                    slug=f"artikel-{number}",
                    intro=f"Alles over {subject} in MijnDossier.",
                    body=body,
                )
            )
            index.refresh_from_db()
    print(f"make_search_pages: {PAGES} knowledge base pages ({PAGES - existing} new)")


if __name__ == "__main__":
    main()
