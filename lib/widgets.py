"""Form widgets shared by every app."""

from django import forms

ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    """A browser date picker. Its value must be ISO 8601 whatever the language: Chromium leaves an
    `<input type="date">` empty when given a Dutch date such as 01-12-2026."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_DATE)
