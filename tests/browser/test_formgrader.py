"""The instructor's view, in a real browser: nbgrader's formgrader shows the scores that
`python -m autograder grade` stored in its gradebook, lists the notebooks it graded for
Manual Grading (``autograder.autograded``), and what is entered there reaches
``nbgrader export`` and the gradebook."""

import csv
import re
import shutil
import subprocess
import sys
import time

from tests.autograder.conftest import CORPUS_DIR, solved, write_submission
from tests.browser.conftest import REPO, TOKEN, jupyterlab

ASSIGNMENT = "week1_logistic_regression"


def _graded_course(tmp_path):
    """A course folder whose gradebook and autograded/ hold ada's (all right) and bob's
    (propagate forgets 1/m) week-1 notebooks, as `python -m autograder grade` leaves them."""
    course = tmp_path / "course"
    (course / "source" / ASSIGNMENT).mkdir(parents=True)
    for source in (REPO / "autograder" / "source" / ASSIGNMENT).glob("*.ipynb"):
        shutil.copy(source, course / "source" / ASSIGNMENT / source.name)
    (course / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.root = {str(course)!r}\n"
        f"c.CourseDirectory.db_url = 'sqlite:///{course}/gradebook.db'\n")
    names = ["numpy_basics", "logistic_regression"]
    wrong = (CORPUS_DIR / "propagate_forgets_1_over_m.py").read_text()
    write_submission(tmp_path / "class" / "ada", {n: solved(n) for n in names})
    write_submission(tmp_path / "class" / "bob",
                     {n: solved(n, {"propagate_answer": wrong}) for n in names})
    graded = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", str(tmp_path / "class"),
         "--assignment", ASSIGNMENT, "--gradebook", f"sqlite:///{course}/gradebook.db",
         "--feedback-dir", str(tmp_path / "feedback"), "--cache-dir", str(tmp_path / "cache")],
        cwd=REPO, capture_output=True, text=True)
    assert graded.returncode == 0, graded.stderr
    return course


def test_the_formgrader_lists_the_students_the_grader_scored(page, tmp_path, screenshots):
    course = _graded_course(tmp_path)
    # the instructor's view: JupyterLab with nbgrader's extensions, run in the course folder
    command = [str(REPO / ".venv" / "bin" / "jupyter"), "lab", "--allow-root",
               f"--ServerApp.root_dir={course}"]
    with jupyterlab(command, tmp_path, cwd=course) as base:
        page.goto(f"{base}/formgrader/manage_students?token={TOKEN}")
        table = page.locator("table").first
        table.locator("text=bob").wait_for(timeout=60_000)
        rows = {line.split("\t")[1]: line.split("\t")[3]
                for line in table.inner_text().splitlines()[1:] if line.count("\t") >= 3}
        assert rows == {"ada": "29 / 29", "bob": "26 / 29"}
        page.screenshot(path=screenshots / "formgrader-students.png")


def _propagate(course, student):
    """((auto score, manual score, max score, needs a manual grade, submitted notebook id)
    of a student's propagate test cell, the manual comment on their propagate answer)."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course}/gradebook.db") as gradebook:
        grade = gradebook.find_grade("propagate", "logistic_regression", ASSIGNMENT, student)
        comment = gradebook.find_comment("propagate_answer", "logistic_regression",
                                         ASSIGNMENT, student)
        return ((grade.auto_score, grade.manual_score, grade.max_score,
                 grade.needs_manual_grade, grade.notebook.id), comment.manual_comment)


def test_manual_grading_lists_the_graded_notebooks_and_its_grades_reach_the_export(
        page, tmp_path, screenshots):
    course = _graded_course(tmp_path)
    (auto, manual, most, needs_look, submission), comment = _propagate(course, "bob")
    assert auto < most and manual is None and not needs_look and comment is None
    command = [str(REPO / ".venv" / "bin" / "jupyter"), "lab", "--allow-root",
               f"--ServerApp.root_dir={course}"]
    with jupyterlab(command, tmp_path, cwd=course) as base:
        # logged in by the token as the instructor would be, then to Manual Grading
        page.goto(f"{base}/formgrader/manage_students?token={TOKEN}")
        page.locator("table").first.locator("text=bob").wait_for(timeout=60_000)
        page.goto(f"{base}/formgrader/gradebook/{ASSIGNMENT}/logistic_regression")
        table = page.locator("table").first
        table.locator("text=Submission #2").wait_for(timeout=60_000)
        rows = [line for line in table.inner_text().splitlines()[1:] if "Submission" in line]
        # each row's first score is the notebook's: ada's full, bob's without propagate's 3
        assert sorted(re.search(r"\d+ / \d+", row).group() for row in rows) == [
            "12 / 15", "15 / 15"]
        page.screenshot(path=screenshots / "formgrader-manual-grading.png")
        page.goto(f"{base}/formgrader/submissions/{submission}")
        score = page.locator("input.score#propagate")
        score.wait_for(timeout=60_000)
        score.fill(str(most))
        score.press("Tab")
        note = page.locator("textarea#propagate_answer-comment")
        note.fill("Divide the cost by m: see the formula above the cell.")
        note.press("Tab")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and None in (_propagate(course, "bob")[0][1],
                                                       _propagate(course, "bob")[1]):
            time.sleep(0.5)
    (_, manual, _, _, _), comment = _propagate(course, "bob")
    assert manual == most
    assert comment == "Divide the cost by m: see the formula above the cell."
    exported = subprocess.run([str(REPO / ".venv" / "bin" / "nbgrader"), "export", "--to",
                               str(tmp_path / "grades.csv")], cwd=course,
                              capture_output=True, text=True)
    assert exported.returncode == 0, exported.stderr[-2000:]
    with open(tmp_path / "grades.csv", newline="") as f:
        scores = {row["student_id"]: float(row["score"]) for row in csv.DictReader(f)}
    assert scores == {"ada": 29.0, "bob": 29.0}
