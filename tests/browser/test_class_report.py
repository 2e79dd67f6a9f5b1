"""The class report in a real browser: a teacher opening the page sees the mistakes grouped by
concept and the concept check question by question (``autograder.report``)."""

import subprocess
import sys

from tests.autograder.conftest import CORPUS_DIR, solved, write_submission
from tests.browser.conftest import REPO

ASSIGNMENT = "week1_logistic_regression"


def test_the_class_report_shows_the_concept_groups_and_the_per_question_table(
        page, tmp_path, screenshots):
    names = ["numpy_basics", "logistic_regression"]
    forgets = (CORPUS_DIR / "propagate_forgets_1_over_m.py").read_text()
    answers = (CORPUS_DIR / "concept_answers_two_wrong.py").read_text()
    write_submission(tmp_path / "class" / "ada", {n: solved(n) for n in names})
    write_submission(tmp_path / "class" / "bob", {n: solved(n, {
        "propagate_answer": forgets, "concept_answers_answer": answers}) for n in names})
    write_submission(tmp_path / "class" / "cyd", {n: solved(n, {"propagate_answer": forgets})
                                                  for n in names})
    report = tmp_path / "out" / "report.html"
    graded = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", str(tmp_path / "class"),
         "--assignment", ASSIGNMENT, "--gradebook", "none", "--report", str(report),
         "--feedback-dir", str(tmp_path / "feedback"), "--cache-dir", str(tmp_path / "cache")],
        cwd=REPO, capture_output=True, text=True)
    assert graded.returncode == 0, graded.stderr
    page.goto(report.as_uri())
    concepts = page.locator("h2#concepts + p + table")
    concepts.wait_for(timeout=30_000)
    rows = {row.split("\t")[0]: row.split("\t")[1:]
            for row in concepts.inner_text().splitlines()[1:]}
    assert rows["1/m, means and scale factors"][0] == "2 of 3"
    assert "propagate (2)" in rows["1/m, means and scale factors"][1]
    assert rows["the concept check"][0] == "1 of 3"
    questions = page.locator("table.questions")
    assert questions.is_visible()
    lines = {row.split("\t")[0]: row.split("\t")[1:]
             for row in questions.inner_text().splitlines()[1:]}
    assert set(lines) == {f"concept_answers q{i}" for i in range(1, 7)}
    assert lines["concept_answers q1"][:2] == ["3 of 3", "2"]
    assert lines["concept_answers q1"][2] == "c: 2, a: 1"
    assert page.locator("text=report.instructor-only.html").first.is_visible()
    page.screenshot(path=screenshots / "class-report.png", full_page=True)
