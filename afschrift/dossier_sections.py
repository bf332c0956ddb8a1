"""The afschrift's two routes in MijnDossier (the button is on the start page and the profile)."""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from dossier.sections import Route, Section, register

from . import views


def afschrift_page(request, page, client):
    """The afschrift app's page inside the dossier layout."""
    result = views.page(request, client, page.url_for("afschrift"))
    if isinstance(result, HttpResponse):
        return result
    return page.render_section(request, client, "afschrift/page.html", "afschrift", result)


def afschrift_download(request, page, client, pk):
    return views.download(request, client, pk)


register(
    Section(
        key="afschrift",
        slug="afschrift/",
        menu_label=_("Afschrift"),
        in_menu=False,
        routes=(
            Route("afschrift/", "afschrift", "afschrift.dossier_sections.afschrift_page"),
            Route(
                "afschrift/<int:pk>/download/", "afschrift_download", "afschrift.dossier_sections.afschrift_download"
            ),
        ),
    )
)
