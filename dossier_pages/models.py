from django.urls import URLResolver
from django.urls import path as django_path
from django.urls.resolvers import RegexPattern
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction

from accounts.decorators import portal_access_redirect
from dossier.models import AccessAction
from dossier.sections import registry
from lib import lookup_cache

from . import selection, views

INTRO_FEATURES = ["bold", "italic", "link", "ul", "ol"]


def _intro(label, help_text):
    return RichTextField(label, blank=True, features=INTRO_FEATURES, help_text=help_text)


class DossierPage(RoutablePageMixin, Page):
    """MijnDossier: the logged-in client's own dossier, one routable page with a route per section.

    Editors place it once (at /mijn-dossier/) and write the intro texts; the
    dossier data itself comes from the `dossier` app, scoped to the user. Every
    route goes through `serve()`, which checks the login and picks the client.
    """

    intro_dashboard = _intro(_("intro startpagina"), _("Tekst bovenaan de startpagina van MijnDossier."))
    intro_reports = _intro(_("intro rapportages"), _("Tekst bovenaan de pagina Rapportages."))
    intro_plans = _intro(_("intro cliëntplannen"), _("Tekst bovenaan de pagina Cliëntplanafdrukken."))
    intro_evaluations = _intro(_("intro evaluaties"), _("Tekst bovenaan de pagina Evaluaties."))
    intro_profile = _intro(_("intro profiel"), _("Tekst bovenaan de pagina Mijn profiel."))
    intro_agreements = _intro(_("intro zorgovereenkomsten"), _("Tekst bovenaan de pagina Zorgovereenkomsten."))
    intro_appointments = _intro(_("intro afspraken"), _("Tekst bovenaan de pagina Afspraken."))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("intro_dashboard"),
                FieldPanel("intro_reports"),
                FieldPanel("intro_plans"),
                FieldPanel("intro_evaluations"),
                FieldPanel("intro_profile"),
                FieldPanel("intro_agreements"),
                FieldPanel("intro_appointments"),
            ],
            heading=_("Introductieteksten per onderdeel"),
        )
    ]
    # Dossier pages hold no public content: not in search, not in the sitemap.
    search_fields = []
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    template = "dossier_pages/dashboard.html"

    class Meta:
        verbose_name = _("MijnDossier-pagina")
        verbose_name_plural = _("MijnDossier-pagina's")

    def get_sitemap_urls(self, request=None):
        return []

    def get_view_restrictions(self):
        """Wagtail checks these on every request: their ids come from the lookup cache, which any change of a
        view restriction, a page or a move clears."""
        ids = lookup_cache.cached(f"view-restrictions:{self.pk}", self._view_restriction_ids)
        return PageViewRestriction.objects.filter(pk__in=ids) if ids else PageViewRestriction.objects.none()

    def _view_restriction_ids(self) -> list[int]:
        return list(super().get_view_restrictions().values_list("pk", flat=True))

    def serve(self, request, view=None, args=None, kwargs=None):
        """The one gate for every sub-route: portal login, then a client, then no caching anywhere."""
        if view is None:
            view, args, kwargs = self.resolve_subpage("/")
        response = portal_access_redirect(request)
        if response is None:
            client = selection.current_client(request)
            if client is None:
                response = views.no_access(request, self)
            else:
                request.dossier_client = client
                response = super().serve(request, view, args, kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    def serve_preview(self, request, mode_name):
        return self.serve(request)

    @path("", name="dashboard")
    def dashboard(self, request):
        return views.dashboard(request, self, request.dossier_client)

    @path("foto/", name="photo")
    def photo(self, request):
        return views.photo(request, self, request.dossier_client)

    @path("client-kiezen/", name="choose_client")
    def switch_client(self, request):
        return views.choose_client(request, self)

    def url_for(self, name, *args) -> str:
        """Path of a sub-route, e.g. url_for("plan_download", 7) → /mijn-dossier/clientplannen/7/download/."""
        return self.url + self.reverse_subpage(name, args=args)

    def section_urls(self) -> dict[str, str]:
        """Paths of the routes without arguments, keyed by route name (for templates)."""
        base = self.url
        return {route.name: base + self.reverse_subpage(route.name) for route in self._routes_without_arguments()}

    @classmethod
    def _routes_without_arguments(cls):
        return [route for route in cls.get_resolver().url_patterns if not route.pattern.converters]

    @classmethod
    def get_subpage_urls(cls):
        """The page's own routes, then every registered section's (list, downloads, feature routes)."""
        return (*super().get_subpage_urls(), *section_routes())

    @classmethod
    def get_resolver(cls):
        """Wagtail's resolver, rebuilt when a section is registered (a test may declare one)."""
        registry.discover()
        if cls.__dict__.get("_registry_version") != registry.version:
            cls._routablepage_urlresolver = URLResolver(RegexPattern(r"^/"), cls.get_subpage_urls())
            cls._registry_version = registry.version
        return cls._routablepage_urlresolver

    # The extension point for feature apps' views (see `dossier.sections.Route`).

    def render_section(self, request, client, template, section, context=None, status=200):
        """A page in the dossier layout (menu, client switcher) with `section` marked current."""
        return views.render_section(request, self, client, template, section, context, status)

    def deny(self, request, client, model, pk, object_type, action=AccessAction.READ):
        """Log the refused request for record `pk` of `model` and raise Http404."""
        views.deny(request, client, model, pk, object_type, action)

    def choose_client(self, request, client_id):
        """Make `client_id` the current client when the user may see it; returns it or None."""
        return selection.choose_client(request, client_id)


def _serving(view, key):
    """A route callable bound to the page as `self`, after `serve()` has found the client."""

    def route(page, request, **kwargs):
        views.require_scope(request, registry[key], request.dossier_client)
        return view(request, page, request.dossier_client, key, **kwargs)

    route.__name__ = f"{view.__name__}_{key}"
    return route


def _feature(route_declaration, key):
    def route(page, request, **kwargs):
        views.require_scope(request, registry[key], request.dossier_client)
        return route_declaration.callable()(request, page, request.dossier_client, **kwargs)

    route.__name__ = route_declaration.name
    return route


def section_routes() -> list:
    routes = []
    for section in registry.all():
        if section.has_list:
            routes.append(django_path(section.slug, _serving(views.section_list, section.key), name=section.key))
        if section.period_document:
            document = section.period_document
            pattern = f"{section.slug}download/"
            routes.append(django_path(pattern, _serving(views.period_download, section.key), name=document.route))
        if section.document:
            pattern = f"{section.slug}<int:pk>/download/"
            view = _serving(views.record_download, section.key)
            routes.append(django_path(pattern, view, name=section.document.route))
        routes.extend(
            django_path(route.pattern, _feature(route, section.key), name=route.name) for route in section.routes
        )
    return routes
