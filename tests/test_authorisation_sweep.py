"""Every URL of the project, requested by every kind of outsider and every staff role.

The expected status of each (URL x persona) is declared in EXPECTED below. The
project's own URL patterns are listed one by one (keyed by their route); the
Wagtail admin's built-in patterns are grouped by their first path segment with
one representative URL each; the routable pages' sub-routes are listed per page
type. A URL pattern without an entry fails the suite, and so does an entry
whose pattern no longer exists.

Ids in the sample URLs point at client A's dossier (Anna, team De Linde): the
other client is Carla (client C), the expired representative lost his access to
client A last month, and the Zorgmedewerker is in client A's team.
"""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.test import Client as HttpClient
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import get_page_models

from afschrift.models import AfschriftRequest
from conversations import services as conversation_services
from dossier.factories import make_agreement, make_appointment, make_evaluation, make_plan, make_report
from dossier.models import AccessLogEntry, DossierAccess, ObjectType, PlanStatus, RelationshipType
from ecd_import.models import ImportRun, ImportTrigger, SourceSystem
from home.models import ApplicationFormPage
from signing import services as signing_services
from terms.acceptance import accept_current_terms
from tests.helpers import readable_text
from tests.personas import grant, login_verified, make_user

PERSONAS = (
    "anonymous",
    "other_client",
    "expired_representative",
    "communicatie",
    "privacy",
    "zorgmedewerker",
    "beheerder",
)

# A string is a redirect (302) to a URL starting with it; a number is the status itself.
LOGIN = "/account/inloggen/"
ADMIN_LOGIN = "/admin/login/"  # Wagtail's own redirect; that path is the two-factor login again
DENIED = "/admin/"  # Wagtail admin: "no permission" message on the dashboard
REAUTH = "/account/bevestigen/"  # password + SMS code again before security settings
PROFILE = "/account/profiel/"
DOSSIER = "/mijn-dossier/"
SETTINGS = "/admin/settings/home/organisationsettings/"

PROJECT_PACKAGES = {"accounts", "backoffice", "cms", "demo", "dossier", "dossier_pages", "ecd_import", "home"}
PROJECT_PACKAGES |= {"circle", "conversations", "digid", "search", "signing", "wagtail_modeladmin"}

