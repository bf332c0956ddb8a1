"""The admin's list and export of form submissions, with CSV cells that no spreadsheet runs as a formula."""

from wagtail.contrib.forms.views import SubmissionsListView

from lib.exports import FormulaSafeCsvMixin


class FormulaSafeSubmissionsListView(FormulaSafeCsvMixin, SubmissionsListView):
    pass
