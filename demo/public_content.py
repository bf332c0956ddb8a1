"""Dutch demo texts for the public site of the fictional Zorggroep De Linde (used by demo/public.py)."""

from datetime import date

ORGANISATION = {
    "name": "Zorggroep De Linde",
    "address": "Lindeplein 1\n7400 AA Zonnedal",
    "phone": "0570 123 456",
    "email": "clientenadministratie@zorggroep-de-linde.example",
    "opening_hours": "Telefonisch bereikbaar op werkdagen van 9.00 tot 17.00 uur.",
}

HOME_INTRO = (
    "<p>Met MijnDossier leest u thuis, op een moment dat het u uitkomt, mee in het dossier dat "
    "Zorggroep De Linde over uw zorg bijhoudt. U ziet wat begeleiders rapporteren, welke afspraken "
    "er in uw cliëntplan staan en wanneer uw volgende afspraak is.</p>"
    "<p>Bent u vertegenwoordiger of familielid? Ook u kunt toegang krijgen, als de cliënt of de "
    "wettelijk vertegenwoordiger daar toestemming voor geeft.</p>"
)

ABOUT = {
    "title": "Over MijnDossier",
    "slug": "over-mijndossier",
    "intro": "MijnDossier is de beveiligde website waarop cliënten van Zorggroep De Linde en hun "
    "vertegenwoordigers hun eigen dossier kunnen inzien.",
    "body": (
        "<h2>Waarom MijnDossier?</h2>"
        "<p>Goede zorg maken we samen. Als u weet wat er over u wordt opgeschreven, kunt u beter meepraten "
        "over uw zorg en ondersteuning. Daarom kunt u bij Zorggroep De Linde uw dossier online lezen.</p>"
        "<h2>Wat vindt u in MijnDossier?</h2>"
        "<ul><li>rapportages: wat begeleiders dagelijks over u noteren;</li>"
        "<li>uw cliëntplan, dat u ook online kunt ondertekenen;</li>"
        "<li>evaluaties van uw plan;</li>"
        "<li>uw gegevens en wie er vandaag toegang heeft tot uw dossier;</li>"
        "<li>uw zorgovereenkomsten;</li>"
        "<li>uw afspraken.</li></ul>"
        "<h2>Veilig en vertrouwelijk</h2>"
        "<p>U logt in met een gebruikersnaam, een wachtwoord en een code die u per SMS krijgt. Iedere keer dat "
        "iemand uw dossier bekijkt, leggen wij dat vast. Zo kunnen we altijd nagaan wie wat heeft ingezien.</p>"
        "<h2>Liever op papier?</h2>"
        "<p>Dat kan. MijnDossier is een extra mogelijkheid. U kunt uw dossier altijd ook op papier of samen "
        "met uw begeleider bekijken.</p>"
    ),
}

FAQ_INTRO = "<p>Hier vindt u antwoorden op vragen die we vaak krijgen over MijnDossier.</p>"

