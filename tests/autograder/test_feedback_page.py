"""The student's feedback page: a summary first (score, what to fix, each with its first
sentence), then the details with passing exercises folded; each sentence said once; the
student's text never becomes markup."""

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from autograder.course import load_course
from autograder.feedback import (FIRST_SENTENCE, feedback_html, first_sentence, sentences,
                                 statements)
from autograder.grade import SubmissionResult, grade_submission, grader_failed
from autograder.grade import TestResult as CaseResult
from autograder.sandbox import Unsandboxed
from tests.autograder.conftest import ASSIGNMENT

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)></details><b>bold"


def case(grade_id, case_id, feedback="passed", points=1.0, notebook="logistic_regression",
         mistakes=()):
    earned = points if feedback == "passed" else 0.0
    return CaseResult(notebook, f"{grade_id}:{case_id}", grade_id, earned, points, feedback,
                      list(mistakes))


def submission(*tests, error=None, flags=(), student_id="ada", sandbox="bubblewrap"):
    return SubmissionResult(student_id, sum(t.points for t in tests),
                            sum(t.max_points for t in tests), error, list(tests), list(flags),
                            sandbox, "")


def summary_of(page):
    return page.split('<h2 id="summary">', 1)[1].split("</section>", 1)[0]


def to_fix(page):
    """(function, its sentence) of each exercise the summary lists to fix, in order."""
    return re.findall(r'<li><a href="#[\w-]+"><code>(\w+)</code></a> <span class="where">'
                      r'[^<]*</span>: (.*?)</li>', summary_of(page))


def exercises_shown(page):
    """function -> "open" or "folded", for each exercise in the details."""
    found = re.findall(r'<details id="[\w-]+" class="\w+"( open)?>\s*<summary>'
                       r'<span class="status">[^<]*</span> <code>(\w+)</code>', page)
    return {function: "open" if is_open else "folded" for is_open, function in found}


class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.chunks, self.skip = [], False

    def handle_starttag(self, tag, attrs):
        self.skip = tag in ("style", "title")

    def handle_endtag(self, tag):
        self.skip = False

    def handle_data(self, data):
        if not self.skip:
            self.chunks.append(data)


def repeated_sentences(page):
    """The sentences of the page's visible text said more than once."""
    reader = Text()
    reader.feed(page)
    text = " ".join(" ".join(reader.chunks).split())
    sentences = Counter(s for s in statements(text) if len(s) > 12)
    return {s: n for s, n in sentences.items() if n > 1}


def test_the_summary_lists_exactly_the_failing_exercises_in_course_order_with_their_first_sentence():
    result = submission(
        case("sigmoid", "matrix", notebook="numpy_basics"),
        case("softmax", "wide", "softmax sums over the wrong axis. Sum over axis 1.",
             notebook="numpy_basics"),
        case("softmax", "tall", notebook="numpy_basics"),
        case("initialize_with_zeros", "dim_3"),
        case("propagate", "four_features", "passed"),
        case("propagate", "two_features",
             "grads['dw'] is 7 times too large (m = 7): did you forget to divide by m? "
             "cost is 7 times too large."),
        case("predict", "random", "predict is not written yet: replace the `raise "
                                  "NotImplementedError()` line of its answer cell with your "
                                  "code."))
    page = feedback_html(ASSIGNMENT, result)
    assert to_fix(page) == [
        ("softmax", "softmax sums over the wrong axis."),
        ("propagate", "grads[&#39;dw&#39;] is 7 times too large (m = 7): did you forget to "
                      "divide by m?"),
        ("predict", "predict is not written yet: replace the `raise NotImplementedError()` "
                    "line of its answer cell with your code.")]
    assert "<h3>To fix: 3 exercises</h3>" in page
    # each entry links to its exercise's details
    for anchor in ("numpy_basics-softmax", "logistic_regression-propagate",
                   "logistic_regression-predict"):
        assert f'href="#{anchor}"' in summary_of(page) and f'<details id="{anchor}"' in page
    assert re.search(r"Score: <strong>4\.00</strong> out of 7\.00", page)
    assert "Full marks" not in page


