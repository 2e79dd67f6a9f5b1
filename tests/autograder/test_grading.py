"""Grading a class: right answers keep their points, each mistake costs its own exercise.

One batch grades the whole corpus in tests/submissions/ (named by mistake),
a fully correct submission and the blank release, the way an instructor would.
"""

import pytest

from autograder.grade import grade
from tests.autograder.conftest import (ASSIGNMENT, corpus, points_by_exercise, released,
                                       solved, write_submission)

CORPUS = corpus()



@pytest.fixture(scope="session")
def graded_class(tmp_path_factory, notebook_names):
    root = tmp_path_factory.mktemp("class")
    write_submission(root / "all_correct", {n: solved(n) for n in notebook_names})
    write_submission(root / "blank_release", {n: released(n) for n in notebook_names})
    for name, sample in CORPUS.items():
        # only the notebook the sample changes: the other one is graded in all_correct
        write_submission(root / name, {sample["notebook"]: solved(
            sample["notebook"], {sample["cell"]: sample["code"]})})
    results = grade(root, assignment=ASSIGNMENT, workers=2)
    return {r.student_id: r for r in results}


def test_a_fully_correct_submission_gets_full_marks(graded_class):
    result = graded_class["all_correct"]
    failed = [(t.test_id, t.feedback) for t in result.tests if t.points != t.max_points]
    assert failed == []
    assert result.error is None and result.score == result.max_score > 0


def test_the_blank_release_gets_zero_and_says_what_is_missing(graded_class):
    result = graded_class["blank_release"]
    assert result.score == 0 and result.max_score > 0
    for test in result.tests:
        assert "not written yet" in test.feedback or "not defined" in test.feedback, test


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_sample_loses_exactly_the_points_of_its_mistake(graded_class, name):
    sample = CORPUS[name]
    result = graded_class[name]
    earned, possible = points_by_exercise(
        [t for t in result.tests if t.notebook == sample["notebook"]])
    assert "is missing" in result.error and sample["notebook"] not in result.error
    for grade_id in possible:
        if grade_id in sample["loses"]:
            if sample["partly"]:
                assert 0 < earned[grade_id] < possible[grade_id], (grade_id, earned[grade_id])
            else:
                assert earned[grade_id] == 0, (grade_id, earned[grade_id])
        else:
            assert earned[grade_id] == pytest.approx(possible[grade_id]), grade_id
    if sample["loses"]:
        feedback = [t.feedback for t in result.tests
                    if t.feedback != "passed" and t.notebook == sample["notebook"]]
        assert feedback and all(len(f) > 20 for f in feedback)


@pytest.mark.parametrize("name, words", [
    ("propagate_forgets_1_over_m", "forget to divide by m"),
    ("propagate_divides_by_m_twice", "divide by m twice"),
    ("propagate_flips_the_sign_of_the_cost", "opposite sign"),
    ("propagate_transposes_dw", "did you transpose"),
    ("propagate_returns_db_as_a_1x1_array", "single number"),
    ("propagate_sums_db_without_keepdims_into_a_rank_1_dw", "rank-1"),
    ("propagate_uses_the_global_m_train", "`m_train`"),
    ("optimize_updates_w_in_place", "in place"),
    ("predict_thresholds_with_greater_or_equal", "A > 0.5"),
    ("normalize_rows_mutates_its_input", "in place"),
    ("image2vector_returns_a_rank_1_array", "rank-1"),
    ("sigmoid_uses_math_exp", "TypeError"),
])
def test_feedback_names_the_mistake_in_the_students_terms(graded_class, name, words):
    feedback = " ".join(t.feedback for t in graded_class[name].tests)
    assert words in feedback
