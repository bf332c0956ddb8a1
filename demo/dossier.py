"""Demo dossiers for Zorggroep De Linde: four clients, their portal accounts and a year of data.

Idempotent: everything is looked up by a natural key (client number, username,
external id) before it is created, and report texts come from an RNG seeded
with the client number and the date, so a rerun on the same day changes nothing.
Dates are anchored on the day of loading.
"""

import io
import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from two_factor.plugins.phonenumber.models import PhoneDevice

from dossier.models import (
    Appointment,
    CareAgreement,
    CareTeamMembership,
    Client,
    ClientPlan,
    DossierAccess,
    Evaluation,
    PlanStatus,
    RelationshipType,
    Report,
    Team,
)
from dossier.relationships import BasisKind

SOURCE = "demo"
PASSWORD = "DeLinde-demo-2026"  # noqa: S105 -- published development credentials (README)
ONE_TIME_PASSWORD = "Eenmalig-2026-demo"  # noqa: S105
DAYS_OF_REPORTS = 365

CLIENTS = [
    {
        "client_number": "10001",
        "first_name": "Marieke",
        "last_name": "de Boer",
        "date_of_birth": (1968, 4, 12),
        "street": "Lindelaan 4",
        "postal_code": "7411 AB",
        "city": "Zonnedal",
        "phone": "0570 123 401",
        "email": "marieke.deboer@voorbeeld.example",
        "colour": (46, 125, 110),
        "goals": ["Zelfstandig boodschappen doen", "Dagritme vasthouden", "Contact met familie onderhouden"],
    },
    {
        "client_number": "10002",
        "first_name": "Truus",
        "last_name": "Hendriks",
        "date_of_birth": (1941, 9, 3),
        "street": "Lindelaan 6, kamer 12",
        "postal_code": "7411 AB",
        "city": "Zonnedal",
        "phone": "0570 123 402",
        "email": "",
        "colour": (120, 72, 140),
        "goals": ["Veilig bewegen in huis", "Voldoende drinken", "Plezier in de dag"],
    },
    {
        "client_number": "10003",
        "first_name": "Kees",
        "last_name": "Hendriks",
        "date_of_birth": (1938, 1, 27),
        "street": "Lindelaan 6, kamer 14",
        "postal_code": "7411 AB",
        "city": "Zonnedal",
        "phone": "0570 123 403",
        "email": "",
        "colour": (40, 90, 160),
        "goals": ["Rust bij de avondzorg", "Wandelen met begeleiding", "Medicatie op tijd"],
    },
    {
        "client_number": "10004",
        "first_name": "Sanne",
        "last_name": "Visser",
        "date_of_birth": (1995, 7, 19),
        "street": "Beukenhof 21",
        "postal_code": "7412 CD",
        "city": "Zonnedal",
        "phone": "06 00000004",
        "email": "sanne.visser@voorbeeld.example",
        "colour": (170, 90, 40),
        "goals": ["Werkritme opbouwen", "Eigen financiën overzien", "Sociale contacten uitbreiden"],
    },
]

# username: (first, last, mobile, must change password, [(client number, role)])
PORTAL_ACCOUNTS = {
    "marieke": ("Marieke", "de Boer", "+31600000001", False, [("10001", RelationshipType.SELF)]),
    "henk": (
        "Henk",
        "Hendriks",
        "+31600000002",
        False,
        [("10002", RelationshipType.MENTOR), ("10003", RelationshipType.MENTOR)],
    ),
    "sanne": ("Sanne", "Visser", "+31600000004", True, [("10004", RelationshipType.SELF)]),
}

# The evidence each demo grant rests on (a mentor's is a court decision; the reference is made up).
DEMO_BASIS = {
    RelationshipType.SELF: {"basis_kind": BasisKind.OWN_DOSSIER},
    RelationshipType.MENTOR: {"basis_kind": BasisKind.COURT_DECISION, "basis_reference": "C/16/512345 / FA RK 25-1234"},
}

# Care-team staff, created as display persons without a password when the staff loader has not made them.
CARE_TEAM = [
    ("zorgmedewerker", "Lotte", "Vermeulen", "Persoonlijk begeleider"),
    ("demo-gedragsdeskundige", "Ruben", "Kuipers", "Gedragsdeskundige"),
]

