"""The class list: which student ids belong to the course.

Contract: ``read_roster(path)`` reads a roster file into a ``Roster`` (its ids and the
file they came from) or raises ``RosterError``, a sentence that names the file, what is
wrong and the format expected. ``check(results, roster)`` flags every graded result
whose id is not on the roster ("not on the roster", a sentence in its problem column;
it keeps its scores, so nothing is lost) and returns the roster's ids that have no
result. ``autograder.gradebook.record`` writes only the ids on a roster, so an id made
up in a zip or a folder name never reaches nbgrader's gradebook.

A roster file is either
- a CSV whose header row has a ``student_id`` column, or an ``id`` column as nbgrader's
  student table has it (``nbgrader db student import``: id, first_name, last_name,
  email), in any case, as a spreadsheet or an LMS's export saves it (UTF-8, a
  byte-order mark allowed); of its other columns, ``name`` (or first_name and
  last_name) and ``email`` are kept for the grade sheets an LMS imports
  (``Roster.people``), the rest ignored;
- nbgrader's gradebook itself (a SQLite file such as ``gradebook.db``): its students
  table; or
- plain text with one student id per line.
In both, blank lines and lines whose first character (after spaces) is ``#`` are
ignored, and an id is the text of its cell or line without the spaces around it. Ids
are compared as written: they are the ids the grader shows (an LMS's participant or
user id, or a folder's name). A roster with no id, a CSV row with cells but no
student id, a file that is not UTF-8 text, or one over ``MAX_ROSTER_BYTES`` is refused.

The instructors' tools will grow this file (names, e-mail addresses, the LMS's other
ids per student): new columns of the CSV are to be read here, into ``Roster``.
"""

import contextlib
import csv
from dataclasses import dataclass, field
from pathlib import Path

MAX_ROSTER_BYTES = 10 * 2**20
COLUMN = "student_id"
NBGRADER_COLUMN = "id"  # nbgrader's student table
SQLITE = b"SQLite format 3\x00"
FORMAT = (f"a CSV file whose header row has a {COLUMN} column (or nbgrader's {NBGRADER_COLUMN} "
          f"column), nbgrader's gradebook.db, or a text file with one student id per line "
          f"('#' starts a comment line)")


class RosterError(Exception):
    """A roster file that cannot be used, with the format expected."""


@dataclass(frozen=True)
class Roster:
    """The student ids of the class."""

    ids: frozenset
    source: Path    # the file they were read from
    people: dict = field(default_factory=dict, compare=False)  # {id: {"name", "email"}}

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
    if data.startswith(SQLITE):
        return _gradebook_roster(path)
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
    people = {}
    column = COLUMN if COLUMN in names else NBGRADER_COLUMN
    if column in names:
        ids, people = _csv_ids(path, lines, names, column)
    elif len(header) > 1:
        raise RosterError(f"the roster {path} looks like a CSV file but its first row has "
                          f"no {COLUMN} column (it has {', '.join(header[:6])}): name the "
                          f"column of student ids {COLUMN}; expected {FORMAT}.")
    else:
        ids = [line.strip() for _, line in lines]
    if not ids:
        raise RosterError(f"the roster {path} holds no student id: give {FORMAT}.")
    return Roster(frozenset(ids), path, people)


def _csv_ids(path, lines, names, column):
    """(the ids, {id: {"name", "email"}}) of a roster CSV's rows."""
    ids, people = [], {}
    for number, line in lines[1:]:  # a roster's cell never spans lines
        cells = dict(zip(names, (cell.strip() for cell in next(csv.reader([line])))))
        student = cells.get(column, "")
        if student:
            ids.append(student)
            name = cells.get("name") or " ".join(
                filter(None, (cells.get("first_name"), cells.get("last_name"))))
            people[student] = {"name": name, "email": cells.get("email", "")}
        elif any(cells.values()):
            raise RosterError(f"the roster {path} has no {column} on line {number}: fill "
                              f"it in or delete the row; expected {FORMAT}.")
    return ids, people


def _gradebook_roster(path):
    """The students of nbgrader's gradebook (a SQLite file, opened read-only) as a Roster."""
    import sqlite3
    from urllib.parse import quote

    try:
        with contextlib.closing(sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro",
                                                uri=True)) as db:
            rows = db.execute("SELECT id, first_name, last_name, email FROM student").fetchall()
    except sqlite3.Error as error:  # not nbgrader's database, or a broken one
        raise RosterError(f"the roster {path} is a SQLite file but not a gradebook of "
                          f"nbgrader's ({error}): give {FORMAT}.") from None
    people = {str(student): {"name": " ".join(filter(None, (first, last))),
                             "email": email or ""}
              for student, first, last, email in rows if student}
    if not people:
        raise RosterError(f"the gradebook {path} has no students: add them with `nbgrader "
                          f"db student add` or give {FORMAT}.")
    return Roster(frozenset(people), path, people)


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
