"""A throw-away nbgrader course for grading a class with ``nbgrader autograde``.

Used to compare nbgrader with this course's grader (tests and benchmarks):
``nbgrader_course(root, students)`` copies the sources into ``root/source/``,
generates the assignment and registers the students; submissions go in
``root/submitted/<student>/<assignment>/``; run ``nbgrader_command("autograde",
ASSIGNMENT, "--force")`` with ``cwd=root`` and ``env=nbgrader_env()``; then
``nbgrader_scores`` reads the gradebook. The course's own ``autograder/nbgrader_config.py``
is the temporary course's config (its settings first, then this course's database and
timeout), so ``nbgrader autograde`` grades here as it does in the course: in the sandbox.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from autograder.notebooks import COURSE_DIR, source_notebooks
from tests.autograder.conftest import ASSIGNMENT


def nbgrader_env():
    """The environment nbgrader needs: its own `alembic` first on PATH."""
    return dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep
                + os.environ.get("PATH", ""))


def nbgrader_command(*args):
    return [sys.executable, "-m", "nbgrader", *args]


def nbgrader_course(root, students, cell_timeout=120, assignment=ASSIGNMENT):
    source = root / "source" / assignment
    source.mkdir(parents=True)
    for s in source_notebooks(assignment):
        shutil.copy(s.path, source / s.filename)
    (root / "nbgrader_config.py").write_text(
        (COURSE_DIR / "nbgrader_config.py").read_text() + "\n"
        f"c.ExecutePreprocessor.timeout = {cell_timeout}\n"
        f"c.CourseDirectory.db_url = 'sqlite:///{root / 'gradebook.db'}'\n")
    subprocess.run(nbgrader_command("generate_assignment", assignment, "--force"), cwd=root,
                   env=nbgrader_env(), check=True, capture_output=True)
    for student in students:
        subprocess.run(nbgrader_command("db", "student", "add", student), cwd=root,
                       env=nbgrader_env(), check=True, capture_output=True)


def nbgrader_scores(root, students, assignment=ASSIGNMENT):
    """(student, notebook, grade_id) -> (score, max_score) from the gradebook; a
    submission nbgrader could not grade has no entries."""
    from nbgrader.api import Gradebook, MissingEntry

    notebooks = [s.name for s in source_notebooks(assignment)]
    scores = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        for student in students:
            for notebook in notebooks:
                try:
                    found = gradebook.find_submission_notebook(notebook, assignment, student)
                except MissingEntry:
                    continue
                for grade in found.grades:
                    scores[student, notebook, grade.name] = (grade.score, grade.max_score)
    return scores
