"""Writing grades into nbgrader's gradebook, so ``nbgrader export`` and the formgrader see them.

Contract: ``record(results, assignment, db_url)`` makes sure the assignment,
its notebooks and grade cells are in the gradebook (registered the way nbgrader
does it: by running its ``generate_assignment`` against that database), then
sets each student's ``auto_score`` for every grade cell to the sum of that
cell's hidden cases; those cells need no manual grade (unless a grader had given one by
hand, which then asks for a look, as nbgrader does). With a roster
(``autograder.roster``), a student whose id is not on it is never written: an id made
up in a zip or a folder name does not become a student of the gradebook. Only the grading command's own process calls it, once per
batch, so SQLite is never written by two processes at once.
"""

import shutil
import tempfile
import warnings
from collections import defaultdict
from pathlib import Path

from autograder.notebooks import source_notebooks


def register_assignment(assignment, db_url):
    """Record the assignment's notebooks and cells in the gradebook, as nbgrader does."""
    from autograder.release import nbgrader_config, run_generate_assignment

    with tempfile.TemporaryDirectory(prefix="gradebook-") as scratch:
        course = Path(scratch)
        (course / "source" / assignment).mkdir(parents=True)
        for source in source_notebooks(assignment):
            shutil.copy(source.path, course / "source" / assignment / source.filename)
        config = nbgrader_config(course, assignment)
        config.CourseDirectory.db_url = db_url
        run_generate_assignment(config)


def record(results, assignment, db_url, *, roster=None, timestamps=None, due=None,
           extensions=None):
    """Store every SubmissionResult's points per grade cell as nbgrader auto scores.

    roster -- the class's ids (``autograder.roster.Roster``, or any container): results
              of other ids are left out (their results say so); None writes every id;
              a result the grader could not grade ("grader failed") is never written
    timestamps, due, extensions -- {id: when submitted}, the due date and {id: their
              due date} (``autograder.lateness``), stored as nbgrader's submission
              timestamp, assignment duedate and extension, for its late-penalty plugins

    Returns a list of sentences, one per student whose scores could not be stored
    (the others are stored all the same).
    """
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SAWarning

    from autograder.grade import GRADER_FAILED
    from autograder.lateness import nbgrader_time

    register_assignment(assignment, db_url)
    timestamps, extensions, failed = timestamps or {}, extensions or {}, []
    with Gradebook(db_url) as gb, warnings.catch_warnings():
        # nbgrader's own submission code trips SQLAlchemy's autoflush warning (harmless)
        warnings.filterwarnings("ignore", category=SAWarning)
        for result in results:
            if roster is not None and result.student_id not in roster:
                continue
            if GRADER_FAILED in result.flags:  # no score: the grader's failure, not a 0
                continue
            per_cell = defaultdict(float)
            for test in result.tests:
                grade_id = test.test_id.split(":", 1)[0]
                per_cell[test.notebook, grade_id] += test.points
            try:
                gb.update_or_create_student(result.student_id)
                if due is not None:
                    gb.update_or_create_assignment(assignment, duedate=nbgrader_time(due))
                when = {"timestamp": nbgrader_time(timestamps[result.student_id])} \
                    if result.student_id in timestamps else {}
                if due is not None and result.student_id in extensions:
                    when["extension"] = extensions[result.student_id] - due
                gb.update_or_create_submission(assignment, result.student_id, **when)
                for (notebook, grade_id), points in per_cell.items():
                    grade = gb.find_grade(grade_id, notebook, assignment, result.student_id)
                    grade.auto_score = round(points, 4)
                    # as nbgrader's SaveAutoGrades: a hand-given score is to be looked at again
                    grade.needs_manual_grade = grade.manual_score is not None
                gb.db.commit()
            except Exception as error:  # one student's row must not cost the others'
                gb.db.rollback()
                failed.append(f"gradebook, student {result.student_id}: "
                              f"{type(error).__name__}: {str(error)[:200]}")
    return failed
