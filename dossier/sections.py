"""The dossier's sections as declared data: one `Section` per part of MijnDossier.

A section says what it shows and how it is read, never how a page is built:

- `key`: its name (route name, menu entry, `intro_<key>` on the page) and `object_type`, the access log's typed
  kind for reading its list;
- `records(user, client)`: its scoped queryset (always through `visible_to`), with named queryset methods such
  as `in_period()` and `latest_signed()`;
- `scope`: the scope of `dossier.relationships` a grant must give for any of its routes (None: every
  grant in force, as for the profile); the page answers 404 and logs otherwise, and hides it from the menu;
- `periods`: its period choices;
- `template`: its fragment (it extends `dossier_pages/record_list.html` and fills in the columns and rows);
- `document`: how one record becomes a PDF, and `period_document`: how a whole period does.

`dossier_pages.DossierPage` turns the registry into routes, menu and dashboard blocks; feature apps
(signing, messages, afschrift) add routes, document sources and dashboard cards to it in a module named
`dossier_sections.py`, found on first use. Renderers, views and context builders are dotted paths, so the
domain never imports the presentation. Adding a section is one `register(Section(...))` here (or in a
feature's `dossier_sections.py`), its template fragment and its tests.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils.module_loading import autodiscover_modules, import_string
from django.utils.translation import gettext_lazy as _

from . import periods as choices
from .models import (
    AccessLogEntry,
    Appointment,
    CareAgreement,
    ClientPlan,
    Evaluation,
    ObjectType,
    Report,
)
from .periods import PeriodSpec
from .relationships import Scope


@dataclass(frozen=True)
class Route:
    """A sub-route of the dossier page, served after its access gate.

    `view` is the dotted path of `view(request, page, client, **kwargs)`; `page` offers `url_for`,
    `render_section`, `deny` and `choose_client`, so a feature app needs nothing from the page's code.
    """

    pattern: str
    name: str
    view: str

    def callable(self) -> Callable:
        return import_string(self.view)


@dataclass(frozen=True)
class Document:
    """The PDF of one record (or, for `period_document`, of a period): renderer, file name and log kind.

    `render` is the dotted path of `render(record) -> bytes` (for a period: `render(client, records, period)`,
    with at most `max_records` records in `order_by` order, else `too_many_text` is shown and nothing is made);
    `filename(record)` gives the name's parts after the client number. `route` names the download route.
    """

    route: str
    object_type: ObjectType
    render: str
    kind: str
    filename: Callable[[Any], tuple] = lambda record: ()
    max_records: int = 0
    order_by: tuple[str, ...] = ()
    too_many_text: str = ""

    def render_pdf(self, *args) -> bytes:
        return import_string(self.render)(*args)


@dataclass(frozen=True)
class DashboardCard:
    """A block on the dossier's start page: its template and, optionally, what it shows.

    `shown(queryset, today)` narrows the section's scoped queryset; the template gets the result as `shown`.
    """

    template: str
    shown: Callable[[QuerySet, date], Any] | None = None


@dataclass(frozen=True)
class Section:
    key: str
    slug: str
    menu_label: str
    object_type: ObjectType | None = None
    scope: str | None = None
    heading: str = ""
    records: Callable[..., QuerySet] | None = None
    periods: PeriodSpec | None = None
    template: str = ""
    caption: str = ""
    empty_text: str = ""
    document: Document | None = None
    period_document: Document | None = None
    extra_context: str = ""
    dashboard: DashboardCard | None = None
    routes: tuple[Route, ...] = ()
    document_sources: tuple[str, ...] = ()
    in_menu: bool = True

    @property
    def has_list(self) -> bool:
        """A period-filtered, paginated list served by the page's own list view."""
        return self.records is not None

    def queryset(self, user, client) -> QuerySet:
        return self.records(user, client)

    def stored_document(self, record) -> bytes | None:
        """The first document a feature app keeps for `record` (e.g. a plan as frozen for signing), or None."""
        for source in self.document_sources:
            pdf = import_string(source)(record)
            if pdf is not None:
                return pdf
        return None

    def context_for(self, request, client) -> dict:
        return import_string(self.extra_context)(request, client) if self.extra_context else {}


class SectionRegistry:
    """The ordered sections; `version` changes with every registration so the page rebuilds its routes."""

    def __init__(self):
        self._sections: dict[str, Section] = {}
        self._discovered = False
        self.version = 0

    def register(self, section: Section) -> Section:
        if section.key in self._sections:
            raise ValueError(f"A dossier section {section.key!r} is already registered.")
        self._sections[section.key] = section
        self.version += 1
        return section

    def extend(self, key: str, *, routes=(), document_sources=(), dashboard=None) -> Section:
        """The extension point of feature apps: more routes, document sources or a dashboard card for `key`."""
        section = self._sections[key]
        changes = {
            "routes": (*section.routes, *routes),
            "document_sources": (*section.document_sources, *document_sources),
        }
        if dashboard is not None:
            changes["dashboard"] = dashboard
        self._sections[key] = replace(section, **changes)
        self.version += 1
        return self._sections[key]

    def unregister(self, key: str) -> None:
        del self._sections[key]
        self.version += 1

    def discover(self) -> None:
        """Import every installed app's `dossier_sections` module once (feature apps extend the registry there)."""
        if not self._discovered:
            self._discovered = True
            autodiscover_modules("dossier_sections")

    def all(self) -> list[Section]:
        self.discover()
        return list(self._sections.values())

    def __getitem__(self, key: str) -> Section:
        self.discover()
        return self._sections[key]

    def __contains__(self, key: str) -> bool:
        self.discover()
        return key in self._sections