FAQ = [
    (
        "Over MijnDossier",
        [
            (
                "wat-is-mijndossier",
                "Wat is MijnDossier?",
                "<p>MijnDossier is een beveiligde website van Zorggroep De Linde. Daarop kunt u met uw computer, "
                "tablet of telefoon lezen wat er in uw zorgdossier staat.</p>",
            ),
            (
                "wat-kan-ik-zien",
                "Wat kan ik zien in MijnDossier?",
                "<p>U ziet de rapportages van uw begeleiders, uw cliëntplan en de evaluaties daarvan, uw "
                "zorgovereenkomsten, uw afspraken en uw persoonlijke gegevens. U kunt deze onderdelen ook als "
                "PDF-bestand downloaden.</p>",
            ),
            (
                "kan-ik-iets-veranderen",
                "Kan ik zelf iets aanpassen in mijn dossier?",
                "<p>Nee, MijnDossier is om te lezen. Klopt er iets niet? Bespreek het met uw persoonlijk "
                "begeleider; die past het zo nodig aan.</p>",
            ),
            (
                "inzage-op-papier",
                "Kan ik mijn dossier ook nog op papier inzien?",
                "<p>Ja. Wilt u of kunt u geen gebruik maken van MijnDossier, dan blijft inzage zoals u gewend "
                "bent gewoon mogelijk. Vraag uw begeleider om een afdruk of om samen het dossier door te "
                "nemen. Daar zijn geen kosten aan verbonden.</p>",
            ),
        ],
    ),
    (
        "Toegang en inloggen",
        [
            (
                "toegang-aanvragen",
                "Hoe krijg ik toegang tot MijnDossier?",
                "<p>Vul het aanvraagformulier op deze website in, of vraag uw persoonlijk begeleider om het "
                "samen met u in te vullen. Wij controleren de aanvraag en maken daarna een account voor u. "
                "Uw gebruikersnaam en een eenmalig wachtwoord krijgt u per e-mail.</p>",
            ),
            (
                "waarom-e-mail-en-mobiel",
                "Waarom heb ik een e-mailadres en een mobiele telefoon nodig?",
                "<p>Uw dossier bevat vertrouwelijke informatie. Daarom is een wachtwoord alleen niet genoeg. "
                "Uw inloggegevens sturen we naar uw e-mailadres en bij elke keer inloggen krijgt u een "
                "code per SMS op uw mobiele telefoon. Heeft u zelf geen mobiele telefoon, dan kunt u een "
                "familielid machtigen en diens gegevens gebruiken.</p>",
            ),
            (
                "hoe-werkt-inloggen",
                "Hoe werkt het inloggen?",
                "<p>U vult uw gebruikersnaam en wachtwoord in. Daarna stuurt MijnDossier een code van zes "
                "cijfers naar uw mobiele telefoon. Die code typt u over, en u bent binnen. De eerste keer "
                "kiest u ook een eigen wachtwoord en leest u de gebruikersvoorwaarden. In de handleiding "
                "staat het stap voor stap.</p>",
            ),
            (
                "vertegenwoordiger",
                "Kan mijn wettelijk vertegenwoordiger of een familielid meekijken?",
                "<p>Ja, als de cliënt of de wettelijk vertegenwoordiger daar toestemming voor geeft. Iedere "
                "persoon krijgt dan een eigen account; inloggegevens delen mag niet. Een vertegenwoordiger van "
                "meer cliënten kiest na het inloggen welk dossier hij of zij wil bekijken.</p>",
            ),
            (
                "sms-code-niet-ontvangen",
                "Ik krijg geen SMS-code. Wat nu?",
                "<p>Wacht een minuut en vraag dan een nieuwe code aan. Controleer of uw telefoon bereik heeft. "
                "Is uw mobiele nummer veranderd? Geef het nieuwe nummer door aan de cliëntenadministratie; "
                "daarna werkt het inloggen weer.</p>",
            ),
        ],
    ),
    (
        "Veiligheid en hulp",
        [
            (
                "is-het-veilig",
                "Is MijnDossier veilig?",
                "<p>Ja. De verbinding is versleuteld, u logt in met twee stappen (wachtwoord en SMS-code) "
                "en u wordt na een kwartier zonder activiteit automatisch uitgelogd. Elke keer dat iemand "
                "een dossier opent, wordt dat vastgelegd. Zo houden wij in de gaten wie er meekijkt.</p>",
            ),
            (
                "downloads-bewaren",
                "Wat moet ik weten over gedownloade bestanden?",
                "<p>Een PDF die u downloadt, staat daarna op uw eigen computer of telefoon. Bewaar zo'n bestand "
                "zorgvuldig en deel het alleen met mensen die u vertrouwt. Gebruikt u een computer van een "
                "ander? Verwijder het bestand dan als u klaar bent.</p>",
            ),
            (
                "tekst-groter",
                "Hoe maak ik de tekst groter?",
                "<p>Rechtsboven op elke pagina staan de knoppen A, A+ en A++. Met A+ en A++ wordt alle tekst "
                "groter. Uw keuze blijft bewaard als u naar een andere pagina gaat.</p>",
            ),
            (
                "vragen-contact",
                "Bij wie kan ik terecht met vragen?",
                "<p>Voor vragen over wat er in uw dossier staat, gaat u naar uw persoonlijk begeleider. "
                "Voor vragen over inloggen of uw account belt u de cliëntenadministratie op 0570 123 456 of "
                "mailt u naar clientenadministratie@zorggroep-de-linde.example.</p>",
            ),
        ],
    ),
]

