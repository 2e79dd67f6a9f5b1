"""A diagnosis names a mistake only when the numbers show it, and otherwise says plainly
what differs: the values to a student's visible check, neither value to a hidden case."""

import copy
import pickle

import numpy as np
import pytest

from helpers.diagnosis import KINDS, Problem, diagnose, diagnose_parts, matches, said_once
from helpers.patterns import explain_error


def only(problems):
    assert len(problems) == 1, problems
    return problems[0]


def test_matching_answers_have_no_problems():
    assert diagnose(np.ones((2, 3)), np.ones((2, 3)), "A") == []
    assert diagnose(({"dw": np.zeros((2, 1)), "db": 0.5}, 1.0),
                    ({"dw": np.zeros((2, 1)), "db": 0.5}, np.float64(1.0)), "out") == []
    assert diagnose([1.0, 2.0], [1.0, 2.0], "costs") == []
    assert matches(1.0 + 1e-12, 1.0) and not matches(1.001, 1.0)


def test_a_rank_1_array_is_named_and_keepdims_only_comes_with_a_sum():
    text = only(diagnose(np.zeros(4), np.zeros((4, 1)), "w"))
    assert "rank-1" in text and "(4,)" in text and "reshape it to (4, 1)" in text
    assert "keepdims" not in text
    named, hint = diagnose(np.zeros(4), np.zeros((4, 1)), "dw",
                           hints={"rank1": "A sum drops its axis unless you pass keepdims=True."})
    assert named.kind == "rank-1 array" and "keepdims=True" in hint and hint.kind == ""


def test_transposed_shape_is_named():
    text = " ".join(diagnose(np.zeros((4, 3)), np.zeros((3, 4)), "dW",
                             hints={"transpose": "did you transpose A_prev?"}))
    assert "(4, 3)" in text and "expected (3, 4)" in text and "A_prev" in text


@pytest.mark.parametrize("factor, words", [
    (5.0, "forget to divide by m"), (0.2, "divide by m twice"), (-1.0, "opposite sign"),
    (2.0, "twice the expected value"), (0.5, "half the expected value"),
    (255.0, "divided by 255?"), (1 / 255, "divided by 255 twice"),
])
def test_a_factor_a_student_could_make_is_named(factor, words):
    e = np.array([[0.1], [-0.2]])
    assert words in only(diagnose(e * factor, e, "dw", m=5))


@pytest.mark.parametrize("actual", [6.0, 6.0011, 1.3 * 6.001, -3.7])
def test_any_other_wrong_number_is_shown_not_explained(actual):
    text = only(diagnose(actual, 6.001, "slope"))
    assert text == f"slope is {actual:.6g}; expected 6.001."
    assert "times" not in text and "factor" not in text
    assert only(diagnose(actual, 6.001, "slope", reveal=False)) == "slope has the wrong value."


def test_a_constant_factor_that_is_no_mistake_is_not_called_one():
    e = np.array([0.1, -0.2, 0.3])
    text = only(diagnose(1.3 * e, e, "v"))
    assert "times" not in text and "wrong values in 3 of 3 entries" in text


def test_values_returned_in_the_wrong_order_are_said_to_be_so():
    text = only(diagnose_parts((-6.5, -8.0, -19.5), (-8.0, -6.5, -19.5), ("u", "v", "J"),
                               "the result of graph_forward"))
    assert "right values in the wrong order" in text and "you returned (v, u, J)" in text


def test_swapped_dict_values_are_named_by_their_keys():
    expected = {"dJ_da": 3.0, "dJ_db": 12.0, "dJ_dc": -6.0, "dJ_du": 3.0, "dJ_dv": 3.0}
    actual = dict(expected, dJ_db=-6.0, dJ_dc=12.0)
    assert only(diagnose(actual, expected, "derivatives")) == \
        "derivatives has the values of 'dJ_db' and 'dJ_dc' swapped."


