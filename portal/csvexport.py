"""CSV downloads that are safe to open in a spreadsheet."""

import csv

from django.http import HttpResponse

# A spreadsheet runs a cell that starts like a formula; a leading apostrophe stops that.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    """An attachment named ``filename``: ``header`` then ``rows``, every cell made safe.

    Starts with a byte order mark so spreadsheet programs read accented names correctly, and is
    never kept in a shared cache (these lists hold people's details).
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response
