"""Spreadsheet exports that a spreadsheet program cannot run as formulas.

Wagtail's CSV export (modeladmin lists, form submissions, generic listings)
writes cells as they are; a cell starting with `=`, `+`, `-`, `@`, a tab or a
carriage return is a formula for Excel and LibreOffice (`=HYPERLINK(...)`,
`=cmd|...`). Anyone can plant such text: a visitor in the application form, a
portal user in a logged client switcher value. XLSX exports are already safe
(Wagtail stores detected formulas as text).
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Text that a spreadsheet would read as a formula gets a leading apostrophe (OWASP's advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class FormulaSafeCsvMixin:
    """For views with Wagtail's `SpreadsheetExportMixin`: every CSV cell passes `neutralise_formula`."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise_formula(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )
