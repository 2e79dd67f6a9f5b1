"""Attacks on the grader: none gains a point, stops the batch or touches another result.

Each file in tests/attacks/<assignment>/ is a submission's answer cell that
attacks the grader (named after the attack) around a wrong or borrowed answer;
it must score exactly like that wrong answer. Several answer correctly only if
the attack works (a borrowed reference, a forged reply, memory or disk beyond
the limits), so that a hole shows up as points gained. The attacks on the
notebook's structure (check cells edited, deleted, duplicated, added, their
points or metadata changed) and on the submission itself (links to another
notebook or folder) are built here. All are graded in one batch next to an
honest, fully correct submission, inside the sandbox.
"""

import copy
import hashlib
import os
import re
from pathlib import Path

import nbformat
import pytest

from autograder.cgroups import tree_limits
from autograder.grade import grade
from autograder.notebooks import nbgrader_meta, source_notebooks
from autograder.references import reference_path
from autograder.release import NOTEBOOKS_DIR
from autograder.sandbox import detect
from autograder.scoring import MAX_FEEDBACK
from tests.autograder.conftest import (ASSIGNMENT, corpus, points_by_exercise, solved,
                                       write_submission)

ATTACKS = corpus(Path(__file__).resolve().parent.parent / "attacks" / ASSIGNMENT)
SANDBOX = detect()
CANARY = Path("/tmp/autograder-canary")  # a host file that planted links point at
LINKED = {
    "links_to_a_classmates_notebook": lambda root: root / "honest_student" / "numpy_basics.ipynb",
    "links_to_the_instructors_source": lambda root: next(
        s.path for s in source_notebooks(ASSIGNMENT) if s.name == "numpy_basics"),
}

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
    _honest_student_who_saves_a_file_then_crashes(root / "saves_a_file_then_a_restart_comes")
    for name, target in LINKED.items():  # as tar and unzip restore them
        write_submission(root / name, {"logistic_regression": solved("logistic_regression")})
        (root / name / "numpy_basics.ipynb").symlink_to(target(root))
    (root / "whole_folder_is_a_link").symlink_to(root / "honest_student")
    CANARY.write_text("the grader's own file")
    course_files = [reference_path(ASSIGNMENT), CANARY, *NOTEBOOKS_DIR.rglob("*.ipynb"),
                    *(s.path for s in source_notebooks(ASSIGNMENT))]
    before = _fingerprint(course_files)
    submitted_before = _fingerprint([p for p in root.rglob("*.ipynb") if not p.is_symlink()])
    results = grade(root, assignment=ASSIGNMENT, workers=2, sandbox=SANDBOX)
    return {
        "results": {r.student_id: r for r in results},
        "course_unchanged": before == _fingerprint(course_files),
        "submissions_unchanged": submitted_before == _fingerprint(
            [p for p in root.rglob("*.ipynb") if not p.is_symlink()]),
        "planted": [p for p in ("/tmp/planted.txt", "/etc/planted", "/usr/planted")
                    if Path(p).exists()] + list(map(str, NOTEBOOKS_DIR.rglob("planted*"))),
    }


def _honest_student_who_saves_a_file_then_crashes(folder):
    """Correct answers; propagate's cell saves a file (and reads it back) before defining
    the function, and predict crashes the process on one case, so the grader starts the
    notebook again and the cell saves the file again."""
    saves = ('with open("propagate_notes.txt", "w") as notes:\n'
             '    notes.write("A = sigmoid(w.T X + b)")\n'
             'with open("propagate_notes.txt") as notes:\n'
             '    assert notes.read().startswith("A =")\n\n')
    crashes = ("import os\n\n\ndef predict(w, b, X):\n"
               "    if X.shape[1] == 6:\n        os._exit(1)\n"
               "    return (sigmoid(np.dot(w.T, X) + b) > 0.5).astype(float)\n")
    propagate = solved("logistic_regression")
    answers = {nbgrader_meta(c).get("grade_id"): c for c in propagate.cells}
    write_submission(folder, {
        "numpy_basics": solved("numpy_basics"),
        "logistic_regression": solved("logistic_regression", {
            "propagate_answer": saves + answers["propagate_answer"].source,
            "predict_answer": crashes})})



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
                "saves_a_file_then_a_restart_comes", "whole_folder_is_a_link",
                *ATTACKS, *STRUCTURAL, *LINKED}
    assert set(attacked_class["results"]) == expected


