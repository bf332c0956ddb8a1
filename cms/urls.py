from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern as wagtail_serve_pattern

from accounts.views.admin_account import account as admin_account
from accounts.views.login import admin_login
from backoffice.site_history import ScopedLogEntriesView
from home.routing import serve as serve_page
from home.views import favicon, robots_txt

ADMIN = settings.WAGTAIL_ADMIN_PATH_PREFIX.lstrip("/")
ACCOUNT = settings.ACCOUNT_PATH_PREFIX.lstrip("/")

urlpatterns = [
    # Wagtail's admin login is routed to the two-factor login (accounts.middleware guards /admin/).
    path(f"{ADMIN}login/", admin_login, name="admin_login"),
    # Site history without other teams' dossier entries (backoffice.site_history).
    path(f"{ADMIN}reports/site-history/", require_admin_access(ScopedLogEntriesView.as_view())),
    path(
        f"{ADMIN}reports/site-history/results/", require_admin_access(ScopedLogEntriesView.as_view(results_only=True))
    ),
    # E-mail and password of a staff account change only after a fresh password + SMS check.
    path(f"{ADMIN}account/", admin_account),
    path(ADMIN, include(wagtailadmin_urls)),
    path(f"{ACCOUNT}digid/", include("digid.urls")),
    path(f"{ACCOUNT}passkey/", include("accounts.passkey_urls")),
    path(ACCOUNT, include("accounts.urls")),
    path("", include("accounts.two_factor_urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("zoeken/", include("search.urls")),
    # The invited person's link: public, the token proves the invitation, an SMS code the number.
    path("uitnodiging/", include("circle.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    # Push API for care record systems (bearer token per source system, CSRF-exempt).
    path("api/import/", include("ecd_import.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's own URLs, its page serving replaced by the one with the site and top-level routes cached (home.routing).
urlpatterns += [
    *(pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", None) != "wagtail_serve"),
    re_path(wagtail_serve_pattern, serve_page, name="wagtail_serve"),
]
