"""django-two-factor-auth's URL names, pointing at our Dutch paths and views.

Its templates and views reverse these names (`two_factor:login` is LOGIN_URL).
"""

from django.conf import settings
from django.urls import path
from django.views.generic import RedirectView

from .views import profile
from .views.login import PortalLoginView

app_name = "two_factor"
ACCOUNT = settings.ACCOUNT_PATH_PREFIX.lstrip("/")

urlpatterns = [
    path(f"{ACCOUNT}inloggen/", PortalLoginView.as_view(), name="login"),
    path(f"{ACCOUNT}authenticator-app/qr/", profile.AuthenticatorQrCodeView.as_view(), name="qr"),
    path(f"{ACCOUNT}authenticator-app/", profile.totp_setup, name="setup"),
    path(f"{ACCOUNT}authenticator-app/", profile.totp_setup, name="setup_complete"),
    path(f"{ACCOUNT}authenticator-app/verwijderen/", profile.totp_remove, name="disable"),
    path(f"{ACCOUNT}herstelcodes/", profile.backup_tokens, name="backup_tokens"),
    path(f"{ACCOUNT}profiel/", RedirectView.as_view(pattern_name="accounts:profile"), name="profile"),
]