DEPARTMENTS = ["Wonen De Linde", "Dagbesteding Het Atelier", "Nachtdienst De Linde"]
AUTHORS = ["Lotte Vermeulen", "Ruben Kuipers", "Femke de Graaf", "Youssef Amrani", "Ilse Brouwer"]
OPENINGS = [
    "{name} was vanochtend op tijd wakker en had zin in de dag.",
    "{name} sliep wat onrustig en kwam langzaam op gang.",
    "Bij het ontbijt was {name} vrolijk en praatte honderduit.",
    "{name} begon de dag rustig met een kop thee in de huiskamer.",
    "De ochtendzorg verliep vlot; {name} deed veel zelf.",
]
MIDDLES = [
    "In de middag hebben we samen een wandeling naar het park gemaakt.",
    "{name} heeft met plezier meegedaan aan de kookgroep.",
    "Er is samen boodschappen gedaan; het lijstje had {name} zelf gemaakt.",
    "{name} heeft een tijd geschilderd in het atelier.",
    "Vanmiddag kwam familie op bezoek, dat werd zichtbaar gewaardeerd.",
    "We hebben samen de weekplanning doorgenomen.",
    "{name} heeft geholpen met de was opvouwen.",
    "Na de lunch heeft {name} een uur gerust op de eigen kamer.",
]
MOODS = [
    "De stemming was de hele dag goed.",
    "Aan het eind van de middag was {name} wat moe.",
    "{name} gaf aan tevreden te zijn over de dag.",
    "Er was even spanning rond het avondeten; na een gesprek ging het weer goed.",
    "{name} heeft voldoende gegeten en gedronken.",
]
CLOSINGS = [
    "Geen bijzonderheden voor de volgende dienst.",
    "Graag morgen nog even vragen hoe de nacht was.",
    "Afspraak met de huisarts staat in de agenda.",
    "Het doel van deze week is besproken en blijft staan.",
    "",
]
EVENING_TEXTS = [
    "Rustige avond. {name} heeft televisie gekeken en is rond half elf naar bed gegaan.",
    "{name} had 's avonds behoefte aan een praatje; daar is tijd voor genomen.",
    "Avond verliep volgens planning, medicatie is op tijd ingenomen.",
]
APPOINTMENTS = [
    ("Gesprek met persoonlijk begeleider", "Kantoor De Linde", "Lotte Vermeulen"),
    ("Fysiotherapie", "Praktijk Zonnedal, Kerkstraat 8", "fysiotherapeut"),
    ("Huisarts", "Gezondheidscentrum Zonnedal", "huisarts"),
    ("Dagbesteding: creatieve middag", "Het Atelier", "begeleiding dagbesteding"),
    ("Boodschappen doen", "Winkelcentrum Zonnedal", "Femke de Graaf"),
    ("Bezoek familie", "Huiskamer De Linde", ""),
]


def load(stdout):
    today = timezone.localdate()
    team, _created = Team.objects.get_or_create(name="Team De Linde", defaults={"location": "Lindelaan 4-6, Zonnedal"})
    staff = _care_team(team)
    clients = [_client(data, team, staff[0]) for data in CLIENTS]
    for client, data in zip(clients, CLIENTS, strict=True):
        _memberships(client, staff, today)
        created = _reports(client, data, today)
        _plans_evaluations_agreements(client, today)
        _appointments(client, today)
        _photo(client, data)
        stdout.write(f"dossier {client.client_number}: {created} new reports")
    by_number = {c.client_number: c for c in clients}
    for username, account in PORTAL_ACCOUNTS.items():
        _portal_account(username, account, by_number, today)
    _dossier_page()
    stdout.write("dossiers: 4 clients, accounts marieke, henk, sanne")


def _care_team(team):
    User = get_user_model()
    staff = []
    for username, first, last, _role in CARE_TEAM:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last, "is_staff": True}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        team.members.add(user)
        staff.append(user)
    return staff


def _client(data, team, counsellor):
    year, month, day = data["date_of_birth"]
    fields = {k: data[k] for k in ("first_name", "last_name", "street", "postal_code", "city", "phone", "email")}
    client, _created = Client.objects.get_or_create(
        client_number=data["client_number"],
        defaults={
            **fields,
            "date_of_birth": datetime(year, month, day).date(),
            "team": team,
            "personal_counsellor": counsellor,
            "external_source": SOURCE,
        },
    )
    return client


def _memberships(client, staff, today):
    for user, (_username, _first, _last, role) in zip(staff, CARE_TEAM, strict=True):
        CareTeamMembership.objects.get_or_create(
            client=client,
            external_id=f"demo-team-{client.client_number}-{user.username}",
            defaults={"staff_member": user, "role": role, "valid_from": today - timedelta(days=2 * 365)},
        )


