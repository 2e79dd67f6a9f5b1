"""nbgrader's ``autograde`` and this course's grader give honest work the same score.

nbgrader runs a grade cell's hidden block in the student's kernel and reads
the cell's first result as its partial credit; the visible check that follows
is feedback. So a mistake in one function costs that function's points both
ways, even when it makes a later exercise's visible check fail (the student's
own sigmoid inside sigmoid_derivative, their own optimize inside model).
"""

import subprocess

import pytest

from autograder.grade import grade
from tests.autograder.conftest import (ASSIGNMENTS, assignment_of, corpus, corpus_dir,
                                       notebook_names_of, released, solved, write_submission)
from tests.autograder.nbgrader_course import (nbgrader_command, nbgrader_course,
                                              nbgrader_env, nbgrader_scores)

# Mistakes whose effects reach other exercises' visible checks, or print outputs
# that cannot be formatted; several per notebook, each costing its own exercise.
CASCADING = {
    "numpy_basics": ["sigmoid_flips_the_sign", "image2vector_puts_channels_first",
                     "L2_forgets_to_square"],
    "logistic_regression": ["initialize_with_zeros_makes_a_row",
                            "propagate_returns_the_cost_as_a_1x1_array",
                            "optimize_hard_codes_the_learning_rate"],
    "planar_classification": ["layer_sizes_counts_the_examples",
                              "forward_propagation_uses_sigmoid_in_the_hidden_layer",
                              "compute_cost_returns_a_1x1_array",
                              "backward_propagation_forgets_keepdims",
                              "relu_derivative_is_1_at_0",
                              "collapse_linear_network_multiplies_in_the_wrong_order"],
    "deep_network_step_by_step": ["linear_forward_forgets_the_bias",
                                  "linear_activation_forward_caches_A_instead_of_Z",
                                  "L_model_forward_uses_relu_at_the_output",
                                  "compute_cost_returns_a_1x1_array",
                                  "linear_backward_forgets_keepdims"],
    "deep_network_application": ["two_layer_model_flips_the_sign_of_dA2",
                                 "L_layer_model_hard_codes_the_learning_rate"],
}


def _with_mistakes(notebook):
    samples = corpus(corpus_dir(assignment_of(notebook)))
    replacements = {}
    for name in CASCADING[notebook]:
        assert samples[name]["notebook"] == notebook, name
        replacements[samples[name]["cell"]] = samples[name]["code"]
    return solved(notebook, replacements)


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def both_ways(tmp_path_factory, request):
    assignment = request.param
    notebook_names = notebook_names_of(assignment)
    root = tmp_path_factory.mktemp(f"agreement-{assignment}")
    students = {
        "all_correct": {n: solved(n) for n in notebook_names},
        "blank_release": {n: released(n) for n in notebook_names},
        "cascading_mistakes": {n: _with_mistakes(n) for n in notebook_names},
    }
    for student, notebooks in students.items():
        write_submission(root / "submitted" / student / assignment, notebooks)

    ours = {r.student_id: r for r in grade(root / "submitted", assignment=assignment,
                                           workers=2, cache_dir=root / "cache")}

    nbgrader_course(root, students, assignment=assignment)
    done = subprocess.run(nbgrader_command("autograde", assignment, "--force"), cwd=root,
                          env=nbgrader_env(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    theirs = nbgrader_scores(root, students, assignment=assignment)
    return assignment, ours, theirs


def _ours_by_cell(result):
    scores = {}
    for test in result.tests:
        key = (result.student_id, test.notebook, test.test_id.split(":")[0])
        scores[key] = scores.get(key, 0.0) + test.points
    return scores


@pytest.mark.parametrize("student", ["all_correct", "blank_release", "cascading_mistakes"])
def test_nbgrader_and_this_grader_agree_on_every_grade_cell(both_ways, student):
    _, ours, theirs = both_ways
    mine = _ours_by_cell(ours[student])
    nbgrader = {key: score for key, (score, _) in theirs.items() if key[0] == student}
    assert set(mine) == set(nbgrader)
    differ = {key[2]: (round(mine[key], 3), round(nbgrader[key], 3)) for key in mine
              if mine[key] != pytest.approx(nbgrader[key], abs=1e-3)}
    assert differ == {}, f"(ours, nbgrader) per grade cell: {differ}"


def test_the_cascading_mistakes_cost_exactly_their_own_exercises(both_ways):
    assignment, _, theirs = both_ways
    samples = corpus(corpus_dir(assignment))
    broken = {samples[name]["loses"][0] for notebook in notebook_names_of(assignment)
              for name in CASCADING[notebook]}
    lost = {key[2] for key, (score, most) in theirs.items()
            if key[0] == "cascading_mistakes" and score < most - 1e-9}
    assert lost == broken
