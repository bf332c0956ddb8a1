"""Demo staff accounts, one per role, after the roles themselves (backoffice.roles).

Idempotent: users are looked up by username. The dossier loader may already
have created `zorgmedewerker` as a care-team member without a password; this
loader then only adds the password, role and device. Development only: the
passwords are published in the README.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from two_factor.plugins.phonenumber.models import PhoneDevice

from backoffice import roles
from dossier.models import Team

PASSWORD = "DeLinde-demo-2026"  # noqa: S105 -- published development credentials (README)

# username: (first name, last name, mobile, group, superuser)
STAFF = {
    "beheerder": ("Bas", "Beheer", "+31600000011", roles.BEHEERDER, True),
    "communicatie": ("Carmen", "de Wit", "+31600000012", roles.COMMUNICATIE, False),
    "privacy": ("Pieter", "Smits", "+31600000013", roles.PRIVACY, False),
    "zorgmedewerker": ("Lotte", "Vermeulen", "+31600000014", roles.ZORGMEDEWERKER, False),
}
CARE_TEAM = "Team De Linde"


def load(stdout):
    roles.setup_roles()
    User = get_user_model()
    for username, (first, last, mobile, group, superuser) in STAFF.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@zorggroep-de-linde.example",
                "mobile_number": mobile,
                "is_staff": True,
                "is_superuser": superuser,
            },
        )
        changed = []
        if created or not user.has_usable_password():
            user.set_password(PASSWORD)
            changed.append("password")
        for field, value in (("is_staff", True), ("is_superuser", superuser), ("password_change_required", False)):
            if getattr(user, field) != value:
                setattr(user, field, value)
                changed.append(field)
        if not user.mobile_number:
            user.mobile_number = mobile
            changed.append("mobile_number")
        if not user.email:
            user.email = f"{username}@zorggroep-de-linde.example"
            changed.append("email")
        if changed:
            user.save(update_fields=changed)
        user.groups.add(Group.objects.get(name=group))
        PhoneDevice.objects.get_or_create(
            user=user,
            name="default",
            defaults={"number": user.mobile_number, "method": "sms", "confirmed": True},
        )
        if group == roles.ZORGMEDEWERKER:
            team, _ = Team.objects.get_or_create(name=CARE_TEAM, defaults={"location": "Lindelaan 4-6, Zonnedal"})
            team.members.add(user)
        if created or changed:
            stdout.write(f"staff: {username} ({group}) ready")
    stdout.write("staff: beheerder, communicatie, privacy, zorgmedewerker")
