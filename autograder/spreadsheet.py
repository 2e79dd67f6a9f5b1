"""Writing the grader's CSV files so that a spreadsheet opens them as data, never as formulas.

Contract: ``csv_text(header, rows, formats=...)`` is the one CSV writer of the
grader: every CSV it writes goes through it. A cell that is a number (an ``int``
or a ``float``, which only the grader itself computes: a score, a percent) is
written with its format and stays a number, negative or not. Every other cell is
text, possibly a student's (an id taken from a folder or a zip, a file name in a
problem sentence), and text that a spreadsheet would take for a formula gets a
leading single quote, as OWASP advises against CSV injection: text that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, or with the
full-width ``＝ ＋ － ＠`` that some spreadsheets read as the same. Nothing else of
the text is changed, so it reads back as written after that quote. (The
``defusedcsv`` package does a similar job, but it also rewrites ``|`` and wraps
the text in quotes, and it does not tell a computed number from a student's
text, so it is not used.)
"""

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def text_cell(value):
    """Text for a cell, with a leading ' when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value, number_format="g"):
    """A cell: a number the grader computed in ``number_format``, anything else as text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format(value, number_format)
    return text_cell(value)


def csv_text(header, rows, formats=None):
    """A CSV file's text: the header row, then each row of values (see ``cell``).

    formats -- {column name: format of its numbers} (default "g")
    """
    formats = formats or {}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([text_cell(name) for name in header])
    for row in rows:
        writer.writerow([cell(value, formats.get(name, "g")) for name, value in zip(header, row)])
    return out.getvalue()
