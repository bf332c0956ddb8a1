"""What an admin list accepts in its query string.

wagtail-modeladmin's `IndexView` turns every query parameter that is not one
of its own (search, ordering, paging, export) into an ORM filter, without
Django admin's `lookup_allowed`. A lookup can follow relations out of the
scoped queryset (`team__members__password__startswith=…`), so whether the
list shows rows would answer questions about any reachable column.

`StrictIndexView` only applies the parameters the declared `list_filter`
classes consume; a request with any other parameter is sent to the same list
without it, with a Dutch warning that names it, so no link on the page
carries it along. A filter value the filter cannot use (`?team__id__exact=abc`) sends
the user back to the unfiltered list with a message instead of a 500.
Every modeladmin in the project derives from `StrictModelAdmin`.
"""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import IndexView

from lib.exports import FormulaSafeCsvMixin


class RefusedParameters(Exception):
    def __init__(self, names):
        self.names = names


class StrictIndexView(FormulaSafeCsvMixin, IndexView):
    """A modeladmin list that filters on its declared list filters only; its CSV export holds no formulas."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except RefusedParameters as refused:
            messages.warning(
                request,
                _("Niet toegestaan in deze lijst en genegeerd: %(params)s. Gebruik de filters en de zoekfunctie.")
                % {"params": ", ".join(refused.names)[:200]},
            )
            kept = request.GET.copy()
            for name in refused.names:
                kept.pop(name, None)
            return redirect(f"{request.path}?{kept.urlencode()}" if kept else request.path)
        except IncorrectLookupParameters:
            messages.error(request, _("Dit filter kan niet worden toegepast. U ziet de lijst zonder filter."))
            return redirect(request.path)

    def get_filters(self, request):
        filter_specs, has_filters, remaining, use_distinct = super().get_filters(request)
        if remaining:
            raise RefusedParameters(sorted(remaining))
        return filter_specs, has_filters, remaining, use_distinct


class StrictModelAdmin(ModelAdmin):
    index_view_class = StrictIndexView
