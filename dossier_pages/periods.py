"""The period filter of the dossier sections: `PeriodForm` reads a section's
`dossier.periods.PeriodSpec` from the query string and turns it into a `Period`.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dossier.periods import (  # noqa: F401 (the section specs are read from here too)
    ACCESS_LOG,
    AGREEMENTS,
    APPOINTMENTS,
    CHOSEN,
    EARLIEST,
    EVALUATIONS,
    LATEST,
    MAX_CHOSEN_DAYS,
    PLANS,
    REPORTS,
    Period,
    PeriodSpec,
)
from lib.widgets import DateInput


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
