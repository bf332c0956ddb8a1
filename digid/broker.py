"""The DigiD broker as an OpenID Connect relying party, on Authlib.

Authlib does the protocol: discovery, the authorization request with `state`,
`nonce` and PKCE (S256) kept in the session, the token request, and the ID
token's signature (keys from the broker's JWKS, fetched again for an unknown
key id) and claims (`iss`, `aud`, `exp`, `iat`, `nonce`, `azp`, `at_hash`).
This module only adds the configuration and the level (`acr`) rules.
"""

from functools import lru_cache

from authlib.integrations.django_client import OAuth
from django.conf import settings

NAME = "digid"


def is_enabled():
    return bool(settings.OIDC_DISCOVERY_URL and settings.OIDC_CLIENT_ID)


def broker():
    """The configured broker client; its discovery document and keys are fetched once and kept."""
    return _broker(
        settings.OIDC_DISCOVERY_URL,
        settings.OIDC_CLIENT_ID,
        settings.OIDC_CLIENT_SECRET,
        settings.OIDC_CLIENT_AUTH_METHOD,
        " ".join(settings.OIDC_SCOPES),
        settings.OIDC_TIMEOUT_SECONDS,
    )


@lru_cache(maxsize=4)
def _broker(discovery_url, client_id, client_secret, auth_method, scope, timeout):
    oauth = OAuth()
    return oauth.register(
        name=NAME,
        client_id=client_id,
        client_secret=client_secret,
        server_metadata_url=discovery_url,
        client_kwargs={
            "scope": scope,
            "code_challenge_method": "S256",
            "token_endpoint_auth_method": auth_method,
            "timeout": timeout,
        },
    )


def issuer():
    return broker().load_server_metadata()["issuer"]


def claims_options():
    """What the ID token must carry, on top of Authlib's own checks."""
    return {
        "iss": {"essential": True, "value": issuer()},
        "aud": {"essential": True, "value": settings.OIDC_CLIENT_ID},
        "sub": {"essential": True},
    }


def level_rank(acr):
    """Position of `acr` in OIDC_ACR_VALUES (lowest first), or None for a level the portal does not know."""
    try:
        return settings.OIDC_ACR_VALUES.index(acr)
    except ValueError:
        return None


def meets_minimum(acr):
    rank = level_rank(acr)
    minimum = level_rank(settings.OIDC_ACR_MINIMUM)
    return rank is not None and minimum is not None and rank >= minimum


def supports_logout():
    return bool(broker().load_server_metadata().get("end_session_endpoint"))
