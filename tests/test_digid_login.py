"""DigiD login over OpenID Connect against a real provider (tests/oidc_provider, node-oidc-provider)."""

from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from digid.models import DigidIdentity
from tests.helpers import log_in
from tests.oidc_provider.fixtures import callback_query, log_in_at_provider

pytestmark = pytest.mark.django_db

MARIEKE_SUB = "digid-pseudoniem-marieke-0001"
CALLBACK = "/account/digid/terug/"


def link(user, oidc_provider, subject=MARIEKE_SUB):
    return DigidIdentity.objects.create(user=user, issuer=oidc_provider.issuer, subject=subject)


def start(client, next_url=None):
    url = reverse("digid:start") + (f"?next={next_url}" if next_url else "")
    response = client.get(url)
    assert response.status_code == 302, response.content[:300]
    return response["Location"]


def digid_login(client, account="marieke", level="substantieel", next_url=None):
    back = log_in_at_provider(start(client, next_url), account, level)
    assert back.startswith(f"http://testserver{CALLBACK}?")
    return client.get(CALLBACK, callback_query(back))


def test_the_login_page_offers_digid_when_a_broker_is_configured(client, digid_settings):
    page = client.get("/account/inloggen/").content.decode()
    assert "Inloggen met DigiD" in page
    assert 'href="/account/digid/inloggen/"' in page


def test_the_login_page_has_no_digid_button_without_a_broker(client, settings):
    settings.OIDC_DISCOVERY_URL = ""
    assert "DigiD" not in client.get("/account/inloggen/").content.decode()
    assert client.get(reverse("digid:start")).status_code == 404


def test_the_button_text_is_a_setting(client, digid_settings):
    digid_settings.OIDC_BUTTON_TEXT = "Inloggen met DigiD via Signicat"
    assert "Inloggen met DigiD via Signicat" in client.get("/account/inloggen/").content.decode()


def test_the_authorization_request_uses_pkce_s256_state_nonce_and_asks_for_the_minimum_level(client, digid_settings):
    query = callback_query(start(client))
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) >= 43
    assert query["state"] and query["nonce"]
    assert query["response_type"] == "code"
    assert query["acr_values"] == "http://eidas.europa.eu/LoA/substantial"
    assert query["redirect_uri"] == f"http://testserver{CALLBACK}"


def test_a_linked_client_logs_in_with_digid_at_substantieel_and_reaches_the_dossier(
    client, digid_settings, personas, dossier_page, oidc_provider
):
    link(personas.anna, oidc_provider)
    response = digid_login(client)
    assert response.status_code == 302
    assert response["Location"] == "/mijn-dossier/"
    assert client.session["digid_acr"] == "http://eidas.europa.eu/LoA/substantial"
    assert client.get("/mijn-dossier/").status_code == 200
    assert client.get("/account/profiel/").status_code == 200
    assert DigidIdentity.objects.get().last_login_at is not None


def test_the_digid_login_returns_to_next(client, digid_settings, personas, oidc_provider):
    link(personas.anna, oidc_provider)
    response = digid_login(client, next_url="/account/profiel/")
    assert response["Location"] == "/account/profiel/"


def test_a_wrong_state_is_refused_and_logs_no_one_in(client, digid_settings, personas, oidc_provider):
    link(personas.anna, oidc_provider)
    back = callback_query(log_in_at_provider(start(client), "marieke"))
    back["state"] = "aangepast-" + back["state"]
    response = client.get(CALLBACK, back)
    assert response.status_code == 400
    assert "Inloggen met DigiD is niet gelukt" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/account/profiel/").status_code == 302


def test_a_wrong_nonce_in_the_id_token_is_refused(client, digid_settings, personas, oidc_provider):
    link(personas.anna, oidc_provider)
    back = callback_query(log_in_at_provider(start(client), "marieke"))
    session = client.session
    key = f"_state_digid_{back['state']}"
    session[key]["data"]["nonce"] = "een-andere-nonce"
    session.save()
    response = client.get(CALLBACK, back)
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_an_expired_id_token_is_refused(client, digid_settings, personas, oidc_provider):
    """The provider's ID tokens live 10 minutes; the portal checks one after 20 (plus its leeway)."""
    link(personas.anna, oidc_provider)
    back = callback_query(log_in_at_provider(start(client), "marieke"))
    later = timezone.now().timestamp() + 20 * 60 + digid_settings.OIDC_CLOCK_LEEWAY_SECONDS
    with mock.patch("joserfc._rfc7519.claims._generate_now", return_value=int(later)):
        response = client.get(CALLBACK, back)
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_too_low_level_gets_a_clear_message_and_not_the_dossier(
    client, digid_settings, personas, dossier_page, oidc_provider
):
    link(personas.anna, oidc_provider)
    response = digid_login(client, level="laag")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Uw inlogniveau is niet hoog genoeg" in page
    assert "niveau ‘laag’" in page and "minimaal niveau ‘substantieel’" in page
    assert "_auth_user_id" not in client.session
    assert client.get("/mijn-dossier/").status_code == 302


def test_a_level_the_portal_does_not_know_counts_as_too_low(client, digid_settings, personas, oidc_provider):
    link(personas.anna, oidc_provider)
    response = digid_login(client, level="basis")
    assert response.status_code == 403
    assert "Uw inlogniveau is niet hoog genoeg" in response.content.decode()


