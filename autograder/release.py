"""The ``release`` verb: student versions of an assignment, made by nbgrader.

Contract: ``release(assignment, out_dir=None)`` runs nbgrader's
``generate_assignment`` on ``autograder/source/<assignment>/`` in a scratch
course folder (so no gradebook or release folder is left in the repository):
solutions become a stub that raises ``NotImplementedError``, hidden tests,
outputs and execution timestamps are removed, grade cells are locked. Each
released notebook is then tagged with its assignment, ends with the student's
checklist (``checklist_cells``) and is written to ``notebooks/<assignment>/``
(or ``out_dir``). Nothing from
``autograder/references`` or the cases goes out.
"""

import os
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
from traitlets.config import Config

from autograder.nbgrader_autograde import AUTOGRADE_PREPROCESSORS
from autograder.notebooks import COURSE_DIR, source_notebooks

REPO_DIR = COURSE_DIR.parent
NOTEBOOKS_DIR = REPO_DIR / "notebooks"
CODE_STUB = "# YOUR CODE HERE\nraise NotImplementedError()"


def nbgrader_config(course_root, assignment):
    """nbgrader settings shared by every verb that calls it (autograder/nbgrader_config.py
    holds the same for nbgrader's own commands)."""
    config = Config()
    config.CourseDirectory.root = str(course_root)
    config.CourseDirectory.assignment_id = assignment
    config.CourseDirectory.db_url = f"sqlite:///{Path(course_root) / 'gradebook.db'}"
    config.ClearSolutions.code_stub = {"python": CODE_STUB}
    config.GenerateAssignment.force = True
    config.GenerateAssignment.create_assignment = True
    config.Exchange.root = str(Path(course_root) / "exchange")
    config.Autograde.autograde_preprocessors = AUTOGRADE_PREPROCESSORS
    return config


def run_generate_assignment(config):
    """Run nbgrader's generate_assignment; raise RuntimeError with nbgrader's own errors."""
    import logging

    from nbgrader.converters import GenerateAssignment
    from nbgrader.coursedir import CourseDirectory

    # nbgrader runs the `alembic` command of its environment to set up the gradebook
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    converter = GenerateAssignment(coursedir=CourseDirectory(config=config), config=config)
    messages = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = lambda record: messages.append(record.getMessage())
    converter.log.addHandler(handler)
    converter.log.propagate = False
    try:
        converter.start()
    except Exception as error:
        details = "\n".join(m for m in messages if "Traceback" not in m)[-2000:]
        raise RuntimeError(f"nbgrader could not generate the assignment: {error}\n"
                           f"{details}") from None
    finally:
        converter.log.removeHandler(handler)


def checklist_cells(source):
    """The notebook's last cells: a table of where the student stands on every exercise
    (``helpers.checklist``), made from the source's grade cells, so every week has it."""
    points = ",\n".join(f'    "{grade_id}": {points:g}' for grade_id, points in source.points.items())
    explain = nbformat.v4.new_markdown_cell(
        "## Your checklist\n\n"
        "Run the cell below to see where you stand: which exercises pass their visible "
        "checks, which fail (with the first hint of what is wrong) and which you have not "
        "attempted yet, with the points at stake. It shows the checks you have run since "
        "the notebook was started, so run the notebook from the top first (Run > Run All "
        f"Cells). From a terminal, in the course's folder, `./check notebooks/"
        f"{source.assignment}/{source.filename}` prints the same for the saved notebook.")
    table = nbformat.v4.new_code_cell(
        f"from helpers.checklist import show_checklist\n\nshow_checklist({{\n{points}\n}})")
    table.metadata["autograder"] = {"skip_when_grading": True}
    for cell, suffix in ((explain, "md"), (table, "code")):
        cell["id"] = f"{source.name}-checklist-{suffix}"
    return [explain, table]


def release(assignment, out_dir=None):
    """Generate the student notebooks of ``assignment``; return their paths."""
    sources = source_notebooks(assignment)
    if not sources:
        raise LookupError(f"autograder/source/{assignment}/ holds no notebooks.")
    out_dir = Path(out_dir) if out_dir else NOTEBOOKS_DIR / assignment
    with tempfile.TemporaryDirectory(prefix="release-") as scratch:
        course = Path(scratch)
        (course / "source" / assignment).mkdir(parents=True)
        for source in sources:
            shutil.copy(source.path, course / "source" / assignment / source.filename)
        run_generate_assignment(nbgrader_config(course, assignment))
        released = course / "release" / assignment
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for source in sources:
            nb = nbformat.read(released / source.filename, as_version=4)
            nb.metadata["autograder"] = {"assignment": assignment, "notebook": source.name}
            for cell in nb.cells:  # when the source was last run is not the student's business
                cell.metadata.pop("execution", None)
            nb.cells += checklist_cells(source)
            target = out_dir / source.filename
            nbformat.write(nb, target)
            written.append(target)
    return written
