"""Hidden cases of week 1: numpy basics and logistic regression.

Inputs differ from the notebooks' visible ones (other shapes, other values,
arguments given other than their defaults), so an answer that hard-codes the
visible expected output, reads a notebook variable, or ignores an argument
fails here. The numbers chosen by hand (slope, the computation graph) are drawn instead
under a course secret, in ranges that keep each case's point (away from where a slope
vanishes or a logarithm is undefined); initialize_with_zeros keeps its sizes, which its
case names state and which alone fix its result.
"""

import numpy as np

from autograder.cases import (Case, Exercise, Hint, Inputs, ignored_arguments,
                              one_where_zero_is_expected, under_a_secret)
from autograder.cases.probes import gives
from autograder.runtime.codec import NamedFunction
from helpers.diagnosis import matches
from helpers.reference import logistic_regression
from helpers.reference.activations import sigmoid

SIGMOID = {"sigmoid": ("helpers.reference.activations", "sigmoid")}
LOGISTIC = "helpers.reference.logistic_regression"
PROPAGATE = {"propagate": (LOGISTIC, "propagate"), **SIGMOID}
MODEL_PARTS = {
    "initialize_with_zeros": (LOGISTIC, "initialize_with_zeros"),
    "optimize": (LOGISTIC, "optimize"),
    "predict": (LOGISTIC, "predict"),
    **PROPAGATE,
}


def _array(shape, scale=1.0):
    return lambda rng: Inputs((rng.normal(0.0, scale, size=shape),))


