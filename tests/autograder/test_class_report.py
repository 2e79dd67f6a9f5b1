"""A class report that plans tomorrow's lesson: mistakes by concept, the concept check per
question, the cells left out, the slowest notebooks, answers that look alike; who made which
mistake only in the instructor-only list beside it; every left-out cell said to its student."""

import ast
import json
from markupsafe import escape
import re

import nbformat
import pytest

from autograder.__main__ import main
from autograder.concepts import HARD_CODED, NOTEBOOK_VARIABLES, SCALE, SHAPES
from autograder.events import event_sentence
from autograder.grade import result_from_data
from autograder.report import concept_groups, question_table
from autograder.similarity import REFERENCE_DIR
from tests.autograder.conftest import ASSIGNMENT, CORPUS_DIR, solved, write_submission

CELL_SECONDS = 4


def sample(name):
    return (CORPUS_DIR / f"{name}.py").read_text()


def reference(module, function):
    text = (REFERENCE_DIR / f"{module}.py").read_text()
    node = next(n for n in ast.walk(ast.parse(text))
                if isinstance(n, ast.FunctionDef) and n.name == function)
    return ast.get_source_segment(text, node)


FORGETS = sample("propagate_forgets_1_over_m")
CLASS = {  # student: {answer cell: its text}; the other cells hold the course's solution
    "s-right": {},
    "s-forgets-a": {"propagate_answer": FORGETS},
    "s-forgets-b": {"propagate_answer": FORGETS},  # the same text: an identical pair
    "s-renames": {"propagate_answer": FORGETS.replace("dZ", "delta").replace("cost", "loss")},
    "s-keepdims": {"normalize_rows_answer": sample("normalize_rows_forgets_keepdims"),
                   "concept_answers_answer": sample("concept_answers_two_wrong")},
    "s-hard-codes": {"optimize_answer": sample("optimize_hard_codes_the_learning_rate"),
                     "propagate_answer": sample("propagate_uses_the_global_m_train")},
    "s-reference": {"propagate_answer": reference("logistic_regression", "propagate")},
}
MISTAKEN = ("s-forgets-a", "s-forgets-b", "s-renames", "s-keepdims", "s-hard-codes")


def with_silent_events(nb):
    """A notebook with a top-level cell that raises, one that never finishes and one that
    kills its process."""
    nb.cells.insert(2, nbformat.v4.new_code_cell("raise ValueError('my own scratch cell')"))
    nb.cells.insert(4, nbformat.v4.new_code_cell("while True:\n    pass"))
    nb.cells.insert(6, nbformat.v4.new_code_cell("import os\nos._exit(3)"))
    return nb


def run(tmp_path, *extra):
    out = tmp_path / "out"
    code = main(["grade", str(tmp_path / "class"), "--assignment", ASSIGNMENT,
                 "--json", str(out / "results.json"), "--report", str(out / "report.html"),
                 "--feedback-dir", str(out / "feedback"), "--cache-dir", str(out / "cache"),
                 "--gradebook", "none", "--workers", "2",
                 "--cell-seconds", str(CELL_SECONDS), *extra])
    return code, out


@pytest.fixture(scope="module")
def graded(tmp_path_factory, notebook_names):
    """The class graded once from the command line: (exit code, stdout, out folder)."""
    root = tmp_path_factory.mktemp("class-report")
    for student, answers in CLASS.items():
        notebooks = {n: solved(n, answers) for n in notebook_names}
        if student == "s-right":
            notebooks["numpy_basics"] = with_silent_events(notebooks["numpy_basics"])
        write_submission(root / "class" / student, notebooks)
    capture = pytest.MonkeyPatch()
    import io
    import sys
    stdout = io.StringIO()
    capture.setattr(sys, "stdout", stdout)
    try:
        code, out = run(root)
    finally:
        capture.undo()
    return code, stdout.getvalue(), out, root


def results_of(out):
    data = json.loads((out / "results.json").read_text())
    return {s["student_id"]: result_from_data({k: v for k, v in s.items()
                                               if k not in ("status", "submitted_at", "late")})
            for s in data["submissions"]}, data


def test_mistakes_are_grouped_by_concept_with_their_exercises_and_students(graded):
    code, _, out, _ = graded
    results, _ = results_of(out)
    groups = {g.concept: g for g in concept_groups(list(results.values()))}
    assert groups[SCALE].students == 3 and ("propagate", 3) in groups[SCALE].exercises
    assert groups[SHAPES].students >= 1 and "normalize_rows" in dict(groups[SHAPES].exercises)
    assert "optimize" in dict(groups[HARD_CODED].exercises)
    assert groups[NOTEBOOK_VARIABLES].students == 1
    page = (out / "report.html").read_text()
    assert "Mistakes by concept" in page and f"<td>{SCALE}</td>" in page
    assert re.search(r"<code>propagate</code> \(3\)", page)


def test_the_concept_check_is_broken_down_per_question(graded):
    _, _, out, _ = graded
    results, _ = results_of(out)
    questions = {q.label: q for q in question_table(list(results.values()))}
    assert set(questions) == {f"concept_answers q{i}" for i in range(1, 7)}
    # the corpus's two wrong answers are q1 "a" (not "c") and q4 "c" (not "b")
    assert questions["concept_answers q1"].right == len(CLASS) - 1
    assert dict(questions["concept_answers q1"].choices) == {"c": len(CLASS) - 1, "a": 1}
    assert questions["concept_answers q2"].right == questions["concept_answers q2"].answered \
        == len(CLASS)
    page = (out / "report.html").read_text()
    assert "question by question" in page and "concept_answers q1" in page and "a: 1" in page


