"""The demo staff accounts: one per role, loaded idempotently after the dossier demo."""

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from two_factor.plugins.phonenumber.models import PhoneDevice

from demo import dossier, staff
from dossier.models import Client, Team

User = get_user_model()


@pytest.fixture
def demo_staff(db):
    dossier.load(io.StringIO())
    staff.load(io.StringIO())


def snapshot():
    return sorted(
        User.objects.filter(username__in=staff.STAFF).values_list(
            "username", "password", "is_staff", "is_superuser", "groups__name", "mobile_number"
        )
    ), PhoneDevice.objects.count()


def test_every_role_has_a_demo_account_that_can_log_in(demo_staff):
    for username, (_first, _last, _mobile, group, _superuser) in staff.STAFF.items():
        user = User.objects.get(username=username)
        assert user.check_password(staff.PASSWORD), username
        assert user.is_staff and user.groups.filter(name=group).exists()
        assert PhoneDevice.objects.filter(user=user, name="default", method="sms", confirmed=True).exists()
        assert not user.password_change_required


def test_only_the_beheerder_is_a_superuser(demo_staff):
    superusers = User.objects.filter(username__in=staff.STAFF, is_superuser=True)
    assert list(superusers.values_list("username", flat=True)) == ["beheerder"]


def test_the_demo_care_worker_manages_the_clients_of_team_de_linde(demo_staff):
    zorgmedewerker = User.objects.get(username="zorgmedewerker")
    assert Team.objects.get(name="Team De Linde").members.filter(pk=zorgmedewerker.pk).exists()
    numbers = set(Client.objects.managed_by(zorgmedewerker).values_list("client_number", flat=True))
    assert {"10001", "10002", "10003", "10004"} == numbers


def test_the_readme_names_exactly_the_clients_the_demo_care_worker_manages(demo_staff):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    row = next(line for line in readme.splitlines() if line.startswith("| `zorgmedewerker` |"))
    first, last = re.search(r"clients (\d+)–(\d+)", row).groups()
    in_readme = {str(n) for n in range(int(first), int(last) + 1)}
    zorgmedewerker = User.objects.get(username="zorgmedewerker")
    assert in_readme == set(Client.objects.managed_by(zorgmedewerker).values_list("client_number", flat=True))


def test_running_the_staff_loader_twice_changes_nothing(demo_staff):
    before = snapshot()
    staff.load(io.StringIO())
    assert snapshot() == before
