from django.urls import path
from django.views.generic import RedirectView

from .views import account, passkeys, profile

app_name = "accounts"

urlpatterns = [
    path("uitloggen/", account.logout_view, name="logout"),
    path("wachtwoord-wijzigen/", account.password_change, name="password_change_required"),
    path("wachtwoord-wijzigen/", account.password_change, name="password_change"),
    path("voorwaarden/", account.accept_terms, name="accept_terms"),
    path("voorwaarden/niet-akkoord/", account.terms_declined, name="terms_declined"),
    path("profiel/", profile.profile, name="profile"),
    path("profiel/sessies-beeindigen/", profile.end_other_sessions, name="end_other_sessions"),
    path("bevestigen/", profile.reauth, name="reauth"),
    path("gegevens-wijzigen/", profile.contact_change, name="contact_change"),
    path("gegevens-wijzigen/mobiel-bevestigen/", profile.mobile_verify, name="mobile_verify"),
    path("authenticator-app/", profile.totp_setup, name="totp_setup"),
    path("authenticator-app/verwijderen/", profile.totp_remove, name="totp_remove"),
    path("herstelcodes/", profile.backup_tokens, name="backup_tokens"),
    path("passkeys/toevoegen/", passkeys.passkey_add, name="passkey_add"),
    path("passkeys/<int:pk>/verwijderen/", passkeys.passkey_remove, name="passkey_remove"),
    path("sterke-tweede-stap/", passkeys.strong_factor_required, name="strong_factor_required"),
    path("wachtwoord-vergeten/", account.PasswordResetView.as_view(), name="password_reset"),
    path("wachtwoord-vergeten/verstuurd/", account.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("herstellen/<uidb64>/<token>/", account.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("herstellen/klaar/", account.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("", RedirectView.as_view(pattern_name="accounts:profile"), name="index"),
]