registry = SectionRegistry()
register = registry.register
extend = registry.extend

MAX_REPORTS_PER_PDF = 2000
DASHBOARD_REPORT_DAYS = 7
DASHBOARD_REPORT_COUNT = 5


def _recent_reports(queryset, today):
    since = today - timedelta(days=DASHBOARD_REPORT_DAYS - 1)
    return queryset.in_period(since, today)[:DASHBOARD_REPORT_COUNT]


register(
    Section(
        key="reports",
        scope=Scope.REPORTS,
        slug="rapportages/",
        menu_label=_("Rapportages"),
        heading=_("Rapportages"),
        object_type=ObjectType.REPORTS,
        records=lambda user, client: Report.objects.visible_to(user, client),
        periods=choices.REPORTS,
        template="dossier_pages/reports.html",
        empty_text=_("Er zijn geen rapportages in deze periode."),
        period_document=Document(
            route="reports_download",
            object_type=ObjectType.REPORTS,
            render="dossier_pages.pdfs.reports_pdf",
            kind="rapportages",
            max_records=MAX_REPORTS_PER_PDF,
            order_by=("written_at", "pk"),
            too_many_text=_("Deze periode bevat te veel rapportages voor één PDF. Kies een kortere periode."),
        ),
        dashboard=DashboardCard("dossier_pages/cards/reports.html", _recent_reports),
    )
)
register(
    Section(
        key="plans",
        scope=Scope.PLANS,
        slug="clientplannen/",
        menu_label=_("Cliëntplanafdrukken"),
        heading=_("Cliëntplanafdrukken"),
        object_type=ObjectType.CLIENT_PLANS,
        records=lambda user, client: ClientPlan.objects.visible_to(user, client),
        periods=choices.PLANS,
        template="dossier_pages/plans.html",
        caption=_("Cliëntplannen"),
        empty_text=_("Er zijn geen cliëntplannen in deze periode."),
        document=Document(
            route="plan_download",
            object_type=ObjectType.CLIENT_PLAN,
            render="dossier_pages.pdfs.plan_pdf",
            kind="clientplan",
            filename=lambda plan: (f"v{plan.version}", plan.period_start),
        ),
        dashboard=DashboardCard("dossier_pages/cards/plans.html", lambda plans, _today: plans.latest_signed()),
    )
)
register(
    Section(
        key="evaluations",
        scope=Scope.EVALUATIONS,
        slug="evaluaties/",
        menu_label=_("Evaluaties"),
        heading=_("Evaluaties"),
        object_type=ObjectType.EVALUATIONS,
        records=lambda user, client: Evaluation.objects.visible_to(user, client).select_related("plan"),
        periods=choices.EVALUATIONS,
        template="dossier_pages/evaluations.html",
        caption=_("Evaluaties"),
        empty_text=_("Er zijn geen evaluaties in deze periode."),
        document=Document(
            route="evaluation_download",
            object_type=ObjectType.EVALUATION,
            render="dossier_pages.pdfs.evaluation_pdf",
            kind="evaluatie",
            filename=lambda evaluation: (evaluation.evaluated_on,),
        ),
        dashboard=DashboardCard("dossier_pages/cards/evaluations.html", lambda evaluated, _today: evaluated.first()),
    )
)
register(
    Section(
        key="profile",
        slug="profiel/",
        menu_label=_("Profiel"),
        heading=_("Mijn profiel"),
        object_type=ObjectType.PROFILE,
        # The access log of the client whose dossier the page gate has already found visible to the user.
        records=lambda user, client: AccessLogEntry.objects.for_client(client),
        periods=choices.ACCESS_LOG,
        template="dossier_pages/profile.html",
        caption=_("Toegangslog"),
        empty_text=_("In deze periode heeft niemand uw dossier bekeken."),
        extra_context="dossier_pages.views.profile_context",
        dashboard=DashboardCard("dossier_pages/cards/profile.html"),
    )
)
register(
    Section(
        key="agreements",
        scope=Scope.AGREEMENTS,
        slug="zorgovereenkomsten/",
        menu_label=_("Zorgovereenkomsten"),
        heading=_("Zorgovereenkomsten"),
        object_type=ObjectType.CARE_AGREEMENTS,
        records=lambda user, client: CareAgreement.objects.visible_to(user, client),
        periods=choices.AGREEMENTS,
        template="dossier_pages/agreements.html",
        caption=_("Zorgovereenkomsten"),
        empty_text=_("Er zijn geen zorgovereenkomsten in deze periode."),
        document=Document(
            route="agreement_download",
            object_type=ObjectType.CARE_AGREEMENT,
            render="dossier_pages.pdfs.agreement_pdf",
            kind="zorgovereenkomst",
            filename=lambda agreement: (agreement.period_start,),
        ),
        dashboard=DashboardCard(
            "dossier_pages/cards/agreements.html", lambda agreements, today: agreements.latest_signed()
        ),
    )
)
register(
    Section(
        key="appointments",
        scope=Scope.APPOINTMENTS,
        slug="afspraken/",
        menu_label=_("Afspraken"),
        heading=_("Afspraken"),
        object_type=ObjectType.APPOINTMENTS,
        records=lambda user, client: Appointment.objects.visible_to(user, client),
        periods=choices.APPOINTMENTS,
        template="dossier_pages/appointments.html",
        caption=_("Afspraken"),
        empty_text=_("Er staan geen afspraken in deze periode."),
        dashboard=DashboardCard(
            "dossier_pages/cards/appointments.html",
            lambda appointments, today: appointments.in_period(today, today + timedelta(days=1)),
        ),
    )
)
