"""The student notebooks are a fresh nbgrader release: stubs, no solutions, no hidden tests."""

import json
import re

import nbformat
import pytest

from autograder.notebooks import nbgrader_meta, source_notebooks
from autograder.release import NOTEBOOKS_DIR, release
from tests.autograder.conftest import ASSIGNMENTS

LEAKS = ["BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS",
         "score_exercise", "autograder.hidden", "autograder.cases", "references"]


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def fresh_release(tmp_path_factory, request):
    out = tmp_path_factory.mktemp(f"release-{request.param}")
    release(request.param, out_dir=out)
    return request.param, out


def test_committed_student_notebooks_equal_a_fresh_release(fresh_release):
    assignment, fresh_release = fresh_release
    for source in source_notebooks(assignment):
        committed = (NOTEBOOKS_DIR / assignment / source.filename).read_text()
        fresh = (fresh_release / source.filename).read_text()
        assert committed == fresh, (f"notebooks/{assignment}/{source.filename} is out of date: "
                                    f"run `.venv/bin/python -m autograder release {assignment}`")


def test_no_solution_or_hidden_test_text_and_no_outputs_in_notebooks():
    paths = sorted(NOTEBOOKS_DIR.rglob("*.ipynb"))
    assert paths
    for path in paths:
        text = path.read_text()
        for leak in LEAKS:
            assert leak not in text, f"{leak!r} in {path}"
        nb = nbformat.reads(text, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path


def _solution_lines(source):
    """Lines of code that stand only inside the solution regions of a source notebook."""
    nb = nbformat.read(source.path, as_version=4)
    inside, outside = set(), set()
    for cell in nb.cells:
        parts = re.split(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source, flags=re.S)
        for i, part in enumerate(parts):
            lines = {l.strip() for l in part.splitlines()}
            (inside if i % 2 else outside).update(lines)
    return {l for l in inside - outside if len(l) > 25 and not l.startswith("#")}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_solution_code_reaches_the_release(assignment):
    for source in source_notebooks(assignment):
        text = json.dumps(nbformat.read(NOTEBOOKS_DIR / assignment / source.filename,
                                        as_version=4).cells)
        for line in _solution_lines(source):
            assert json.dumps(line)[1:-1] not in text, f"{source.filename}: {line}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_answer_cell_is_a_stub_that_raises_not_implemented_error(assignment):
    for source in source_notebooks(assignment):
        nb = nbformat.read(NOTEBOOKS_DIR / assignment / source.filename, as_version=4)
        answers = [c for c in nb.cells if nbgrader_meta(c).get("solution")]
        assert answers
        for cell in answers:
            assert "raise NotImplementedError()" in cell.source, cell.source
        namespace = {}
        for cell in answers:
            try:
                exec(compile(cell.source, "<stub>", "exec"), namespace)
            except NotImplementedError:
                continue  # a stub that raises at the top level (the concept check)
        functions = [v for k, v in namespace.items() if callable(v) and not k.startswith("_")]
        for function in functions:
            arguments = [None] * function.__code__.co_argcount
            with pytest.raises(NotImplementedError):
                function(*arguments)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_released_notebooks_say_which_assignment_they_belong_to(assignment):
    for source in source_notebooks(assignment):
        nb = nbformat.read(NOTEBOOKS_DIR / assignment / source.filename, as_version=4)
        assert nb.metadata["autograder"] == {"assignment": assignment, "notebook": source.name}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_released_notebook_ends_with_the_students_checklist(assignment):
    for source in source_notebooks(assignment):
        nb = nbformat.read(NOTEBOOKS_DIR / assignment / source.filename, as_version=4)
        last = nb.cells[-1]
        assert last.cell_type == "code" and "show_checklist(" in last.source
        assert last.metadata["autograder"] == {"skip_when_grading": True}
        shown = eval(last.source.split("show_checklist(", 1)[1].rsplit(")", 1)[0])
        assert shown == source.points  # every exercise, in order, with its points
        assert list(shown) == list(source.points)
