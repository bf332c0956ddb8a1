"""Response headers that hold for the whole site: security headers and cache policy."""

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.middleware import PolicyParts
from django.conf import settings
from django.utils.cache import add_never_cache_headers

# Browser features the portal never uses; a compromised script cannot ask for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class TrustedProxyMiddleware:
    """Put the visitor's address in REMOTE_ADDR when the site runs behind reverse proxies.

    Login throttling (django-axes) and the access log read REMOTE_ADDR. Behind a
    load balancer that is the balancer's address, so one visitor's failed logins
    would lock out everybody. With TRUSTED_PROXY_COUNT = n, the address the n-th
    proxy from the right saw (X-Forwarded-For) is used; addresses further left
    are chosen by the client and never trusted.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxy_count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)

    def __call__(self, request):
        if self.proxy_count:
            forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
            if len(forwarded) >= self.proxy_count:
                request.META["REMOTE_ADDR"] = forwarded[-self.proxy_count]
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set: Permissions-Policy and CORP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class PrivateResponseMiddleware:
    """`Cache-Control: private, no-store` on everything personal.

    That is every response to a logged-in user and every response under the
    protected prefixes (dossier, account, admin, API), whoever asks: a redirect
    to the login page must not be stored by a proxy either.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.PRIVATE_PATH_PREFIXES)

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path_info.startswith(self.prefixes) or (user is not None and user.is_authenticated):
            response.headers.pop("Expires", None)
            add_never_cache_headers(response)
            cache_control = response.headers["Cache-Control"].split(", ")
            response.headers["Cache-Control"] = ", ".join(d for d in cache_control if not d.startswith("public"))
        return response


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp with a looser policy for the Wagtail admin only.

    The admin renders inline <script> blocks (date widgets, inline panels,
    notifications) and inline styles, and shows previews of pages in a
    same-origin iframe. The directives in `CONTENT_SECURITY_POLICY_ADMIN`
    replace the strict ones under /admin/ only; the public site and the dossier keep the strict
    policy without 'unsafe-inline'.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or not request.path_info.startswith(settings.WAGTAIL_ADMIN_PATH_PREFIX):
            return parts
        replace = {**settings.CONTENT_SECURITY_POLICY_ADMIN, **(parts.replace or {})}
        return PolicyParts(parts.config, parts.update, replace, parts.nonce)
