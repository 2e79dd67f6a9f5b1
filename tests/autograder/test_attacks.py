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
import importlib
import os
import pkgutil
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

import helpers.reference
from autograder.cases import exercise as find_exercise, exercises
from autograder.cgroups import tree_limits
from autograder.grade import grade
from autograder.notebooks import nbgrader_meta, source_notebooks
from autograder.references import reference_path
from autograder.release import NOTEBOOKS_DIR
from autograder.sandbox import detect
from autograder.scoring import LIBRARY, MAX_FEEDBACK
from tests.autograder.conftest import (ASSIGNMENT, ASSIGNMENTS, CORPUS_DIR, corpus,
                                       notebook_names_of, points_by_exercise, solved,
                                       write_submission)

ATTACKS = corpus(Path(__file__).resolve().parent.parent / "attacks" / ASSIGNMENT)
SANDBOX = detect()
CANARY = Path("/tmp/autograder-canary")  # a host file that planted links point at
LINKED = {
    "links_to_a_classmates_notebook":
        lambda root, assignment, notebook: root / "honest_student" / f"{notebook}.ipynb",
    "links_to_the_instructors_source": lambda root, assignment, notebook: next(
        s.path for s in source_notebooks(assignment) if s.name == notebook),
}
DELEGATION_DIR = Path(__file__).resolve().parent.parent / "attacks" / "delegation"
DELEGATION = sorted(p.stem for p in DELEGATION_DIR.glob("*.py"))
PREFERRED = {"logistic_regression": "propagate",  # the red team's own target
             # a deep-network function whose callees arrive as stand-ins while it is graded
             "deep_network_step_by_step": "L_model_forward",
             "initialization": "initialize_parameters_he",  # a start drawn at random
             "regularization": "forward_propagation_with_dropout",  # masks drawn at random
             # its correct version lives in a module the notebook does not import
             "gradient_checking": "gradient_check_n",
             "optimization_methods": "update_parameters_with_adam"}  # five dicts back

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


def reference_modules():
    """The modules of helpers.reference, as anyone can list them in the course's repository."""
    return sorted(info.name for info in pkgutil.walk_packages(helpers.reference.__path__,
                                                              "helpers.reference."))


def delegation_targets(assignment):
    """One graded function per notebook that has a correct version in the helpers:
    {notebook: function}."""
    modules = [importlib.import_module(name) for name in reference_modules()]
    targets = {}
    for exercise in exercises(assignment):
        if exercise.kind != "call" or exercise.notebook in targets:
            continue
        if PREFERRED.get(exercise.notebook, exercise.function) != exercise.function:
            continue
        if any(hasattr(module, exercise.function) for module in modules):
            targets[exercise.notebook] = exercise.function
    return targets


def delegation_attack(route, function):
    return (f"TARGET = {function!r}\nREFERENCE_MODULES = {reference_modules()!r}\n\n"
            + (DELEGATION_DIR / f"{route}.py").read_text())


