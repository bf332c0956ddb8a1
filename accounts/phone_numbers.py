"""Reading a phone number someone typed: without a country code it is read in `PHONENUMBER_DEFAULT_REGION`.

The setting is the one place for that region (`cms/settings/base.py`, from the environment). phonenumber_field's
form field reads it once, when the form class is defined; this field reads it at every clean, like the model
field and `PhoneNumber.from_string` do.
"""

from django.conf import settings
from phonenumber_field import formfields


def default_region() -> str:
    return settings.PHONENUMBER_DEFAULT_REGION


class PhoneNumberField(formfields.PhoneNumberField):
    def to_python(self, value):
        self.region = default_region()
        return super().to_python(value)
