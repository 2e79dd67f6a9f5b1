"""Grading a class: right answers keep their points, each mistake costs its own exercise.

For every assignment, one batch grades the whole corpus in tests/submissions/
<assignment>/ (named by mistake), a fully correct submission and the blank
release, the way an instructor would.
"""

import pytest

from autograder.feedback import feedback_html
from autograder.events import error_without_events
from autograder.grade import grade
from autograder.report import exercise_kinds
from helpers.problems import sentences
from tests.autograder.conftest import (ASSIGNMENTS, corpus, corpus_dir, notebook_names_of,
                                       off_its_declared_loss, released, solved,
                                       write_submission)
from tests.autograder.test_feedback_page import repeated_sentences

SAMPLES = [(a, name) for a in ASSIGNMENTS for name in sorted(corpus(corpus_dir(a)))]
MISTAKES = [(a, name) for a, name in SAMPLES if corpus(corpus_dir(a))[name]["loses"]]


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory):
    """assignment -> {student: SubmissionResult}, each class graded once."""
    graded = {}

    def of(assignment):
        if assignment not in graded:
            root = tmp_path_factory.mktemp(f"class-{assignment}")
            names = notebook_names_of(assignment)
            write_submission(root / "all_correct", {n: solved(n) for n in names})
            write_submission(root / "blank_release", {n: released(n) for n in names})
            for name, sample in corpus(corpus_dir(assignment)).items():
                # only the notebook the sample changes: the others are graded in all_correct
                write_submission(root / name, {sample["notebook"]: solved(
                    sample["notebook"], {sample["cell"]: sample["code"]})})
            results = grade(root, assignment=assignment, workers=2)
            graded[assignment] = {r.student_id: r for r in results}
        return graded[assignment]
    return of


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_a_fully_correct_submission_gets_full_marks(graded_class, assignment):
    result = graded_class(assignment)["all_correct"]
    failed = [(t.test_id, t.feedback) for t in result.tests if t.points != t.max_points]
    assert failed == []
    assert result.error is None and result.score == result.max_score > 0


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_blank_release_gets_zero_and_says_what_is_missing(graded_class, assignment):
    result = graded_class(assignment)["blank_release"]
    assert result.score == 0 and result.max_score > 0
    for test in result.tests:
        if test.function == "concept_answers":  # the answer cell as it was handed out
            assert "concept_answers is not answered yet" in test.feedback, test
        else:
            assert "not written yet" in test.feedback or "not defined" in test.feedback, test


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_pages_of_a_blank_release_and_of_each_mistake_say_no_sentence_twice(graded_class,
                                                                              assignment):
    """A feedback page says each sentence once: also across exercises, where a blank release
    has every exercise not written yet."""
    repeated = {student: said for student, result in graded_class(assignment).items()
                if (said := repeated_sentences(feedback_html(assignment, result)))}
    assert repeated == {}


@pytest.mark.parametrize("assignment, name", SAMPLES, ids=[f"{a}/{n}" for a, n in SAMPLES])
def test_each_sample_loses_exactly_the_points_of_its_mistake(graded_class, assignment, name):
    sample = corpus(corpus_dir(assignment))[name]
    result = graded_class(assignment)[name]
    others = set(notebook_names_of(assignment)) - {sample["notebook"]}
    assert (not others or "is missing" in result.error) and \
        sample["notebook"] not in error_without_events(result)  # a left-out cell is said
    assert off_its_declared_loss(sample, result.tests) == {}
    if sample["loses"]:
        feedback = [t.feedback for t in result.tests
                    if t.feedback != "passed" and t.notebook == sample["notebook"]]
        assert feedback and all(len(f) > 20 for f in feedback)