def _labels(rng, m):
    Y = np.zeros((1, m))
    Y[0, rng.permutation(m)[: max(1, m // 2)]] = 1.0
    return Y


def _logistic(n_x, m, *, w_scale=0.5):
    def build(rng):
        w = rng.normal(0.0, w_scale, size=(n_x, 1))
        b = float(rng.normal())
        X = rng.normal(0.0, 1.0, size=(n_x, m))
        return Inputs((w, b, X, _labels(rng, m)), m=m)
    return build


def _two_vectors(shape):
    def build(rng):
        yhat = rng.uniform(0.0, 1.0, size=shape)
        y = (rng.uniform(size=shape) > 0.5).astype(float)
        return Inputs((yhat, y))
    return build


def _optimize(n_x, m, num_iterations, learning_rate):
    def build(rng):
        w, b, X, Y = _logistic(n_x, m, w_scale=0.1)(rng).args
        kwargs = {}
        if num_iterations is not None:
            kwargs["num_iterations"] = num_iterations
        if learning_rate is not None:
            kwargs["learning_rate"] = learning_rate
        return Inputs((w, b, X, Y), kwargs, m=m)
    return build


def _model(n_x, m_train, m_test, num_iterations, learning_rate):
    """Inputs of model; a None hyperparameter is left to its default."""
    def build(rng):
        X_train = rng.normal(size=(n_x, m_train))
        Y_train = _labels(rng, m_train)
        X_test = rng.normal(size=(n_x, m_test))
        Y_test = _labels(rng, m_test)
        kwargs = {"num_iterations": num_iterations, "learning_rate": learning_rate}
        return Inputs((X_train, Y_train, X_test, Y_test),
                      {k: v for k, v in kwargs.items() if v is not None}, m=m_train)
    return build


def _predict(n_x, m):
    def build(rng):
        w, b, X, _ = _logistic(n_x, m, w_scale=1.0)(rng).args
        return Inputs((w, b, X), m=m)
    return build


def _predict_large_bias(rng):
    """Weights too small to decide alone: the bias decides most predictions."""
    X = rng.normal(size=(3, 10))
    return Inputs((rng.normal(0.0, 0.3, size=(3, 1)), 1.2, X), m=10)


def _predict_boundary(rng):
    X = rng.normal(size=(3, 6))
    return Inputs((np.zeros((3, 1)), 0.0, X), m=6)


def _costs_recorded_at_other_iterations(actual, expected, inputs):
    """Right parameters, wrong list of costs."""
    return matches(actual[0], expected[0]) and not matches(actual[2], expected[2])


def _sigmoid_slope_with_a_plus(x):
    s = sigmoid(x)
    return s * (1 + s)


def _centred_difference(f, a, h=1e-3):
    return (f(a + h) - f(a - h)) / (2 * h)


def _chain_rule_left_out(actual, expected, inputs):
    """dJ/db and dJ/dc without the factor dJ/dv = 3 the chain rule brings."""
    try:
        return all(matches(3 * actual[key], expected[key]) and not matches(actual[key],
                                                                          expected[key])
                   for key in ("dJ_db", "dJ_dc"))
    except (KeyError, TypeError):
        return False


def _model_with_its_defaults(X_train, Y_train, X_test, Y_test, **given):
    """What model learns with the default num_iterations and learning_rate, whatever it
    is given: the costs and the parameters."""
    w, b = logistic_regression.initialize_with_zeros(X_train.shape[0])
    params, _, costs = logistic_regression.optimize(w, b, X_train, Y_train, 2000, 0.5)
    return {"costs": costs, "w": params["w"], "b": params["b"]}


def _learned(d):
    return {key: d[key] for key in ("costs", "w", "b")}


SUM_KEEPS_ITS_AXIS = {"rank1": "A sum or a norm over an axis drops that axis unless you "
                              "pass keepdims=True."}
RECORD_HINT = ("Record the cost when the iteration number is a multiple of 100, starting at "
               "iteration 0.")
BOUNDARY_HINT = "An activation of exactly 0.5 predicts 0: use A > 0.5, not A >= 0.5."
OPTIMIZE_OTHER = _optimize(4, 5, 250, 0.05)
MODEL_SMALL = _model(3, 12, 5, 150, 0.1)
MODEL_LONGER = _model(2, 9, 4, 320, 0.02)


def _slope(name, public_a, low, high, **kwargs):
    """slope of a named function at ``public_a``, or at a point drawn in [low, high)."""
    return under_a_secret(lambda rng: Inputs((NamedFunction(name), public_a), kwargs),
                          lambda rng: Inputs((NamedFunction(name), float(rng.uniform(low, high))),
                                             kwargs))


def _graph(public, integers=False):
    """Three numbers a, b, c; drawn nonzero under a secret (a zero c hides b, and a zero b
    hides c)."""
    def draw(rng):
        if integers:
            return Inputs(tuple(int(n) for n in rng.choice([*range(-9, 0), *range(1, 10)], 3)))
        return Inputs(tuple(float(x) for x in rng.uniform(0.2, 4.0, 3) * rng.choice([-1, 1], 3)))
    return under_a_secret(lambda rng: Inputs(public), draw)


CENTRED = Hint("The result is a centred difference, (f(a + h) - f(a - h)) / (2h): this "
               "exercise asks for the forward difference (f(a + h) - f(a)) / h.",
               when=gives(_centred_difference), kind="centred difference")
MODEL_DEFAULTS = Hint("The result is what the defaults of num_iterations and learning_rate "
                      "give: use the values you are given.",
                      when=gives(_model_with_its_defaults, part=_learned),
                      kind="used the default num_iterations and learning_rate")
SLOPE_BIG_STEP = _slope("ln", 3.0, 1.5, 5.0, h=0.01)
SLOPE_SMALL_STEP = _slope("sin", 0.7, 0.4, 1.2, h=1e-4)  # sin'' far from 0: h matters

NUMPY_BASICS = (
    Exercise("numpy_basics", "sigmoid", "sigmoid", (
        Case("matrix", _array((4, 3), 3.0), seed=101),
        Case("column", _array((6, 1), 5.0), seed=102),
        Case("row", _array((1, 7), 8.0), seed=103),
    ), output_names="s"),
    Exercise("numpy_basics", "sigmoid_derivative", "sigmoid_derivative", (
        Case("matrix", _array((3, 5), 2.0), seed=111),
        Case("column", _array((4, 1), 4.0), seed=112),
    ), output_names="ds", stand_ins=SIGMOID, mistakes=(
        Hint("ds is s (1 + s): the slope of the sigmoid is s (1 - s), with a minus.",
             when=gives(_sigmoid_slope_with_a_plus), kind="s (1 + s) instead of s (1 - s)"),)),
    Exercise("numpy_basics", "image2vector", "image2vector", (
        Case("tall_picture", lambda rng: Inputs((rng.uniform(size=(5, 2, 3)),)), seed=121),
        Case("wide_picture", lambda rng: Inputs((rng.uniform(size=(3, 4, 3)),)), seed=122),
        Case("one_channel", lambda rng: Inputs((rng.uniform(size=(4, 3, 1)),)), seed=123),
    ), output_names="v"),
    Exercise("numpy_basics", "normalize_rows", "normalize_rows", (
        Case("wide", _array((3, 5), 2.0), seed=131),
        Case("tall", _array((6, 2), 10.0), seed=132),
    ), output_names="x_normalized", hints=SUM_KEEPS_ITS_AXIS),
    Exercise("numpy_basics", "softmax", "softmax", (
        Case("wide", _array((2, 6), 2.0), seed=141),
        Case("tall", _array((5, 3), 3.0), seed=142),
        Case("single_row", _array((1, 4), 1.0), seed=143),
    ), output_names="s", hints=SUM_KEEPS_ITS_AXIS),
    Exercise("numpy_basics", "L1", "L1", (
        Case("vector", _two_vectors((9,)), seed=151),
        Case("row", _two_vectors((1, 6)), seed=152),
    ), output_names="loss", mistakes=(
        Hint("The result is the mean of the absolute differences: L1 is their sum.",
             when=gives(lambda yhat, y: np.mean(np.abs(y - yhat))),
             kind="a mean instead of a sum"),)),
    Exercise("numpy_basics", "L2", "L2", (
        Case("vector", _two_vectors((8,)), seed=161),
        Case("row", _two_vectors((1, 5)), seed=162),
    ), output_names="loss", mistakes=tuple(
        Hint("The result adds the differences up without squaring them: L2 is the sum of "
             "their squares.", when=gives(unsquared), kind="not squared")
        for unsquared in (lambda yhat, y: np.sum(y - yhat),
                          lambda yhat, y: np.sum(np.abs(y - yhat))))),
    Exercise("numpy_basics", "slope", "slope", (
        Case("cube", _slope("a^3", 1.5, -2.0, 2.0), seed=181),
        Case("sine_small_step", SLOPE_SMALL_STEP, seed=182,
             hints=ignored_arguments(SLOPE_SMALL_STEP, "h")),
        Case("polynomial", _slope("a^4-2a", -1.2, -2.0, -0.5), seed=183),  # slope < -2.5
        Case("log_big_step", SLOPE_BIG_STEP, seed=184,
             hints=ignored_arguments(SLOPE_BIG_STEP, "h")),
    ), output_names="slope", rtol=1e-7, mistakes=(CENTRED,)),
    Exercise("numpy_basics", "graph_forward", "graph_forward", (
        Case("integers", _graph((4, -2, 7), integers=True), seed=191),
        Case("decimals", _graph((0.5, 1.25, -3.0)), seed=192),
    ), output_names=("u", "v", "J")),
    Exercise("numpy_basics", "graph_backward", "graph_backward", (
        Case("integers", _graph((1, 6, -2), integers=True), seed=193),
        Case("decimals", _graph((-0.3, 2.5, 0.75)), seed=194),
    ), output_names="derivatives", result_ignores=("a",),  # J = 3(a + bc): no dJ depends on a
        mistakes=(Hint("dJ/db and dJ/dc are a third of what they should be: by the chain rule "
                       "each is dJ/dv = 3 times dv/db or dv/dc.", when=_chain_rule_left_out,
                       kind="left out a factor of the chain rule"),)),
    Exercise("numpy_basics", "logistic_gradients_loop", "logistic_gradients_loop", (
        Case("three_features", _logistic(3, 5), seed=171),
        Case("two_features", _logistic(2, 8), seed=172),
    ), output_names=("dw", "db", "cost"), stand_ins=SIGMOID),
)

LOGISTIC_REGRESSION = (
    Exercise("logistic_regression", "initialize_with_zeros", "initialize_with_zeros", (
        Case("dim_3", lambda rng: Inputs((3,))),
        Case("dim_11", lambda rng: Inputs((11,))),
        Case("dim_1", lambda rng: Inputs((1,))),
    ), output_names=("w", "b")),
    Exercise("logistic_regression", "propagate", "propagate", (
        Case("four_features", _logistic(4, 3), seed=201),
        Case("two_features", _logistic(2, 7), seed=202),
        Case("many_examples", _logistic(5, 20), seed=203),
    ), output_names=("grads", "cost"), stand_ins=SIGMOID, hints=SUM_KEEPS_ITS_AXIS),
    Exercise("logistic_regression", "optimize", "optimize", (
        Case("defaults", _optimize(3, 6, None, None), seed=211),
        Case("other_rate_and_length", OPTIMIZE_OTHER, seed=212,
             hints=ignored_arguments(OPTIMIZE_OTHER, "learning_rate", "num_iterations")),
        Case("just_over_a_hundred", _optimize(2, 9, 101, 0.3), seed=213,
             hints=(Hint(RECORD_HINT, when=_costs_recorded_at_other_iterations,
                         kind="costs at other iterations"),)),
    ), output_names=("params", "grads", "costs"), stand_ins=PROPAGATE),
    Exercise("logistic_regression", "predict", "predict", (
        Case("random", _predict(3, 8), seed=221),
        Case("on_the_boundary", _predict_boundary, seed=222,
             hints=(Hint(BOUNDARY_HINT, when=one_where_zero_is_expected,
                         kind="1 at exactly 0.5"),)),
        Case("one_example", _predict(4, 1), seed=223),
        Case("large_bias", _predict_large_bias, seed=224),
    ), output_names="Y_prediction", stand_ins=SIGMOID),
    Exercise("logistic_regression", "model", "model", (
        Case("small", MODEL_SMALL, seed=231,
             hints=ignored_arguments(MODEL_SMALL, "learning_rate", "num_iterations")),
        Case("longer_and_slower", MODEL_LONGER, seed=232,
             hints=ignored_arguments(MODEL_LONGER, "learning_rate", "num_iterations")),
        Case("defaults", _model(2, 10, 4, None, None), seed=233),
    ), output_names="d", stand_ins=MODEL_PARTS, mistakes=(MODEL_DEFAULTS,),
        result_ignores=("Y_test", "print_cost")),  # Y_test is only printed
    Exercise("logistic_regression", "concept_answers", "concept_answers",
             tuple(Case(f"q{i}") for i in range(1, 7)), kind="answers"),
)

EXERCISES = NUMPY_BASICS + LOGISTIC_REGRESSION
