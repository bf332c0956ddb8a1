"""Dutch demo texts for the public site of the fictional Zorggroep De Linde (used by demo/public.py)."""

from datetime import date

ORGANISATION = {
    "name": "Zorggroep De Linde",
    "address": "Lindeplein 1\n7400 AA Zonnedal",
    "phone": "0570 123 456",
    "email": "clientenadministratie@zorggroep-de-linde.example",
    "website": "https://zorggroep-de-linde.example",
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

MANUAL_URL = "/handleiding/"


def _chapter(anchor, text):
    return f'<a href="{MANUAL_URL}#hoofdstuk-{anchor}">{text}</a>'


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
                "hoe-ziet-het-eruit",
                "Hoe ziet het cliëntportaal eruit?",
                "<p>Hieronder ziet u de startpagina van MijnDossier. Het is het dossier van Marieke de Boer, een "
                "verzonnen cliënt. Rechts staat het menu met de onderdelen van het dossier. Op een telefoon staat "
                "het menu bovenaan.</p>"
                f"<p>Elk scherm ziet u stap voor stap in de {_chapter('de-startpagina', 'handleiding')}.</p>",
            ),
            (
                "wat-kan-ik-zien",
                "Wat kan ik zien in MijnDossier?",
                "<p>U ziet de rapportages van uw begeleiders, uw cliëntplan en de evaluaties daarvan, uw "
                "zorgovereenkomsten, uw afspraken en uw persoonlijke gegevens. U kunt deze onderdelen ook als "
                "PDF-bestand downloaden.</p>"
                "<p>Let op: begeleiders en behandelaars schrijven op wat er gebeurt, maar niet altijd meteen. "
                "Na een gesprek of een behandeling kan het even duren voordat het in uw dossier staat.</p>"
                "<p>Meer hierover in de handleiding: "
                f"{_chapter('rapportages-lezen', 'Rapportages lezen')}, {_chapter('uw-profiel', 'Uw profiel')} "
                f"en {_chapter('uw-wachtwoord-wijzigen', 'Uw wachtwoord wijzigen')}.</p>",
            ),
            (
                "afdeling-auteur-behandeldoel",
                "Wat betekenen afdeling, auteur en behandeldoel bij een rapportage?",
                "<p>Boven elke rapportage staan drie dingen. <b>Afdeling</b>: het team of de locatie die de "
                "rapportage schreef, bijvoorbeeld uw woongroep. <b>Auteur</b>: de naam van de begeleider of "
                "behandelaar die hem schreef. <b>Behandeldoel</b>: het doel uit uw cliëntplan waar de rapportage "
                "over gaat. Staat er 'geen', dan hoort de rapportage niet bij één doel.</p>"
                "<p>Heeft u een vraag over een rapportage? Stel hem aan de auteur of aan uw persoonlijk "
                "begeleider.</p>",
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
                '<p>Vul het <a href="/toegang-aanvragen/">aanvraagformulier</a> op deze website in, of vraag uw '
                "persoonlijk begeleider om het samen met u in te vullen. Wij controleren de aanvraag en maken "
                "daarna een account voor u. Uw gebruikersnaam en een eenmalig wachtwoord krijgt u per e-mail.</p>"
                f"<p>Zie ook de handleiding: {_chapter('een-account-aanvragen', 'Een account aanvragen')}.</p>",
            ),
            (
                "waarom-e-mail-en-mobiel",
                "Waarom heb ik een e-mailadres en een mobiele telefoon nodig?",
                "<p>Uw dossier bevat vertrouwelijke informatie. Daarom is een wachtwoord alleen niet genoeg. "
                "Uw inloggegevens sturen we naar uw e-mailadres en bij elke keer inloggen krijgt u een "
                "code per SMS op uw mobiele telefoon. Heeft u zelf geen mobiele telefoon, dan kunt u een "
                "familielid machtigen en diens gegevens gebruiken. Dat geeft u aan op het "
                '<a href="/toegang-aanvragen/">aanvraagformulier</a>.</p>',
            ),
            (
                "hoe-werkt-inloggen",
                "Hoe werkt het inloggen?",
                "<p>U vult uw gebruikersnaam en wachtwoord in en klikt op Volgende. Daarna klikt u op "
                "SMS-inlogcode aanvragen. U krijgt dan een SMS met een code. De laatste zes cijfers typt u over, "
                "en u bent binnen. De eerste keer kiest u ook een eigen wachtwoord en leest u de "
                "gebruikersvoorwaarden.</p>"
                f"<p>In de handleiding staat het stap voor stap, met plaatjes: "
                f"{_chapter('inloggen-met-een-sms-code', 'Inloggen met een SMS-code')} en "
                f"{_chapter('de-eerste-keer-een-eigen-wachtwoord-kiezen', 'Een eigen wachtwoord kiezen')}.</p>",
            ),
            (
                "vertegenwoordiger",
                "Kan mijn wettelijk vertegenwoordiger of een familielid meekijken?",
                "<p>Ja, als de cliënt of de wettelijk vertegenwoordiger daar toestemming voor geeft. Iedere "
                "persoon krijgt dan een eigen account; inloggegevens delen mag niet. Een vertegenwoordiger van "
                "meer cliënten kiest na het inloggen welk dossier hij of zij wil bekijken. Toegang vraagt u aan "
                'met het <a href="/toegang-aanvragen/">aanvraagformulier</a>.</p>',
            ),
            (
                "sms-code-niet-ontvangen",
                "Ik krijg geen SMS-code. Wat nu?",
                "<p>Wacht een minuut en klik dan op Geen SMS ontvangen? Nieuwe SMS-inlogcode aanvragen. Controleer "
                "of uw telefoon bereik heeft. Is uw mobiele nummer veranderd? Geef het nieuwe nummer door aan de "
                "cliëntenadministratie; daarna werkt het inloggen weer.</p>",
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
                "<p>Bovenaan op elke pagina staan bij Tekstgrootte de knoppen A, A+ en A++. Met A+ en A++ wordt "
                "alle tekst groter. Uw keuze blijft bewaard als u naar een andere pagina gaat.</p>",
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
# Screenshots from scripts/screenshots (docs/screenshots/manual/<name>.png) that load_demo
# attaches to a FAQ question (by anchor) and to manual steps (by step title): (file name, alt text).
FAQ_SCREENSHOTS = {
    "hoe-ziet-het-eruit": (
        "startpagina",
        "De startpagina van MijnDossier van Marieke de Boer, met blokken voor rapportages, cliëntplannen, "
        "evaluaties, profiel, zorgovereenkomsten en afspraken, en rechts het menu.",
    ),
}

MANUAL_INTRO = (
    "<p>Deze handleiding laat stap voor stap zien hoe u MijnDossier gebruikt: van het aanvragen van een "
    "account tot het uitloggen. De plaatjes komen uit MijnDossier zelf, met een verzonnen cliënt. U kunt de "
    "handleiding ook downloaden en afdrukken.</p>"
)
MANUAL_VERSION = ("1.0", date(2026, 1, 15))


def _p(*lines):
    return "".join(f"<p>{line}</p>" for line in lines)


# (chapter title, chapter intro, [(step title, step text), ...]). Names of fields, buttons and
# menu items are bold (<b>) and must be spelled as on the screen (tests/e2e/test_manual_screens.py).
MANUAL = [
    (
        "Een account aanvragen",
        _p("Voordat u kunt inloggen, heeft u een eigen account nodig."),
        [
            (
                "Vul het aanvraagformulier in",
                _p(
                    'Ga op deze website naar <a href="/toegang-aanvragen/">Toegang aanvragen</a>. Vul het '
                    "formulier in en klik op <b>Aanvraag versturen</b>."
                ),
            ),
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
            ("Open MijnDossier", _p("Klik bovenaan op deze website op de knop <b>Mijn dossier</b>.")),
            (
                "Vul uw gebruikersnaam en wachtwoord in",
                _p(
                    "Typ bij <b>Gebruikersnaam</b> en <b>Wachtwoord</b> de gegevens uit de welkomstmail. "
                    "Klik daarna op <b>Volgende</b>."
                ),
            ),
            (
                "Vraag een SMS-inlogcode aan",
                _p("Klik op <b>SMS-inlogcode aanvragen</b>. U krijgt een SMS op uw mobiele telefoon."),
            ),
            (
                "Typ de SMS-code over",
                _p(
                    "In de SMS staat een code zoals 1234-567890. Op het scherm staan de eerste vier cijfers al. "
                    "Kloppen die? Typ dan bij <b>SMS-inlogcode (6 cijfers)</b> de laatste zes cijfers en klik op "
                    "<b>Inloggen</b>.",
                    "Elke code werkt maar één keer en maar een paar minuten. Geen SMS gekregen? Klik op "
                    "<b>Geen SMS ontvangen? Nieuwe SMS-inlogcode aanvragen</b>.",
                ),
            ),
        ],
    ),
    (
        "De eerste keer: een eigen wachtwoord kiezen",
        _p(
            "Het wachtwoord uit de welkomstmail werkt maar één keer. Na de SMS-code vraagt MijnDossier u meteen "
            "een eigen wachtwoord te kiezen. Het eenmalige wachtwoord hoeft u niet nog eens te typen."
        ),
        [
            (
                "Kies een nieuw wachtwoord",
                _p(
                    "Typ bij <b>Nieuw wachtwoord</b> een wachtwoord van minstens 12 tekens. Een korte zin van "
                    "losse woorden is sterk en goed te onthouden. Het wachtwoord mag niet alleen uit cijfers "
                    "bestaan, niet op uw naam lijken en geen veelgebruikt wachtwoord zijn. Deze regels staan "
                    "ook op het scherm."
                ),
            ),
            (
                "Typ het nog een keer",
                _p(
                    "Typ hetzelfde wachtwoord bij <b>Nieuw wachtwoord nogmaals</b>. Klik daarna op "
                    "<b>Wachtwoord opslaan</b>."
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
                    "Lees de voorwaarden en klik op <b>Ik ga akkoord met de voorwaarden</b>. Klikt u op "
                    "<b>Ik ga niet akkoord</b>, dan wordt u uitgelogd. Worden de voorwaarden later veranderd, "
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
                _p(
                    "Bovenaan ziet u uw naam, en uw foto als die in uw dossier staat. Daarnaast staat de knop "
                    "<b>Uitloggen</b>."
                ),
            ),
            (
                "Menu",
                _p(
                    "Met het menu gaat u naar een onderdeel: <b>Startpagina</b>, <b>Rapportages</b>, "
                    "<b>Cliëntplanafdrukken</b>, <b>Evaluaties</b>, <b>Profiel</b>, <b>Zorgovereenkomsten</b> en "
                    "<b>Afspraken</b>. Op een computer staat het menu rechts, op een telefoon bovenaan."
                ),
            ),
            (
                "Blokken",
                _p(
                    "Op de startpagina ziet u van elk onderdeel het nieuwste. Met knoppen zoals "
                    "<b>Alle rapportages</b> en <b>Volledig profiel</b> ziet u meer."
                ),
            ),
            (
                "Meer dossiers",
                _p(
                    "Bent u vertegenwoordiger van meer cliënten? Kies bij <b>Dossier van</b> de cliënt en klik op "
                    "<b>Wissel van dossier</b>."
                ),
            ),
        ],
    ),
    (
        "Rapportages lezen",
        _p("Rapportages zijn de aantekeningen die begeleiders over uw dag en uw zorg maken."),
        [
            (
                "Nieuwste eerst",
                _p(
                    "Klik op <b>Rapportages</b>. U ziet de rapportages van de laatste week, de nieuwste bovenaan. "
                    "Bij elke rapportage staan de <b>Afdeling</b>, de <b>Auteur</b> en het <b>Behandeldoel</b>."
                ),
            ),
            (
                "Verder terug lezen",
                _p(
                    "Klik op <b>Laatste maand</b> of <b>Laatste jaar</b>. Of vul bij <b>Vanaf</b> en "
                    "<b>Tot en met</b> zelf een begin- en einddatum in en klik op <b>Toon periode</b>."
                ),
            ),
            (
                "Downloaden",
                _p("Met de knop <b>Download</b> slaat u de rapportages van de gekozen periode op als PDF."),
            ),
        ],
    ),
    (
        "Cliëntplannen bekijken en ondertekenen",
        _p("In het cliëntplan staan uw doelen en de afspraken over uw zorg."),
        [
            (
                "Plan openen",
                _p(
                    "Klik op <b>Cliëntplanafdrukken</b>. Kies <b>Laatste jaar</b>, <b>Laatste twee jaar</b> of "
                    "<b>Allemaal</b>. Met <b>Download</b> opent u een plan als PDF."
                ),
            ),
            (
                "Ondertekenen",
                _p(
                    "Staat er een plan klaar om te tekenen? Klik op <b>Bekijken en ondertekenen</b>. Lees het plan "
                    "goed. Vink <b>Ik heb het cliëntplan gelezen en ga akkoord</b> aan en klik op "
                    "<b>SMS-code aanvragen</b>. Typ de code uit de SMS en klik op <b>Ondertekenen</b>."
                ),
            ),
            (
                "Niet akkoord",
                _p(
                    "Bent u het niet eens met het plan? Schrijf in het vak onder <b>Niet akkoord</b> waarom, en "
                    "klik op <b>Niet akkoord versturen</b>. Uw begeleider neemt dan contact met u op."
                ),
            ),
        ],
    ),
    (
        "Evaluaties",
        _p("Bij een evaluatie kijkt u samen met uw begeleider terug: gaat het zoals afgesproken?"),
        [
            (
                "Evaluaties lezen",
                _p(
                    "Klik op <b>Evaluaties</b>. Kies <b>Dit jaar</b>, <b>Vorig jaar</b> of <b>Allemaal</b>. "
                    "Met <b>Download</b> opent u een evaluatie als PDF."
                ),
            )
        ],
    ),
    (
        "Uw profiel",
        _p("In uw profiel staan uw gegevens zoals De Linde die kent."),
        [
            (
                "Gegevens controleren",
                _p(
                    "Klik op <b>Profiel</b>. Onder <b>Persoonsgegevens</b> en <b>Contactgegevens</b> ziet u uw "
                    "gegevens. Klopt er iets niet? Geef het door aan uw persoonlijk begeleider."
                ),
            ),
            (
                "Wie heeft toegang?",
                _p(
                    "Onder <b>Wie heeft er vandaag toegang tot mijn dossier?</b> ziet u welke vertegenwoordigers "
                    "en begeleiders vandaag uw dossier mogen lezen."
                ),
            ),
        ],
    ),
    (
        "Uw wachtwoord wijzigen",
        _p("Wilt u een ander wachtwoord? Dat kan altijd."),
        [
            (
                "Naar uw account",
                _p(
                    "Klik bovenaan op uw naam en daarna op <b>Wachtwoord wijzigen</b>. Typ bij "
                    "<b>Huidig wachtwoord</b> uw wachtwoord van nu, en twee keer uw nieuwe wachtwoord. "
                    "Klik op <b>Wachtwoord opslaan</b>."
                ),
            ),
        ],
    ),
    (
        "Zorgovereenkomsten",
        _p("De zorgovereenkomst beschrijft welke zorg De Linde u levert."),
        [
            (
                "Overeenkomst bekijken",
                _p(
                    "Klik op <b>Zorgovereenkomsten</b> om uw huidige en eerdere overeenkomsten te zien. Met "
                    "<b>Download</b> opent u een overeenkomst als PDF."
                ),
            )
        ],
    ),
    (
        "Afspraken",
        _p("Hier ziet u uw afspraken met begeleiders en behandelaars."),
        [
            (
                "Agenda bekijken",
                _p(
                    "Klik op <b>Afspraken</b>. Kies <b>Vorige week</b>, <b>Deze week</b> of <b>Volgende week</b>. "
                    "Afspraken kunt u niet downloaden."
                ),
            )
        ],
    ),
    (
        "Uitloggen",
        _p("Log altijd uit als u klaar bent, zeker op een computer die ook anderen gebruiken."),
        [
            ("Klik op Uitloggen", _p("De knop <b>Uitloggen</b> staat bovenaan op elke pagina van uw dossier.")),
            (
                "Automatisch uitloggen",
                _p("Doet u een kwartier niets, dan wordt u automatisch uitgelogd. Uw gegevens blijven dan veilig."),
            ),
        ],
    ),
]
MANUAL_SCREENSHOTS = {
    "Vul het aanvraagformulier in": ("aanvraagformulier", "Het aanvraagformulier voor toegang tot MijnDossier."),
    "Open MijnDossier": ("website", "De website van MijnDossier met bovenaan de knop Mijn dossier."),
    "Vul uw gebruikersnaam en wachtwoord in": (
        "inloggen",
        "Het inlogscherm met de velden Gebruikersnaam en Wachtwoord en de knop Volgende.",
    ),
    "Vraag een SMS-inlogcode aan": ("sms-aanvragen", "Stap 2 van het inloggen met de knop SMS-inlogcode aanvragen."),
    "Typ de SMS-code over": (
        "sms-code",
        "Het veld SMS-inlogcode met ervoor de eerste vier cijfers van de code, en de knop Inloggen.",
    ),
    "Kies een nieuw wachtwoord": (
        "eigen-wachtwoord",
        "Het scherm Kies uw eigen wachtwoord met de regels voor het wachtwoord en twee velden.",
    ),
    "Lees en ga akkoord": ("voorwaarden", "De gebruikersvoorwaarden met de knop Ik ga akkoord met de voorwaarden."),
    "Bovenbalk": FAQ_SCREENSHOTS["hoe-ziet-het-eruit"],
    "Nieuwste eerst": ("rapportages", "Het scherm Rapportages met de keuze voor de periode en de eerste rapportage."),
    "Plan openen": ("clientplannen", "Het scherm Cliëntplanafdrukken met de plannen en hun knop Download."),
    "Ondertekenen": ("ondertekenen", "Een cliëntplan dat klaarstaat om te ondertekenen, met het vinkje en de knop."),
    "Gegevens controleren": ("profiel", "Het scherm Mijn profiel met de persoonsgegevens en contactgegevens."),
}

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
