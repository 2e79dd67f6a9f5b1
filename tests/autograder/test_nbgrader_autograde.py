"""``nbgrader autograde`` in a course configured as this one grades in the sandbox.

A temporary nbgrader course takes the course's own ``autograder/nbgrader_config.py``
(``tests.autograder.nbgrader_course``); its autograde must give every grade cell exactly
the points the course's sandboxed grader gives, whatever a student's cell did to the
kernel's grading code (``autograder.nbgrader_autograde``). Week 1's long training cells
are left out of the submissions, as in the agreement tests, to keep the time down.
"""

import copy
import json
import subprocess
import sys

import nbformat
import pytest

from autograder.grade import grade
from tests.autograder.conftest import ASSIGNMENT, notebook_names_of, released, solved, \
    write_submission
from tests.autograder.nbgrader_agreement import without_skipped_cells
from tests.autograder.nbgrader_course import (nbgrader_command, nbgrader_course,
                                              nbgrader_env, nbgrader_scores)

# the attack of issue 19: in nbgrader's own Execute step, this one cell gave full marks
FORGED_JUDGE = ("import autograder.hidden\n"
                "autograder.hidden.judge = lambda *a, **k: ''\n")


def _with_forged_judge(nb):
    nb = copy.deepcopy(nb)
    nb.cells.insert(0, nbformat.v4.new_code_cell(FORGED_JUDGE))
    return nb