@pytest.mark.parametrize("assignment, name, words", [
    ("week1_logistic_regression", "propagate_forgets_1_over_m", "forget to divide by m"),
    ("week1_logistic_regression", "propagate_divides_by_m_twice", "divide by m twice"),
    ("week1_logistic_regression", "propagate_flips_the_sign_of_the_cost", "opposite sign"),
    ("week1_logistic_regression", "propagate_transposes_dw", "did you transpose"),
    ("week1_logistic_regression", "propagate_returns_db_as_a_1x1_array", "single number"),
    ("week1_logistic_regression", "propagate_sums_db_without_keepdims_into_a_rank_1_dw",
     "keepdims=True"),
    ("week1_logistic_regression", "propagate_uses_the_global_m_train", "`m_train`"),
    ("week1_logistic_regression", "optimize_updates_w_in_place", "`w = w - "),
    ("week1_logistic_regression", "optimize_hard_codes_the_learning_rate",
     "default learning_rate"),
    ("week1_logistic_regression", "optimize_records_every_cost", "entries, expected"),
    ("week1_logistic_regression", "predict_thresholds_with_greater_or_equal", "A > 0.5"),
    ("week1_logistic_regression", "normalize_rows_mutates_its_input", "`x = x / "),
    ("week1_logistic_regression", "image2vector_returns_a_rank_1_array", "rank-1"),
    ("week1_logistic_regression", "sigmoid_uses_math_exp", "TypeError"),
    ("week1_logistic_regression", "slope_ignores_the_step_argument", "default h"),
    ("week2_shallow_network", "backward_propagation_forgets_1_over_m", "forget to divide by m"),
    ("week2_shallow_network", "backward_propagation_computes_Y_minus_A2", "opposite sign"),
    ("week2_shallow_network", "backward_propagation_forgets_keepdims", "rank-1"),
    ("week2_shallow_network", "predict_thresholds_with_greater_or_equal", "A2 > 0.5"),
    ("week2_shallow_network", "relu_derivative_is_1_at_0", "test z > 0"),
    ("week2_shallow_network", "leaky_relu_ignores_slope", "default slope"),
    ("week2_shallow_network", "update_parameters_updates_in_place", "copy.deepcopy"),
    ("week2_shallow_network", "nn_model_ignores_num_iterations", "default num_iterations"),
    ("week2_shallow_network", "nn_model_reads_the_check_variables",
     "nn_model reads the notebook variable `X_check`"),
    ("week3_deep_network", "initialize_parameters_deep_makes_rank_1_biases", "rank-1"),
    ("week3_deep_network", "linear_activation_forward_caches_A_instead_of_Z",
     "activation cache holds Z"),
    ("week3_deep_network", "linear_activation_forward_always_uses_relu", "the other activation"),
    ("week3_deep_network", "L_model_forward_uses_relu_at_the_output", "strictly between 0 and 1"),
    ("week3_deep_network", "linear_backward_forgets_1_over_m", "forget to divide by m"),
    ("week3_deep_network", "linear_activation_backward_zeroes_dA_in_place",
     "changed its argument `dA`"),
    ("week3_deep_network", "L_model_backward_flips_the_sign_of_dAL", "opposite sign"),
    ("week3_deep_network", "L_layer_model_hard_codes_the_learning_rate", "default learning_rate"),
    ("week3_deep_network", "two_layer_model_hard_codes_the_number_of_iterations",
     "default num_iterations"),
    ("week4_practical_aspects", "split_dataset_shuffles_X_and_Y_apart",
     "take the columns of both X and Y"),
    ("week4_practical_aspects", "diagnose_swaps_bias_and_variance",
     "Bias and variance are swapped"),
    ("week4_practical_aspects", "normalize_inputs_divides_by_the_variance", "standard deviation"),
    ("week4_practical_aspects", "apply_normalization_uses_the_sets_own_statistics",
     "the training set's"),
    ("week4_practical_aspects", "initialize_parameters_he_scales_by_the_fan_out",
     "the size of the layer before"),
    ("week4_practical_aspects", "initialize_parameters_xavier_with_2_over_n", "He's variance"),
    ("week4_practical_aspects", "compute_cost_with_regularization_includes_the_biases",
     "W1, W2 and W3 only"),
    ("week4_practical_aspects", "forward_propagation_with_dropout_shares_one_mask_across_examples",
     "per example"),
    ("week4_practical_aspects", "backward_propagation_with_dropout_draws_new_masks",
     "take D1 and D2 from the cache"),
    ("week4_practical_aspects", "early_stopping_ignores_the_patience", "patience"),
    ("week4_practical_aspects", "augment_images_reverses_the_column", "swaps the red and blue"),
    ("week4_practical_aspects", "gradient_check_n_shares_one_array", "np.copy"),
    ("week5_optimization", "random_mini_batches_drops_the_last_batch", "the last batch holds"),
    ("week5_optimization", "exponentially_weighted_average_corrects_with_t_from_0",
     "1 - beta ** 1"),
    ("week5_optimization", "update_parameters_with_momentum_steps_along_the_gradient",
     "along the new velocity"),
    ("week5_optimization", "update_parameters_with_rmsprop_adds_epsilon_inside_the_root",
     "np.sqrt(s) + epsilon"),
    ("week5_optimization", "update_parameters_with_adam_swaps_beta1_and_beta2",
     "beta1 and beta2 are swapped"),
    ("week5_optimization", "schedule_lr_decay_without_the_floor", "once every time_interval"),
    ("week5_optimization", "model_shuffles_every_epoch_alike", "seed 10 + k"),
])
def test_feedback_names_the_mistake_in_the_students_terms(graded_class, assignment, name,
                                                          words):
    feedback = " ".join(t.feedback for t in graded_class(assignment)[name].tests)
    assert words in feedback, feedback