def _feedback(result, function="propagate"):
    return [t.feedback for t in result.tests if t.function == function]


def test_no_file_of_the_grader_is_written_through_a_planted_link(attacked_class):
    # links, hard links, FIFOs and folders planted in the notebook's home, then a restart
    result = attacked_class["results"]["plants_links_where_the_grader_writes_then_forces_a_restart"]
    assert attacked_class["course_unchanged"] and CANARY.read_text() == "the grader's own file"
    assert result.error is None or "not the student's fault" not in result.error


@pytest.mark.parametrize("route", [
    "borrows_the_helpers_reference_function", "wraps_the_helpers_reference_function",
    "calls_the_reference_function", "rebuilds_the_reference_function_from_its_code",
    "wraps_the_reference_in_an_object_with_the_notebooks_globals",
    "reads_the_reference_file_and_runs_it", "patches_the_workers_checks_through_gc",
    "forges_a_reply_with_the_id_from_the_workers_frame"])
def test_delegation_to_the_reference_code_earns_nothing(attacked_class, route):
    earned, _ = points_by_exercise(attacked_class["results"][route].tests)
    assert earned["propagate"] == 0


def test_a_flood_of_reply_data_is_capped_and_is_the_students_problem(attacked_class):
    result = attacked_class["results"]["floods_the_grader_with_a_huge_reply"]
    feedback = _feedback(result)
    assert len(feedback) == 3 and all(len(f) <= MAX_FEEDBACK + 3 for f in feedback)
    assert all("grader's channel" in f or "breaks the grader's rules" in f for f in feedback)
    assert result.error is None or "not the student's fault" not in result.error


def test_the_disk_limit_holds_and_is_named(attacked_class):
    feedback = _feedback(attacked_class["results"]["fills_the_disk"])
    assert feedback and all("disk limit is 256 MB" in f for f in feedback), feedback


@pytest.mark.skipif(tree_limits().name == "per-process",
                    reason=f"no cgroup here to limit a process tree: {tree_limits().reason}")
def test_memory_is_limited_for_the_whole_process_tree(attacked_class):
    earned, _ = points_by_exercise(attacked_class["results"]["holds_memory_in_many_processes"].tests)
    assert earned["propagate"] == 0


def test_feedback_shows_no_hidden_input_or_host_path(attacked_class):
    text = " ".join(_feedback(attacked_class["results"]
                              ["leaks_hidden_inputs_and_host_paths_in_its_error"]))
    assert "ValueError" in text
    for secret in ("/work", ".venv", "/usr/", "/tmp", "grading-", "bwrap", "site-packages",
                   "/home/student"):
        assert secret not in text, secret
    assert not re.search(r"\d\.\d{3,}", text), text  # no number shown to any precision


@pytest.mark.parametrize("student", [*LINKED, "whole_folder_is_a_link"])
def test_a_linked_submission_is_not_followed(attacked_class, student):
    result = attacked_class["results"][student]
    earned, _ = points_by_exercise([t for t in result.tests if t.notebook == "numpy_basics"])
    assert sum(earned.values()) == 0
    assert "link" in result.error and "not the student's fault" not in result.error


def test_an_honest_notebook_keeps_its_files_after_a_restart(attacked_class):
    result = attacked_class["results"]["saves_a_file_then_a_restart_comes"]
    earned, possible = points_by_exercise(result.tests)
    lost = {g for g in possible if earned[g] != pytest.approx(possible[g])}
    assert lost == {"predict"} and earned["predict"] > 0