def test_the_broadcast_explanation_names_a_rank_1_array_only_when_one_is_involved():
    plain = only(diagnose(np.zeros((5, 5)), np.zeros((1, 5)), "A"))
    assert "broadcast" in plain and "rank-1" not in plain
    rank1 = only(diagnose(np.zeros((5, 5)), np.zeros((1, 5)), "A", inputs=(np.zeros(5),)))
    assert "rank-1 array of shape (5,)" in rank1


def test_nan_is_explained():
    assert "NaN" in only(diagnose(np.array([np.nan, 1.0]), np.array([0.5, 1.0]), "A"))


def test_cost_as_a_1x1_array_is_not_a_float():
    text = only(diagnose(np.array([[0.3]]), 0.3, "cost"))
    assert "(1, 1)" in text and "single number" in text


def test_hidden_diagnosis_does_not_reveal_expected_values():
    text = only(diagnose(np.array([1.0, 2.0, 3.5]), np.array([1.0, 2.0, 3.25]), "s",
                         reveal=False))
    assert "3.25" not in text and "3.5" not in text and "1 of 3" in text
    assert "3.25" in only(diagnose(np.array([1.0, 2.0, 3.5]), np.array([1.0, 2.0, 3.25]), "s"))


def test_dict_keys_and_tuple_lengths_are_checked_and_long_key_lists_cut():
    assert "missing the key" in only(diagnose({"dw": 1.0}, {"dw": 1.0, "db": 2.0}, "grads"))
    assert "unexpected key" in only(diagnose({"dw": 1.0, "x": 2}, {"dw": 1.0}, "grads"))
    assert "tuple of 2" in only(diagnose((1.0,), (1.0, 2.0), "out"))
    assert "list" in only(diagnose([1.0, 2.0], np.array([1.0, 2.0]), "s"))
    flood = {f"k{i}": 0 for i in range(100_000)}
    assert len(only(diagnose(dict(flood, dw=1.0), {"dw": 1.0}, "grads"))) < 300


def test_hidden_feedback_never_echoes_text_the_students_code_chose():
    """A hidden case's feedback (reveal=False) shows no string the student's function
    returned, nor a dict key it made up, since either can spell out a hidden input; a key
    that is a near miss of an expected one (a typo) is still named, as is the right type."""
    leak = "X[0, 0] is 0.4967141530112327"
    for actual in (leak, "zero point four nine six seven"):
        text = only(diagnose(actual, "relu", "activation", reveal=False))
        assert actual not in text and "not the expected value" in text
    assert "a float" in only(diagnose(0.5, "relu", "activation", reveal=False))
    text = " ".join(diagnose({"dW1": 1.0, leak: 2.0, "four nine six": 3.0},
                             {"dW1": 1.0, "db1": 0.0}, "grads", reveal=False))
    assert "0.4967" not in text and "four nine" not in text and "2 unexpected key" in text
    text = " ".join(diagnose({"dW1": 1.0, "db_1": 0.0}, {"dW1": 1.0, "db1": 0.0}, "grads",
                             reveal=False))
    assert "'db_1'" in text
    assert leak in only(diagnose(leak, "relu", "activation"))  # the visible check shows it


