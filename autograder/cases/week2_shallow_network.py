"""Hidden cases of week 2: a network with one hidden layer on 2-D points.

Inputs differ from the notebook's visible ones (other sizes, other values, other seeds,
arguments given other than their defaults), so an answer that hard-codes the visible
expected output, reads a notebook variable, or ignores an argument fails here.

Exercises are listed in dependency order: a function's stand-ins are the helpers' correct
versions of the exercises listed before it, so that one mistake costs one exercise.
Randomness: ``initialize_parameters`` draws from numpy's global generator without seeding
it, so its cases seed it first (``Inputs.numpy_seed``); ``nn_model`` seeds it itself with 3,
and its cases seed it with another number first, so that forgetting ``np.random.seed(3)``
fails the same way on every run. Under a course secret two builders draw otherwise than
their public seeds do (nn_model's points, predict's boundary case), so that their
properties hold for every draw, not only for those seeds.
"""

import numpy as np

from autograder.cases import (Case, Exercise, Hint, Inputs, ignored_arguments,
                              one_where_zero_is_expected, under_a_secret)
from autograder.cases.probes import gives, seeded_itself, takes_inputs
from helpers.reference import shallow_network
from helpers.reference.activations import sigmoid

SIGMOID = {"sigmoid": ("helpers.reference.activations", "sigmoid")}
NETWORK = "helpers.reference.shallow_network"
FORWARD = {"forward_propagation": (NETWORK, "forward_propagation"), **SIGMOID}
MODEL_PARTS = {
    name: (NETWORK, name)
    for name in ("layer_sizes", "initialize_parameters", "forward_propagation",
                 "compute_cost", "backward_propagation", "update_parameters")
} | SIGMOID


