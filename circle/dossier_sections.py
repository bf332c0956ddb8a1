"""The circle's routes in MijnDossier; the profile links to them."""

from django.utils.translation import gettext_lazy as _

from dossier.models import ObjectType
from dossier.sections import Route, Section, register

register(
    Section(
        key="circle",
        slug="kring/",
        menu_label=_("Mijn kring"),
        object_type=ObjectType.DOSSIER_ACCESS,
        in_menu=False,
        routes=(
            Route("kring/", "circle_overview", "circle.views.circle"),
            Route("kring/uitnodigen/", "circle_invite", "circle.views.invite"),
            Route("kring/toegang/<int:pk>/", "circle_access", "circle.views.access"),
            Route("kring/uitnodigingen/<int:pk>/intrekken/", "circle_withdraw", "circle.views.withdraw"),
        ),
    )
)