@pytest.mark.parametrize("assignment, name, never", [
    ("week1_logistic_regression", "slope_uses_a_centred_difference", "step h you are given"),
    ("week1_logistic_regression", "slope_uses_a_centred_difference", "times the expected"),
    ("week1_logistic_regression", "optimize_updates_w_in_place", "the default"),
    ("week1_logistic_regression", "propagate_transposes_dw", "keepdims"),
    ("week1_logistic_regression", "image2vector_returns_a_rank_1_array", "keepdims"),
    ("week3_deep_network", "linear_activation_forward_swaps_the_two_caches",
     "activation cache holds Z"),
    ("week3_deep_network", "linear_activation_forward_caches_A_instead_of_Z",
     "the other activation"),
    ("week3_deep_network", "L_model_forward_uses_sigmoid_in_every_layer",
     "strictly between 0 and 1"),
    # advice on values only when the values are wrong, not after a shape
    ("week2_shallow_network", "initialize_parameters_makes_rank_1_biases", "np.random.seed"),
    ("week2_shallow_network", "backward_propagation_forgets_keepdims", "dZ1 = W2.T dZ2"),
    ("week3_deep_network", "initialize_parameters_deep_transposes_W", "np.random.randn"),
    # 0/1 labels are not probabilities; caches in another order are not a broadcast
    ("week1_logistic_regression", "predict_thresholds_with_greater_or_equal", "1 minus"),
    ("week3_deep_network", "L_model_forward_returns_the_caches_last_layer_first", "broadcast"),
    # a cost that rises is the cause of the NaN, not a log(0) to look for
    ("week3_deep_network", "two_layer_model_flips_the_sign_of_dA2", "log(0)"),
    # the sizes of layer_sizes are counts: no 1/m to forget
    ("week2_shallow_network", "layer_sizes_counts_the_examples", "divide by m"),
    # a split's labels are 0/1 rows, not probabilities normalised over an axis
    ("week4_practical_aspects", "split_dataset_shuffles_X_and_Y_apart", "other axis"),
    ("week4_practical_aspects", "split_dataset_hard_codes_the_seed", "other axis"),
    # Adam's averages with swapped weights move like a step, but no learning rate is to blame
    ("week5_optimization", "update_parameters_with_adam_swaps_beta1_and_beta2",
     "use the learning_rate you are given"),
    # epsilon inside the root changes only the step of a tiny gradient: no axes are mixed up
    ("week5_optimization", "update_parameters_with_rmsprop_adds_epsilon_inside_the_root",
     "order of the axes"),
])
def test_feedback_leaves_out_what_the_mistake_is_not(graded_class, assignment, name, never):
    feedback = " ".join(t.feedback for t in graded_class(assignment)[name].tests)
    assert never not in feedback, feedback


@pytest.mark.parametrize("assignment, name", MISTAKES, ids=[f"{a}/{n}" for a, n in MISTAKES])
def test_the_feedback_names_every_mistake_by_the_kind_the_class_report_counts(
        graded_class, assignment, name):
    """Every sample that loses points declares the kind of its mistake (`# kind:`), and the
    feedback on the exercise it loses names that kind, as one the class report counts (not
    a plain "wrong values" when a closer kind is there)."""
    sample = corpus(corpus_dir(assignment))[name]
    assert sample["kind"], (
        f"tests/submissions/{assignment}/{name}.py loses points but declares no kind: add a "
        f"header `# kind: <kind>` with the label its feedback should name (helpers.diagnosis."
        f"KINDS, autograder.scoring.KINDS, or a hint's kind in autograder/cases/).")
    result = graded_class(assignment)[name]
    assert all(bool(t.mistakes) == (t.feedback != "passed") for t in result.tests)
    counted = exercise_kinds(result.tests).get((sample["notebook"], sample["loses"][0]), [])
    assert sample["kind"] in counted, (sample["kind"], counted)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_feedback_says_a_sentence_twice(graded_class, assignment):
    repeated = {}
    for student, result in graded_class(assignment).items():
        for test in result.tests:
            said = sentences(test.feedback)
            if len(said) != len(set(said)):
                repeated[f"{student} {test.test_id}"] = test.feedback
    assert not repeated, repeated


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_blank_release_says_every_function_is_not_there_yet(graded_class, assignment):
    result = graded_class(assignment)["blank_release"]
    assert result.flags == []
    assert {k for t in result.tests for k in t.mistakes} <= {"not written yet", "not defined"}
