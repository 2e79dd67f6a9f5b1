"""The graded notebooks where nbgrader's formgrader looks for them.

Contract: ``write_autograded(results, students, assignment, db_url)`` writes, for each
student whose result ``autograder.gradebook.record`` stored, every notebook of theirs
the grader could read to ``<course>/autograded/<student>/<assignment>/<notebook>.ipynb``
(``<course>``: the folder of a SQLite gradebook, as nbgrader keeps ``gradebook.db`` in
its course root; ``course_root(db_url)``). Each is what ``nbgrader autograde`` would
write, made with nbgrader's own preprocessors, in-process and without running anything:

- sanitised by nbgrader's ``sanitize_preprocessors`` (outputs cleared, cell ids made
  unique, the kernelspec and every locked cell restored from the gradebook's copy of the
  source, the cells' metadata checked), so nothing the student wrote into a locked cell,
  its outputs or its metadata reaches the formgrader;
- given, in its autograded test cells, only the grader's points and feedback from the
  results (``autograder.nbgrader_autograde.with_grades``);
- saved by nbgrader's ``SaveAutoGrades``: those points are the cells' automatic scores,
  auto-graded cells need no manual grade, and the cells nbgrader grades by hand (answers
  an instructor marked "manually graded") do, with their comment rows ready.

Beside them go the two files of nbgrader's exchange that its ``generate_feedback`` and
``release_feedback`` carry on from a submission (as ``nbgrader autograde`` copies them):
``timestamp.txt``, written from the time the grader read for the submission
(``StudentFolder.submitted_at``), and ``submission_secret.txt``, copied from
``submitted/<student>/<assignment>/`` only when it is what nbgrader's submit writes (hex
digits; it names the feedback page a student's ``fetch_feedback`` looks for). Every file
is readable by the course's group (``autograder.outputs.group_readable``).

A missing or unreadable notebook gets no file (as with nbgrader: its cells keep the 0
``record`` gave them). An id that is not a plain file name, or that the gradebook does
not hold, gets none either. Returns one sentence per notebook that could not be
written; the others are written all the same.
"""

import re
import warnings
from pathlib import Path

from autograder.grade import atomic_write
from autograder.intake import UnreadableFile, file_safe, read_bytes
from autograder.notebooks import COURSE_DIR, SubmissionError, locate, read_submission
from autograder.outputs import group_readable

SECRET = "submission_secret.txt"
TIMESTAMP = "timestamp.txt"
NBGRADER_SECRET = re.compile(r"[0-9a-fA-F]{16,256}")  # nbgrader's submit: token_hex(64)

SANITIZE = ("ClearOutput", "DeduplicateIds", "OverwriteKernelspec", "OverwriteCells",
            "CheckCellMetadata")


def course_root(db_url):
    """The nbgrader course folder of a gradebook: a SQLite file's folder, else the course's."""
    prefix = "sqlite:///"
    if db_url.startswith(prefix) and db_url != prefix:
        return Path(db_url[len(prefix):]).resolve().parent
    return COURSE_DIR


def autograded_notebook(nb, tests, *, student, assignment, notebook, db_url, error=None):
    """The notebook as nbgrader's autograde would leave it, with the grader's scores saved
    to the gradebook (see the module's docstring)."""
    import nbgrader.preprocessors as nbgrader_steps
    from sqlalchemy.exc import SAWarning

    from autograder.nbgrader_autograde import with_grades

    resources = {"nbgrader": {"student": student, "assignment": assignment,
                              "notebook": notebook, "db_url": db_url}}
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=SAWarning)  # nbgrader's own autoflush
        for step in SANITIZE:
            nb, resources = getattr(nbgrader_steps, step)().preprocess(nb, resources)
        with_grades(nb, tests, error)
        nb, resources = nbgrader_steps.SaveAutoGrades().preprocess(nb, resources)
    return nb


def exchange_files(folder):
    """{file name: text} of nbgrader's exchange files for a StudentFolder's autograded
    folder (see the module's docstring); a secret that is not hex digits is left out."""
    from autograder.lateness import nbgrader_time

    files = {}
    if folder.submitted_at is not None:
        files[TIMESTAMP] = nbgrader_time(folder.submitted_at).strftime(
            "%Y-%m-%d %H:%M:%S.%f UTC")
    try:
        secret = read_bytes(folder.path / SECRET, 256).decode("ascii").strip()
        if NBGRADER_SECRET.fullmatch(secret):
            files[SECRET] = secret
    except (UnreadableFile, UnicodeDecodeError):
        pass
    return files


def _write_shared(path, text, top):
    atomic_write(path, text)
    group_readable(path, top)


def write_autograded(results, students, assignment, db_url):
    """Write every stored result's autograded notebooks; return what could not be written."""
    from nbgrader.api import Gradebook, MissingEntry

    from autograder.course import load_course

    course = load_course(assignment)
    folders = {student.student_id: student for student in students}
    root = course_root(db_url) / "autograded"
    failed = []
    with Gradebook(db_url) as gradebook:
        def stored(student_id):
            try:
                gradebook.find_submission(assignment, student_id)
                return True
            except MissingEntry:
                return False
        kept = [r for r in results if r.student_id in folders and stored(r.student_id)]
    for result in kept:
        folder = folders[result.student_id]
        if folder.problem or file_safe(result.student_id) != result.student_id \
                or "/" in result.student_id:
            continue
        failed += _write_student(result, folder, course, root, db_url)
    return failed


def _write_student(result, folder, course, root, db_url):
    """Write one student's autograded notebooks, then nbgrader's exchange files beside
    them (none when no notebook was written); return what could not be written."""
    import nbformat

    assignment, failed, written = course.assignment, [], 0
    own = root / result.student_id / assignment
    claimed = {s.filename for s in course.sources}
    for source in course.sources:
        tests = [t for t in result.tests if t.notebook == source.name]
        try:
            path, note = locate(folder.path, source, claimed)
            if path is None:
                continue
            claimed.add(path.name)
            nb = autograded_notebook(read_submission(path), tests,
                                     student=result.student_id, assignment=assignment,
                                     notebook=source.name, db_url=db_url)
            _write_shared(own / source.filename, nbformat.writes(nb), root)
            written += 1
        except SubmissionError:
            continue  # unreadable: no file, as nbgrader leaves none
        except Exception as error:  # one notebook must not cost the others
            failed.append(f"autograded notebook {result.student_id}/{source.filename}: "
                          f"{type(error).__name__}: {str(error)[:200]}")
    try:
        for name, text in (exchange_files(folder) if written else {}).items():
            _write_shared(own / name, text, root)
    except OSError as error:
        failed.append(f"autograded {result.student_id}/{assignment}: {error}")
    return failed