def _grade_attacked_class(root, assignment):
    names = notebook_names_of(assignment)
    write_submission(root / "honest_student", {n: solved(n) for n in names})
    for name, change in STRUCTURAL.items():
        write_submission(root / name, {n: _with_check_cells(n, change) for n in names})
    first = names[0]
    for name, target in LINKED.items():  # as tar and unzip restore them
        write_submission(root / name, {n: solved(n) for n in names[1:]})
        (root / name / f"{first}.ipynb").symlink_to(target(root, assignment, first))
    (root / "whole_folder_is_a_link").symlink_to(root / "honest_student")
    for notebook, function in delegation_targets(assignment).items():
        cell = f"{function}_answer"
        for route in DELEGATION:
            write_submission(root / f"{route}-{function}", {notebook: solved(
                notebook, {cell: delegation_attack(route, function)})})
    if assignment == ASSIGNMENT:  # the attacks on the grader's mechanics, once
        for name, sample in ATTACKS.items():
            # only the attacked notebook: an attack cannot reach a notebook it is not in
            write_submission(root / name, {sample["notebook"]: solved(
                sample["notebook"], {sample["cell"]: sample["code"]})})
        wrong = (CORPUS_DIR / "propagate_forgets_1_over_m.py").read_text()
        edited = solved("logistic_regression", {"propagate_answer": wrong})
        for cell in edited.cells:
            if nbgrader_meta(cell).get("grade_id") == "propagate":
                cell.source = "pass"
        write_submission(root / "wrong_answer_with_its_check_cell_emptied",
                         {n: (edited if n == "logistic_regression" else solved(n))
                          for n in names})
        _honest_student_who_saves_a_file_then_crashes(root / "saves_a_file_then_a_restart_comes")
    CANARY.write_text("the grader's own file")
    course_files = [reference_path(assignment), CANARY, *NOTEBOOKS_DIR.rglob("*.ipynb"),
                    *(s.path for s in source_notebooks(assignment))]
    before = _fingerprint(course_files)
    submitted_before = _fingerprint([p for p in root.rglob("*.ipynb") if not p.is_symlink()])
    results = grade(root, assignment=assignment, workers=2, sandbox=SANDBOX)
    return {
        "results": {r.student_id: r for r in results},
        "course_unchanged": before == _fingerprint(course_files),
        "submissions_unchanged": submitted_before == _fingerprint(
            [p for p in root.rglob("*.ipynb") if not p.is_symlink()]),
        "planted": [p for p in ("/tmp/planted.txt", "/etc/planted", "/usr/planted")
                    if Path(p).exists()] + list(map(str, NOTEBOOKS_DIR.rglob("planted*"))),
    }


@pytest.fixture(scope="module")
def attacked_classes(tmp_path_factory):
    """assignment -> what grading its attacked class did (each graded once)."""
    graded = {}

    def of(assignment):
        if assignment not in graded:
            root = tmp_path_factory.mktemp(f"attacked-{assignment}")
            graded[assignment] = _grade_attacked_class(root, assignment)
        return graded[assignment]
    return of


@pytest.fixture(scope="module")
def attacked_class(attacked_classes):
    return attacked_classes(ASSIGNMENT)


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


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
@pytest.mark.parametrize("attack", sorted(STRUCTURAL))
def test_changing_the_check_cells_changes_nothing(attacked_classes, assignment, attack):
    results = attacked_classes(assignment)["results"]
    result, honest = results[attack], results["honest_student"]
    assert result.score == honest.score == honest.max_score
    assert result.max_score == honest.max_score


def test_an_emptied_check_cell_does_not_save_a_wrong_answer(attacked_class):
    result = attacked_class["results"]["wrong_answer_with_its_check_cell_emptied"]
    earned, _ = points_by_exercise(result.tests)
    assert earned["propagate"] == 0


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_honest_student_next_to_the_attacks_keeps_full_marks(attacked_classes, assignment):
    honest = attacked_classes(assignment)["results"]["honest_student"]
    assert honest.score == honest.max_score and honest.error is None


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_attack_wrote_outside_its_sandbox(attacked_classes, assignment):
    attacked = attacked_classes(assignment)
    assert attacked["course_unchanged"]
    assert attacked["submissions_unchanged"]
    assert attacked["planted"] == []


def test_a_borrowed_function_is_named_in_the_feedback(attacked_class):
    result = attacked_class["results"]["borrows_the_helpers_reference_function-propagate"]
    assert any("not defined in your notebook" in t.feedback for t in result.tests
               if t.function == "propagate"), [t.feedback for t in result.tests]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_attack_stopped_the_batch(attacked_classes, assignment):
    expected = {"honest_student", "whole_folder_is_a_link", *STRUCTURAL, *LINKED}
    expected |= {f"{route}-{function}" for function in delegation_targets(assignment).values()
                 for route in DELEGATION}
    if assignment == ASSIGNMENT:
        expected |= {"wrong_answer_with_its_check_cell_emptied",
                     "saves_a_file_then_a_restart_comes", *ATTACKS}
    assert set(attacked_classes(assignment)["results"]) == expected


