"""Spreadsheet exports that a spreadsheet program opens as text, never as formulas.

Every admin export (feedback, registrations, the translations report, Wagtail's own reports) goes
through Wagtail's `SpreadsheetExportMixin`, which writes residents' and editors' text into CSV
cells verbatim: a message such as `=HYPERLINK("https://evil.example", "Open")` or
`=cmd|' /C calc'!A0` becomes a live formula when staff open the file in Excel or LibreOffice.
As OWASP recommends ("CSV Injection"), a cell that starts with a character a spreadsheet reads as
the start of a formula gets a leading single quote, which those programs show as text.

XLSX needs nothing: Wagtail writes every value as a string cell there (it turns the cells
openpyxl takes for formulas back into strings), and a string cell is never evaluated.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

#: What a spreadsheet may read as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value):
    """`value`, with a leading quote if it is text that would start a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_exports_protect() -> None:
    """Make every CSV export neutralise formulas, at the one step every export shares.

    Hooked into Wagtail's mixin itself (once, at startup) rather than into each export view, so
    no export, Tapestry's or Wagtail's, present or future, can be left out.
    """
    if getattr(SpreadsheetExportMixin, "_tapestry_formulas_neutralised", False):
        return
    preprocess = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self, field, value, export_format):
        value = preprocess(self, field, value, export_format)
        return spreadsheet_text(value) if export_format == self.FORMAT_CSV else value

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin._tapestry_formulas_neutralised = True
