"""One spelling of a typed username, for the account lookup and the login throttling alike.

If the lookup and django-axes saw different spellings, `"anna "` could log in
while `"anna"` is locked out.
"""

import unicodedata

from django.contrib.auth.forms import UsernameField


def normalise_username(value):
    """NFKC-normalised and stripped, as Django's UsernameField cleans it; None stays None."""
    if value is None:
        return None
    return unicodedata.normalize("NFKC", str(value)).strip()


class NormalisedUsernameField(UsernameField):
    def to_python(self, value):
        value = normalise_username(value)
        return value if value not in self.empty_values else self.empty_value
