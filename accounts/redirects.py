"""Where a login, a confirmation or a choice returns to: the `next` parameter, when it is safe."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, default=""):
    """`next` from the form (POST) or the query (GET) when it is a path on this site, else `default`.

    Only paths: `redirect()` would take "abc" for a view name (NoReverseMatch, a 500), and a control
    character (a newline) in a Location header is a 500 as well.
    """
    url = request.POST.get("next") or request.GET.get("next") or ""
    if (
        url.startswith("/")
        and url.isprintable()
        and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    ):
        return url
    return default
