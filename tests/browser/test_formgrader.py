"""The instructor's view, in a real browser: nbgrader's formgrader shows the scores that
`python -m autograder grade` stored in its gradebook."""

import shutil
import subprocess
import sys

from tests.autograder.conftest import CORPUS_DIR, solved, write_submission
from tests.browser.conftest import REPO, TOKEN, jupyterlab

ASSIGNMENT = "week1_logistic_regression"


def test_the_formgrader_lists_the_students_the_grader_scored(page, tmp_path, screenshots):
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
