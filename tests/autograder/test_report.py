"""The class report: scores per exercise, the class's mistakes in plain words, what needs a
look; one page that needs nothing else and gives no hidden input away."""

import base64
import re

import pytest

from autograder import grade as grading
from autograder.__main__ import main
from autograder.grade import FLAGS, SubmissionResult, answer_label, grade
from autograder.intake import Skipped
from autograder.report import (FLAG_PHRASES, PHRASES, class_report, duration, mistake_lines,
                               needs_a_look)
from autograder.scoring import KINDS as GRADER_KINDS
from autograder.session import Limits
from helpers.diagnosis import KINDS as DIAGNOSIS_KINDS
from tests.autograder.conftest import ASSIGNMENT, CORPUS_DIR, solved, write_submission


def case(function, mistakes=(), points=1.0, notebook="logistic_regression", n=0):
    earned = 0.0 if mistakes else points
    return grading.TestResult(notebook, f"{function}:case{n}", function, earned, points,
                      "passed" if not mistakes else "some feedback", list(mistakes))


def student(student_id, *tests, flags=(), error=None):
    tests = list(tests) or [case("propagate")]
    return SubmissionResult(student_id, sum(t.points for t in tests),
                            sum(t.max_points for t in tests), error, tests, list(flags))


def test_mistakes_are_counted_once_per_student_and_said_in_plain_words():
    results = [
        student("ada", case("propagate", ["forgot 1/m"], n=0), case("propagate", ["forgot 1/m"], n=1)),
        student("bob", case("propagate", ["forgot 1/m"]),
                case("initialize_with_zeros", ["rank-1 array"])),
        student("cyd", case("optimize", ["wrong values", "used the default learning_rate"]),
                case("optimize", ["wrong values"], n=1)),  # explained by the other case's kind
        student("dee", case("predict", ["wrong values"])),
        student("eve", case("propagate", ["missing notebook"])),
        student("fay"),
        # a rank-1 array that broadcasts in one case and raises in the next: one mistake
        student("gus", case("normalize_rows", ["rank-1 array in a broadcast"], n=0),
                case("normalize_rows", ["raised an error"], n=1)),
        student("hal", case("softmax", ["raised an error"])),  # nothing closer: said as it is
    ]
    assert mistake_lines(results) == [
        "2 of 8 forgot to divide by m in propagate",
        "1 of 8 returned a rank-1 array from initialize_with_zeros",
        "1 of 8 used the default learning_rate in optimize",  # a hint's kind, said as it is
        "1 of 8 returned wrong values from predict",
        "1 of 8 broadcast a rank-1 array against a 2-D one in normalize_rows",
        "1 of 8 got an error from softmax",
    ]


def test_a_function_of_two_notebooks_is_told_apart():
    results = [student("ada", case("predict", ["wrong values"], notebook="week_a"),
                       case("predict", ["wrong values"], notebook="week_b"))]
    assert mistake_lines(results) == ["1 of 1 returned wrong values from predict (week_a)",
                                      "1 of 1 returned wrong values from predict (week_b)"]


def test_every_kind_and_flag_has_its_plain_words():
    assert set(DIAGNOSIS_KINDS) | set(GRADER_KINDS) <= set(PHRASES)
    assert set(FLAGS) == set(FLAG_PHRASES)
    assert all("{f}" in words for words in PHRASES.values())


def test_what_needs_a_look_says_why_and_puts_the_graders_failures_first():
    results = [
        student("ada"),
        student("bob", case("propagate", ["crashed"], n=0), case("propagate", ["crashed"], n=1)),
        student("cyd", case("propagate", ["not defined", "used the helpers' reference code"])),
        student("cat", case("propagate", ["used the helpers' reference code"], n=0),
                case("propagate", ["used the helpers' reference code"], n=1)),
        student("dee", flags=["renamed notebook"], error="a.ipynb was graded as b.ipynb."),
        student("eve", case("optimize", ["timed out"]), case("model", ["hit a limit"])),
        student("zed", case("propagate", ["grader failed"]), flags=["grader failed"],
                error="the grader failed"),
    ]
    looks = {look.student_id: look for look in needs_a_look(results)}
    assert [look.student_id for look in needs_a_look(results)] == ["zed", "bob", "cat", "cyd",
                                                                   "dee", "eve"]
    assert looks["cat"].reasons == ["reached for the helpers' reference code in propagate "
                                    "(suspected delegation; 2 cases)"]
    assert looks["bob"].reasons == ["crashed the notebook's process in propagate (2 cases)"]
    assert looks["cyd"].reasons == ["reached for the helpers' reference code in propagate "
                                    "(suspected delegation)"]
    assert looks["dee"].reasons == [FLAG_PHRASES["renamed notebook"]]
    assert looks["dee"].error == "a.ipynb was graded as b.ipynb."
    assert looks["eve"].reasons == ["ran out of time in optimize",
                                    "hit a limit (memory, processes, output or disk) in model"]
    assert looks["zed"].urgent and "not the student's fault" in looks["zed"].reasons[0]