def _aware(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _report_text(rng, name):
    parts = [rng.choice(OPENINGS), rng.choice(MIDDLES), rng.choice(MOODS), rng.choice(CLOSINGS)]
    return " ".join(p.format(name=name) for p in parts if p)


def _reports(client, data, today):
    existing = set(Report.objects.filter(client=client, external_source=SOURCE).values_list("external_id", flat=True))
    # No report is written in the future: today's are dated at the latest a quarter of an hour ago (still today).
    start_of_today = _aware(today, 0)
    latest = max(start_of_today, timezone.now() - timedelta(minutes=15))
    new = []
    for offset in range(DAYS_OF_REPORTS):
        day = today - timedelta(days=offset)
        rng = random.Random(f"{client.client_number}-{day.isoformat()}")
        external_id = f"demo-report-{client.client_number}-{day.isoformat()}"
        entries = [(external_id, _aware(day, rng.randint(13, 16), rng.choice([0, 15, 30, 45])), 0)]
        if rng.random() < 0.3:
            entries.append((f"{external_id}-avond", _aware(day, 22, rng.choice([0, 30])), 2))
        for ext_id, planned_at, department in entries:
            if ext_id in existing:
                continue
            written_at = min(planned_at, latest)
            evening = ext_id.endswith("-avond")
            text = rng.choice(EVENING_TEXTS) if evening else _report_text(rng, client.first_name)
            new.append(
                Report(
                    client=client,
                    external_source=SOURCE,
                    external_id=ext_id,
                    written_at=written_at,
                    department=DEPARTMENTS[department] if evening else rng.choice(DEPARTMENTS[:2]),
                    author_name=rng.choice(AUTHORS),
                    treatment_goal=rng.choice(data["goals"] + [""]),
                    text=text.format(name=client.first_name),
                )
            )
    Report.objects.bulk_create(new, batch_size=500)
    return len(new)


def _record(model, external_id, **fields):
    obj, _created = model.objects.get_or_create(external_source=SOURCE, external_id=external_id, defaults=fields)
    return obj


def _plans_evaluations_agreements(client, today):
    number, name = client.client_number, client.first_name
    year_ago, two_years_ago = today - timedelta(days=365), today - timedelta(days=730)
    old_plan = _record(
        ClientPlan,
        f"demo-plan-{number}-v1",
        client=client,
        title="Cliëntplan",
        version=1,
        period_start=two_years_ago,
        period_end=year_ago - timedelta(days=1),
        status=PlanStatus.SIGNED,
        signed_at=_aware(two_years_ago + timedelta(days=10), 10, 30),
        content=(
            f"Wie is {name}?\n{name} woont bij Zorggroep De Linde en houdt van structuur en gezelligheid.\n\n"
            "Doelen\n1. Een vast dagritme met ruimte voor rust.\n2. Wekelijks contact met familie.\n\n"
            "Afspraken\nDe persoonlijk begeleider bespreekt het plan elk half jaar."
        ),
    )
    signed_plan = _record(
        ClientPlan,
        f"demo-plan-{number}-v2",
        client=client,
        title="Cliëntplan",
        version=2,
        period_start=year_ago,
        period_end=None,
        status=PlanStatus.SIGNED,
        signed_at=_aware(year_ago + timedelta(days=14), 14, 0),
        content=(
            f"Wie is {name}?\n{name} is het afgelopen jaar gegroeid in zelfstandigheid.\n\n"
            "Doelen\n1. Meer taken in huis zelf doen.\n2. Deelnemen aan een activiteit buiten De Linde.\n\n"
            "Afspraken\nElke maand een gesprek met de persoonlijk begeleider over de voortgang."
        ),
    )
    _record(
        ClientPlan,
        f"demo-plan-{number}-v3",
        client=client,
        title="Cliëntplan",
        version=3,
        period_start=today - timedelta(days=14),
        period_end=None,
        status=PlanStatus.FINAL,
        content=(
            f"Bijgesteld plan voor {name} na de evaluatie.\n\n"
            "Doelen\n1. De doelen van versie 2 lopen door.\n2. Oefenen met plannen in de eigen agenda."
        ),
    )
    _record(
        ClientPlan,
        f"demo-plan-{number}-v4-concept",
        client=client,
        title="Cliëntplan (concept)",
        version=4,
        period_start=today,
        status=PlanStatus.DRAFT,
        content="Concept, alleen zichtbaar voor het zorgteam.",
    )
    _record(
        Evaluation,
        f"demo-evaluation-{number}-1",
        client=client,
        plan=old_plan,
        evaluated_on=year_ago - timedelta(days=20),
        title="Evaluatie cliëntplan",
        content=f"De doelen van het eerste plan zijn grotendeels gehaald. {name} wil graag meer zelf doen.",
    )
    _record(
        Evaluation,
        f"demo-evaluation-{number}-2",
        client=client,
        plan=signed_plan,
        evaluated_on=today - timedelta(days=21),
        title="Evaluatie cliëntplan",
        content=(
            f"Samen met {name} en het netwerk is het plan besproken. Het dagritme is stabiel; "
            "plannen in de agenda blijft een aandachtspunt en komt in de nieuwe versie."
        ),
    )
    _record(
        CareAgreement,
        f"demo-agreement-{number}-1",
        client=client,
        product="Wonen met begeleiding (Wlz)",
        period_start=two_years_ago,
        period_end=year_ago - timedelta(days=1),
        signed_on=two_years_ago + timedelta(days=3),
        content="Zorg en begeleiding in een groepswoning van De Linde.",
    )
    _record(
        CareAgreement,
        f"demo-agreement-{number}-2",
        client=client,
        product="Wonen met intensieve begeleiding (Wlz)",
        period_start=year_ago,
        period_end=None,
        signed_on=year_ago + timedelta(days=2),
        content="Zorg en begeleiding in een groepswoning, met dagbesteding in Het Atelier.",
    )


def _appointments(client, today):
    for offset in range(-10, 15):
        day = today + timedelta(days=offset)
        rng = random.Random(f"appointment-{client.client_number}-{day.isoformat()}")
        if offset not in (0, 1) and rng.random() < 0.5:
            continue
        title, location, with_whom = rng.choice(APPOINTMENTS)
        starts_at = _aware(day, rng.randint(9, 16), rng.choice([0, 30]))
        _record(
            Appointment,
            f"demo-appointment-{client.client_number}-{day.isoformat()}",
            client=client,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=rng.choice([30, 45, 60, 90])),
            title=title,
            location=location,
            with_whom=with_whom,
        )


