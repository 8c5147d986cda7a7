"""CSV for spreadsheets that cannot run what people typed: OWASP's rule against formula injection."""

import csv

# A cell starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets
# (=HYPERLINK(...), +cmd|..., @SUM(...)); a tab or carriage return can hide the character that follows.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """``value`` as text a spreadsheet shows as written: a leading formula character gets a quote before it.

    Numbers stay numbers (a negative count is not a formula); everything else that starts like a formula,
    including text whose first formula character hides behind spaces, is prefixed with "'".
    """
    if value is None:
        return ""
    if isinstance(value, bool) or isinstance(value, int | float):
        return value
    text = str(value)
    if text.lstrip(" ").startswith(FORMULA_STARTS) or text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class SafeWriter:
    """A csv.writer whose every cell goes through ``neutralise``: use it for every export."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row):
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
