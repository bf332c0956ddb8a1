"""Shared test personas and helpers, after STYLE.md §7.

Personas (all with mobile numbers and e-mail):
- anna:   client, reads her own dossier (client A)
- ben:    legal representative of two clients (A and B)
- carla:  client of another dossier (client C)
- dirk:   care worker (Zorgmedewerker) in team "De Linde" (clients A and B)
- eva:    communication editor (Communicatie)
- frank:  privacy officer (Privacy/juridisch)
- gerrit: administrator (Beheerder) who is not a superuser: he may what the
          role's permissions say (backoffice/roles.py), nothing more

All of them accepted the terms of use in force (`Personas.terms`, an old
version under the root page, so terms a test publishes itself are newer and
current): without live, accepted terms no dossier opens.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from two_factor.plugins.phonenumber.models import PhoneDevice

from dossier.models import CareTeamMembership, Client, DossierAccess, RelationshipType, Team

PASSWORD = "correct horse battery staple"


def make_user(username, *, first_name="", last_name="", mobile="+31612345678", is_staff=False, **extra):
    User = get_user_model()
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.org",
        first_name=first_name or username.capitalize(),
        last_name=last_name,
        mobile_number=mobile,
        is_staff=is_staff,
        **extra,
    )
    PhoneDevice.objects.create(user=user, name="default", number=mobile, method="sms", confirmed=True)
    return user


def make_client(number, first_name, last_name, team, **extra):
    return Client.objects.create(
        client_number=number,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=extra.pop("date_of_birth", date(1950, 5, 17)),
        team=team,
        **extra,
    )


def grant(user, client, role=RelationshipType.SELF, *, valid_from=None, valid_until=None):
    return DossierAccess.objects.create(
        user=user,
        client=client,
        relationship=role,
        valid_from=valid_from or timezone.localdate() - timedelta(days=365),
        valid_until=valid_until,
    )


def publish_baseline_terms():
    from wagtail.models import Page

    from terms.models import TermsPage

    # A transactional test starts from an empty database, without Wagtail's root page.
    root = Page.get_first_root_node()
    if root is None:
        from django.conf import settings
        from wagtail.models import Locale

        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.add_root(title="Root", slug="root")
    terms = root.add_child(
        instance=TermsPage(
            title="Gebruikersvoorwaarden (basis)",
            slug="gebruikersvoorwaarden-basis",
            version="0.1",
            effective_date=date(2000, 1, 1),
            body="<p>De voorwaarden die alle persona's hebben geaccepteerd.</p>",
        )
    )
    terms.save_revision().publish()
    terms.refresh_from_db()
    return terms


def use_demo_organisation():
    """The default site belongs to the demo's Zorggroep De Linde, as after load_demo (no site: nothing to fill)."""
    from wagtail.models import Site

    from demo.public_content import ORGANISATION
    from home.organisation import OrganisationSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        OrganisationSettings.objects.update_or_create(site=site, defaults=ORGANISATION)


def add_to_group(user, name):
    """Staff roles are groups created by backoffice.roles after migrate (see backoffice/signals.py)."""
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get_or_create(name=name)[0])


def login_verified(django_client, user):
    """Log in as if the full two-factor flow had run (password + SMS code)."""
    django_client.force_login(user)
    device = PhoneDevice.objects.filter(user=user).first()
    session = django_client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return django_client


class Personas:
    """Container so tests can write `personas.anna`, `personas.client_a`, ..."""

    def __init__(self):
        use_demo_organisation()
        self.team = Team.objects.create(name="De Linde", location="Lindelaan 4, Zonnedal")
        self.other_team = Team.objects.create(name="Het Anker", location="Havenweg 12, Zonnedal")
        self.dirk = make_user("dirk", first_name="Dirk", last_name="de Vries", mobile="+31611111111", is_staff=True)
        self.team.members.add(self.dirk)
        self.client_a = make_client("100001", "Anna", "Jansen", self.team, personal_counsellor=self.dirk)
        self.client_b = make_client("100002", "Bram", "Bakker", self.team)
        self.client_c = make_client("200001", "Carla", "Smit", self.other_team)
        self.anna = make_user("anna", first_name="Anna", last_name="Jansen", mobile="+31622222222")
        self.ben = make_user("ben", first_name="Ben", last_name="Bakker", mobile="+31633333333")
        self.carla = make_user("carla", first_name="Carla", last_name="Smit", mobile="+31644444444")
        self.eva = make_user("eva", first_name="Eva", last_name="Mulder", mobile="+31655555555", is_staff=True)
        self.frank = make_user("frank", first_name="Frank", last_name="Visser", mobile="+31666666666", is_staff=True)
        add_to_group(self.dirk, "Zorgmedewerker")
        add_to_group(self.eva, "Communicatie")
        self.gerrit = make_user(
            "gerrit", first_name="Gerrit", last_name="Kok", mobile="+31687654321", is_staff=True, is_superuser=False
        )
        add_to_group(self.frank, "Privacy/juridisch")
        add_to_group(self.gerrit, "Beheerder")
        grant(self.anna, self.client_a, RelationshipType.SELF)
        grant(self.ben, self.client_a, RelationshipType.MENTOR)
        grant(self.ben, self.client_b, RelationshipType.MENTOR)
        grant(self.carla, self.client_c, RelationshipType.SELF)
        from terms.acceptance import accept_current_terms

        self.terms = publish_baseline_terms()
        for user in (self.anna, self.ben, self.carla, self.dirk, self.eva, self.frank, self.gerrit):
            accept_current_terms(user)
        CareTeamMembership.objects.create(
            staff_member=self.dirk,
            client=self.client_a,
            role="Persoonlijk begeleider",
            valid_from=timezone.localdate() - timedelta(days=30),
        )