def test_passing_exercises_are_folded_and_failing_ones_open():
    result = submission(case("sigmoid", "matrix"), case("sigmoid", "row"),
                        case("propagate", "small", "propagate is wrong."),
                        case("propagate", "large"),  # partly right is still to fix
                        case("predict", "random", "predict is wrong."))
    page = feedback_html(ASSIGNMENT, result)
    assert exercises_shown(page) == {"sigmoid": "folded", "propagate": "open",
                                     "predict": "open"}
    # the words say what the colours say
    assert "✓ passed</span> <code>sigmoid</code>" in page
    assert "✗ to fix</span> <code>propagate</code>" in page
    assert "(1 of 2 hidden cases passed)" in page


def test_identical_feedback_on_several_cases_is_said_once_with_the_cases_counted():
    wrong = "sigmoid has wrong values in 4 of 12 entries."
    result = submission(case("sigmoid", "matrix", wrong), case("sigmoid", "column", wrong),
                        case("sigmoid", "row", wrong), case("sigmoid", "scalar"),
                        case("L1", "vector", "L1 is 2 times too large (m = 2)."),
                        case("L1", "row", "L1 is 5 times too large (m = 5)."))
    page = feedback_html(ASSIGNMENT, result)
    assert page.count(wrong) == 2  # the summary's quote and the details
    assert "(3 cases: matrix, column, row)" in page
    assert "(1 case: scalar)" in page
    # feedback that differs only in its numbers is one line too, said with the first's
    assert "L1 is 5 times" not in page and page.count("L1 is 2 times too large") == 2
    assert "(2 cases: vector, row; said for vector, the others differ only in their numbers)" \
        in page


def test_a_case_whose_sentences_another_case_says_is_merged_into_that_one():
    hint = "The result is what the default learning_rate gives."
    wrong = "params['w'] has wrong values in {} of {} entries. The same goes for grads."
    for order in (1, -1):  # the case that says more shows, whichever came first
        cases = [case("optimize", "other_rate", f"{hint} {wrong.format(4, 4)}"),
                 case("optimize", "long", wrong.format(2, 2))][::order]
        page = feedback_html(ASSIGNMENT, submission(*cases))
        assert not repeated_sentences(page)
        assert page.count("The same goes for grads.") == 1
        assert "(2 cases: other_rate, long; said for other_rate, the others got part of it, " \
               "with other numbers)" in page


def test_an_exercises_advice_is_said_for_its_first_case_only():
    advice = "Initialise once, then num_iterations times: forward, cost, backward, update."
    result = submission(
        case("optimize", "short", f"costs has 3 entries, expected 30. {advice}"),
        case("optimize", "long", f"params['w'] has wrong values in 2 of 2 entries. The same "
                                 f"goes for grads. {advice}"))
    page = feedback_html(ASSIGNMENT, result)
    assert not repeated_sentences(page) and page.count(advice) == 1
    assert "params[&#39;w&#39;] has wrong values in 2 of 2 entries. The same goes for " \
           "grads. <span" in page


def test_a_full_marks_page_says_so_plainly_and_has_nothing_to_fix():
    result = submission(case("sigmoid", "matrix", notebook="numpy_basics"),
                        case("propagate", "small"))
    page = feedback_html(ASSIGNMENT, result)
    assert "<strong>Full marks:</strong> every exercise passed all of its hidden tests." in page
    assert re.search(r"Score: <strong>2\.00</strong> out of 2\.00", page)
    assert "To fix" not in page and "✗" not in page and "Not graded" not in page
    assert set(exercises_shown(page).values()) == {"folded"}


def test_hostile_student_text_stays_text():
    result = submission(case("sigmoid", "matrix", HOSTILE), case("sigmoid", "row", HOSTILE),
                        case("L1", "row", HOSTILE * 20),  # longer than a summary's quote
                        error=HOSTILE, flags=[HOSTILE], student_id=HOSTILE)
    page = feedback_html(ASSIGNMENT, result)
    for markup in ("<script", "<img", "<b>bold"):
        assert markup not in page
    assert page.count("</details>") == page.count("<details ")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary_of(page)
    assert "&lt;script&gt;" in page.split("<title>", 1)[1].split("</title>", 1)[0]


def test_the_first_sentence_ends_at_a_word_not_inside_a_number():
    assert first_sentence("dw is 0.5 too large. Did you forget 1/m?") == "dw is 0.5 too large."
    assert first_sentence("Is A2 > 0.5 used? Then ...") == "Is A2 > 0.5 used?"
    assert first_sentence("no full stop at all") == "no full stop at all"
    long = first_sentence("x" * 5000 + ". And more.")
    assert len(long) == FIRST_SENTENCE + 1 and long.endswith("…")