@pytest.fixture(scope="module")
def autograded(tmp_path_factory):
    """(root, the course grader's points by cell, nbgrader's scores by cell)."""
    root = tmp_path_factory.mktemp("nbgrader-autograde")
    names = notebook_names_of(ASSIGNMENT)
    students = {
        "honest": {n: solved(n) for n in names},
        "forged_judge": {n: _with_forged_judge(released(n)) for n in names},
        "forged_judge_and_solved": {n: _with_forged_judge(solved(n)) for n in names},
    }
    for student, notebooks in students.items():
        write_submission(root / "submitted" / student / ASSIGNMENT,
                         {n: without_skipped_cells(nb) for n, nb in notebooks.items()})
    ours = {}
    for result in grade(root / "submitted", assignment=ASSIGNMENT, workers=2):
        for test in result.tests:
            key = (result.student_id, test.notebook, test.test_id.split(":")[0])
            ours[key] = ours.get(key, 0.0) + test.points
    nbgrader_course(root, students)
    done = subprocess.run(nbgrader_command("autograde", ASSIGNMENT, "--force"), cwd=root,
                          env=nbgrader_env(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return root, ours, nbgrader_scores(root, students)


def _of(scores, student):
    return {key: value for key, value in scores.items() if key[0] == student}


def test_a_cell_that_replaces_the_judge_earns_nothing_in_nbgrader_autograde(autograded):
    _, ours, theirs = autograded
    forged = _of(theirs, "forged_judge")
    assert forged, "nbgrader wrote no grade for the forged submission"
    assert {key: score for key, (score, _) in forged.items() if score > 1e-9} == {}
    assert sum(most for _, most in forged.values()) > 0


def test_an_honest_solution_gets_full_marks_from_nbgrader_autograde(autograded):
    _, _, theirs = autograded
    honest = _of(theirs, "honest")
    assert honest
    short = {key[2]: (score, most) for key, (score, most) in honest.items()
             if score != pytest.approx(most, abs=1e-6)}
    assert short == {}


@pytest.mark.parametrize("student", ["honest", "forged_judge", "forged_judge_and_solved"])
def test_nbgrader_autograde_scores_are_the_sandboxed_graders(autograded, student):
    _, ours, theirs = autograded
    mine = _of(ours, student)
    nbgrader = {key: score for key, (score, _) in _of(theirs, student).items()}
    assert set(mine) == set(nbgrader)
    differ = {key[2]: (mine[key], nbgrader[key]) for key in mine
              if mine[key] != pytest.approx(nbgrader[key], abs=1e-4)}
    assert differ == {}


def test_the_autograded_notebook_holds_only_the_graders_outputs(autograded):
    root, _, _ = autograded
    folder = root / "autograded" / "forged_judge_and_solved" / ASSIGNMENT
    notebooks = sorted(folder.glob("*.ipynb"))
    assert [p.stem for p in notebooks] == sorted(notebook_names_of(ASSIGNMENT))
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") and not meta.get("solution"):
                assert cell.outputs[1]["text"].startswith("Graded in the course's sandbox")
            else:
                assert cell.outputs == [], (path.name, cell.source[:60])


def _config_with(tmp_path, line):
    """The course's nbgrader_config.py with one more line, read as nbgrader reads it."""
    from traitlets.config.loader import PyFileConfigLoader

    from autograder.notebooks import COURSE_DIR

    (tmp_path / "nbgrader_config.py").write_text(
        (COURSE_DIR / "nbgrader_config.py").read_text() + line + "\n")
    return PyFileConfigLoader("nbgrader_config.py", str(tmp_path)).load_config()


def test_the_sandboxs_limits_are_a_setting_of_the_preprocessor_in_nbgrader_config(
        tmp_path, monkeypatch):
    from dataclasses import replace

    import autograder.nbgrader_autograde as step
    from autograder.session import Limits

    config = _config_with(tmp_path, 'c.SandboxedGrading.limits = {"cell_seconds": 7, '
                                    '"memory_mb": 512}')
    used = []
    monkeypatch.setattr(step, "detect", lambda required: None)
    monkeypatch.setattr(step, "grade_notebook",
                        lambda *args, limits, sandbox: used.append(limits) or ([], None))
    resources = {"nbgrader": {"assignment": ASSIGNMENT, "notebook": "numpy_basics"}}
    step.SandboxedGrading(config=config).preprocess(solved("numpy_basics"), resources)
    step.SandboxedGrading().preprocess(solved("numpy_basics"), resources)
    assert used == [replace(Limits(), cell_seconds=7.0, memory_mb=512), Limits()]


@pytest.mark.parametrize("setting, words", [
    ('{"cell_secs": 7}', "cell_secs is not a limit; the limits are cell_seconds, "),
    ('{"memory_mb": 1.5}', "memory_mb must be a positive whole number, not 1.5"),
    ('{"call_seconds": -1}', "call_seconds must be a positive number"),
])
def test_a_limit_setting_that_is_not_one_is_refused_naming_the_limits(tmp_path, setting,
                                                                      words):
    from traitlets import TraitError

    from autograder.nbgrader_autograde import SandboxedGrading

    config = _config_with(tmp_path, f"c.SandboxedGrading.limits = {setting}")
    with pytest.raises(TraitError, match=words):
        SandboxedGrading(config=config)


# what the formgrader's Autograde button runs: NbGraderAPI.autograde, with the course's
# config as the formgrader loads it
AUTOGRADE_BUTTON = """
import json, sys
from traitlets.config.loader import PyFileConfigLoader
from nbgrader.apps.api import NbGraderAPI
config = PyFileConfigLoader("nbgrader_config.py", path=".").load_config()
result = NbGraderAPI(config=config).autograde(sys.argv[1], sys.argv[2])
print(json.dumps({"success": result["success"], "error": result.get("error", "")[-2000:]}))
"""


def test_the_formgraders_autograde_button_grades_in_the_sandbox_too(autograded):
    """The button calls nbgrader's API in the formgrader's process, not the command line:
    it too takes the course's config, so a forged judge earns nothing there either."""
    root, _, _ = autograded
    student = "forged_judge_by_button"
    names = notebook_names_of(ASSIGNMENT)
    write_submission(root / "submitted" / student / ASSIGNMENT,
                     {n: without_skipped_cells(_with_forged_judge(released(n))) for n in names})
    pressed = subprocess.run([sys.executable, "-c", AUTOGRADE_BUTTON, ASSIGNMENT, student],
                             cwd=root, env=nbgrader_env(), capture_output=True, text=True)
    assert pressed.returncode == 0, pressed.stderr[-3000:]
    reply = json.loads(pressed.stdout.splitlines()[-1])
    assert reply["success"], reply["error"]
    by_button = _of(nbgrader_scores(root, [student]), student)
    by_command = _of(nbgrader_scores(root, ["forged_judge"]), "forged_judge")
    assert by_button and {key[1:]: value for key, value in by_button.items()} == {
        key[1:]: value for key, value in by_command.items()}
    assert {key: score for key, (score, _) in by_button.items() if score > 1e-9} == {}
    assert sum(most for _, most in by_button.values()) > 0
