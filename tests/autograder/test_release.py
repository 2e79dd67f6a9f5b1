"""The student notebooks are a fresh nbgrader release: stubs, no solutions, no hidden tests."""

import json
import re

import nbformat
import pytest

from autograder.notebooks import nbgrader_meta, source_notebooks
from autograder.release import NOTEBOOKS_DIR, release
from tests.autograder.conftest import ASSIGNMENT

LEAKS = ["BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS",
         "score_exercise", "autograder.hidden", "autograder.cases", "references"]


@pytest.fixture(scope="module")
def fresh_release(tmp_path_factory):
    out = tmp_path_factory.mktemp("release")
    release(ASSIGNMENT, out_dir=out)
    return out


def test_committed_student_notebooks_equal_a_fresh_release(fresh_release):
    for source in source_notebooks(ASSIGNMENT):
        committed = (NOTEBOOKS_DIR / ASSIGNMENT / source.filename).read_text()
        fresh = (fresh_release / source.filename).read_text()
        assert committed == fresh, (f"notebooks/{ASSIGNMENT}/{source.filename} is out of date: "
                                    f"run `python -m autograder release {ASSIGNMENT}`")


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


def test_no_solution_code_reaches_the_release():
    for source in source_notebooks(ASSIGNMENT):
        text = json.dumps(nbformat.read(NOTEBOOKS_DIR / ASSIGNMENT / source.filename,
                                        as_version=4).cells)
        for line in _solution_lines(source):
            assert json.dumps(line)[1:-1] not in text, f"{source.filename}: {line}"


def test_every_answer_cell_is_a_stub_that_raises_not_implemented_error():
    for source in source_notebooks(ASSIGNMENT):
        nb = nbformat.read(NOTEBOOKS_DIR / ASSIGNMENT / source.filename, as_version=4)
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


def test_released_notebooks_say_which_assignment_they_belong_to():
    for source in source_notebooks(ASSIGNMENT):
        nb = nbformat.read(NOTEBOOKS_DIR / ASSIGNMENT / source.filename, as_version=4)
        assert nb.metadata["autograder"] == {"assignment": ASSIGNMENT, "notebook": source.name}