MANUAL_INTRO = (
    "<p>Deze handleiding laat stap voor stap zien hoe u MijnDossier gebruikt: van het aanvragen van een "
    "account tot het uitloggen. U kunt de handleiding ook downloaden en afdrukken.</p>"
)
MANUAL_VERSION = ("1.0", date(2026, 1, 15))


def _p(*lines):
    return "".join(f"<p>{line}</p>" for line in lines)


# (chapter title, chapter intro, [(step title, step text), ...])
MANUAL = [
    (
        "Een account aanvragen",
        _p("Voordat u kunt inloggen, heeft u een eigen account nodig."),
        [
            ("Vul het aanvraagformulier in", _p("Ga naar de pagina Toegang aanvragen en vul het formulier in.")),
            (
                "Geef toestemming",
                _p("De cliënt of de wettelijk vertegenwoordiger geeft toestemming voor elke persoon die meekijkt."),
            ),
            (
                "Wacht op de welkomstmail",
                _p(
                    "Na controle maakt de cliëntenadministratie uw account. U ontvangt een e-mail met uw "
                    "gebruikersnaam en een eenmalig wachtwoord."
                ),
            ),
        ],
    ),
    (
        "Inloggen met een SMS-code",
        _p("U heeft nodig: een computer, tablet of telefoon met internet, uw mobiele telefoon en uw inloggegevens."),
        [
            ("Open MijnDossier", _p("Klik rechtsboven op deze website op de knop Mijn dossier.")),
            ("Vul uw gegevens in", _p("Typ uw gebruikersnaam en wachtwoord en klik op Volgende.")),
            (
                "Typ de SMS-code over",
                _p(
                    "U krijgt een SMS met een code van zes cijfers. Typ de code over en klik op Inloggen. "
                    "Elke code werkt maar één keer en maar een paar minuten."
                ),
            ),
        ],
    ),
    (
        "De eerste keer: uw wachtwoord wijzigen",
        _p("Het wachtwoord uit de welkomstmail is eenmalig. De eerste keer kiest u een eigen wachtwoord."),
        [
            ("Vul het eenmalige wachtwoord in", _p("Typ in het eerste veld het wachtwoord uit de welkomstmail.")),
            (
                "Kies een nieuw wachtwoord",
                _p(
                    "Kies een lang wachtwoord dat u nergens anders gebruikt, bijvoorbeeld een korte zin. "
                    "Typ het twee keer en klik op Wachtwoord opslaan."
                ),
            ),
        ],
    ),
    (
        "De gebruikersvoorwaarden accepteren",
        _p("Voordat u uw dossier ziet, leest u de gebruikersvoorwaarden."),
        [
            (
                "Lees en ga akkoord",
                _p(
                    "Lees de voorwaarden en klik op Ik ga akkoord. Worden de voorwaarden later veranderd, "
                    "dan vragen we u opnieuw om akkoord te gaan."
                ),
            ),
        ],
    ),
    (
        "De startpagina",
        _p("Na het inloggen komt u op de startpagina van uw dossier."),
        [
            (
                "Bovenbalk",
                _p("Bovenaan ziet u uw naam, en uw foto als die in uw dossier staat. Daar zit ook de knop Uitloggen."),
            ),
            (
                "Blokken",
                _p(
                    "De startpagina heeft blokken voor rapportages, cliëntplannen, evaluaties, uw profiel, "
                    "zorgovereenkomsten en afspraken. Klik op een blok om dat onderdeel te openen."
                ),
            ),
            (
                "Meer dossiers",
                _p("Bent u vertegenwoordiger van meer cliënten? Kies dan eerst het dossier dat u wilt bekijken."),
            ),
        ],
    ),
    (
        "Rapportages lezen",
        _p("Rapportages zijn de aantekeningen die begeleiders over uw dag en uw zorg maken."),
        [
            ("Nieuwste eerst", _p("U ziet de rapportages van de laatste dagen, de nieuwste bovenaan.")),
            (
                "Verder terug lezen",
                _p("Kies een periode, zoals de afgelopen maand, of vul zelf een begin- en einddatum in."),
            ),
            ("Downloaden", _p("Met de knop Download als PDF slaat u de getoonde rapportages op.")),
        ],
    ),
    (
        "Cliëntplannen bekijken en ondertekenen",
        _p("In het cliëntplan staan uw doelen en de afspraken over uw zorg."),
        [
            ("Plan openen", _p("Open het onderdeel Cliëntplannen en kies het plan dat u wilt lezen.")),
            (
                "Ondertekenen",
                _p(
                    "Staat er een plan klaar om te tekenen? Lees het goed, vink aan dat u akkoord gaat en "
                    "bevestig met een SMS-code. Bent u het niet eens met het plan, bespreek het dan eerst "
                    "met uw persoonlijk begeleider."
                ),
            ),
        ],
    ),
    (
        "Evaluaties",
        _p("Bij een evaluatie kijkt u samen met uw begeleider terug: gaat het zoals afgesproken?"),
        [("Evaluaties lezen", _p("Open het onderdeel Evaluaties. U ziet per evaluatie de datum en de conclusies."))],
    ),
    (
        "Uw profiel",
        _p("In uw profiel staan uw gegevens zoals wij die kennen."),
        [
            ("Gegevens controleren", _p("Controleer uw adres, telefoonnummer en e-mailadres.")),
            (
                "Wie heeft toegang?",
                _p("U ziet ook wie er vandaag toegang heeft tot uw dossier: vertegenwoordigers en begeleiders."),
            ),
            ("Wachtwoord wijzigen", _p("Via uw profiel kunt u ook een nieuw wachtwoord instellen.")),
        ],
    ),
    (
        "Zorgovereenkomsten",
        _p("De zorgovereenkomst beschrijft welke zorg De Linde u levert."),
        [
            (
                "Overeenkomst bekijken",
                _p("Open het onderdeel Zorgovereenkomsten om uw huidige en eerdere afspraken te zien."),
            )
        ],
    ),
    (
        "Afspraken",
        _p("Hier ziet u uw afspraken met begeleiders en behandelaars."),
        [("Agenda bekijken", _p("Open het onderdeel Afspraken. De eerstvolgende afspraak staat bovenaan."))],
    ),
    (
        "Uitloggen",
        _p("Log altijd uit als u klaar bent, zeker op een computer die ook anderen gebruiken."),
        [
            ("Klik op Uitloggen", _p("De knop Uitloggen staat rechtsboven op elke pagina van uw dossier.")),
            (
                "Automatisch uitloggen",
                _p("Doet u een kwartier niets, dan wordt u automatisch uitgelogd. Uw gegevens blijven dan veilig."),
            ),
        ],
    ),
]

