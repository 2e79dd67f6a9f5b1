"""Feedback reaches students through nbgrader's exchange, set up by the course's config.

One course in a temporary folder, with the course's own ``nbgrader_config.py`` (its
exchange beside the config file): the instructor releases week 1, a student fetches,
answers (one exercise wrong) and submits with nbgrader, the instructor collects and
grades with ``python -m autograder grade`` (under a umask of 077, the strictest an
instructor may have), then runs ``nbgrader generate_feedback`` and ``release_feedback``;
the student's ``fetch_feedback`` must get a page per notebook that carries the grader's
feedback, and what the grader wrote must be readable by the instructor's group.
"""

import html
import json
import os
import re
import stat
import subprocess

import pytest

from autograder.__main__ import main
from tests.autograder.conftest import ASSIGNMENT, notebook_names_of, solved, write_submission
from tests.autograder.nbgrader_agreement import without_skipped_cells
from tests.autograder.nbgrader_course import nbgrader_command, nbgrader_course, nbgrader_env

STUDENT = "ada"
RANK_1 = "def image2vector(image):\n    return image.reshape(-1)\n"


def _run(args, cwd, env):
    done = subprocess.run(nbgrader_command(*args), cwd=cwd, env=env, capture_output=True,
                          text=True)
    assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-3000:])
    return done


@pytest.fixture(scope="module")
def delivered(tmp_path_factory):
    """(course folder, the student's home, the grader's results of the student)."""
    root = tmp_path_factory.mktemp("course")
    home = tmp_path_factory.mktemp("student-home")
    instructor = nbgrader_env()
    student = dict(instructor, JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
                   JUPYTER_DATA_DIR=str(home / ".data"))
    nbgrader_course(root, [STUDENT])
    _run(["release_assignment", ASSIGNMENT], root, instructor)
    # the student's side: their own folder and config, naming the course and its exchange
    (home / "nbgrader_config.py").write_text(
        f"c.CourseDirectory.course_id = 'deep-learning-from-scratch'\n"
        f"c.Exchange.root = {str(root / 'exchange')!r}\n")
    _run(["fetch_assignment", ASSIGNMENT, f"--student={STUDENT}"], home, student)
    answers = {name: without_skipped_cells(solved(name, {"image2vector_answer": RANK_1}))
               for name in notebook_names_of(ASSIGNMENT)}
    for name in answers:
        (home / ASSIGNMENT / f"{name}.ipynb").unlink()
    write_submission(home / "answers", answers)
    for path in (home / "answers").iterdir():
        path.rename(home / ASSIGNMENT / path.name)
    _run(["submit", ASSIGNMENT, f"--student={STUDENT}"], home, student)
    _run(["collect", ASSIGNMENT], root, instructor)
    mask = os.umask(0o077)
    try:
        code = main(["grade", str(root / "submitted"), "--assignment", ASSIGNMENT,
                     "--gradebook", f"sqlite:///{root / 'gradebook.db'}",
                     "--feedback-dir", str(root / "feedback-pages"),
                     "--cache-dir", str(root / "cache"), "--json", str(root / "results.json")])
    finally:
        os.umask(mask)
    assert code == 0
    _run(["generate_feedback", ASSIGNMENT], root, instructor)
    _run(["release_feedback", ASSIGNMENT], root, instructor)
    _run(["fetch_feedback", ASSIGNMENT, f"--student={STUDENT}"], home, student)
    (result,) = json.loads((root / "results.json").read_text())["submissions"]
    return root, home, result


def test_a_students_fetch_feedback_gets_a_page_per_notebook_with_the_graders_feedback(
        delivered):
    _, home, result = delivered
    pages = {path.stem: path.read_text() for path in
             (home / ASSIGNMENT / "feedback").glob("*/*.html")}
    assert sorted(pages) == sorted(notebook_names_of(ASSIGNMENT))
    wrong = [t for t in result["tests"] if t["function"] == "image2vector"]
    assert wrong and all(t["points"] == 0 for t in wrong)
    page = pages["numpy_basics"]
    assert re.search("Graded in the course(&#39;|')s sandbox", page)
    sentence = wrong[0]["feedback"].split(". ")[0]
    assert html.escape(sentence, quote=False) in page or html.escape(sentence) in page


def test_the_feedback_pages_score_is_the_graders(delivered):
    root, _, result = delivered
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        score = gradebook.find_submission(ASSIGNMENT, STUDENT).score
    assert score == pytest.approx(result["score"], abs=1e-3)
    assert result["score"] < result["max_score"]


def _modes(top):
    return {path: stat.S_IMODE(path.stat().st_mode) for path in [top, *top.rglob("*")]}


@pytest.mark.parametrize("folder", ["feedback-pages", "autograded"])
def test_feedback_files_and_folders_are_readable_by_the_instructors_group(delivered, folder):
    root, _, _ = delivered
    modes = _modes(root / folder / STUDENT)
    assert any(path.suffix in (".html", ".ipynb") for path in modes)
    unreadable = {str(path.relative_to(root)): oct(mode) for path, mode in modes.items()
                  if mode & (0o050 if path.is_dir() else 0o040)
                  != (0o050 if path.is_dir() else 0o040)}
    assert unreadable == {}
    others = {str(path.relative_to(root)): oct(mode) for path, mode in modes.items()
              if mode & 0o007}
    assert others == {}  # the umask of 077 still keeps everyone else out
