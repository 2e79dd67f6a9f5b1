"""``python -m autograder grade`` leaves autograded notebooks where nbgrader's formgrader
lists them (``autograder.autograded``), with the grader's scores, and nothing of the
student's own run or of their edits to locked cells."""

import copy
import json
import subprocess
import sys

import nbformat
import pytest

from autograder.notebooks import nbgrader_meta
from tests.autograder.conftest import ASSIGNMENT, notebook_names_of, released, solved, \
    write_submission
from tests.autograder.test_nbgrader_autograde import FORGED_JUDGE

STUDENTS = ("honest", "forged")


def _forged(nb):
    """A released notebook that replaces the judge, prints, and rewrites a locked test cell."""
    nb = copy.deepcopy(nb)
    nb.cells.insert(0, nbformat.v4.new_code_cell(FORGED_JUDGE + "print('forged output')"))
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="forged\n")]
    test_cell = next(c for c in nb.cells if nbgrader_meta(c).get("grade")
                     and not nbgrader_meta(c).get("solution"))
    test_cell.source = "pass  # a student's edit of a locked cell"
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """(course root, db url, the grade command's JSON)."""
    root = tmp_path_factory.mktemp("autograded")
    names = notebook_names_of(ASSIGNMENT)
    write_submission(root / "class" / "honest", {n: solved(n) for n in names})
    write_submission(root / "class" / "forged", {n: _forged(released(n)) for n in names})
    db_url = f"sqlite:///{root / 'gradebook.db'}"
    done = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", str(root / "class"), "--assignment",
         ASSIGNMENT, "--workers", "2", "--gradebook", db_url, "--json",
         str(root / "out.json"), "--cache-dir", str(root / "cache"), "--feedback-dir",
         str(root / "feedback")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return root, db_url, json.loads((root / "out.json").read_text())


def _api(root, db_url):
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    return NbGraderAPI(coursedir=CourseDirectory(root=str(root), db_url=db_url))


def test_the_formgrader_lists_every_graded_notebook_for_manual_grading(graded):
    root, db_url, _ = graded
    api = _api(root, db_url)
    assert api.get_autograded_students(ASSIGNMENT) == set(STUDENTS)
    for notebook in notebook_names_of(ASSIGNMENT):
        listed = {s["student"] for s in api.get_notebook_submissions(ASSIGNMENT, notebook)}
        assert listed == set(STUDENTS), notebook


def test_the_gradebook_holds_the_graders_scores_and_asks_no_manual_grade(graded):
    root, db_url, output = graded
    from nbgrader.api import Gradebook

    ours = {}
    for student in output["submissions"]:
        for test in student["tests"]:
            key = (student["student_id"], test["notebook"], test["test_id"].split(":")[0])
            ours[key] = ours.get(key, 0.0) + test["points"]
    theirs, manual = {}, []
    with Gradebook(db_url) as gradebook:
        for student in STUDENTS:
            for notebook in notebook_names_of(ASSIGNMENT):
                found = gradebook.find_submission_notebook(notebook, ASSIGNMENT, student)
                for grade in found.grades:
                    theirs[student, notebook, grade.name] = grade.auto_score
                    if grade.needs_manual_grade:
                        manual.append((student, notebook, grade.name))
    assert set(theirs) == set(ours)
    assert {k: (ours[k], theirs[k]) for k in ours
            if ours[k] != pytest.approx(theirs[k], abs=1e-4)} == {}
    assert sum(v for k, v in theirs.items() if k[0] == "forged") == 0
    assert manual == []


def test_an_autograded_notebook_holds_nothing_of_the_students_run_nor_their_locked_edits(
        graded):
    root, _, _ = graded
    folder = root / "autograded" / "forged" / ASSIGNMENT
    assert sorted(p.stem for p in folder.glob("*.ipynb")) == sorted(notebook_names_of(ASSIGNMENT))
    for path in folder.glob("*.ipynb"):
        text = path.read_text()
        assert "forged output" not in text.replace("print('forged output')", "")
        assert "a student's edit of a locked cell" not in text
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            meta = nbgrader_meta(cell)
            if cell.cell_type == "code" and not (meta.get("grade") and not meta.get("solution")):
                assert cell.outputs == []


def test_a_cell_marked_for_manual_grading_asks_for_a_manual_grade_and_takes_a_comment(
        tmp_path):
    """An answer the instructor marks "manually graded" in a source: the autograded
    notebook leaves it to the grader (no automatic score, needs a manual grade), while
    the test cells beside it need none."""
    from nbgrader.api import Gradebook

    from autograder.autograded import autograded_notebook
    from tests.autograder.nbgrader_course import nbgrader_command, nbgrader_course, \
        nbgrader_env

    nbgrader_course(tmp_path, ["ada"])
    source = tmp_path / "source" / ASSIGNMENT / "numpy_basics.ipynb"
    nb = nbformat.read(source, as_version=4)
    written = nbformat.v4.new_markdown_cell(
        "### BEGIN SOLUTION\nThe smaller array is repeated along the missing axis.\n"
        "### END SOLUTION")
    written.metadata["nbgrader"] = {"grade": True, "solution": True, "locked": False,
                                    "points": 2, "grade_id": "explain_broadcasting",
                                    "schema_version": 3}
    nb.cells.append(written)
    nbformat.write(nb, source)
    subprocess.run(nbgrader_command("generate_assignment", ASSIGNMENT, "--force"),
                   cwd=tmp_path, env=nbgrader_env(), check=True, capture_output=True)
    submission = nbformat.read(tmp_path / "release" / ASSIGNMENT / "numpy_basics.ipynb",
                               as_version=4)
    submission.cells[-1].source = "It copies the row for every example."
    db_url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with Gradebook(db_url) as gradebook:
        gradebook.update_or_create_submission(ASSIGNMENT, "ada")
    autograded_notebook(submission, [], student="ada", assignment=ASSIGNMENT,
                        notebook="numpy_basics", db_url=db_url)
    with Gradebook(db_url) as gradebook:
        found = gradebook.find_submission_notebook("numpy_basics", ASSIGNMENT, "ada")
        needs = {grade.name: grade.needs_manual_grade for grade in found.grades}
        written_grade = gradebook.find_grade("explain_broadcasting", "numpy_basics",
                                             ASSIGNMENT, "ada")
        assert written_grade.auto_score is None
        comment = gradebook.find_comment("explain_broadcasting", "numpy_basics",
                                         ASSIGNMENT, "ada")
        assert comment.auto_comment is None  # answered: no "No response."
    assert needs.pop("explain_broadcasting") is True
    assert needs and not any(needs.values())
