from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from dossier.factories import make_appointment

URL = "/mijn-dossier/afspraken/"


@pytest.fixture
def appointments(personas):
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    created = {}
    for name, day in [("vorige", monday - timedelta(days=3)), ("deze", monday + timedelta(days=2))]:
        created[name] = make_appointment(personas.client_a, title=f"afspraak-{name}", starts_at=_at(day))
    created["volgende"] = make_appointment(
        personas.client_a, title="afspraak-volgende", starts_at=_at(monday + timedelta(days=7))
    )
    return created


def _at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _shown(response):
    return {name for name in ("vorige", "deze", "volgende") if f"afspraak-{name}" in response.content.decode()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?periode=vorige-week", {"vorige"}),
        ("?periode=deze-week", {"deze"}),
        ("", {"deze"}),
        ("?periode=volgende-week", {"volgende"}),
    ],
)
def test_each_appointment_period_shows_the_appointments_of_that_week(anna, appointments, query, expected):
    assert _shown(anna.get(URL + query)) == expected


def test_a_chosen_period_shows_the_appointments_between_its_dates(anna, appointments):
    start = appointments["vorige"].starts_at.date()
    end = appointments["volgende"].starts_at.date()
    response = anna.get(URL, {"periode": "kiezen", "van": start.isoformat(), "tot": end.isoformat()})
    assert _shown(response) == {"vorige", "deze", "volgende"}


def test_appointments_cannot_be_downloaded(anna, appointments):
    body = anna.get(URL).content.decode()
    assert "/download/" not in body
    assert anna.get(URL + "download/").status_code == 404


def test_the_dashboard_shows_todays_and_tomorrows_appointments(anna, personas):
    today = timezone.localdate()
    make_appointment(personas.client_a, title="afspraak-vandaag", starts_at=_at(today, 15))
    make_appointment(personas.client_a, title="afspraak-morgen", starts_at=_at(today + timedelta(days=1)))
    make_appointment(personas.client_a, title="afspraak-overmorgen", starts_at=_at(today + timedelta(days=2)))
    body = anna.get("/mijn-dossier/").content.decode()
    assert "afspraak-vandaag" in body
    assert "afspraak-morgen" in body
    assert "afspraak-overmorgen" not in body
