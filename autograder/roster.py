"""The class list: which student ids belong to the course.

Contract: ``read_roster(path)`` reads a roster file into a ``Roster`` (its ids and the
file they came from) or raises ``RosterError``, a sentence that names the file, what is
wrong and the format expected. ``check(results, roster)`` flags every graded result
whose id is not on the roster ("not on the roster", a sentence in its problem column;
it keeps its scores, so nothing is lost) and returns the roster's ids that have no
result. ``autograder.gradebook.record`` writes only the ids on a roster, so an id made
up in a zip or a folder name never reaches nbgrader's gradebook.

One id per student, whatever the intake: ``identify(students, roster)``, before
grading, gives each ``StudentFolder`` the course's student id that the roster's column
for its intake maps its id to (``StudentFolder.id_source``: ``canvas_id`` for a Canvas
zip's user ids, ``moodle_id`` for a Moodle zip's participant ids, ``nbgrader_id`` for
the folder names of a folder of submissions, nbgrader's or plain). The intake's id
comes only from what the grader reads itself (the LMS's own prefix, a folder's name)
and is mapped only through the instructor's roster. Without that column the intake's
ids are the course's, compared as written. With it, every id of that intake is looked
up there: a row whose cell is empty maps the student's own id; an id no row maps is
graded as ``<intake>:<id>`` (so it can never be taken for a roster id) and flagged "not
on the roster" with a sentence that says which column to fill in; two ids of one batch
that map to one student raise ``RosterError`` before grading, naming both.

A roster file is either
- a CSV whose header row has a ``student_id`` column, or an ``id`` column as nbgrader's
  student table has it (``nbgrader db student import``: id, first_name, last_name,
  email), in any case, as a spreadsheet or an LMS's export saves it (UTF-8, a
  byte-order mark allowed); of its other columns, ``name`` (or first_name and
  last_name) and ``email`` are kept for the grade sheets an LMS imports
  (``Roster.people``), ``canvas_id``, ``moodle_id`` and ``nbgrader_id`` map an
  intake's ids to the student's (``Roster.aliases``; a student may have several rows,
  one id each, and an id that two students' rows claim is refused), the rest ignored;
- nbgrader's gradebook itself (a SQLite file such as ``gradebook.db``): its students
  table; or
- plain text with one student id per line.
In both, blank lines and lines whose first character (after spaces) is ``#`` are
ignored, and an id is the text of its cell or line without the spaces around it. Ids
are compared as written: they are the ids the grader shows (an LMS's participant or
user id, or a folder's name). A roster with no id, a CSV row with cells but no
student id, a file that is not UTF-8 text, or one over ``MAX_ROSTER_BYTES`` is refused.

New columns of the CSV are to be read here, into ``Roster``.
"""

import contextlib
import csv
from dataclasses import dataclass, field, replace
from pathlib import Path

MAX_ROSTER_BYTES = 10 * 2**20
COLUMN = "student_id"
NBGRADER_COLUMN = "id"  # nbgrader's student table
SQLITE = b"SQLite format 3\x00"
ALIASES = {"canvas_id": "Canvas user id", "moodle_id": "Moodle participant id",
           "nbgrader_id": "folder name"}  # the columns that map an intake's ids, and
                                          # what each maps
NOT_ON_ROSTER = "not on the roster"  # the flag (of autograder.grade.FLAGS) an id gets
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
    aliases: dict = field(default_factory=dict, compare=False)  # {column of ALIASES:
                                                                #  {intake's id: id}}

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
    people, aliases = {}, {}
    column = COLUMN if COLUMN in names else NBGRADER_COLUMN
    if column in names:
        ids, people, aliases = _csv_ids(path, lines, names, column)
    elif len(header) > 1:
        raise RosterError(f"the roster {path} looks like a CSV file but its first row has "
                          f"no {COLUMN} column (it has {', '.join(header[:6])}): name the "
                          f"column of student ids {COLUMN}; expected {FORMAT}.")
    else:
        ids = [line.strip() for _, line in lines]
    if not ids:
        raise RosterError(f"the roster {path} holds no student id: give {FORMAT}.")
    return Roster(frozenset(ids), path, people, aliases)