@pytest.mark.parametrize("actual, expected, kind", [
    (np.array([[0.5], [-1.0]]), np.array([[0.1], [-0.2]]), "forgot 1/m"),
    (np.array([[0.02], [-0.04]]), np.array([[0.1], [-0.2]]), "divided by m twice"),
    (np.array([[-0.1], [0.2]]), np.array([[0.1], [-0.2]]), "opposite sign"),
    (np.array([[-0.5], [1.0]]), np.array([[0.1], [-0.2]]), "opposite sign and forgot 1/m"),
    (np.array([[0.3], [0.7]]), np.array([[0.1], [-0.2]]), "wrong values"),
    (np.zeros((2, 1)), np.array([[0.1], [-0.2]]), "all zeros"),
    (np.zeros(4), np.zeros((4, 1)), "rank-1 array"),
    (np.zeros((4, 1)), np.zeros(4), "2-D, not rank-1"),
    (np.zeros((4, 3)), np.zeros((3, 4)), "transposed"),
    (np.arange(4.0).reshape(2, 2).T, np.arange(4.0).reshape(2, 2), "transposed"),
    (np.zeros((5, 5)), np.zeros((1, 5)), "broadcast to a square"),
    (np.zeros((2, 6)), np.zeros((3, 4)), "wrong layout"),
    (np.zeros((2, 2)), np.zeros((3, 4)), "wrong shape"),
    (np.array([np.nan, 1.0]), np.array([0.5, 1.0]), "NaN"),
    (np.array([[0.3]]), 0.3, "array, not a number"),
    (np.array([0.3, 0.1]), 0.3, "not summed"),
    ([1.0, 2.0], np.array([1.0, 2.0]), "wrong type"),
    ((1.0,), (1.0, 2.0), "wrong number of values"),
    ({"dw": 1.0}, {"dw": 1.0, "db": 2.0}, "missing keys"),
    ({"a": 2.0, "b": 1.0}, {"a": 1.0, "b": 2.0}, "swapped keys"),
    ([1.0, 5.0, 3.0], [1.0, 2.0], "wrong length"),
    ("b", "a", "wrong values"),
])
def test_every_sentence_says_the_kind_of_mistake_it_names(actual, expected, kind):
    problem = only(diagnose(actual, expected, "x", m=5, reveal=False))
    assert problem.kind == kind
    assert kind in KINDS


def test_a_problem_is_a_str_that_keeps_its_kind_through_a_copy():
    problem = only(diagnose(np.zeros(4), np.zeros((4, 1)), "w"))
    assert isinstance(problem, str) and "rank-1" in problem
    assert "; ".join([problem, "more"]).startswith("w has shape (4,)")
    for copied in (pickle.loads(pickle.dumps(problem)), copy.deepcopy(problem)):
        assert copied == problem and copied.kind == "rank-1 array"
    order = only(diagnose_parts((2.0, 1.0), (1.0, 2.0), ("a", "b"), "out"))
    assert order.kind == "wrong order"


def test_a_list_of_caches_is_compared_entry_by_entry():
    A, W, b, Z = np.ones((2, 3)), np.full((1, 2), 0.5), np.zeros((1, 1)), np.full((1, 3), 2.0)
    caches = [((A, W, b), Z), ((Z, W[:, :1], b), Z)]
    assert diagnose([((A, W, b), Z), ((Z, W[:, :1], b), Z)], caches, "caches") == []
    assert diagnose(tuple(caches), caches, "caches") == []
    wrong = [((A, W, b), 2 * Z), caches[1]]
    assert "caches[0][1] is twice the expected value" in only(diagnose(wrong, caches, "caches"))
    assert "rank-1" in only(diagnose([((A, W, b.ravel()), Z), caches[1]], caches, "caches"))
    assert "2 entries, expected 1" in only(diagnose(caches, caches[:1], "caches"))
    advice = {"values": "Each layer caches ((A_prev, W, b), Z)."}
    said = diagnose([((2 * A + 1, W, b), 2 * Z + 1), caches[1]], caches, "caches",
                    hints=advice)
    assert said[-1] == advice["values"] and said.count(advice["values"]) == 1


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


Z = np.array([[0.3, -1.2, 2.0, 0.7], [-0.4, 1.5, -2.2, 0.1], [1.1, -0.6, 0.9, -1.7]])


@pytest.mark.parametrize("reveal", [True, False])
def test_a_probability_that_is_1_minus_the_expected_one_is_named(reveal):
    problem = only(diagnose(_sigmoid(-Z), _sigmoid(Z), "s", reveal=reveal))
    assert problem.kind == "1 minus the expected value" and "sign in the exponent" in problem
    labels = (Z > 0).astype(float)  # 0/1 labels flipped are not a probability's complement
    assert only(diagnose(1 - labels, labels, "Y_prediction")).kind == "wrong values"