TERMS_VERSION = ("1.0", date(2026, 1, 1))
TERMS_BODY = (
    "<h2>1. Waar gaan deze voorwaarden over?</h2>"
    "<p>Deze voorwaarden gelden voor iedereen die MijnDossier van Zorggroep De Linde gebruikt: cliënten, "
    "wettelijk vertegenwoordigers en verwanten die toegang hebben gekregen.</p>"
    "<h2>2. Wat MijnDossier wel en niet is</h2>"
    "<p>MijnDossier toont een deel van uw zorgdossier om te lezen. Het is geen volledige kopie van het dossier "
    "en geen manier om met ons te berichten. Met vragen over de inhoud gaat u naar uw persoonlijk "
    "begeleider.</p>"
    "<h2>3. Uw account</h2>"
    "<p>Uw account is persoonlijk. U deelt uw gebruikersnaam, wachtwoord en SMS-codes met niemand. Denkt u "
    "dat iemand anders uw gegevens kent? Meld dit direct bij de cliëntenadministratie.</p>"
    "<h2>4. Zorgvuldig omgaan met gegevens</h2>"
    "<p>Wat u downloadt of afdrukt, valt onder uw eigen verantwoordelijkheid. Ga er zorgvuldig mee om en "
    "deel het niet met mensen die het niet mogen zien.</p>"
    "<h2>5. Wat wij doen</h2>"
    "<p>Wij beveiligen MijnDossier volgens de normen voor de zorg en leggen vast wie welk dossier opent. Wij "
    "mogen een account blokkeren als we misbruik vermoeden.</p>"
    "<h2>6. Stoppen</h2>"
    "<p>U kunt uw toegang altijd laten stoppen via de cliëntenadministratie. Toegang van een vertegenwoordiger "
    "stopt als de vertegenwoordiging eindigt.</p>"
    "<h2>7. Wijzigingen</h2>"
    "<p>Veranderen deze voorwaarden, dan vragen wij u bij het eerstvolgende inloggen opnieuw akkoord te "
    "gaan.</p>"
)

