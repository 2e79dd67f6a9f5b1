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

A missing or unreadable notebook gets no file (as with nbgrader: its cells keep the 0
``record`` gave them). An id that is not a plain file name, or that the gradebook does
not hold, gets none either. Returns one sentence per notebook that could not be
written; the others are written all the same.
"""

import warnings
from pathlib import Path

from autograder.grade import atomic_write
from autograder.intake import file_safe
from autograder.notebooks import COURSE_DIR, SubmissionError, locate, read_submission

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


def write_autograded(results, students, assignment, db_url):
    """Write every stored result's autograded notebooks; return what could not be written."""
    import nbformat
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
                atomic_write(root / result.student_id / assignment / source.filename,
                             nbformat.writes(nb))
            except SubmissionError:
                continue  # unreadable: no file, as nbgrader leaves none
            except Exception as error:  # one notebook must not cost the others
                failed.append(f"autograded notebook {result.student_id}/{source.filename}: "
                              f"{type(error).__name__}: {str(error)[:200]}")
    return failed