@pytest.mark.parametrize("shape", [(3, 4), (1, 4), (4, 1)])
def test_an_array_normalised_over_the_other_axis_is_named(shape):
    x = Z[:shape[0], :shape[1]]
    e = np.exp(x)
    problem = only(diagnose(e / e.sum(axis=0, keepdims=True), e / e.sum(axis=1, keepdims=True),
                            "s", reveal=False))
    assert problem.kind == "normalised over the other axis" and "axis=0 instead of axis=1" \
        in problem
    norms = np.linalg.norm(Z, axis=0, keepdims=True), np.linalg.norm(Z, axis=1, keepdims=True)
    problem = only(diagnose(Z / norms[0], Z / norms[1], "x_normalized"))
    assert problem.kind == "normalised over the other axis" and "have length 1" in problem


def test_the_right_values_in_other_places_are_named_a_layout():
    image = np.arange(18.0).reshape(2, 3, 3) / 17
    problem = only(diagnose(image.transpose(2, 0, 1).reshape(-1, 1), image.reshape(-1, 1), "v"))
    assert problem.kind == "wrong layout" and "order of the axes" in problem


def test_probabilities_where_labels_belong_are_named():
    problem = only(diagnose(_sigmoid(Z[:1]), (Z[:1] > 0).astype(float), "predictions"))
    assert problem.kind == "probabilities, not labels"


PARAMETERS = {"W1": Z, "b1": np.zeros((3, 1)), "W2": Z[:1].T.copy(), "b2": np.ones((4, 1))}
GRADS = {"d" + k: 0.3 * v + 0.1 for k, v in PARAMETERS.items()}


def _stepped(rate, keys=PARAMETERS):
    return {k: PARAMETERS[k] - (rate * GRADS["d" + k] if k in keys else 0) for k in PARAMETERS}


@pytest.mark.parametrize("actual, kind, words", [
    (_stepped(0.1), "step of another size", "by a multiple of the expected step"),
    (_stepped(-0.5), "opposite sign", "moved the other way"),
    (_stepped(0.5, keys=("W1", "W2")), "not updated", "params['b1'] and params['b2'] still"),
])
def test_parameters_that_moved_by_another_step_than_expected_are_named(actual, kind, words):
    problem = diagnose(actual, _stepped(0.5), "params", inputs=(PARAMETERS, GRADS, 0.5),
                       reveal=False, hints={"sign": "Subtract the gradient."})[0]
    assert problem.kind == kind and words in problem
    assert "0.2" not in problem  # the rate given is a hidden input: not shown
    assert "0.2 times" in diagnose(_stepped(0.1), _stepped(0.5), "params",
                                   inputs=(PARAMETERS, GRADS, 0.5))[0]


def test_an_exercise_can_say_what_else_than_the_learning_rate_scales_a_step():
    """An optimiser's averages move like parameters: a weight (1 - beta) other than the
    expected one scales every entry's move, and no learning rate is to blame."""
    said = diagnose(_stepped(0.1), _stepped(0.5), "v", inputs=(PARAMETERS, GRADS, 0.5),
                    reveal=False, hints={"step of another size": "Check beta1 and beta2."})
    assert said[0].kind == "step of another size" and "learning_rate" not in " ".join(said)
    assert "Check beta1 and beta2." in said


def test_costs_that_rise_are_named_as_the_cause_of_the_nan_they_end_in():
    expected = ({"W": np.ones((2, 2))}, [0.7, 0.5, 0.3])
    for costs, how in (([0.7, 0.8, 0.9], "then rise,"), ([0.7, np.nan, np.nan], "until they")):
        said = diagnose_parts(({"W": np.full((2, 2), np.nan)}, costs), expected,
                              ("parameters", "costs"), "the result", reveal=False)
        assert said[0].kind == "cost rises" and how in said[0]
        assert not any(p.kind == "NaN" for p in said) and "log(0)" not in " ".join(said)
    assert only(diagnose([0.7, 0.3, 0.5], [0.7, 0.5, 0.3], "costs")).kind == "wrong values"