# route or group: (sample path, (anonymous, other_client, expired_representative,
#                                communicatie, privacy, zorgmedewerker, beheerder))
EXPECTED = {
    "DossierPage:": ("/mijn-dossier/", (LOGIN, 200, 403, 403, 403, 403, 403)),
    "DossierPage:afschrift/": ("/mijn-dossier/afschrift/", (LOGIN, 200, 403, 403, 403, 403, 403)),
    "DossierPage:afschrift/<int:pk>/download/": (
        "/mijn-dossier/afschrift/{afschrift}/download/",
        (LOGIN, REAUTH, 403, 403, 403, 403, 403),
    ),
    "DossierPage:afspraken/": ("/mijn-dossier/afspraken/", (LOGIN, 200, 403, 403, 403, 403, 403)),
    "DossierPage:client-kiezen/": ("/mijn-dossier/client-kiezen/", (LOGIN, DOSSIER, 403, 403, 403, 403, 403)),
    "DossierPage:berichten/": ("/mijn-dossier/berichten/", (LOGIN, 200, 403, 403, 403, 403, 403)),
    "DossierPage:berichten/<int:pk>/": (
        "/mijn-dossier/berichten/{conversation}/",
        (LOGIN, 404, 403, 403, 403, 403, 403),
    ),
    "DossierPage:berichten/bijlagen/<int:pk>/": (
        "/mijn-dossier/berichten/bijlagen/{attachment}/",
        (LOGIN, 404, 403, 403, 403, 403, 403),
    ),
    "DossierPage:berichten/meldingen/": (
        "/mijn-dossier/berichten/meldingen/",
        (LOGIN, "/mijn-dossier/berichten/", 403, 403, 403, 403, 403),
    ),
    "DossierPage:berichten/nieuw/": ("/mijn-dossier/berichten/nieuw/", (LOGIN, 200, 403, 403, 403, 403, 403)),
    "DossierPage:clientplannen/": ("/mijn-dossier/clientplannen/", (LOGIN, 200, 403, 403, 403, 403, 403)),
    "DossierPage:clientplannen/<int:pk>/download/": (
        "/mijn-dossier/clientplannen/{plan}/download/",
        (LOGIN, 404, 403, 403, 403, 403, 403),
    ),
    "DossierPage:clientplannen/<int:pk>/ondertekenen/": (
        "/mijn-dossier/clientplannen/{signing_plan}/ondertekenen/",
        (LOGIN, 404, 403, 403, 403, 403, 403),
    ),
    "DossierPage:evaluaties/": ("/mijn-dossier/evaluaties/", (LOGIN, 200, 403, 403, 403, 403, 403)),
    "DossierPage:evaluaties/<int:pk>/download/": (
        "/mijn-dossier/evaluaties/{evaluation}/download/",
        (LOGIN, 404, 403, 403, 403, 403, 403),
    ),
    # The circle: the other client manages her own; an id of client A's grant or invitation is not in it.
    "DossierPage:kring/": ("/mijn-dossier/kring/", (LOGIN, 200, 403, 403, 403, 403, 403)),
    "DossierPage:kring/uitnodigen/": ("/mijn-dossier/kring/uitnodigen/", (LOGIN, REAUTH, 403, 403, 403, 403, 403)),
    "DossierPage:kring/toegang/<int:pk>/": (
        "/mijn-dossier/kring/toegang/{access}/",
        (LOGIN, 404, 403, 403, 403, 403, 403),
    ),
    "DossierPage:kring/uitnodigingen/<int:pk>/intrekken/": (
        "/mijn-dossier/kring/uitnodigingen/{access}/intrekken/",
        (LOGIN, 405, 403, 403, 403, 403, 403),
    ),
    "DossierPage:foto/": ("/mijn-dossier/foto/", (LOGIN, 404, 403, 403, 403, 403, 403)),
    "DossierPage:profiel/": ("/mijn-dossier/profiel/", (LOGIN, 200, 403, 403, 403, 403, 403)),
    "DossierPage:rapportages/": ("/mijn-dossier/rapportages/", (LOGIN, 200, 403, 403, 403, 403, 403)),
    "DossierPage:rapportages/download/": ("/mijn-dossier/rapportages/download/", (LOGIN, 200, 403, 403, 403, 403, 403)),
    "DossierPage:zorgovereenkomsten/": ("/mijn-dossier/zorgovereenkomsten/", (LOGIN, 200, 403, 403, 403, 403, 403)),
    "DossierPage:zorgovereenkomsten/<int:pk>/download/": (
        "/mijn-dossier/zorgovereenkomsten/{agreement}/download/",
        (LOGIN, 404, 403, 403, 403, 403, 403),
    ),
    "ManualPage:": ("/handleiding/", (200, 200, 200, 200, 200, 200, 200)),
    "ManualPage:pdf/": ("/handleiding/pdf/", (200, 200, 200, 200, 200, 200, 200)),
    "^((?:[\\w\\-]+/)*)$": ("/", (200, 200, 200, 200, 200, 200, 200)),
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": (
        "/_util/authenticate_with_password/999/{home}/",
        (404, 404, 404, 404, 404, 404, 404),
    ),
    "_util/login/": ("/_util/login/", (200, 200, 200, 200, 200, 200, 200)),
    "account/": ("/account/", (LOGIN, PROFILE, PROFILE, PROFILE, PROFILE, PROFILE, PROFILE)),
    "account/authenticator-app/": (
        "/account/authenticator-app/",
        (LOGIN, REAUTH, REAUTH, REAUTH, REAUTH, REAUTH, REAUTH),
    ),
    "account/authenticator-app/qr/": ("/account/authenticator-app/qr/", (LOGIN, 404, 404, 404, 404, 404, 404)),
    "account/authenticator-app/verwijderen/": (
        "/account/authenticator-app/verwijderen/",
        (LOGIN, REAUTH, REAUTH, REAUTH, REAUTH, REAUTH, REAUTH),
    ),
    "account/bevestigen/": ("/account/bevestigen/", (LOGIN, 200, 200, 200, 200, 200, 200)),
    "account/gegevens-wijzigen/": (
        "/account/gegevens-wijzigen/",
        (LOGIN, REAUTH, REAUTH, REAUTH, REAUTH, REAUTH, REAUTH),
    ),
    "account/gegevens-wijzigen/mobiel-bevestigen/": (
        "/account/gegevens-wijzigen/mobiel-bevestigen/",
        (LOGIN, REAUTH, REAUTH, REAUTH, REAUTH, REAUTH, REAUTH),
    ),
    # DigiD is off in the test settings: its login views are 404 without a broker (tests/test_digid_login.py).
    "account/digid/inloggen/": ("/account/digid/inloggen/", (404, 404, 404, 404, 404, 404, 404)),
    "account/digid/terug/": ("/account/digid/terug/", (404, 404, 404, 404, 404, 404, 404)),
    "account/digid/koppelen/": ("/account/digid/koppelen/", (LOGIN, 200, 200, 200, 200, 200, 200)),
    "account/digid/uitloggen/": ("/account/digid/uitloggen/", (405, 405, 405, 405, 405, 405, 405)),
    "account/digid/uitgelogd/": ("/account/digid/uitgelogd/", (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN)),
    "account/herstelcodes/": ("/account/herstelcodes/", (LOGIN, REAUTH, REAUTH, REAUTH, REAUTH, REAUTH, REAUTH)),
    "account/herstellen/<uidb64>/<token>/": (
        "/account/herstellen/MQ/ongeldig-token/",
        (200, 200, 200, 200, 200, 200, 200),
    ),
    "account/herstellen/klaar/": ("/account/herstellen/klaar/", (200, 200, 200, 200, 200, 200, 200)),
    "account/inloggen/": ("/account/inloggen/", (200, 200, 200, 200, 200, 200, 200)),
    "account/profiel/": ("/account/profiel/", (LOGIN, 200, 200, 200, 200, 200, 200)),
    # Passkey ceremonies (POST with JSON): registering needs a fresh re-authentication first; without a
    # password step, authenticating is a passwordless login, off in the test settings (tests/test_passkeys.py).
    "account/passkey/registreren/begin/": (
        "/account/passkey/registreren/begin/",
        (LOGIN, 403, 403, 403, 403, 403, 403),
    ),
    "account/passkey/registreren/klaar/": (
        "/account/passkey/registreren/klaar/",
        (LOGIN, 403, 403, 403, 403, 403, 403),
    ),
    "account/passkey/inloggen/begin/": ("/account/passkey/inloggen/begin/", (403, 405, 405, 405, 405, 405, 405)),
    "account/passkey/inloggen/klaar/": ("/account/passkey/inloggen/klaar/", (403, 405, 405, 405, 405, 405, 405)),
    "account/passkey/teksten.js": ("/account/passkey/teksten.js", (200, 200, 200, 200, 200, 200, 200)),
    "account/passkeys/toevoegen/": (
        "/account/passkeys/toevoegen/",
        (LOGIN, REAUTH, REAUTH, REAUTH, REAUTH, REAUTH, REAUTH),
    ),
    "account/passkeys/<int:pk>/verwijderen/": (
        "/account/passkeys/999/verwijderen/",
        (LOGIN, REAUTH, REAUTH, REAUTH, REAUTH, REAUTH, REAUTH),
    ),
    "account/sterke-tweede-stap/": ("/account/sterke-tweede-stap/", (LOGIN, 200, 200, 200, 200, 200, 200)),
    "account/profiel/sessies-beeindigen/": (
        "/account/profiel/sessies-beeindigen/",
        (LOGIN, 405, 405, 405, 405, 405, 405),
    ),
    "account/uitloggen/": ("/account/uitloggen/", (405, 405, 405, 405, 405, 405, 405)),
    "account/voorwaarden/": ("/account/voorwaarden/", (LOGIN, DOSSIER, DOSSIER, DOSSIER, DOSSIER, DOSSIER, DOSSIER)),
    "account/voorwaarden/niet-akkoord/": (
        "/account/voorwaarden/niet-akkoord/",
        (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ),
    "account/wachtwoord-vergeten/": ("/account/wachtwoord-vergeten/", (200, 200, 200, 200, 200, 200, 200)),
    "account/wachtwoord-vergeten/verstuurd/": (
        "/account/wachtwoord-vergeten/verstuurd/",
        (200, 200, 200, 200, 200, 200, 200),
    ),
    "account/wachtwoord-wijzigen/": ("/account/wachtwoord-wijzigen/", (LOGIN, 200, 200, 200, 200, 200, 200)),
    "admin/": ("/admin/", (LOGIN, LOGIN, LOGIN, 200, 200, 200, 200)),
    "admin/^.*/": ("/admin/bestaat-niet/", (LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 404, 404, 404, 404)),
    "admin/^backoffice/portalaccount/$": (
        "/admin/backoffice/portalaccount/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/^backoffice/portalaccount/create/$": (
        "/admin/backoffice/portalaccount/create/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/^backoffice/portalaccount/deactivate/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/backoffice/portalaccount/deactivate/{portal_account}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^backoffice/portalaccount/delete/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/backoffice/portalaccount/delete/{portal_account}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, DENIED, DENIED),
    ),
    "admin/^backoffice/portalaccount/edit/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/backoffice/portalaccount/edit/{portal_account}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^backoffice/portalaccount/history/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/backoffice/portalaccount/history/{portal_account}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^backoffice/portalaccount/inspect/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/backoffice/portalaccount/inspect/{portal_account}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^backoffice/portalaccount/reset_second_factor/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/backoffice/portalaccount/reset_second_factor/{portal_account}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/accesslogentry/$": (
        "/admin/dossier/accesslogentry/",
        (LOGIN, LOGIN, LOGIN, DENIED, 200, DENIED, 200),
    ),
    "admin/^dossier/accesslogentry/create/$": (
        "/admin/dossier/accesslogentry/create/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, DENIED),
    ),
    "admin/^dossier/accesslogentry/delete/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/accesslogentry/delete/{access_log}/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, DENIED),
    ),
    "admin/^dossier/accesslogentry/edit/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/accesslogentry/edit/{access_log}/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, DENIED),
    ),
    "admin/^dossier/accesslogentry/inspect/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/accesslogentry/inspect/{access_log}/",
        (LOGIN, LOGIN, LOGIN, DENIED, 200, DENIED, 200),
    ),
    "admin/^dossier/appointment/$": ("/admin/dossier/appointment/", (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200)),
    "admin/^dossier/appointment/create/$": (
        "/admin/dossier/appointment/create/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/^dossier/appointment/delete/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/appointment/delete/{appointment}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/appointment/edit/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/appointment/edit/{appointment}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/appointment/history/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/appointment/history/{appointment}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/appointment/inspect/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/appointment/inspect/{appointment}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/careagreement/$": (
        "/admin/dossier/careagreement/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/^dossier/careagreement/create/$": (
        "/admin/dossier/careagreement/create/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/^dossier/careagreement/delete/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/careagreement/delete/{agreement}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/careagreement/edit/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/careagreement/edit/{agreement}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/careagreement/history/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/careagreement/history/{agreement}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/careagreement/inspect/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/careagreement/inspect/{agreement}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/careteammembership/$": (
        "/admin/dossier/careteammembership/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/^dossier/careteammembership/create/$": (
        "/admin/dossier/careteammembership/create/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/^dossier/careteammembership/delete/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/careteammembership/delete/{membership}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/careteammembership/edit/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/careteammembership/edit/{membership}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/careteammembership/history/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/careteammembership/history/{membership}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/careteammembership/inspect/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/careteammembership/inspect/{membership}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/client/$": ("/admin/dossier/client/", (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200)),
    "admin/^dossier/client/create/$": (
        "/admin/dossier/client/create/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200),
    ),
    "admin/^dossier/client/delete/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/client/delete/{client}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, DENIED, 200),
    ),
    "admin/^dossier/client/edit/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/client/edit/{client}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/client/history/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/client/history/{client}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/client/inspect/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/client/inspect/{client}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/clientplan/$": ("/admin/dossier/clientplan/", (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200)),
    "admin/^dossier/clientplan/create/$": (
        "/admin/dossier/clientplan/create/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/^dossier/clientplan/delete/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/clientplan/delete/{plan}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, DENIED, DENIED),
    ),
    "admin/^dossier/clientplan/edit/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/clientplan/edit/{plan}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, DENIED, DENIED),
    ),
    "admin/^dossier/clientplan/history/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/clientplan/history/{plan}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/clientplan/inspect/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/clientplan/inspect/{plan}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/dossieraccess/$": (
        "/admin/dossier/dossieraccess/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/^dossier/dossieraccess/create/$": (
        "/admin/dossier/dossieraccess/create/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/^dossier/dossieraccess/delete/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/dossieraccess/delete/{access}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/dossieraccess/edit/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/dossieraccess/edit/{access}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/dossieraccess/history/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/dossieraccess/history/{access}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/dossieraccess/inspect/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/dossieraccess/inspect/{access}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/evaluation/$": ("/admin/dossier/evaluation/", (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200)),
    "admin/^dossier/evaluation/create/$": (
        "/admin/dossier/evaluation/create/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/^dossier/evaluation/delete/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/evaluation/delete/{evaluation}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/evaluation/edit/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/evaluation/edit/{evaluation}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/evaluation/history/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/evaluation/history/{evaluation}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/evaluation/inspect/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/evaluation/inspect/{evaluation}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/report/$": ("/admin/dossier/report/", (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200)),
    "admin/^dossier/report/create/$": (
        "/admin/dossier/report/create/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/^dossier/report/delete/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/report/delete/{report}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/report/edit/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/report/edit/{report}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/report/history/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/report/history/{report}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^dossier/report/inspect/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/dossier/report/inspect/{report}/",
        (LOGIN, LOGIN, LOGIN, 404, 404, 200, 200),
    ),
    "admin/^ecd_import/importrun/$": (
        "/admin/ecd_import/importrun/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200),
    ),
    "admin/^ecd_import/importrun/create/$": (
        "/admin/ecd_import/importrun/create/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, DENIED),
    ),
    "admin/^ecd_import/importrun/delete/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/ecd_import/importrun/delete/{import_run}/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, DENIED),
    ),
    "admin/^ecd_import/importrun/edit/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/ecd_import/importrun/edit/{import_run}/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, DENIED),
    ),
    "admin/^ecd_import/importrun/inspect/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/ecd_import/importrun/inspect/{import_run}/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200),
    ),
    "admin/^ecd_import/sourcesystem/$": (
        "/admin/ecd_import/sourcesystem/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200),
    ),
    "admin/^ecd_import/sourcesystem/create/$": (
        "/admin/ecd_import/sourcesystem/create/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200),
    ),
    "admin/^ecd_import/sourcesystem/delete/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/ecd_import/sourcesystem/delete/{source}/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200),
    ),
    "admin/^ecd_import/sourcesystem/edit/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/ecd_import/sourcesystem/edit/{source}/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200),
    ),
    "admin/^ecd_import/sourcesystem/history/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/ecd_import/sourcesystem/history/{source}/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200),
    ),
    "admin/^home/applicationsubmission/$": (
        "/admin/home/applicationsubmission/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/^home/applicationsubmission/create/$": (
        "/admin/home/applicationsubmission/create/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, DENIED),
    ),
    "admin/^home/applicationsubmission/create_account/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/home/applicationsubmission/create_account/{submission}/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/^home/applicationsubmission/delete/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/home/applicationsubmission/delete/{submission}/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200),
    ),
    "admin/^home/applicationsubmission/edit/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/home/applicationsubmission/edit/{submission}/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/^home/applicationsubmission/history/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/home/applicationsubmission/history/{submission}/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/^home/applicationsubmission/inspect/(?P<instance_pk>[-\\w]+)/$": (
        "/admin/home/applicationsubmission/inspect/{submission}/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/account/": ("/admin/account/", (LOGIN, LOGIN, LOGIN, REAUTH, REAUTH, REAUTH, REAUTH)),
    "admin/api/": ("/admin/api/main/pages/", (LOGIN, LOGIN, LOGIN, 200, 200, 200, 200)),
    "admin/berichten/": ("/admin/berichten/", (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200)),
    "admin/berichten/<int:pk>/": (
        "/admin/berichten/{conversation}/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/berichten/<int:pk>/status/": (
        "/admin/berichten/{conversation}/status/",
        (LOGIN, LOGIN, LOGIN, 405, 405, 405, 405),
    ),
    "admin/berichten/<int:pk>/toewijzen/": (
        "/admin/berichten/{conversation}/toewijzen/",
        (LOGIN, LOGIN, LOGIN, 405, 405, 405, 405),
    ),
    "admin/berichten/bijlagen/<int:pk>/": (
        "/admin/berichten/bijlagen/{attachment}/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/berichten/meldingen-mislukt/": (
        "/admin/berichten/meldingen-mislukt/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/block-preview/": ("/admin/block-preview/", (LOGIN, LOGIN, LOGIN, 404, 404, 404, 404)),
    "admin/bulk/": ("/admin/bulk/wagtailcore/page/delete/?id={home}", (LOGIN, LOGIN, LOGIN, 200, 200, 200, 200)),
    "admin/choose-anchor-link/": ("/admin/choose-anchor-link/", (LOGIN, LOGIN, LOGIN, 200, 200, 200, 200)),
    "admin/choose-email-link/": ("/admin/choose-email-link/", (LOGIN, LOGIN, LOGIN, 200, 200, 200, 200)),
    "admin/choose-external-link/": ("/admin/choose-external-link/", (LOGIN, LOGIN, LOGIN, 200, 200, 200, 200)),
    "admin/choose-page/": ("/admin/choose-page/", (LOGIN, LOGIN, LOGIN, 200, 200, 200, 200)),
    "admin/choose-phone-link/": ("/admin/choose-phone-link/", (LOGIN, LOGIN, LOGIN, 200, 200, 200, 200)),
    "admin/collections/": ("/admin/collections/", (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200)),
    "admin/dismissibles/": ("/admin/dismissibles/", (LOGIN, LOGIN, LOGIN, 200, 200, 200, 200)),
    "admin/documents/": ("/admin/documents/edit/{document}/", (LOGIN, LOGIN, LOGIN, 200, DENIED, DENIED, 200)),
    "admin/ecd-import/bronsystemen/<int:pk>/token/": (
        "/admin/ecd-import/bronsystemen/{source}/token/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200),
    ),
    "admin/editing-sessions/": (
        "/admin/editing-sessions/ping/wagtailcore/page/{home}/1/",
        (LOGIN, LOGIN, LOGIN, 405, 405, 405, 405),
    ),
    "admin/embeds/": ("/admin/embeds/chooser/", (LOGIN, LOGIN, LOGIN, 200, 200, 200, 200)),
    # Wagtail's deliberate error page for checking error reporting: a 500 for every admin user.
    "admin/failwhale/": ("/admin/failwhale/", (LOGIN, LOGIN, LOGIN, 500, 500, 500, 500)),
    "admin/forms/": ("/admin/forms/submissions/{form_page}/", (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200)),
    "admin/groups/": ("/admin/groups/", (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200)),
    "admin/images/": ("/admin/images/{image}/", (LOGIN, LOGIN, LOGIN, 200, DENIED, DENIED, 200)),
    "admin/inlogblokkades/": ("/admin/inlogblokkades/", (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200)),
    "admin/jsi18n/": ("/admin/jsi18n/", (LOGIN, 200, 200, 200, 200, 200, 200)),
    "admin/kring-uitnodigingen/": (
        "/admin/kring-uitnodigingen/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/kring-uitnodigingen/<int:pk>/goedkeuren/": (
        "/admin/kring-uitnodigingen/999/goedkeuren/",
        (LOGIN, LOGIN, LOGIN, 405, 405, 405, 405),
    ),
    "admin/login/": ("/admin/login/", (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED)),
    "admin/logout/": ("/admin/logout/", (LOGIN, LOGIN, LOGIN, 405, 405, 405, 405)),
    "admin/modeladmin/": ("/admin/modeladmin/jsi18n/", (LOGIN, LOGIN, LOGIN, 200, 200, 200, 200)),
    "admin/ondertekeningen/": ("/admin/ondertekeningen/", (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200)),
    "admin/ondertekeningen/<int:pk>/": (
        "/admin/ondertekeningen/{signature_request}/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/ondertekeningen/<int:pk>/intrekken/": (
        "/admin/ondertekeningen/{signature_request}/intrekken/",
        (LOGIN, LOGIN, LOGIN, 405, 405, 405, 405),
    ),
    "admin/ondertekeningen/<int:pk>/pdf/<str:kind>/": (
        "/admin/ondertekeningen/{signature_request}/pdf/getoond/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/ondertekeningen/aanbieden/": (
        "/admin/ondertekeningen/aanbieden/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/ondertekeningen/aanbieden/<int:plan_pk>/": (
        "/admin/ondertekeningen/aanbieden/{plan}/",
        (LOGIN, LOGIN, LOGIN, DENIED, DENIED, 200, 200),
    ),
    "admin/ondertekeningen/plan/<int:plan_pk>/nieuwe-versie/": (
        "/admin/ondertekeningen/plan/{plan}/nieuwe-versie/",
        (LOGIN, LOGIN, LOGIN, 405, 405, 405, 405),
    ),
    "admin/pages/": ("/admin/pages/{home}/edit/", (LOGIN, LOGIN, LOGIN, 200, DENIED, DENIED, 200)),
    "admin/password_reset/": ("/admin/password_reset/", (LOGIN, 404, 404, 404, 404, 404, 404)),
    "admin/rapporten/acceptatie-voorwaarden/": (
        "/admin/rapporten/acceptatie-voorwaarden/",
        (LOGIN, LOGIN, LOGIN, DENIED, 200, DENIED, 200),
    ),
    "admin/redirects/": ("/admin/redirects/", (LOGIN, LOGIN, LOGIN, 200, DENIED, DENIED, 200)),
    "admin/reports/site-history/": ("/admin/reports/site-history/", (LOGIN, LOGIN, LOGIN, 200, 200, 200, 200)),
    "admin/reports/site-history/results/": (
        "/admin/reports/site-history/results/",
        (LOGIN, LOGIN, LOGIN, 200, 200, 200, 200),
    ),
    "admin/reports/": ("/admin/reports/aging-pages/", (LOGIN, LOGIN, LOGIN, 200, 200, DENIED, 200)),
    "admin/searchpicks/": ("/admin/searchpicks/", (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200)),
    "admin/settings/": (
        "/admin/settings/home/organisationsettings/",
        (LOGIN, LOGIN, LOGIN, SETTINGS, DENIED, DENIED, SETTINGS),
    ),
    "admin/sites/": ("/admin/sites/", (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200)),
    "admin/snippets/": ("/admin/snippets/", (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, DENIED)),
    "admin/sprite/": ("/admin/sprite/", (LOGIN, 200, 200, 200, 200, 200, 200)),
    "admin/tag-autocomplete/": ("/admin/tag-autocomplete/?term=a", (LOGIN, LOGIN, LOGIN, 200, 200, 200, 200)),
    "admin/test404/": ("/admin/test404/", (LOGIN, LOGIN, LOGIN, 200, 200, 200, 200)),
    "admin/users/": ("/admin/users/", (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200)),
    "admin/workflows/": ("/admin/workflows/list/", (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200)),
    "api/import/v1/": ("/api/import/v1/", (405, 405, 405, 405, 405, 405, 405)),
    "documents/^(\\d+)/(.*)$": ("/documents/{document}/{document_file}", (200, 200, 200, 200, 200, 200, 200)),
    "documents/authenticate_with_password/<int:restriction_id>/": (
        "/documents/authenticate_with_password/999/",
        (404, 404, 404, 404, 404, 404, 404),
    ),
    "favicon.ico": ("/favicon.ico", ("/static/img/favicon.svg",) * 7),
    "robots.txt": ("/robots.txt", (200, 200, 200, 200, 200, 200, 200)),
    # An invitation link: the token is the key, so an unknown one is 404 for everyone (tests/test_circle.py).
    "uitnodiging/<str:token>/": ("/uitnodiging/ongeldig-token/", (404, 404, 404, 404, 404, 404, 404)),
    "sitemap.xml": ("/sitemap.xml", (200, 200, 200, 200, 200, 200, 200)),
    "zoeken/": ("/zoeken/", (200, 200, 200, 200, 200, 200, 200)),
}


def project_url_keys() -> set[str]:
    """Keys for every URL pattern: the route for the project's own, 'admin/<segment>/' for Wagtail's."""
    keys = set()

    def walk(patterns, prefix="", top_level=True):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern), top_level=False)
                continue
            route = prefix + str(pattern.pattern)
            view = getattr(pattern.callback, "view_class", pattern.callback)
            own = top_level or view.__module__.split(".")[0] in PROJECT_PACKAGES  # cms/urls.py's own paths
            if route.startswith("admin/") and not own:
                segment = route.removeprefix("admin/").split("/")[0]
                keys.add(f"admin/{segment}/" if segment else "admin/")
            else:
                keys.add(route)

    walk(get_resolver().url_patterns)
    return keys


def routable_page_keys() -> set[str]:
    keys = set()
    for model in get_page_models():
        if issubclass(model, RoutablePageMixin):
            for pattern in model.get_subpage_urls():
                keys.add(f"{model.__name__}:{pattern.pattern}")
    return keys


def all_keys() -> set[str]:
    return project_url_keys() | routable_page_keys()


@pytest.fixture
def world(personas, public_site, dossier_page):
    """Objects for every id in the sample URLs, and one logged-in test client per persona."""
    client_a = personas.client_a
    rita = make_user("rita", first_name="Rita", last_name="Verloop", mobile="+31677777777")
    grant(rita, client_a, RelationshipType.MENTOR, valid_until=timezone.localdate() - timedelta(days=30))
    users = {
        "other_client": personas.carla,
        "expired_representative": rita,
        "communicatie": personas.eva,
        "privacy": personas.frank,
        "zorgmedewerker": personas.dirk,
        "beheerder": personas.gerrit,
    }
    for user in users.values():
        accept_current_terms(user)

    signed_plan = make_plan(client_a, status=PlanStatus.FINAL, content="Doelen voor dit jaar")
    signature_request = signing_services.request_signature(signed_plan, [personas.anna], personas.dirk, notify=False)
    source = SourceSystem.objects.create(name="ecd-linde")
    document = get_document_model().objects.create(title="Folder", file=ContentFile(b"Welkom", name="folder.txt"))
    image = get_image_model().objects.create(title="Logo", file=_png_file(), width=1, height=1)
    pdf = ContentFile(b"%PDF-1.4 vraag", name="vraag.pdf")
    posted = conversation_services.start_conversation(client_a, personas.anna, "Vraag", "Een vraag", files=[pdf])
    ids = {
        "client": client_a.pk,
        "afschrift": AfschriftRequest.objects.create(client=client_a, requested_by=personas.anna).pk,
        "report": make_report(client_a).pk,
        "plan": make_plan(client_a, status=PlanStatus.SIGNED).pk,
        "signing_plan": signed_plan.pk,
        "signature_request": signature_request.pk,
        "evaluation": make_evaluation(client_a).pk,
        "agreement": make_agreement(client_a).pk,
        "appointment": make_appointment(client_a).pk,
        "access": DossierAccess.objects.filter(user=personas.anna).get().pk,
        "membership": client_a.care_team_memberships.get().pk,
        "portal_account": personas.anna.pk,
        "access_log": AccessLogEntry.objects.create(
            user=personas.anna, client=client_a, object_type=ObjectType.REPORT
        ).pk,
        "submission": _submission().pk,
        "form_page": ApplicationFormPage.objects.get().pk,
        "home": public_site.pk,
        "source": source.pk,
        "import_run": ImportRun.objects.create(source=source, trigger=ImportTrigger.API).pk,
        "document": document.pk,
        "document_file": document.filename,
        "image": image.pk,
        "conversation": posted.message.conversation_id,
        "attachment": posted.message.attachments.get().pk,
    }
    clients = {"anonymous": HttpClient(raise_request_exception=False)}
    for name, user in users.items():
        clients[name] = login_verified(HttpClient(raise_request_exception=False), user)
    return {"ids": ids, "clients": clients, "users": users}


def _png_file():
    import base64

    pixel = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    return ContentFile(pixel, name="logo.png")


def _submission():
    from home.application import ApplicationSubmission

    page = ApplicationFormPage.objects.get()
    return ApplicationSubmission.objects.create(page=page, form_data={"naam": "Iemand"})


def _outcome(response):
    if response.status_code in (301, 302, 303, 307, 308):
        return response["Location"]
    return response.status_code


def _matches(expected, outcome):
    if isinstance(expected, str):
        return isinstance(outcome, str) and outcome.startswith(expected)
    return outcome == expected


def test_every_url_pattern_has_an_entry_in_the_table():
    keys = all_keys()
    missing = sorted(keys - EXPECTED.keys())
    stale = sorted(EXPECTED.keys() - keys)
    assert not missing, f"URL patterns without an expected status in EXPECTED: {missing}"
    assert not stale, f"Entries in EXPECTED for URL patterns that no longer exist: {stale}"


def test_the_sweep_finds_the_projects_own_urls_one_by_one():
    keys = all_keys()
    assert "DossierPage:clientplannen/<int:pk>/download/" in keys
    assert "account/inloggen/" in keys
    assert "admin/ondertekeningen/<int:pk>/pdf/<str:kind>/" in keys
    assert "admin/^dossier/report/edit/(?P<instance_pk>[-\\w]+)/$" in keys
    assert "admin/pages/" in keys


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_url_answers_each_persona_as_declared(world, persona):
    http = world["clients"][persona]
    user = world["users"].get(persona)
    index = PERSONAS.index(persona)
    wrong = []
    for key, (sample, statuses) in sorted(EXPECTED.items()):
        path = sample.format(**world["ids"])
        outcome = _outcome(http.get(path))
        if not _matches(statuses[index], outcome):
            wrong.append(f"{key!r} {path} -> {outcome!r}, expected {statuses[index]!r}")
        if user is not None and "_auth_user_id" not in http.session:
            login_verified(http, user)  # a URL ended the session; the next one starts logged in again
    assert not wrong, "\n".join(wrong)


# Routes that show no dossier data and so write no entry themselves, with the reason.
UNLOGGED_DOSSIER_ROUTES = {
    "DossierPage:client-kiezen/": "a GET only redirects to the dashboard, which is logged",
    "DossierPage:afschrift/<int:pk>/download/": "it first redirects to a fresh password and SMS check",
    "DossierPage:berichten/meldingen/": "the account's own notification choice, no dossier data",
    "DossierPage:berichten/nieuw/": "an empty form to write to the care team, no dossier data",
    "DossierPage:kring/uitnodigingen/<int:pk>/intrekken/": "a GET is refused (405) before anything is read",
}


def test_every_dossier_route_writes_exactly_one_access_log_entry(world, personas):
    """As the client herself, every dossier route (allowed or refused) is one log line, with a stable key."""
    http = login_verified(HttpClient(raise_request_exception=False), personas.anna)
    accept_current_terms(personas.anna)
    counts = {}
    for key, (sample, _statuses) in sorted(EXPECTED.items()):
        if not key.startswith("DossierPage:"):
            continue
        before = AccessLogEntry.objects.count()
        http.get(sample.format(**world["ids"]))
        written = AccessLogEntry.objects.order_by("-pk")[: AccessLogEntry.objects.count() - before]
        counts[key] = [entry.object_type for entry in written]
    expected_counts = {key: 0 if key in UNLOGGED_DOSSIER_ROUTES else 1 for key in counts}
    assert {key: len(types) for key, types in counts.items()} == expected_counts
    assert all(kind in ObjectType.values for types in counts.values() for kind in types)


@pytest.mark.parametrize("persona", ["anonymous", "other_client", "expired_representative", "communicatie"])
def test_no_outsider_ever_sees_client_as_name_or_number(world, persona):
    """Whatever the status, no response (nor a PDF's text) contains client A's name or number.

    Privacy reads them in the access log.
    """
    http = world["clients"][persona]
    user = world["users"].get(persona)
    leaks = []
    for key, (sample, _statuses) in sorted(EXPECTED.items()):
        path = sample.format(**world["ids"])
        body = readable_text(http.get(path))
        if "Jansen" in body or "100001" in body:
            leaks.append(f"{key!r} {path}")
        if user is not None and "_auth_user_id" not in http.session:
            login_verified(http, user)
    assert not leaks, "\n".join(leaks)


def test_a_care_worker_does_not_read_other_teams_clients_in_the_site_history(client, personas):
    from wagtail.log_actions import log

    log(personas.client_c, "wagtail.edit")
    log(personas.client_a, "wagtail.edit")
    login_verified(client, personas.dirk)
    for path in ("/admin/reports/site-history/", "/admin/reports/site-history/results/"):
        body = client.get(path).content.decode()
        assert "Smit" not in body, path
        assert "200001" not in body, path


def test_the_administrator_still_reads_every_dossier_change_in_the_site_history(client, personas):
    from wagtail.log_actions import log

    log(personas.client_c, "wagtail.edit")
    admin = make_user("bas", mobile="+31688888888", is_staff=True, is_superuser=True)
    login_verified(client, admin)
    assert "Carla Smit (200001)" in client.get("/admin/reports/site-history/").content.decode()


@pytest.mark.parametrize("username", ["eva", "frank"])
def test_the_history_of_an_application_needs_a_permission_on_applications(client, personas, public_site, username):
    submission = _submission()
    login_verified(client, getattr(personas, username))
    response = client.get(f"/admin/home/applicationsubmission/history/{submission.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
