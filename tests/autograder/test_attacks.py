"""Attacks on the grader: none gains a point, stops the batch or touches another result.

Each file in tests/attacks/<assignment>/ is a submission's answer cell that
attacks the grader (named after the attack) around a wrong or borrowed answer;
it must score exactly like that wrong answer. The attacks on the notebook's
structure (check cells edited, deleted, duplicated, added, their points or
metadata changed) are built here. All are graded in one batch next to an
honest, fully correct submission, inside the sandbox.
"""

import copy
import hashlib
import os
from pathlib import Path

import nbformat
import pytest

from autograder.grade import grade
from autograder.notebooks import nbgrader_meta
from autograder.references import reference_path
from autograder.release import NOTEBOOKS_DIR
from autograder.sandbox import detect
from tests.autograder.conftest import (ASSIGNMENT, corpus, points_by_exercise, solved,
                                       write_submission)

ATTACKS = corpus(Path(__file__).resolve().parent.parent / "attacks" / ASSIGNMENT)
SANDBOX = detect()

pytestmark = pytest.mark.skipif(
    SANDBOX.name != "bubblewrap" and not os.environ.get("REQUIRE_SANDBOX"),
    reason="the attack tests need the bubblewrap sandbox (./run-tests installs it as root)")


def test_the_sandbox_is_in_use():
    assert SANDBOX.name == "bubblewrap", SANDBOX.warning


def _with_check_cells(notebook, change):
    nb = solved(notebook)
    cells = []
    for cell in nb.cells:
        cells += change(cell) if nbgrader_meta(cell).get("grade") else [cell]
    nb.cells = cells
    return nb


def _pass_everything(cell):
    cell = copy.deepcopy(cell)
    cell.source = "print('✓ all checks passed')\n1000"
    cell.metadata["nbgrader"]["points"] = 1000
    return [cell]


def _duplicate(cell):
    twin = copy.deepcopy(cell)
    twin["id"] = cell["id"] + "-twin"
    twin.metadata["nbgrader"]["grade_id"] += "_twin"
    return [cell, twin]


def _add_own_check(cell):
    extra = nbformat.v4.new_code_cell("1000")
    extra.metadata["nbgrader"] = {"grade": True, "grade_id": "bonus", "points": 1000,
                                  "locked": True, "solution": False, "schema_version": 3}
    return [cell, extra]


STRUCTURAL = {
    "edits_check_cells_and_their_points": _pass_everything,
    "deletes_check_cells": lambda cell: [],
    "duplicates_check_cells": _duplicate,
    "adds_a_check_cell_of_its_own": _add_own_check,
    "strips_the_check_cells_metadata": lambda cell: [nbformat.v4.new_code_cell("1000")],
}


def _fingerprint(paths):
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths if p.is_file()}


@pytest.fixture(scope="module")
def attacked_class(tmp_path_factory, notebook_names):
    root = tmp_path_factory.mktemp("attacked-class")
    write_submission(root / "honest_student", {n: solved(n) for n in notebook_names})
    for name, sample in ATTACKS.items():
        # only the attacked notebook: an attack cannot reach a notebook it is not in
        write_submission(root / name, {sample["notebook"]: solved(
            sample["notebook"], {sample["cell"]: sample["code"]})})
    for name, change in STRUCTURAL.items():
        write_submission(root / name, {n: _with_check_cells(n, change) for n in notebook_names})
    wrong = (Path(__file__).resolve().parent.parent / "submissions" / ASSIGNMENT /
             "propagate_forgets_1_over_m.py").read_text()
    edited = solved("logistic_regression", {"propagate_answer": wrong})
    for cell in edited.cells:
        if nbgrader_meta(cell).get("grade_id") == "propagate":
            cell.source = "pass"
    write_submission(root / "wrong_answer_with_its_check_cell_emptied",
                     {n: (edited if n == "logistic_regression" else solved(n))
                      for n in notebook_names})
    course_files = [reference_path(ASSIGNMENT), *NOTEBOOKS_DIR.rglob("*.ipynb")]
    before = _fingerprint(course_files)
    submitted_before = _fingerprint(list(root.rglob("*.ipynb")))
    results = grade(root, assignment=ASSIGNMENT, workers=2, sandbox=SANDBOX)
    return {
        "results": {r.student_id: r for r in results},
        "course_unchanged": before == _fingerprint(course_files),
        "submissions_unchanged": submitted_before == _fingerprint(list(root.rglob("*.ipynb"))),
        "planted": [p for p in ("/tmp/planted.txt", "/etc/planted", "/usr/planted")
                    if Path(p).exists()] + list(map(str, NOTEBOOKS_DIR.rglob("planted*"))),
    }



@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_attack_gains_nothing(attacked_class, attack):
    sample = ATTACKS[attack]
    tests = [t for t in attacked_class["results"][attack].tests
             if t.notebook == sample["notebook"]]
    earned, possible = points_by_exercise(tests)
    notebook_of = {t.test_id.split(":")[0]: t.notebook for t in tests}
    for grade_id, points in earned.items():
        if grade_id in sample["loses"]:
            assert points == 0, (grade_id, [t.feedback for t in tests
                                            if t.test_id.startswith(grade_id)])
        elif sample["wrecks_its_notebook"] and notebook_of[grade_id] == sample["notebook"]:
            assert points <= possible[grade_id]
        else:
            assert points == pytest.approx(possible[grade_id]), grade_id
    assert sum(earned.values()) < sum(possible.values())


@pytest.mark.parametrize("attack", sorted(STRUCTURAL))
def test_changing_the_check_cells_changes_nothing(attacked_class, attack):
    result = attacked_class["results"][attack]
    honest = attacked_class["results"]["honest_student"]
    assert result.score == honest.score == honest.max_score
    assert result.max_score == honest.max_score


def test_an_emptied_check_cell_does_not_save_a_wrong_answer(attacked_class):
    result = attacked_class["results"]["wrong_answer_with_its_check_cell_emptied"]
    earned, _ = points_by_exercise(result.tests)
    assert earned["propagate"] == 0


def test_the_honest_student_next_to_the_attacks_keeps_full_marks(attacked_class):
    honest = attacked_class["results"]["honest_student"]
    assert honest.score == honest.max_score and honest.error is None


def test_no_attack_wrote_outside_its_sandbox(attacked_class):
    assert attacked_class["course_unchanged"]
    assert attacked_class["submissions_unchanged"]
    assert attacked_class["planted"] == []


def test_a_borrowed_function_is_named_in_the_feedback(attacked_class):
    result = attacked_class["results"]["borrows_the_helpers_reference_function"]
    assert any("reference code is not available while your notebook is graded" in t.feedback
               for t in result.tests), [t.feedback for t in result.tests]


def test_no_attack_stopped_the_batch(attacked_class):
    expected = {"honest_student", "wrong_answer_with_its_check_cell_emptied",
                *ATTACKS, *STRUCTURAL}
    assert set(attacked_class["results"]) == expected
