"""A source notebook is executed again by refresh-assignment.sh exactly when something its
stored outputs depend on changed: its code, the helpers, the data, the grader's code or its
own references, never its markdown or another notebook's references."""

import json
import shutil
import subprocess
import sys

import nbformat
import pytest

from autograder import stored_outputs
from autograder.notebooks import COURSE_DIR
from autograder.runtime import codec

REPO = COURSE_DIR.parent
ASSIGNMENT = "week9_example"


@pytest.fixture
def course(tmp_path):
    """A small course tree: a notebook, helpers, data, grader code and references."""
    for folder in ("helpers", "datasets", "autograder/references", "autograder/source"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "helpers" / "data.py").write_text("SIZE = 3\n")
    (tmp_path / "datasets" / "points.csv").write_text("1,2\n")
    (tmp_path / "autograder" / "hidden.py").write_text("POINTS = 1\n")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A lesson"),
                nbformat.v4.new_code_cell("print(1 + 1)")]
    path = tmp_path / "autograder" / "source" / "lesson.ipynb"
    nbformat.write(nb, path)
    _write_references(tmp_path, {"lesson": {"f": 1.0}, "other": {"g": 2.0}})
    return tmp_path, path


def _write_references(root, outputs):
    (root / "autograder" / "references" / f"{ASSIGNMENT}.json").write_text(
        json.dumps({"outputs": codec.encode(outputs)}))


def _edit_cell(path, index, source):
    nb = nbformat.read(path, as_version=4)
    nb.cells[index].source = source
    nbformat.write(nb, path)


def test_a_notebook_never_executed_is_stale_and_once_marked_is_fresh(course):
    root, path = course
    assert stored_outputs.stale(path, ASSIGNMENT, root)
    stored_outputs.mark(path, ASSIGNMENT, root)
    assert not stored_outputs.stale(path, ASSIGNMENT, root)
    assert nbformat.read(path, as_version=4).metadata["autograder"]["outputs_digest"]


@pytest.mark.parametrize("change", ["markdown", "another notebook's references"])
def test_what_the_outputs_do_not_depend_on_leaves_the_notebook_fresh(course, change):
    root, path = course
    stored_outputs.mark(path, ASSIGNMENT, root)
    if change == "markdown":
        _edit_cell(path, 0, "# A lesson, reworded")
    else:
        _write_references(root, {"lesson": {"f": 1.0}, "other": {"g": 3.0}})
    assert not stored_outputs.stale(path, ASSIGNMENT, root)


@pytest.mark.parametrize("change", ["code", "helpers", "data", "grader", "its references"])
def test_what_the_outputs_depend_on_makes_the_notebook_stale(course, change):
    root, path = course
    stored_outputs.mark(path, ASSIGNMENT, root)
    if change == "code":
        _edit_cell(path, 1, "print(1 + 2)")
    elif change == "helpers":
        (root / "helpers" / "data.py").write_text("SIZE = 4\n")
    elif change == "data":
        (root / "datasets" / "more.csv").write_text("3,4\n")
    elif change == "grader":
        (root / "autograder" / "hidden.py").write_text("POINTS = 2\n")
    else:
        _write_references(root, {"lesson": {"f": 1.5}, "other": {"g": 2.0}})
    assert stored_outputs.stale(path, ASSIGNMENT, root)


def test_the_course_notebooks_digest_covers_the_real_helpers_and_data():
    files = {p.relative_to(REPO).as_posix() for p in stored_outputs._files(REPO)}
    assert {"helpers/threads.py", "datasets/train_cat_pictures.h5",
            "autograder/hidden.py"} <= files
    assert not any("__pycache__" in f for f in files)


def test_the_command_line_says_stale_or_fresh_by_its_exit_status(tmp_path):
    source = COURSE_DIR / "source" / "week2_shallow_network" / "planar_classification.ipynb"
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    command = [sys.executable, "-m", "autograder.stored_outputs"]
    nb = nbformat.read(copy, as_version=4)
    nb.metadata.setdefault("autograder", {}).pop("outputs_digest", None)
    nbformat.write(nb, copy)
    assert subprocess.run([*command, "stale", "week2_shallow_network", str(copy)],
                          cwd=REPO).returncode == 0
    assert subprocess.run([*command, "mark", "week2_shallow_network", str(copy)],
                          cwd=REPO).returncode == 0
    assert subprocess.run([*command, "stale", "week2_shallow_network", str(copy)],
                          cwd=REPO).returncode == 1
    wrong = subprocess.run([*command, "stale"], cwd=REPO, capture_output=True, text=True)
    assert wrong.returncode == 2 and "usage" in wrong.stderr
