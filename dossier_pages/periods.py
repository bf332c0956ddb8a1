"""The period filters of the dossier sections: fixed choices plus "Periode kiezen".

Each section has a `PeriodSpec` listing its choices (as in the user manual).
`PeriodForm` reads them from the query string and turns them into a `Period`
with inclusive start and end dates (None = open-ended).
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lib.widgets import DateInput

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


class PeriodForm(forms.Form):
    periode = forms.ChoiceField(label=gettext_lazy("Periode"), required=False)
    van = forms.DateField(
        label=gettext_lazy("Vanaf"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": gettext_lazy("Vul een geldige datum in, bijvoorbeeld 2026-01-31.")},
    )
    tot = forms.DateField(
        label=gettext_lazy("Tot en met"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": gettext_lazy("Vul een geldige datum in, bijvoorbeeld 2026-03-31.")},
    )

    def __init__(self, spec: PeriodSpec, data=None, today=None):
        self.spec = spec
        self.today = today or timezone.localdate()
        data = data if data is not None else {}
        super().__init__(data if data.get("periode") else None)
        self.fields["periode"].choices = spec.choices()
        self.fields["periode"].error_messages["invalid_choice"] = _("Kies een van de perioden uit de lijst.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("periode") != CHOSEN:
            return cleaned
        start, end = cleaned.get("van"), cleaned.get("tot")
        if self.errors:
            return cleaned
        if start is None:
            self.add_error("van", _("Vul de begindatum van de periode in."))
        if end is None:
            self.add_error("tot", _("Vul de einddatum van de periode in."))
        if start is None or end is None:
            return cleaned
        if not (EARLIEST <= start <= LATEST and EARLIEST <= end <= LATEST):
            raise forms.ValidationError(_("Kies datums tussen 1900 en 2100."))
        if start > end:
            raise forms.ValidationError(_("De begindatum ligt na de einddatum. Draai de datums om."))
        if (end - start).days > MAX_CHOSEN_DAYS:
            raise forms.ValidationError(_("Kies een periode van hoogstens vijf jaar."))
        return cleaned

    @property
    def period(self) -> Period | None:
        """The selected period, the default one for an unbound form, or None when the input is invalid."""
        if not self.is_bound:
            return self.spec.preset(self.spec.default, self.today)
        if not self.is_valid():
            return None
        key = self.cleaned_data["periode"]
        if key == CHOSEN:
            return Period(CHOSEN, _("Gekozen periode"), self.cleaned_data["van"], self.cleaned_data["tot"])
        return self.spec.preset(key, self.today)

    @property
    def selected_key(self) -> str:
        if self.is_bound:
            return self.data.get("periode", "")
        return self.spec.default

    def links(self):
        """(key, label, is_current) for the row of preset links."""
        return [(key, label, key == self.selected_key) for key, label, _bounds in self.spec.presets]
