"""Late work: when each submission came in, against its due date.

Contract: ``parse_due(text)`` reads a due date (ISO 8601, e.g. ``2026-12-07T23:59``
or ``2026-12-07 23:59+01:00``; without a zone, this machine's) or raises
``LateWorkError``; ``read_extensions(path)`` reads a CSV of per-student due dates
(columns ``student_id`` or nbgrader's ``id``, and ``due``) into {id: due};
``lateness(student, due, extensions)`` says of a ``StudentFolder`` when it was
submitted and whether it is late, as text for the table, the CSV, the JSON and the
report: "" when nothing says (no due date and no LMS mark), "on time", "late by
2 h 05 min", or "late (Canvas's mark)".

When a submission came in is only what the grader's sources of it recorded, never a
file a student's notebook wrote: Canvas's ``LATE_`` mark in its own prefix of the
zip's entry names (``autograder.layouts``), the date and time the LMS wrote on a
zip's entries (Moodle's, Canvas's: the newest notebook graded), and nbgrader's
``timestamp.txt`` in ``submitted/<student>/<assignment>/``, written by its submit or
collect step and read with nbgrader's own parser. A folder of plain student folders
has no such record. A student's extension replaces the class's due date for them.
``check_extensions(extensions, path, roster)`` refuses (``LateWorkError``) extensions
for ids that are not on the roster, naming them and what to correct, so that a
mistyped id never leaves a student's extension unapplied without a word.
"""

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timezone

MAX_TIMESTAMP_BYTES = 200
MAX_EXTENSIONS_BYTES = 2**20


class LateWorkError(Exception):
    """A due date or an extensions file that cannot be used, with what to give."""


@dataclass(frozen=True)
class Lateness:
    submitted_at: str  # ISO 8601, "" unknown
    late: str          # "" (nothing says), "on time", "late by ...", "late (Canvas's mark)"
    seconds_late: float = 0.0


def parse_due(text):
    """An aware datetime from ISO 8601 text (this machine's zone when it names none)."""
    try:
        due = datetime.fromisoformat(text.strip())
    except ValueError:
        raise LateWorkError(f"{text!r} is not a date and time: write it as ISO 8601, e.g. "
                            f"2026-12-07T23:59 or 2026-12-07T23:59+01:00.") from None
    return due.astimezone() if due.tzinfo is None else due


def read_extensions(path):
    """{student id: their due date} from a CSV with student_id (or id) and due columns."""
    from autograder.intake import UnreadableFile, read_bytes

    try:
        data = read_bytes(path, MAX_EXTENSIONS_BYTES)
        text = data.decode("utf-8-sig")
    except (UnreadableFile, UnicodeDecodeError) as error:
        raise LateWorkError(f"the extensions file {path} cannot be read ({error}): give a "
                            f"UTF-8 CSV with the columns student_id and due.") from None
    rows = csv.DictReader(io.StringIO(text))
    names = {name.strip().lower(): name for name in rows.fieldnames or ()}
    column = "student_id" if "student_id" in names else "id"
    if column not in names or "due" not in names:
        raise LateWorkError(f"the extensions file {path} needs the columns student_id (or "
                            f"id) and due, e.g. 'student_id,due' then '1001,2026-12-09T23:59'.")
    extensions = {}
    for number, row in enumerate(rows, 2):
        student, due = (row[names[column]] or "").strip(), (row[names["due"]] or "").strip()
        if not student and not due:
            continue
        try:
            extensions[student] = parse_due(due)
        except LateWorkError as error:
            raise LateWorkError(f"the extensions file {path}, line {number}: {error}") from None
    return extensions


def check_extensions(extensions, path, roster):
    """Raise LateWorkError when an id of ``extensions`` is not on the ``roster``."""
    strangers = sorted(set(extensions) - set(roster.ids))
    if strangers:
        shown = ", ".join(strangers[:10]) + (f" and {len(strangers) - 10} more"
                                             if len(strangers) > 10 else "")
        raise LateWorkError(f"the extensions file {path} gives an extension to {shown}, "
                            f"not on the roster ({roster.source.name}): correct the id in "
                            f"the extensions file (it must be the id the grader shows), or "
                            f"add the student to the roster.")


def nbgrader_timestamp(folder):
    """The time in nbgrader's ``timestamp.txt`` of a submitted assignment's folder, or
    None when there is none that nbgrader's parser reads."""
    from autograder.intake import UnreadableFile, read_bytes

    try:
        text = read_bytes(folder / "timestamp.txt", MAX_TIMESTAMP_BYTES).decode("utf-8")
        if len(text) > MAX_TIMESTAMP_BYTES:
            return None
        return _parse_utc(text.strip())
    except (UnreadableFile, UnicodeDecodeError, ValueError, OverflowError):
        return None


def _parse_utc(text):
    """A timestamp as nbgrader's ``parse_utc`` reads it ("2026-12-07 14:03:11.25 UTC", a
    zone name or offset as the third part, or any form dateutil reads), as an aware UTC
    datetime. The same rules with dateutil, nbgrader's own parser: the students' copy of
    the course imports this module without nbgrader."""
    import dateutil.parser
    import dateutil.tz

    parts = text.split(" ")
    if len(parts) == 3:
        try:
            zone = int(parts[2])
        except ValueError:
            zone = dateutil.tz.gettz(parts[2])
        when = dateutil.parser.parse(" ".join(parts[:2] + ["TZ"]), tzinfos={"TZ": zone})
    else:
        when = dateutil.parser.parse(text)
    if when.tzinfo is not None:
        when = (when - when.utcoffset()).replace(tzinfo=None)
    return when.replace(tzinfo=timezone.utc)


def nbgrader_time(when):
    """A datetime as nbgrader's gradebook stores one: UTC, without a zone."""
    return when.astimezone(timezone.utc).replace(tzinfo=None)


def _late_by(seconds):
    minutes = int(seconds // 60) + (seconds % 60 > 0)
    if minutes < 60:
        return f"late by {minutes} min"
    if minutes < 48 * 60:
        return f"late by {minutes // 60} h {minutes % 60:02d} min"
    return f"late by {minutes // 1440} days {minutes % 1440 // 60} h"


def lateness(student, due=None, extensions=None):
    """The Lateness of a StudentFolder, against its due date (an extension, if any,
    else ``due``)."""
    submitted = student.submitted_at
    shown = submitted.isoformat() if submitted else ""
    own_due = (extensions or {}).get(student.student_id, due)
    if own_due is not None and submitted is not None:
        seconds = (submitted - own_due).total_seconds()
        return Lateness(shown, _late_by(seconds) if seconds > 0 else "on time",
                        max(seconds, 0.0))
    if student.late_mark:
        return Lateness(shown, "late (Canvas's mark)")
    return Lateness(shown, "")
