"""The class list: which student ids belong to the course.

Contract: ``read_roster(path)`` reads a roster file into a ``Roster`` (its ids and the
file they came from) or raises ``RosterError``, a sentence that names the file, what is
wrong and the format expected. ``check(results, roster)`` flags every graded result
whose id is not on the roster ("not on the roster", a sentence in its problem column;
it keeps its scores, so nothing is lost) and returns the roster's ids that have no
result. ``autograder.gradebook.record`` writes only the ids on a roster, so an id made
up in a zip or a folder name never reaches nbgrader's gradebook.

A roster file is either
- a CSV whose header row has a ``student_id`` column (any case; the other columns are
  ignored), as a spreadsheet or an LMS's export saves it (UTF-8, a byte-order mark
  allowed), or
- plain text with one student id per line.
In both, blank lines and lines whose first character (after spaces) is ``#`` are
ignored, and an id is the text of its cell or line without the spaces around it. Ids
are compared as written: they are the ids the grader shows (an LMS's participant or
user id, or a folder's name). A roster with no id, a CSV row with cells but no
student id, a file that is not UTF-8 text, or one over ``MAX_ROSTER_BYTES`` is refused.

The instructors' tools will grow this file (names, e-mail addresses, the LMS's other
ids per student): new columns of the CSV are to be read here, into ``Roster``.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

MAX_ROSTER_BYTES = 10 * 2**20
COLUMN = "student_id"
FORMAT = (f"a CSV file whose header row has a {COLUMN} column, or a text file with one "
          f"student id per line ('#' starts a comment line)")


class RosterError(Exception):
    """A roster file that cannot be used, with the format expected."""


@dataclass(frozen=True)
class Roster:
    """The student ids of the class."""

    ids: frozenset
    source: Path    # the file they were read from

    def __contains__(self, student_id):
        return student_id in self.ids


def read_roster(path):
    """The Roster in a file (see the module's docstring for its formats)."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_ROSTER_BYTES + 1)
    except OSError as error:
        raise RosterError(f"the roster {path} cannot be read ({error.strerror}): give "
                          f"{FORMAT}.") from None
    if len(data) > MAX_ROSTER_BYTES:
        raise RosterError(f"the roster {path} is over {MAX_ROSTER_BYTES // 2**20} MB, which "
                          f"is no class list: give {FORMAT}.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterError(f"the roster {path} is not UTF-8 text: save it as UTF-8 (in a "
                          f"spreadsheet, 'CSV UTF-8'); expected {FORMAT}.") from None
    lines = [(number, line) for number, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise RosterError(f"the roster {path} holds no student id: give {FORMAT}.")
    header = next(csv.reader([lines[0][1]]))
    names = [cell.strip().lower() for cell in header]
    if COLUMN in names:
        ids = _csv_ids(path, lines, names.index(COLUMN))
    elif len(header) > 1:
        raise RosterError(f"the roster {path} looks like a CSV file but its first row has "
                          f"no {COLUMN} column (it has {', '.join(header[:6])}): name the "
                          f"column of student ids {COLUMN}; expected {FORMAT}.")
    else:
        ids = [line.strip() for _, line in lines]
    if not ids:
        raise RosterError(f"the roster {path} holds no student id: give {FORMAT}.")
    return Roster(frozenset(ids), path)


def _csv_ids(path, lines, column):
    ids = []
    for number, line in lines[1:]:  # a roster's cell never spans lines
        cells = [cell.strip() for cell in next(csv.reader([line]))]
        student = cells[column] if column < len(cells) else ""
        if student:
            ids.append(student)
        elif any(cells):
            raise RosterError(f"the roster {path} has no {COLUMN} on line {number}: fill "
                              f"it in or delete the row; expected {FORMAT}.")
    return ids


def check(results, roster):
    """Flag each SubmissionResult whose id is not on the roster; return the roster's ids
    that have no result, sorted."""
    from autograder.grade import remark

    for result in results:
        if result.student_id not in roster:
            remark(result, "not on the roster",
                   f"{result.student_id} is not on the roster ({roster.source.name}): "
                   f"graded and shown here, but not written into the gradebook; check "
                   f"the id, or add it to the roster if the student is in the class.")
    return sorted(roster.ids - {result.student_id for result in results})