FORM_INTRO = (
    "<p>Met dit formulier vraagt u toegang tot MijnDossier aan, voor uzelf of voor iemand die u "
    "vertegenwoordigt. Vul per persoon die toegang wil een formulier in.</p>"
    "<p>Wij controleren uw aanvraag binnen vijf werkdagen. Daarna ontvangt u een e-mail met uw inloggegevens.</p>"
)
FORM_THANK_YOU = (
    "<p>Wij controleren uw aanvraag binnen vijf werkdagen. Als alles klopt, ontvangt u een e-mail met uw "
    "gebruikersnaam en een eenmalig wachtwoord. Heeft u vragen? Bel 0570 123 456.</p>"
)

# (label, field_type, required, choices, help_text)
FORM_FIELDS = [
    ("Naam cliënt", "singleline", True, "", "Voor- en achternaam van de cliënt."),
    ("Geboortedatum cliënt", "birthdate", True, "", "Bijvoorbeeld 17-05-1950."),
    ("Cliëntnummer", "singleline", False, "", "Staat op brieven van De Linde. Weet u het niet, laat dit dan leeg."),
    (
        "Uw relatie tot de cliënt",
        "radio",
        True,
        "Ik ben de cliënt\nWettelijk vertegenwoordiger\nVerwant (familielid of naaste)",
        "",
    ),
    ("Uw naam", "singleline", False, "", "Alleen invullen als u niet zelf de cliënt bent."),
    ("E-mailadres", "email", True, "", "Hierheen sturen wij uw gebruikersnaam en eenmalig wachtwoord."),
    ("Mobiel nummer", "mobile", True, "", "Voor de inlogcode per SMS, bijvoorbeeld 06 12345678."),
    (
        "Ik geef toestemming om mij toegang te geven tot het dossier van deze cliënt",
        "checkbox",
        True,
        "",
        "Als u vertegenwoordiger of verwant bent, vragen wij de cliënt of de wettelijk vertegenwoordiger ook om "
        "toestemming.",
    ),
    ("Ik heb de gebruikersvoorwaarden gelezen en ga ermee akkoord", "checkbox", True, "", ""),
]
