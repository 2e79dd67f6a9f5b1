"""The grade sheets: one line per student, as a spreadsheet, Canvas or Moodle reads it.

Contract: ``grade_sheet(assignment, results, missing=(), layout=..., roster=None)`` is
the text of a CSV file, written by the grader's one CSV writer
(``autograder.spreadsheet.csv_text``: a student's text never starts a formula). Every
student has a ``status`` (``status(result)``), one of ``STATUSES``:

- "graded": graded, nothing to say;
- "graded with a note": graded, and its ``error`` says what needs a look (a missing
  notebook, an id off the roster, ...); its score stands;
- "not graded": the grader could not grade it (a "grader failed" result): no score is
  given for it, so that no import turns the grader's failure into the student's 0;
- "no submission": on the roster (or in nbgrader's folders) with nothing handed in:
  no score either.

Scores are rounded to two decimals. The layouts (``LAYOUTS``):

- "plain": student_id, score, max_score, percent, status, submitted_at, late (as
  ``autograder.lateness`` says them), error;
- "wide": the same with one column per exercise and one per concept question (the
  points earned there), for a spreadsheet;
- "canvas": the columns of Canvas's gradebook import (Student, ID, SIS User ID, SIS
  Login ID, Section, then one column per assignment): the id in ID (the Canvas user
  id its zip gives), the name from the roster where it has one, and the score under
  the grade column's header (``column``: Canvas files a score under the assignment
  whose name it matches, and takes an unknown name for a new assignment). Canvas takes a column it does not know for a
  new assignment, so the status and error are left out of this sheet (an empty score
  changes nothing in Canvas); the plain sheet says them. The first row after the
  header is Canvas's own "Points Possible" row, as its gradebook export writes it (the
  assignment's maximum in the grade column, which Canvas's import gives a new
  assignment); since Canvas takes any row whose first cell holds "Points Possible"
  for that row, no student's Student cell is written with those words;
- "moodle": what Moodle's "Import grades from CSV" maps: "ID number" (the student id,
  to map to the user field of that name or to username), "Email address" (from the
  roster's email column, when it has one), the assignment's grade column, and a
  "Feedback" column with the status and error, which Moodle can map to the grade's
  feedback or leave out.
"""

from dataclasses import dataclass

from autograder.spreadsheet import csv_text

STATUSES = ("graded", "graded with a note", "not graded", "no submission")
LAYOUTS = ("plain", "wide", "canvas", "moodle")
CANVAS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
CANVAS_POINTS_ROW = "    Points Possible"  # as Canvas's export writes it, spaces and all
TWO_DECIMALS = ".2f"


def status(result):
    """What became of a SubmissionResult, as one of STATUSES."""
    from autograder.grade import GRADER_FAILED

    if GRADER_FAILED in result.flags:
        return "not graded"
    return "graded with a note" if result.error else "graded"


@dataclass(frozen=True)
class _Line:
    student_id: str
    score: float | None       # None: no score to give (not graded, no submission)
    max_score: float | None
    status: str
    error: str
    points: dict              # {column: points earned} for the wide sheet


def _lines(results, missing, columns):
    lines = []
    for result in results:
        said = status(result)
        scored = said != "not graded"
        points = {}
        for test in result.tests:
            column = columns.get(_key(test))
            if column is not None:
                points[column] = points.get(column, 0.0) + test.points
        lines.append(_Line(result.student_id, round(result.score, 2) if scored else None,
                           round(result.max_score, 2), said, result.error or "",
                           {c: round(p, 2) for c, p in points.items()} if scored else {}))
    lines += [_Line(student, None, None, "no submission", "", {}) for student in missing]
    return sorted(lines, key=lambda line: line.student_id)


def _key(test):
    """A test's column of the wide sheet: its exercise, or its question for a concept
    check (whose cases are its questions)."""
    grade_id = test.test_id.split(":", 1)[0]
    if test.function == "concept_answers":
        return test.notebook, grade_id, test.test_id.split(":", 1)[-1]
    return test.notebook, grade_id, None


def _when(lateness):
    return (lateness.submitted_at, lateness.late) if lateness else ("", "")


def _not_the_points_row(name):
    """A Student cell that Canvas's import cannot take for its Points Possible row."""
    return name.replace("Points Possible", "Points-Possible")


def wide_columns(results):
    """{column key: header} of the wide sheet, in the tests' (course) order; a function
    name two notebooks share is said with its notebook."""
    keys = {}
    for result in results:
        for test in result.tests:
            keys.setdefault(_key(test), test.function)
    names = [function if question is None else f"{function}: {question}"
             for (_, _, question), function in keys.items()]
    return {key: (name if names.count(name) == 1 else f"{name} ({key[0]})")
            for key, name in zip(keys, names)}


def grade_sheet(assignment, results, missing=(), *, layout="plain", roster=None,
                late=None, column=None):
    """The CSV text of one layout of LAYOUTS (see the module's docstring).

    missing -- ids of the students with no submission
    roster -- the class list (``autograder.roster.Roster``), for names and e-mails
    late -- {student id: ``autograder.lateness.Lateness``}: the plain and wide sheets'
            submitted_at and late columns
    column -- the header of Canvas's or Moodle's grade column (default: the assignment),
              e.g. the name Canvas's own export gives the assignment, "Week 1 (4127)"
    """
    late = late or {}
    column = column or assignment
    if layout not in LAYOUTS:
        raise ValueError(f"{layout!r} is not a grade sheet layout: use one of "
                         f"{', '.join(LAYOUTS)}.")
    columns = wide_columns(results) if layout == "wide" else {}
    lines = _lines(results, missing, columns)
    formats = {name: TWO_DECIMALS for name in ("score", "max_score", column,
                                                *columns.values())}
    formats["percent"] = ".1f"
    people = roster.people if roster is not None else {}
    if layout == "canvas":
        header = [*CANVAS, column]
        most = max((r.max_score for r in results), default=None)
        rows = [[CANVAS_POINTS_ROW, "", "", "", "", round(most, 2) if most else None]]
        rows += [[_not_the_points_row(people.get(line.student_id, {}).get("name")
                                      or line.student_id),
                  line.student_id, "", "", "", line.score] for line in lines]
    elif layout == "moodle":
        header = ["ID number", "Email address", column, "Feedback"]
        rows = [[line.student_id, people.get(line.student_id, {}).get("email", ""),
                 line.score, f"{line.status}: {line.error}" if line.error else line.status]
                for line in lines]
    else:
        header = ["student_id", "score", "max_score", "percent", *columns.values(),
                  "status", "submitted_at", "late", "error"]
        rows = [[line.student_id, line.score, line.max_score,
                 100.0 * line.score / line.max_score if line.score is not None
                 and line.max_score else None,
                 *[line.points.get(c) for c in columns.values()], line.status,
                 *_when(late.get(line.student_id)), line.error]
                for line in lines]
    return csv_text(header, rows, formats=formats)