def test_who_made_which_mistake_is_only_in_the_instructor_list_beside_the_report(graded):
    _, _, out, _ = graded
    page = (out / "report.html").read_text()
    private = out / "report.instructor-only.html"
    listed = private.read_text()
    assert "report.instructor-only.html" in page and str(out) not in page
    for student in MISTAKEN:
        assert student not in page, student
        assert re.search(rf"<td>{student}</td><td><code>\w+</code></td>", listed), student
    assert "<td>forgot 1/m</td><td>1/m, means and scale factors</td>" in listed


def test_similar_answers_and_reference_copies_are_counted_in_the_report_and_named_in_the_list(
        graded):
    _, _, out, _ = graded
    listed = (out / "report.instructor-only.html").read_text()
    page = (out / "report.html").read_text()
    assert re.findall(r"<td>(s-[\w, -]+)</td><td class=\"number\">identical", listed) == [
        "s-forgets-a, s-forgets-b, s-renames"]
    assert "s-reference copied <code>helpers.reference.logistic_regression.propagate" in listed
    assert "1 group(s) of identical or near-identical answers" in page
    assert "1 answer(s) copying the helpers' reference" in page and "never a penalty" in page


def test_a_left_out_cell_costs_no_points_and_is_said_in_the_json_table_report_and_page(graded):
    code, stdout, out, _ = graded
    results, data = results_of(out)
    right = results["s-right"]
    assert right.score == right.max_score and code == 0
    events = {(e.notebook, e.event) for e in right.events}
    assert events == {("numpy_basics", "error"), ("numpy_basics", "timeout"),
                      ("numpy_basics", "died")}
    timeout = next(e for e in right.events if e.event == "timeout")
    sentence = event_sentence("numpy_basics", timeout.cell, "timeout", CELL_SECONDS)
    assert sentence == timeout.sentence and f"within {CELL_SECONDS} s" in sentence
    assert "cell left out" in right.flags and sentence in right.error
    raw = next(s for s in data["submissions"] if s["student_id"] == "s-right")
    assert raw["status"] == "graded with a note" and raw["events"][0]["sentence"]
    line = next(line for line in stdout.splitlines() if line.startswith("s-right"))
    assert "numpy_basics.ipynb: cell" in line
    feedback = (out / "feedback" / "s-right" / ASSIGNMENT / "feedback.html").read_text()
    for event in right.events:  # one line each, said once
        assert feedback.count(escape(event.sentence)) == 1
    page = (out / "report.html").read_text()
    assert "Cells the grader left out" in page and "did not finish in time" in page
    assert "raised an error" in page and escape("killed the notebook's process") in page
    assert "s-right" not in page  # a left-out cell is counted, its owner in the list
    listed = (out / "report.instructor-only.html").read_text()
    assert all(escape(event.sentence) in listed for event in right.events)
    assert not any(r.events for s, r in results.items() if s != "s-right")


def test_the_report_names_no_absolute_path_and_lists_the_slowest_notebooks(graded):
    _, _, out, root = graded
    page = (out / "report.html").read_text()
    assert str(root) not in page and not re.search(r"(?<![\w<])/(tmp|home|root|work)/", page)
    assert "from <code>class</code>" in page
    assert "The slowest notebooks" in page and "numpy_basics" in page
    assert "a submission on average)" in page  # a first run kept no earlier result
    assert "kept from an earlier run" not in page


def test_a_regrade_says_whom_it_regraded_and_which_results_it_kept(graded, tmp_path):
    _, _, out, root = graded
    import shutil
    shutil.copytree(root / "class", tmp_path / "class")
    shutil.copytree(out / "cache", tmp_path / "out" / "cache")
    changed = tmp_path / "class" / "s-keepdims" / "numpy_basics.ipynb"
    changed.write_text(changed.read_text().replace("keepdims", "keepdims "))
    code, again = run(tmp_path)
    page = (again / "report.html").read_text()
    kept = sorted(set(CLASS) - {"s-keepdims"})
    assert code == 0
    assert "regraded 1 submission(s) (s-keepdims)" in page
    assert f"kept the results of {len(kept)} unchanged one(s)" in page
    assert ", ".join(kept) in page
    assert "the results kept from an earlier run included" in page


def test_a_kept_result_with_an_odd_answer_or_event_is_refused(graded):
    _, _, out, _ = graded
    _, data = results_of(out)
    raw = next(s for s in data["submissions"] if s["student_id"] == "s-right")
    raw = {k: v for k, v in raw.items() if k not in ("status", "submitted_at", "late")}
    assert result_from_data(raw).events
    question = next(t for t in raw["tests"] if t["answer"])
    for field, value in [("answer", "<script>alert(1)</script>"), ("answer", "a" * 200)]:
        odd = json.loads(json.dumps(raw))
        next(t for t in odd["tests"] if t["test_id"] == question["test_id"])[field] = value
        with pytest.raises(ValueError):
            result_from_data(odd)
    odd = json.loads(json.dumps(raw))
    odd["events"][0]["sentence"] = "cell 1 says whatever a student wrote"
    with pytest.raises(ValueError):
        result_from_data(odd)
    odd = json.loads(json.dumps(raw))
    odd["seconds"] = {"numpy_basics": -1}
    with pytest.raises(ValueError):
        result_from_data(odd)