def test_a_list_that_is_right_as_far_as_it_goes_or_at_every_kth_entry_is_named():
    costs = list(np.linspace(0.7, 0.1, 300))
    assert only(diagnose(costs[:200:100], costs[::100], "costs")).kind == \
        "another number of iterations"
    problem = only(diagnose(costs[:250], costs[:250:100], "costs"))
    assert problem.kind == "costs at other iterations" and "every 100th" in problem
    assert only(diagnose(costs[:3], costs[:1], "costs")).kind == "wrong length"


def test_an_axis_reduced_away_is_named():
    problem = only(diagnose(np.max(Z, 0), np.maximum(Z, 0), "relu(z)"))
    assert problem.kind == "lost an axis" and "axis 0 is gone" in problem


def test_a_mistake_of_many_entries_is_said_once_with_its_advice_once():
    grads = {f"d{k}{l}": Z * l for l in (1, 2, 3) for k in "AWb"}
    said = diagnose({k: -v for k, v in grads.items()}, grads, "grads",
                    hints={"sign": "dAL is minus (Y / AL - (1 - Y) / (1 - AL))."})
    assert [p.kind for p in said] == ["opposite sign", ""]
    assert "The same goes for grads['dW1'], grads['db1'], grads['dA2'], grads['dW2'] and 4 " \
        "more." in said[0] and said[1].count("dAL") == 1


def test_advice_on_values_follows_only_values_that_are_wrong():
    hints = {"values": "Draw W1 first.", "rank1": "b is a column."}
    said = " ".join(diagnose({"W": Z, "b": np.zeros(3)}, {"W": Z, "b": np.zeros((3, 1))},
                             "parameters", hints=hints))
    assert "b is a column." in said and "Draw W1" not in said
    said = " ".join(diagnose({"W": Z + 1, "b": np.zeros((3, 1))},
                             {"W": Z, "b": np.zeros((3, 1))}, "parameters", hints=hints))
    assert "Draw W1" in said and "b is a column." not in said


def test_said_once_drops_every_sentence_already_said_and_keeps_the_kinds():
    first = Problem("x is wrong. Check x.", "wrong values")
    said = said_once([first, Problem("y is wrong. Check x.", "transposed"), Problem("Check x.")])
    assert said == ["x is wrong. Check x.", "y is wrong."]
    assert [p.kind for p in said] == ["wrong values", "transposed"]


@pytest.mark.parametrize("message", [
    "operands could not be broadcast together with shapes (3,5) (3,) ",
    "operands could not be broadcast together with shapes (#,#) (#,) ",
])
def test_a_broadcast_with_a_rank_1_array_is_explained_with_the_keepdims_hint(message):
    said = explain_error(message, {"rank1": "Pass keepdims=True."})
    assert said[0].kind == "rank-1 array in a broadcast" and said[1] == "Pass keepdims=True."
    assert explain_error("operands could not be broadcast together with shapes (2,3) (4,3) ") \
        == []


def test_shapes_that_do_not_fit_a_product_are_explained():
    for message in ("shapes (4,3) and (2,1) not aligned: 3 (dim 1) != 2 (dim 0)",
                    "matmul: Input operand 1 has a mismatch in its core dimension 0"):
        assert explain_error(message)[0].kind == "shapes not aligned"


def test_said_once_keeps_a_same_goes_sentence_with_the_sentence_it_follows():
    problems = [Problem("dW1 has the opposite sign. The same goes for db1.", "opposite sign"),
                Problem("dW2 is transposed. The same goes for db1.", "transposed")]
    assert said_once(problems) == problems  # the second "same goes" is about transposing
    assert said_once(problems + problems[1:]) == problems
