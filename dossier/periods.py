"""The period choices of the dossier sections: fixed presets plus "Periode kiezen".

Each section declares a `PeriodSpec` listing its choices (as in the user manual);
a chosen preset becomes a `Period` with inclusive start and end dates (None =
open-ended), which the querysets' `in_period(start, end)` take. The form that
reads them from the query string is `dossier_pages.periods.PeriodForm`.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CHOSEN = "kiezen"
MAX_CHOSEN_DAYS = 5 * 366
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


def months_ago(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def last_days(days):
    return lambda today: (today - timedelta(days=days - 1), today)


def last_months(months):
    return lambda today: (months_ago(today, months) + timedelta(days=1), today)


def week(offset):
    def bounds(today):
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=6)

    return bounds


def calendar_year(offset):
    return lambda today: (date(today.year + offset, 1, 1), date(today.year + offset, 12, 31))


def everything(today):
    return None, None


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: date | None
    end: date | None

    @property
    def description(self) -> str:
        if self.start and self.end:
            return _("%(start)s t/m %(end)s") % {
                "start": date_format(self.start, "j F Y"),
                "end": date_format(self.end, "j F Y"),
            }
        if self.start:
            return _("vanaf %(start)s") % {"start": date_format(self.start, "j F Y")}
        if self.end:
            return _("tot en met %(end)s") % {"end": date_format(self.end, "j F Y")}
        return _("alle perioden")

    def slug(self) -> str:
        """For file names: 2026-01-01-2026-03-31, or 'alles'."""
        if not (self.start or self.end):
            return "alles"
        return "-".join(d.isoformat() for d in (self.start, self.end) if d)


@dataclass(frozen=True)
class PeriodSpec:
    presets: list = field(default_factory=list)  # (key, label, bounds(today) -> (start, end))
    default: str = ""
    allow_chosen: bool = True

    def choices(self):
        choices = [(key, label) for key, label, _bounds in self.presets]
        if self.allow_chosen:
            choices.append((CHOSEN, gettext_lazy("Periode kiezen")))
        return choices

    def preset(self, key, today=None) -> Period:
        today = today or timezone.localdate()
        for preset_key, label, bounds in self.presets:
            if preset_key == key:
                start, end = bounds(today)
                return Period(key, str(label), start, end)
        raise KeyError(key)


LAST_WEEK = ("week", gettext_lazy("Laatste week"), last_days(7))
LAST_MONTH = ("maand", gettext_lazy("Laatste maand"), last_months(1))
LAST_YEAR = ("jaar", gettext_lazy("Laatste jaar"), last_months(12))
ALL = ("alles", gettext_lazy("Allemaal"), everything)

REPORTS = PeriodSpec([LAST_WEEK, LAST_MONTH, LAST_YEAR], default="week")
PLANS = PeriodSpec(
    [LAST_YEAR, ("twee-jaar", gettext_lazy("Laatste twee jaar"), last_months(24)), ALL],
    default="alles",
    allow_chosen=False,
)
EVALUATIONS = PeriodSpec(
    [
        ("dit-jaar", gettext_lazy("Dit jaar"), calendar_year(0)),
        ("vorig-jaar", gettext_lazy("Vorig jaar"), calendar_year(-1)),
        ALL,
    ],
    default="alles",
    allow_chosen=False,
)
AGREEMENTS = PeriodSpec([LAST_WEEK, LAST_MONTH, LAST_YEAR], default="jaar")
APPOINTMENTS = PeriodSpec(
    [
        ("vorige-week", gettext_lazy("Vorige week"), week(-1)),
        ("deze-week", gettext_lazy("Deze week"), week(0)),
        ("volgende-week", gettext_lazy("Volgende week"), week(1)),
    ],
    default="deze-week",
)
ACCESS_LOG = PeriodSpec([LAST_WEEK, LAST_MONTH, LAST_YEAR], default="maand")