def _photo(client, data):
    """A plain avatar (coloured square with initials), stored in private storage."""
    if client.photo:
        return
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 240), data["colour"])
    draw = ImageDraw.Draw(image)
    initials = client.first_name[0] + client.last_name.split()[-1][0]
    draw.ellipse((40, 40, 200, 200), fill=(255, 255, 255))
    draw.text((120, 120), initials, fill=data["colour"], anchor="mm", font_size=72)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    client.photo.save(f"{client.client_number}.png", ContentFile(buffer.getvalue()), save=True)


def _portal_account(username, account, clients, today):
    first, last, mobile, one_time, grants = account
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@voorbeeld.example",
            "mobile_number": mobile,
            "password_change_required": one_time,
        },
    )
    if created:
        user.set_password(ONE_TIME_PASSWORD if one_time else PASSWORD)
        if one_time:
            user.one_time_password_expires_at = timezone.now() + timedelta(days=14)
        user.save()
    PhoneDevice.objects.get_or_create(
        user=user, name="default", defaults={"number": mobile, "method": "sms", "confirmed": True}
    )
    for number, role in grants:
        DossierAccess.objects.get_or_create(
            user=user,
            client=clients[number],
            relationship=role,
            defaults={"valid_from": today - timedelta(days=365), **DEMO_BASIS[role]},
        )


def _dossier_page():
    from wagtail.models import Site

    from dossier_pages.models import DossierPage
    from home.models import HomePage

    if DossierPage.objects.exists():
        return
    parent = HomePage.objects.first()
    if parent is None:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return
        parent = site.root_page
    parent.add_child(
        instance=DossierPage(
            title="Mijn dossier",
            slug="mijn-dossier",
            intro_dashboard="<p>Welkom in MijnDossier. Hier leest u wat er in uw dossier bij De Linde staat.</p>",
            intro_reports="<p>De rapportages die het team over u schrijft. Kies een periode of download een PDF.</p>",
            intro_plans="<p>Uw cliëntplannen. Een plan dat klaarstaat voor uw handtekening ziet u bovenaan.</p>",
            intro_evaluations="<p>De verslagen van de evaluaties van uw cliëntplan.</p>",
            intro_profile="<p>Uw gegevens en wie er toegang heeft tot uw dossier. Klopt er iets niet? "
            "Laat het uw persoonlijk begeleider weten.</p>",
            intro_agreements="<p>Uw zorgovereenkomsten: welke zorg u krijgt en vanaf wanneer.</p>",
            intro_appointments="<p>De afspraken uit de agenda van uw team. Afspraken kunt u niet downloaden.</p>",
        )
    )