def _labels(rng, n_y, m):
    """0/1 labels of shape (n_y, m), both classes present in every row."""
    Y = np.zeros((n_y, m))
    for row in Y:
        row[rng.permutation(m)[: max(1, m // 2)]] = 1.0
    return Y


def _parameters(rng, n_x, n_h, n_y, scale=1.0):
    """Parameters with weights and biases of a typical trained size (not 0.01)."""
    return {"W1": rng.normal(0.0, scale, size=(n_h, n_x)),
            "b1": rng.normal(0.0, scale, size=(n_h, 1)),
            "W2": rng.normal(0.0, scale, size=(n_y, n_h)),
            "b2": rng.normal(0.0, scale, size=(n_y, 1))}


def _layer_sizes(n_x, n_y, m):
    # no m: the sizes are counts, not sums over the examples that 1/m would scale
    return lambda rng: Inputs((rng.normal(size=(n_x, m)), _labels(rng, n_y, m)))


def _counts_the_examples(actual, expected, inputs):
    """A Hint.when test: n_x or n_y is the number of columns (examples) of X or Y."""
    X, Y = inputs.args
    try:
        return (actual[0] == X.shape[1] != expected[0]) or (actual[2] == Y.shape[1] !=
                                                              expected[2])
    except (TypeError, IndexError, KeyError):
        return False


def _sizes(n_x, n_h, n_y):
    return lambda rng: Inputs((n_x, n_h, n_y), numpy_seed=11)


def _forward(n_x, n_h, m):
    return lambda rng: Inputs((rng.normal(size=(n_x, m)), _parameters(rng, n_x, n_h, 1)), m=m)


def _cost(m):
    def build(rng):
        return Inputs((rng.uniform(0.05, 0.95, size=(1, m)), _labels(rng, 1, m)), m=m)
    return build


def _backward(n_x, n_h, m):
    def build(rng):
        X = rng.normal(size=(n_x, m))
        parameters = _parameters(rng, n_x, n_h, 1)
        _, cache = shallow_network.forward_propagation(X, parameters)  # a consistent cache
        return Inputs((parameters, cache, X, _labels(rng, 1, m)), m=m)
    return build


def _update(n_x, n_h, learning_rate):
    def build(rng):
        parameters = _parameters(rng, n_x, n_h, 1)
        grads = {"d" + name: rng.normal(0.0, 0.5, size=value.shape)
                 for name, value in parameters.items()}
        kwargs = {} if learning_rate is None else {"learning_rate": learning_rate}
        return Inputs((parameters, grads), kwargs)
    return build


def _nn_model(n_x, m, n_h, num_iterations):
    """Inputs of nn_model: random points and labels under the public seeds; under a course
    secret, points that a line separates with a margin. Training at the learning rate 1.2
    on random labels passes, for about one draw in four, through a phase where rounding
    differences grow to the size of the tolerance; on separable points it did in none of
    540 draws (tests/autograder/test_hidden_cases.py checks the draws of each run)."""
    def public(rng):
        X = rng.normal(size=(n_x, m))
        return Inputs((X, _labels(rng, 1, m), n_h), dict(kwargs), m=m, numpy_seed=5)

    def separable(rng):
        direction = rng.normal(size=n_x)
        direction /= np.linalg.norm(direction)
        X = rng.normal(size=(n_x, m))
        along = direction @ X
        Y = (along > np.median(along)).astype(float)[None]  # both classes, half each
        X += 0.5 * np.outer(direction, 2 * Y[0] - 1)  # a margin of 1 between them
        return Inputs((X, Y, n_h), dict(kwargs), m=m, numpy_seed=5)

    kwargs = {} if num_iterations is None else {"num_iterations": num_iterations}
    return under_a_secret(public, separable)


def _predict(n_x, n_h, m):
    return lambda rng: Inputs((_parameters(rng, n_x, n_h, 1), rng.normal(size=(n_x, m))), m=m)


def _predict_on_the_boundary(rng):
    """Zero biases and some all-zero columns: there A2 is exactly 0.5."""
    parameters = _parameters(rng, 2, 3, 1)
    parameters["b1"] = np.zeros((3, 1))
    parameters["b2"] = np.zeros((1, 1))
    X = rng.normal(size=(2, 6))
    X[:, [1, 4]] = 0.0
    return Inputs((parameters, X), m=6)


def _predict_on_and_just_above_the_boundary(rng, margin=1e-6):
    """As ``_predict_on_the_boundary``, and one example a hair above the boundary (Z2 about
    ``margin``, far above rounding). Any change of the parameters that moves Z2 at X = 0 by
    more than the margin, up or down, changes a prediction, whatever the draw: the public
    draw needs the luck of its seed for that."""
    parameters, X = _predict_on_the_boundary(rng).args
    slope = (parameters["W2"] @ parameters["W1"]).ravel()  # of Z2 at X = 0 (tanh'(0) = 1)
    X[:, 2] = margin * slope / (slope @ slope)
    return Inputs((parameters, X), m=6)


def _z(shape, slope=None):
    """Half positive, half negative values, then a quarter of them set to exactly 0, where
    the ReLU family has its kink."""
    def build(rng):
        size = int(np.prod(shape))
        signs = rng.permutation(np.resize([1.0, -1.0], size))
        z = np.abs(rng.normal(0.0, 2.0, size=size)) * signs
        z[rng.permutation(size)[: max(1, size // 4)]] = 0.0
        return Inputs((z.reshape(shape),), {} if slope is None else {"slope": slope})
    return build


def _stack(*shapes):
    """A stack of linear layers: shapes[l] is the shape (n_l, n_{l-1}) of W_{l+1}."""
    def build(rng):
        weights = [rng.normal(size=shape) for shape in shapes]
        biases = [rng.normal(size=(shape[0], 1)) for shape in shapes]
        return Inputs((weights, biases))
    return build


def _wrong_only_at_zero(actual, expected, inputs):
    """A Hint.when test: the slopes are right everywhere but at the kink, z = 0."""
    z = inputs.args[0]
    wrong = ~np.isclose(np.asarray(actual, dtype=float), expected)
    return bool(wrong.any()) and bool(np.all(z[wrong] == 0))


def _hard_codes_one_output(actual, expected, inputs):
    return isinstance(actual, tuple) and len(actual) == 3 and actual[2] == 1 != expected[2]


def _backward_with_the_slope(slope):
    """backward_propagation with ``slope(Z1, A1)`` in place of tanh's slope 1 - A1**2."""
    def mistake(parameters, cache, X, Y):
        m = X.shape[1]
        dZ2 = cache["A2"] - Y
        dZ1 = (parameters["W2"].T @ dZ2) * slope(cache["Z1"], cache["A1"])
        return {"dW1": dZ1 @ X.T / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
                "dW2": dZ2 @ cache["A1"].T / m, "db2": np.sum(dZ2, axis=1, keepdims=True) / m}
    return mistake


def _forward_without_biases(X, parameters):
    zero = {name: 0 * parameters[name] for name in ("b1", "b2")}
    return shallow_network.forward_propagation(X, {**parameters, **zero})


def _forward_with_a_sigmoid_hidden_layer(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = sigmoid(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def _drawn(rng, n_x, n_h, n_y, w2_first=False):
    """initialize_parameters's draws from ``rng`` (W2 first if asked)."""
    if w2_first:
        W2 = rng.randn(n_y, n_h) * 0.01
        W1 = rng.randn(n_h, n_x) * 0.01
    else:
        W1 = rng.randn(n_h, n_x) * 0.01
        W2 = rng.randn(n_y, n_h) * 0.01
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}


@takes_inputs
def _w2_drawn_first(inputs):
    return _drawn(np.random.RandomState(inputs.numpy_seed), *inputs.args, w2_first=True)


@takes_inputs
def _nn_model_without_its_seed(inputs):
    """nn_model trained from the generator as the grader left it, not seeded with 3."""
    X, Y, n_h = inputs.args
    parameters = _drawn(np.random.RandomState(inputs.numpy_seed), X.shape[0], n_h, Y.shape[0])
    for _ in range(inputs.kwargs.get("num_iterations", 10000)):
        A2, cache = shallow_network.forward_propagation(X, parameters)
        grads = shallow_network.backward_propagation(parameters, cache, X, Y)
        parameters = shallow_network.update_parameters(parameters, grads)
    return parameters


def _other_hidden_size(actual, expected, inputs):
    """A Hint.when test: W1 has another number of rows than the n_h given."""
    try:
        return actual["W1"].shape[0] != inputs.args[2] == expected["W1"].shape[0]
    except (KeyError, TypeError, AttributeError, IndexError):
        return False


TANH_FROM_Z = "tanh slope from z, not tanh(z)"
TANH_UNSQUARED = "tanh slope not squared"
SEEDED_ITSELF = ("The result is what a generator seeded inside the function gives: draw from "
                 "numpy's global generator as it is, without calling np.random.seed in the "
                 "function.")
NO_BIASES = ("The result is what the network gives without its biases: Z1 = W1 X + b1 and "
             "Z2 = W2 A1 + b2.")
SIGMOID_HIDDEN = "sigmoid in a hidden layer"
KINK = Hint("At exactly z = 0 the course's convention gives the slope of the ReLU as 0.0 "
            "and that of the leaky ReLU as `slope`: test z > 0, not z >= 0.",
            when=_wrong_only_at_zero, kind="wrong slope at 0")
UPDATE_OTHER = _update(2, 4, 0.05)
NN_SHORT = _nn_model(3, 7, 2, 250)
NN_WIDE = _nn_model(2, 8, 5, 1200)
LEAKY_OTHER = _z((1, 6), slope=0.2)
LEAKY_SLOPE_OTHER = _z((1, 6), slope=0.3)

PLANAR = (
    Exercise("planar_classification", "layer_sizes", "layer_sizes", (
        Case("one_output", _layer_sizes(3, 1, 7), seed=301),
        Case("two_outputs", _layer_sizes(6, 2, 2), seed=302,
             hints=(Hint("n_y is the number of rows of Y, whatever it is.",
                         when=_hard_codes_one_output, kind="hard-coded n_y"),)),
    ), output_names=("n_x", "n_h", "n_y"), mistakes=(
        Hint("n_x and n_y count rows, the features and the outputs: X.shape[0] and "
             "Y.shape[0], not the number of examples in the columns.",
             when=_counts_the_examples, kind="counted the examples"),),
       hints={"values": "n_x is the number of rows of X, n_y that of Y; n_h is 4."}),
    Exercise("planar_classification", "initialize_parameters", "initialize_parameters", (
        Case("three_inputs", _sizes(3, 5, 1)),
        Case("two_outputs", _sizes(4, 2, 2)),
        Case("one_hidden_unit", _sizes(2, 1, 1)),
    ), output_names="parameters", mistakes=(
        Hint("The result is what drawing W2 before W1 gives: draw W1 first.",
             when=gives(_w2_drawn_first), kind="drew W2 before W1"),
        Hint(SEEDED_ITSELF, when=seeded_itself(_drawn), kind="seeded the generator itself")),
       hints={"values": "Draw W1 first and W2 second, each with np.random.randn in its own "
                        "shape and times 0.01, from numpy's global generator, without "
                        "seeding it in the function.",
              "transpose": "W1 has one row per hidden unit: shape (n_h, n_x)."}),
    Exercise("planar_classification", "forward_propagation", "forward_propagation", (
        Case("three_features", _forward(3, 2, 5), seed=311),
        Case("five_hidden_units", _forward(2, 5, 8), seed=312),
    ), output_names=("A2", "cache"), stand_ins=SIGMOID, mistakes=(
        Hint(NO_BIASES, when=gives(_forward_without_biases), kind="left out the bias"),
        Hint("The result is what a sigmoid in the hidden layer gives: the hidden layer is "
             "tanh, A1 = np.tanh(Z1).", when=gives(_forward_with_a_sigmoid_hidden_layer),
             kind=SIGMOID_HIDDEN)),
       hints={"values": "Z1 = W1 X + b1, A1 = tanh(Z1), Z2 = W2 A1 + b2, A2 = sigmoid(Z2); "
                        "each cache key holds its own array."}),
    Exercise("planar_classification", "compute_cost", "compute_cost", (
        Case("five_examples", _cost(5), seed=321),
        Case("nine_examples", _cost(9), seed=322),
    ), output_names="cost"),
    Exercise("planar_classification", "backward_propagation", "backward_propagation", (
        Case("small", _backward(3, 2, 5), seed=331),
        Case("five_hidden_units", _backward(2, 5, 8), seed=332),
        Case("many_examples", _backward(4, 3, 20), seed=333),
    ), output_names="grads", mistakes=(
        Hint("dZ1 used 1 - Z1**2: the slope of tanh is 1 - tanh(Z1)**2, that is 1 - A1**2 "
             "from the cached A1 (Z1 is the input of tanh, A1 its output).",
             when=gives(_backward_with_the_slope(lambda Z1, A1: 1 - Z1 ** 2)), kind=TANH_FROM_Z),
        Hint("dZ1 used 1 - A1: the slope of tanh is 1 - A1**2, with A1 squared.",
             when=gives(_backward_with_the_slope(lambda Z1, A1: 1 - A1)), kind=TANH_UNSQUARED),
        Hint("dZ1 used A1 (1 - A1), the slope of a sigmoid: the hidden layer is tanh, whose "
             "slope is 1 - A1**2.",
             when=gives(_backward_with_the_slope(lambda Z1, A1: A1 * (1 - A1))),
             kind="sigmoid slope in a tanh layer")),
       hints={"values": "dZ2 = A2 - Y; dZ1 = W2.T dZ2 * (1 - A1**2), where 1 - A1**2 is the "
                        "derivative of tanh, from the cached A1.",
              "sign": "dZ2 is A2 - Y, not Y - A2.",
              "rank1": "db1 and db2 need np.sum(dZ, axis=1, keepdims=True)."}),
    Exercise("planar_classification", "update_parameters", "update_parameters", (
        Case("default_rate", _update(3, 2, None), seed=341),
        Case("other_rate", UPDATE_OTHER, seed=342,
             hints=ignored_arguments(UPDATE_OTHER, "learning_rate")),
    ), output_names="parameters",
       hints={"sign": "Subtract the gradient: W1 - learning_rate * dW1."}),
    Exercise("planar_classification", "nn_model", "nn_model", (
        Case("defaults", _nn_model(2, 5, 3, None), seed=351),
        Case("short_run", NN_SHORT, seed=352,
             hints=ignored_arguments(NN_SHORT, "num_iterations")),
        Case("five_hidden_units", NN_WIDE, seed=353,
             hints=ignored_arguments(NN_WIDE, "num_iterations")),
    ), output_names="parameters", stand_ins=MODEL_PARTS, mistakes=(
        Hint("The result is what training from the generator as the grader left it gives: "
             "seed it once, np.random.seed(3), at the start.",
             when=gives(_nn_model_without_its_seed), kind="did not seed the generator"),
        Hint("The hidden layer has another number of units than n_h: initialise with the "
             "n_h you are given.", when=_other_hidden_size, kind="used another n_h")),
       hints={"values": "Seed once, np.random.seed(3), at the start; initialise with "
                        "initialize_parameters(n_x, n_h, n_y); then num_iterations times: "
                        "forward_propagation, compute_cost, backward_propagation, "
                        "update_parameters with its default learning rate."}),
    Exercise("planar_classification", "predict", "predict", (
        Case("random", _predict(2, 3, 7), seed=361),
        Case("on_the_boundary", under_a_secret(_predict_on_the_boundary,
                                               _predict_on_and_just_above_the_boundary),
             seed=362,
             hints=(Hint("An output of exactly 0.5 predicts 0: use A2 > 0.5, not A2 >= 0.5.",
                         when=one_where_zero_is_expected, kind="1 at exactly 0.5"),)),
        Case("three_features", _predict(3, 2, 4), seed=366),
    ), output_names="predictions", stand_ins=FORWARD),
    Exercise("planar_classification", "relu", "relu", (
        Case("matrix", _z((3, 4)), seed=371),
        Case("row", _z((1, 6)), seed=372),
    ), output_names="relu(z)"),
    Exercise("planar_classification", "leaky_relu", "leaky_relu", (
        Case("default_slope", _z((3, 4)), seed=381),
        Case("other_slope", LEAKY_OTHER, seed=382,
             hints=ignored_arguments(LEAKY_OTHER, "slope")),
    ), output_names="leaky_relu(z)"),
    Exercise("planar_classification", "tanh_derivative", "tanh_derivative", (
        Case("matrix", _z((2, 5)), seed=391),
        Case("row", _z((1, 4)), seed=392),
    ), output_names="tanh'(z)", mistakes=(
        Hint("The result is 1 - z**2: the slope of tanh is 1 - tanh(z)**2, so take the tanh "
             "of z before squaring.", when=gives(lambda z: 1 - z ** 2), kind=TANH_FROM_Z),
        Hint("The result is 1 - tanh(z): the slope of tanh is 1 - tanh(z)**2, with the tanh "
             "squared.", when=gives(lambda z: 1 - np.tanh(z)), kind=TANH_UNSQUARED)),
       hints={"values": "tanh'(z) = 1 - tanh(z)**2: take the tanh of z first."}),
    Exercise("planar_classification", "relu_derivative", "relu_derivative", (
        Case("matrix", _z((3, 4)), seed=401, hints=(KINK,)),
        Case("row", _z((1, 6)), seed=402, hints=(KINK,)),
    ), output_names="relu'(z)"),
    Exercise("planar_classification", "leaky_relu_derivative", "leaky_relu_derivative", (
        Case("default_slope", _z((3, 4)), seed=411, hints=(KINK,)),
        Case("other_slope", LEAKY_SLOPE_OTHER, seed=412,
             hints=ignored_arguments(LEAKY_SLOPE_OTHER, "slope") + (KINK,)),
    ), output_names="leaky_relu'(z)"),
    Exercise("planar_classification", "collapse_linear_network", "collapse_linear_network", (
        Case("three_layers", _stack((4, 3), (2, 4), (3, 2)), seed=421),
        Case("two_square_layers", _stack((2, 2), (2, 2)), seed=422),
        Case("two_layers", _stack((5, 2), (3, 5)), seed=423),
    ), output_names=("W", "b"), mistakes=(
        Hint("b is what the first bias alone gives, carried through the later layers: add "
             "each layer's own bias too, b = W2 b1 + b2 for two layers.",
             when=gives(lambda weights, biases: shallow_network.collapse_linear_network(
                 weights, [biases[0]] + [0 * b for b in biases[1:]])),
             kind="left out the later biases"),),
       hints={"values": "Each new layer multiplies on the left, W = WL ... W2 W1, and every "
                        "bias goes through the layers after it: for two layers b = W2 b1 + b2.",
              "transpose": "Each new layer multiplies on the left: W = WL ... W2 W1."}),
    Exercise("planar_classification", "concept_answers", "concept_answers",
             tuple(Case(f"q{i}") for i in range(1, 8)), kind="answers"),
)

EXERCISES = PLANAR