def test_a_higher_minimum_refuses_substantieel(client, digid_settings, personas, oidc_provider):
    digid_settings.OIDC_ACR_MINIMUM = "http://eidas.europa.eu/LoA/high"
    link(personas.anna, oidc_provider)
    assert digid_login(client).status_code == 403
    assert digid_login(client, level="hoog").status_code == 302


def test_an_unknown_sub_gets_a_dutch_page_and_no_account_is_created(client, digid_settings, django_user_model):
    users_before = django_user_model.objects.count()
    response = digid_login(client, account="onbekend")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Deze DigiD is nog niet gekoppeld" in page
    assert "We maken nooit zelf een account aan" in page
    assert "Inloggen en DigiD koppelen" in page
    assert django_user_model.objects.count() == users_before
    assert "_auth_user_id" not in client.session


def test_a_user_links_an_unknown_digid_after_a_password_and_sms_login(client, digid_settings, personas, oidc_provider):
    digid_login(client, account="onbekend")
    log_in(client, personas.anna, next_url="/account/digid/koppelen/")
    page = client.get("/account/digid/koppelen/").content.decode()
    assert "Ja, koppel mijn DigiD aan dit account" in page
    assert client.post("/account/digid/koppelen/").status_code == 302
    identity = DigidIdentity.objects.get()
    assert (identity.user, identity.subject, identity.linked_by) == (
        personas.anna,
        "digid-pseudoniem-onbekend-9999",
        DigidIdentity.LINKED_BY_USER,
    )
    client.post("/account/uitloggen/")
    assert digid_login(client, account="onbekend").status_code == 302
    assert client.get("/account/profiel/").status_code == 200


def test_linking_needs_the_password_and_sms_login_first(client, digid_settings, personas):
    digid_login(client, account="onbekend")
    response = client.post("/account/digid/koppelen/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")
    assert not DigidIdentity.objects.exists()


def test_a_pending_link_expires(client, digid_settings, personas):
    digid_login(client, account="onbekend")
    digid_settings.OIDC_LINK_VALIDITY_SECONDS = -1
    log_in(client, personas.anna)
    client.post("/account/digid/koppelen/")
    assert not DigidIdentity.objects.exists()


def test_a_digid_already_linked_to_someone_else_is_not_linked_twice(client, digid_settings, personas, oidc_provider):
    digid_login(client, account="onbekend")
    link(personas.carla, oidc_provider, subject="digid-pseudoniem-onbekend-9999")
    log_in(client, personas.anna)
    response = client.post("/account/digid/koppelen/", follow=True)
    assert "Deze DigiD is al gekoppeld" in response.content.decode()
    assert DigidIdentity.objects.get().user == personas.carla


def test_a_deactivated_account_cannot_log_in_with_its_digid(client, digid_settings, personas, oidc_provider):
    link(personas.anna, oidc_provider)
    personas.anna.is_active = False
    personas.anna.save()
    assert digid_login(client).status_code == 403
    assert "_auth_user_id" not in client.session


def test_removing_the_link_ends_the_verified_digid_session(client, digid_settings, personas, oidc_provider):
    identity = link(personas.anna, oidc_provider)
    digid_login(client)
    assert client.get("/account/profiel/").status_code == 200
    identity.delete()
    assert client.get("/account/profiel/").status_code == 302


def test_cancelling_at_the_broker_gets_a_dutch_message(client, digid_settings):
    authorize = callback_query(start(client))
    response = client.get(CALLBACK, {"error": "access_denied", "state": authorize["state"]})
    assert response.status_code == 200
    assert "U heeft het inloggen bij DigiD afgebroken" in response.content.decode()


def test_an_unreachable_broker_gets_a_dutch_message(client, settings):
    settings.OIDC_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    settings.OIDC_CLIENT_ID = "niet-bereikbaar"
    response = client.get(reverse("digid:start"))
    assert response.status_code == 503
    assert "DigiD is op dit moment niet bereikbaar" in response.content.decode()


def test_logout_of_a_digid_session_also_ends_the_broker_session(client, digid_settings, personas, oidc_provider):
    link(personas.anna, oidc_provider)
    digid_login(client)
    page = client.get("/account/profiel/").content.decode()
    assert 'action="/account/digid/uitloggen/"' in page
    response = client.post("/account/digid/uitloggen/")
    assert response.status_code == 200
    end_session = response.context["broker_logout_url"]
    assert f'content="0;url={end_session}"'.replace("&", "&amp;") in response.content.decode()
    assert end_session.startswith(f"{oidc_provider.issuer}/session/end?")
    query = callback_query(end_session)
    assert query["id_token_hint"].count(".") == 2
    assert query["post_logout_redirect_uri"] == "http://testserver/account/digid/uitgelogd/"
    assert "_auth_user_id" not in client.session
    assert client.get("/account/profiel/").status_code == 302


def test_logout_of_a_password_session_does_not_visit_the_broker(client, digid_settings, personas):
    log_in(client, personas.anna)
    response = client.post("/account/digid/uitloggen/")
    assert response["Location"] == "/account/inloggen/?reden=uitgelogd"