@pytest.fixture(scope="module")
def course():
    return load_course(ASSIGNMENT)


def not_graded_results(tmp_path, course):
    """Real results of submissions that are not graded at all: an empty folder, a folder
    of unreadable notebooks, and the grader failing on the whole submission."""
    empty = tmp_path / "cyd"
    empty.mkdir()
    unreadable = tmp_path / "bob"
    unreadable.mkdir()
    for source in course.sources:
        (unreadable / source.filename).write_text("{not json")
    options = dict(sandbox=Unsandboxed(), sources=course.sources, exercises=course.exercises,
                   references=course.references)
    return [grade_submission("cyd", empty, ASSIGNMENT, **options),
            grade_submission("bob", unreadable, ASSIGNMENT, **options),
            grader_failed("gus", course, RuntimeError("boom"))]


def test_a_submission_that_was_not_graded_says_each_sentence_once(tmp_path, course):
    empty, unreadable, failed = not_graded_results(tmp_path, course)
    page = feedback_html(ASSIGNMENT, empty)
    # today's grader gives every case of every exercise the same sentence
    assert {t.feedback for t in empty.tests} == {"the submission folder is empty."}
    assert len(empty.tests) > 20
    assert page.count("the submission folder is empty.") == 1
    assert not repeated_sentences(page)
    for result in (empty, unreadable, failed):
        page = feedback_html(ASSIGNMENT, result)
        assert not repeated_sentences(page), result.student_id
        assert all(str(escape(sentence)) in page for sentence in sentences(result.error))
        for source in course.sources:  # each notebook is named, with its points lost
            assert re.search(rf'<a href="#{source.name}">{source.name}\.ipynb</a> '
                             rf'\(\d+ exercises, 0\.00 / [\d.]+ points\)', summary_of(page))
            assert f'<h2 id="{source.name}-heading">{source.name}.ipynb</h2>' in page
        assert "To fix" not in page and "<details" not in page
    assert "not the student&#39;s fault" in feedback_html(ASSIGNMENT, failed)
    # two broken notebooks: the submission's problem says each, their shared advice once
    asked = "Was it edited outside Jupyter or cut short?"
    assert unreadable.error.count(asked) == 2
    assert feedback_html(ASSIGNMENT, unreadable).count(asked) == 1


def test_a_missing_notebook_is_named_once_and_the_graded_ones_keep_their_details():
    missing = "numpy_basics.ipynb is missing from the submission."
    result = submission(
        case("sigmoid", "matrix", missing, notebook="numpy_basics", mistakes=["missing notebook"]),
        case("softmax", "wide", missing, notebook="numpy_basics", mistakes=["missing notebook"]),
        case("propagate", "small", "propagate is wrong."), case("predict", "random"),
        error=f"numpy_basics.ipynb: {missing}", flags=["missing notebook"])
    page = feedback_html(ASSIGNMENT, result)
    assert page.count(missing) == 1  # in the submission's own problem, said first
    assert "Flagged for the course staff: missing notebook." in page
    assert [function for function, _ in to_fix(page)] == ["propagate"]
    assert re.search(r'<h3>Not graded</h3>\s*<ul class="not-graded">\s*<li><a href="#numpy_basics">'
                     r'numpy_basics\.ipynb</a> \(2 exercises, 0\.00 / 2\.00 points\)</li>', page)
    assert exercises_shown(page) == {"propagate": "open", "predict": "folded"}


def test_a_not_graded_notebook_without_an_error_still_says_why():
    reason = "not graded: the grader failed on this notebook."
    result = submission(case("sigmoid", "matrix", reason, mistakes=["grader failed"]),
                        case("sigmoid", "row", reason, mistakes=["grader failed"]))
    page = feedback_html(ASSIGNMENT, result)
    assert page.count(reason) == 1 and reason in summary_of(page)


def test_a_result_graded_without_a_sandbox_says_it_is_no_grade():
    page = feedback_html(ASSIGNMENT, submission(case("sigmoid", "matrix"), sandbox="none"))
    assert "Graded without a sandbox: a trial run of the grader, not a grade." in page
    page = feedback_html(ASSIGNMENT, submission(case("sigmoid", "matrix")))
    assert "without a sandbox" not in page
