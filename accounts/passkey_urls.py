"""django-otp-webauthn's URL names (its template tags reverse them), pointing at our views (accounts.views.passkeys)."""

from django.urls import path
from django.views.i18n import JavaScriptCatalog

from .views import passkeys

app_name = "otp_webauthn"

urlpatterns = [
    path("registreren/begin/", passkeys.BeginRegistration.as_view(), name="credential-registration-begin"),
    path("registreren/klaar/", passkeys.CompleteRegistration.as_view(), name="credential-registration-complete"),
    path("inloggen/begin/", passkeys.BeginAuthentication.as_view(), name="credential-authentication-begin"),
    path("inloggen/klaar/", passkeys.CompleteAuthentication.as_view(), name="credential-authentication-complete"),
    path("teksten.js", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
]
