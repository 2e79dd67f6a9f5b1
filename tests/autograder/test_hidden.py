"""In nbgrader's way of grading, a grade cell is worth what its hidden cases earn."""

import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.utils import determine_grade

from autograder.notebooks import assignments, nbgrader_meta, source_notebooks

HIDDEN = ('from autograder.hidden import grade_cell\n'
          'grade_cell("week1_logistic_regression", "numpy_basics", "sigmoid", globals())\n')


def _grade_cell(source, points=1):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True,
                                 "grade_id": "sigmoid", "points": points,
                                 "schema_version": 3}
    return cell


@pytest.fixture(scope="module")
def executed():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import numpy as np\n"
                                  "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))"),
        _grade_cell(HIDDEN + "raise AssertionError('the visible check fails')"),
        _grade_cell(HIDDEN + "import sys\nprint('to stderr', file=sys.stderr);"),
        nbformat.v4.new_code_cell("def sigmoid(z):\n    return np.exp(-z)"),
        _grade_cell(HIDDEN + "print('visible check passes')"),
        nbformat.v4.new_code_cell("from scipy.special import expit as sigmoid"),
        _grade_cell(HIDDEN),
    ]
    NotebookClient(nb, timeout=60, allow_errors=True, kernel_name="python3").execute()
    return nb


def test_a_failing_visible_check_does_not_zero_the_hidden_points(executed):
    assert determine_grade(executed.cells[1]) == (1.0, 1.0)
    assert executed.cells[1].outputs[-1].output_type == "error"


def test_the_points_are_published_even_after_stderr_and_a_semicolon(executed):
    assert determine_grade(executed.cells[2]) == (1.0, 1.0)


def test_a_wrong_function_earns_nothing_though_its_visible_part_passes(executed):
    assert determine_grade(executed.cells[4]) == (0.0, 1.0)


def test_a_library_function_earns_nothing_in_the_kernel_and_says_what_it_is(executed):
    assert determine_grade(executed.cells[6]) == (0.0, 1.0)
    printed = "".join(o.get("text", "") for o in executed.cells[6].outputs)
    assert "sigmoid is scipy.special.expit, a library's function" in printed


@pytest.mark.parametrize("source", [s for a in assignments() for s in source_notebooks(a)],
                         ids=lambda s: s.name)
def test_every_grade_cell_of_the_sources_publishes_its_points_first(source):
    nb = nbformat.read(source.path, as_version=4)
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("grade") and not meta.get("solution"):
            assert cell.source.startswith("### BEGIN HIDDEN TESTS\n"), meta["grade_id"]
            first = cell.outputs[0]
            assert first.output_type == "execute_result", meta["grade_id"]
            assert float(first.data["text/plain"]) == meta["points"], meta["grade_id"]