def _feedback(result, function="propagate"):
    return [t.feedback for t in result.tests if t.function == function]


def test_no_file_of_the_grader_is_written_through_a_planted_link(attacked_class):
    # links, hard links, FIFOs and folders planted in the notebook's home, then a restart
    result = attacked_class["results"]["plants_links_where_the_grader_writes_then_forces_a_restart"]
    assert attacked_class["course_unchanged"] and CANARY.read_text() == "the grader's own file"
    assert result.error is None or "not the student's fault" not in result.error


DELEGATED = [(a, notebook, function, route) for a in ASSIGNMENTS
             for notebook, function in delegation_targets(a).items() for route in DELEGATION]


@pytest.mark.parametrize("assignment, notebook, function, route", DELEGATED,
                         ids=[f"{f}-{r}" for _, _, f, r in DELEGATED])
def test_delegation_to_the_reference_code_earns_nothing(attacked_classes, assignment, notebook,
                                                        function, route):
    result = attacked_classes(assignment)["results"][f"{route}-{function}"]
    mine = [t for t in result.tests if t.notebook == notebook]
    earned, possible = points_by_exercise(mine)
    graded = {t.test_id.split(":")[0] for t in mine if t.function == function}
    for grade_id in possible:
        if grade_id in graded:
            assert earned[grade_id] == 0, [t.feedback for t in mine if t.function == function]
        else:  # the rest of the notebook is the honest solution
            assert earned[grade_id] == pytest.approx(possible[grade_id]), grade_id


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


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
@pytest.mark.parametrize("student", [*LINKED, "whole_folder_is_a_link"])
def test_a_linked_submission_is_not_followed(attacked_classes, assignment, student):
    result = attacked_classes(assignment)["results"][student]
    first = notebook_names_of(assignment)[0]
    earned, _ = points_by_exercise([t for t in result.tests if t.notebook == first])
    assert sum(earned.values()) == 0
    assert "link" in result.error and "not the student's fault" not in result.error


def test_an_honest_notebook_keeps_its_files_after_a_restart(attacked_class):
    result = attacked_class["results"]["saves_a_file_then_a_restart_comes"]
    earned, possible = points_by_exercise(result.tests)
    lost = {g for g in possible if earned[g] != pytest.approx(possible[g])}
    assert lost == {"predict"} and earned["predict"] > 0


def test_feedback_shows_no_hidden_input_through_the_place_of_an_error(attacked_class):
    text = " ".join(_feedback(attacked_class["results"]["names_its_code_after_a_hidden_input"]))
    assert text.count("ValueError") == 3, text
    propagate = find_exercise(ASSIGNMENT, "logistic_regression", "propagate")
    for case in propagate.cases:
        digits = repr(float(np.ravel(case.inputs().args[2])[0])).split(".")[1]
        assert digits[:4] not in text, (digits, text)
    assert not re.search(r"\d{2,}", text), text  # no number of two digits or more at all


LIBRARY_ATTACKS = {"hands_in_scipys_expit_as_sigmoid": ("sigmoid", "scipy.special.expit"),
                   "vectorizes_a_library_function": ("sigmoid", "scipy.special.expit"),
                   "hands_in_a_partial_of_a_library_function": ("softmax",
                                                                "scipy.special.softmax"),
                   "hands_in_an_object_that_calls_a_library_function": ("sigmoid",
                                                                        "scipy.special.expit")}


@pytest.mark.parametrize("attack", sorted(LIBRARY_ATTACKS))
def test_a_library_function_handed_in_is_named_as_such(attacked_class, attack):
    function, library = LIBRARY_ATTACKS[attack]
    tests = [t for t in attacked_class["results"][attack].tests if t.function == function]
    assert tests and all(t.points == 0 and t.mistakes == [LIBRARY] for t in tests), tests
    assert all(t.feedback.startswith(f"{function} is {library}, a library's function: the "
                                     f"exercise asks for your own code.") for t in tests), tests
