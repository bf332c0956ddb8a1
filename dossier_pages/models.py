from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from accounts.decorators import portal_access_redirect

from . import views
from .selection import current_client

INTRO_FEATURES = ["bold", "italic", "link", "ul", "ol"]


def conversation_views():
    """The messages section lives in its own app; imported late like signing's views."""
    from conversations import portal_views

    return portal_views


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

    def serve(self, request, view=None, args=None, kwargs=None):
        """The one gate for every sub-route: portal login, then a client, then no caching anywhere."""
        if view is None:
            view, args, kwargs = self.resolve_subpage("/")
        response = portal_access_redirect(request)
        if response is None:
            client = current_client(request)
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

    @path("rapportages/", name="reports")
    def reports(self, request):
        return views.reports(request, self, request.dossier_client)

    @path("rapportages/download/", name="reports_download")
    def reports_download(self, request):
        return views.reports_download(request, self, request.dossier_client)

    @path("clientplannen/", name="plans")
    def plans(self, request):
        return views.plans(request, self, request.dossier_client)

    @path("clientplannen/<int:pk>/download/", name="plan_download")
    def plan_download(self, request, pk):
        # Plans in portal signing are served from their stored bytes (signing app).
        from signing import views as signing_views

        return signing_views.plan_download(request, self, request.dossier_client, pk)

    @path("clientplannen/<int:pk>/ondertekenen/", name="plan_sign")
    def plan_sign(self, request, pk):
        from signing import views as signing_views

        return signing_views.sign(request, self, request.dossier_client, pk)

    @path("evaluaties/", name="evaluations")
    def evaluations(self, request):
        return views.evaluations(request, self, request.dossier_client)

    @path("evaluaties/<int:pk>/download/", name="evaluation_download")
    def evaluation_download(self, request, pk):
        return views.evaluation_download(request, self, request.dossier_client, pk)

    @path("zorgovereenkomsten/", name="agreements")
    def agreements(self, request):
        return views.agreements(request, self, request.dossier_client)

    @path("zorgovereenkomsten/<int:pk>/download/", name="agreement_download")
    def agreement_download(self, request, pk):
        return views.agreement_download(request, self, request.dossier_client, pk)

    @path("afspraken/", name="appointments")
    def appointments(self, request):
        return views.appointments(request, self, request.dossier_client)

    @path("profiel/", name="profile")
    def profile(self, request):
        return views.profile(request, self, request.dossier_client)

    @path("afschrift/", name="afschrift")
    def afschrift(self, request):
        return views.afschrift(request, self, request.dossier_client)

    @path("afschrift/<int:pk>/download/", name="afschrift_download")
    def afschrift_download(self, request, pk):
        from afschrift import views as afschrift_views

        return afschrift_views.download(request, request.dossier_client, pk)

    @path("foto/", name="photo")
    def photo(self, request):
        return views.photo(request, self, request.dossier_client)

    @path("berichten/", name="conversations")
    def conversations(self, request):
        return conversation_views().conversation_list(request, self, request.dossier_client)

    @path("berichten/nieuw/", name="conversation_start")
    def conversation_start(self, request):
        return conversation_views().start(request, self, request.dossier_client)

    @path("berichten/<int:pk>/", name="conversation")
    def conversation(self, request, pk):
        return conversation_views().detail(request, self, request.dossier_client, pk)

    @path("berichten/bijlagen/<int:pk>/", name="conversation_attachment")
    def conversation_attachment(self, request, pk):
        return conversation_views().attachment(request, self, request.dossier_client, pk)

    @path("berichten/meldingen/", name="conversation_preference")
    def conversation_preference(self, request):
        return conversation_views().preference(request, self, request.dossier_client)

    @path("client-kiezen/", name="choose_client")
    def choose_client(self, request):
        return views.choose_client(request, self)

    def url_for(self, name, *args) -> str:
        """Path of a sub-route, e.g. url_for("plan_download", 7) → /mijn-dossier/clientplannen/7/download/."""
        return self.url + self.reverse_subpage(name, args=args)

    def section_urls(self) -> dict[str, str]:
        """Paths of the routes without arguments, keyed by route name (for templates)."""
        base = self.url
        names = ["dashboard", "reports", "reports_download", "plans", "evaluations", "agreements"]
        names += [
            "appointments",
            "profile",
            "photo",
            "choose_client",
            "afschrift",
            "conversations",
            "conversation_start",
        ]
        return {name: base + self.reverse_subpage(name) for name in names}
