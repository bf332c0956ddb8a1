"""django-two-factor-auth's URL names, pointing at our Dutch paths and views.

Its templates and views reverse these names (`two_factor:login` is LOGIN_URL).
"""

from django.urls import path
from django.views.generic import RedirectView
from two_factor.views import QRGeneratorView

from .views import profile
from .views.login import PortalLoginView

app_name = "two_factor"

urlpatterns = [
    path("account/inloggen/", PortalLoginView.as_view(), name="login"),
    path("account/authenticator-app/qr/", QRGeneratorView.as_view(), name="qr"),
    path("account/authenticator-app/", profile.totp_setup, name="setup"),
    path("account/authenticator-app/", profile.totp_setup, name="setup_complete"),
    path("account/authenticator-app/verwijderen/", profile.totp_remove, name="disable"),
    path("account/herstelcodes/", profile.backup_tokens, name="backup_tokens"),
    path("account/profiel/", RedirectView.as_view(pattern_name="accounts:profile"), name="profile"),
]