def _csv_ids(path, lines, names, column):
    """(the ids, {id: {"name", "email"}}, {column: {intake's id: id}}) of a roster
    CSV's rows."""
    ids, people, rows = [], {}, []
    for number, line in lines[1:]:  # a roster's cell never spans lines
        cells = dict(zip(names, (cell.strip() for cell in next(csv.reader([line])))))
        student = cells.get(column, "")
        if student:
            ids.append(student)
            name = cells.get("name") or " ".join(
                filter(None, (cells.get("first_name"), cells.get("last_name"))))
            people[student] = {"name": name, "email": cells.get("email", "")}
            rows.append((number, student, cells))
        elif any(cells.values()):
            raise RosterError(f"the roster {path} has no {column} on line {number}: fill "
                              f"it in or delete the row; expected {FORMAT}.")
    return ids, people, {alias: _aliases(path, alias, rows) for alias in ALIASES
                         if alias in names}


def _aliases(path, alias, rows):
    """{intake's id: student id} of a roster's column ``alias``: each row's cell, or for
    a student none of whose rows fills it in, their own id. RosterError for an id two
    students' rows claim."""
    mapping, lines = {}, {}
    filled = {student for _, student, cells in rows if cells.get(alias)}
    for number, student, cells in rows:
        intake_id = cells.get(alias) or (student if student not in filled else "")
        if not intake_id:
            continue
        if mapping.get(intake_id, student) != student:
            raise RosterError(f"the roster {path} gives the {alias} {intake_id} to two "
                              f"students, {mapping[intake_id]} (line {lines[intake_id]}) "
                              f"and {student} (line {number}): an id belongs to one "
                              f"student; correct one of the rows.")
        mapping[intake_id] = student
        lines.setdefault(intake_id, number)
    return mapping


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


def identify(students, roster):
    """The StudentFolders with the course's student ids, mapped through the roster's
    column for each one's intake (see the module's docstring); RosterError for two ids
    of the batch that map to one student."""
    mapped, by_student = [], {}  # by_student: {course id: [intake ids that handed in]}
    for student in students:
        mapping = roster.aliases.get(student.id_source)
        if mapping is None:  # the roster maps no id of this intake: ids as written
            mapped.append(student)
            continue
        course_id = mapping.get(student.student_id)
        if course_id is not None:
            if student.handed_in:
                by_student.setdefault(course_id, []).append(student.student_id)
            mapped.append(replace(student, student_id=course_id))
            continue
        # never the bare id: it could be another student's id on the roster
        shown = f"{student.id_source.removesuffix('_id')}:{student.student_id}"
        while shown in roster.ids:
            shown += "_"
        mapped.append(replace(student, student_id=shown, remarks=student.remarks + ((
            NOT_ON_ROSTER, f"the {ALIASES[student.id_source]} {student.student_id} is in "
                           f"no row's {student.id_source} column of the roster "
                           f"({roster.source.name}): graded and shown as {shown}, but not "
                           f"written into the gradebook; add {student.student_id} to the "
                           f"student's row ({student.id_source}) and run again."),)))
    mapped = _one_folder_each(mapped, by_student)
    twice = {course_id: ids for course_id, ids in by_student.items() if len(ids) > 1}
    if twice:
        said = "; ".join(f"{' and '.join(ids)} are both {course_id}'s"
                         for course_id, ids in sorted(twice.items()))
        raise RosterError(f"two ids of this batch map to one student in the roster "
                          f"{roster.source} ({said}): that student handed in under two "
                          f"accounts. Keep in the student's rows only the id whose work "
                          f"counts for this assignment (the other is then graded and "
                          f"flagged as not on the roster), and run again.")
    return mapped


def _one_folder_each(students, by_student):
    """The students without the folders that handed nothing in under an id whose student
    handed in under another (or, of several that handed nothing in, all but the first)."""
    kept, seen = [], set()
    for student in students:
        if not student.handed_in and (student.student_id in by_student
                                      or student.student_id in seen):
            continue
        seen.add(student.student_id)
        kept.append(student)
    return kept


def check(results, roster):
    """Flag each SubmissionResult whose id is not on the roster (once: ``identify`` may
    have said why already); return the roster's ids that have no result, sorted."""
    from autograder.grade import remark

    for result in results:
        if result.student_id not in roster and NOT_ON_ROSTER not in result.flags:
            remark(result, NOT_ON_ROSTER,
                   f"{result.student_id} is not on the roster ({roster.source.name}): "
                   f"graded and shown here, but not written into the gradebook; check "
                   f"the id, or add it to the roster if the student is in the class.")
    return sorted(roster.ids - {result.student_id for result in results})