def test_the_page_needs_nothing_else_and_escapes_what_students_named():
    results = [student("<script>alert(1)</script>", case("propagate", ["forgot 1/m"]),
                       flags=["renamed notebook"], error="<b>x</b>.ipynb was graded as ..."),
               student("ada")]
    page = class_report(ASSIGNMENT, results, seconds=192.4,
                        skipped=[Skipped("../../evil.ipynb", "its name holds '..'")],
                        source="class.zip")
    assert "<script" not in page and "&lt;script&gt;" in page and "<b>x" not in page
    assert not re.search(r"https?:|<link|@import|url\(", page)
    images = re.findall(r'<img src="([^"]+)"', page)
    assert len(images) == 2
    for image in images:
        assert base64.b64decode(image.removeprefix("data:image/png;base64,"))[:4] == b"\x89PNG"
    assert "1 of 2 forgot to divide by m in propagate" in page
    assert "3 min 13 s" in page and "../../evil.ipynb" in page and "class.zip" in page
    assert "some feedback" not in page  # kinds and counts, never a feedback sentence


def test_results_kept_by_an_older_grader_are_said_not_to_be_counted():
    old = student("old", case("propagate"))
    old.tests[0].points = 0.0  # failed, with no kinds: kept before the kinds existed
    page = class_report(ASSIGNMENT, [old, student("new")], seconds=5)
    assert "1 result(s) were kept by a grader older" in page and "--force" in page
    assert "older" not in class_report(ASSIGNMENT, [student("new")], seconds=5)


@pytest.mark.parametrize("seconds, words", [(0.2, "1 s"), (48, "48 s"), (192, "3 min 12 s"),
                                            (3900, "1 h 05 min")])
def test_durations_are_said_in_words(seconds, words):
    assert duration(seconds) == words


@pytest.fixture(scope="module")
def graded(tmp_path_factory, notebook_names):
    """A small class graded for real: right, wrong, crashing and delegating students."""
    root = tmp_path_factory.mktemp("report-class")
    wrong = (CORPUS_DIR / "propagate_forgets_1_over_m.py").read_text()
    rank1 = (CORPUS_DIR / "initialize_with_zeros_returns_a_rank_1_array.py").read_text()
    answers = {
        "right": {},
        "forgets_1_over_m_a": {"propagate_answer": wrong},
        "forgets_1_over_m_b": {"propagate_answer": wrong, "initialize_with_zeros_answer": rank1},
        "crashes": {"propagate_answer": "def propagate(w, b, X, Y):\n    import os\n"
                                        "    os._exit(3)\n"},
        "imports_the_reference": {"propagate_answer": "from helpers.reference.logistic_regression"
                                                      " import propagate\n"},
        "imports_it_in_the_function": {"propagate_answer": (
            "def propagate(w, b, X, Y):\n    from helpers.reference.logistic_regression import "
            "propagate as p\n    return p(w, b, X, Y)\n")},
    }
    for name, replacements in answers.items():
        write_submission(root / name, {n: solved(n, replacements) for n in notebook_names})
    results = grade(root, assignment=ASSIGNMENT, workers=2, limits=Limits(call_seconds=10))
    return results, class_report(ASSIGNMENT, results, seconds=30)


def test_a_graded_class_reports_its_mistakes_and_who_needs_a_look(graded):
    results, page = graded
    lines = mistake_lines(results)
    assert lines[0] == "2 of 6 forgot to divide by m in propagate"
    assert "1 of 6 returned a rank-1 array from initialize_with_zeros" in lines
    looks = {look.student_id: look.reasons for look in needs_a_look(results)}
    assert set(looks) == {"crashes", "imports_the_reference", "imports_it_in_the_function"}
    assert looks["crashes"] == ["crashed the notebook's process in propagate (3 cases)"]
    for delegating in ("imports_the_reference", "imports_it_in_the_function"):
        assert any("helpers' reference code in propagate" in r for r in looks[delegating])
        feedback = " ".join(t.feedback for r in results if r.student_id == delegating
                            for t in r.tests)
        assert "reference code is not available while your notebook is graded" in feedback


def test_a_graded_class_report_shows_no_feedback_sentence(graded):
    results, page = graded
    for result in results:
        for test in result.tests:
            if test.feedback != "passed":
                assert test.feedback not in page
    assert "did you forget to divide by m" not in page and "2 of 6 forgot to divide by m" in page


def test_a_report_that_cannot_be_made_costs_only_itself(tmp_path, monkeypatch, capsys,
                                                        notebook_names):
    write_submission(tmp_path / "class" / "ada", {n: solved(n) for n in notebook_names})

    def broken(*args, **kwargs):
        raise RuntimeError("no fonts on this machine")

    monkeypatch.setattr("autograder.report.class_report", broken)
    out = tmp_path / "out"
    code = main(["grade", str(tmp_path / "class"), "--assignment", ASSIGNMENT,
                 "--json", str(out / "results.json"), "--report", str(out / "report.html"),
                 "--feedback-dir", str(out / "feedback"), "--cache-dir", str(out / "cache"),
                 "--gradebook", "none"])
    err = capsys.readouterr().err
    assert code == 1 and "the class report could not be made (RuntimeError" in err
    assert (out / "results.json").exists() and not (out / "report.html").exists()


@pytest.mark.parametrize("given, label", [
    ("B ", "b"), (" c", "c"), (2, "2"), (0.5, "0.5"), (True, "(other)"), (None, "(other)"),
    ("x" * 50, "(other)"), ("a<script>", "(other)"), (10 ** 400, "(other)"),
    (float("nan"), "nan"), (["a"], "(other)"),
])
def test_a_concept_answer_is_kept_only_as_a_short_label(given, label):
    """What a student's process sent as an answer is counted by label: a short token, or
    "(other)", whatever its type or size (a huge int once made the grader's own process
    fail formatting it)."""
    assert answer_label({"q1": given}, "q1") == label
    assert answer_label({}, "q1") == answer_label("not a dict", "q1") == "(none)"
