"""Hidden cases of week 3: an L-layer network, step by step, then trained as two models.

Inputs differ from the notebooks' visible ones (other layer sizes, numbers of layers and
examples, other values and seeds, arguments given other than their defaults), so an answer
that hard-codes the visible expected output, a number of layers, or reads a notebook
variable, or ignores an argument fails here. Parameters are drawn at a typical trained size
(not 0.01), so that every layer changes the result.

Exercises are listed in dependency order: a function's stand-ins are the helpers' correct
versions of the exercises listed before it (and of the given activations), so that one
mistake costs one exercise. In the application the models' building blocks are not
exercises: they are the helpers' (``deep_network``), and the stand-ins make sure the
models are graded with those even if a notebook redefines them.
Randomness: ``initialize_parameters_deep``, ``two_layer_model`` and ``L_layer_model`` draw
from numpy's global generator without seeding it, so their cases seed it first
(``Inputs.numpy_seed``).
"""

import numpy as np

from autograder.cases import Case, Exercise, Hint, Inputs, ignored_arguments
from autograder.cases.probes import gives, seeded_itself, takes_inputs
from helpers.diagnosis import matches
from helpers.reference import deep_network
from helpers.reference.layer_activations import relu_backward

ACTIVATIONS = "helpers.reference.layer_activations"
NETWORK = "helpers.reference.deep_network"
FORWARD_ACTIVATIONS = {name: (ACTIVATIONS, name) for name in ("relu", "sigmoid")}
BACKWARD_ACTIVATIONS = {name: (ACTIVATIONS, name)
                        for name in ("relu_backward", "sigmoid_backward")}
LAYER_FORWARD = {"linear_forward": (NETWORK, "linear_forward"), **FORWARD_ACTIVATIONS}
MODEL_FORWARD = {"linear_activation_forward": (NETWORK, "linear_activation_forward"),
                 **LAYER_FORWARD}
LAYER_BACKWARD = {"linear_backward": (NETWORK, "linear_backward"), **BACKWARD_ACTIVATIONS}
MODEL_BACKWARD = {"linear_activation_backward": (NETWORK, "linear_activation_backward"),
                  **LAYER_BACKWARD}
MODEL_PARTS = {
    "initialize_parameters_deep_scaled": ("helpers.reference.scaled_initialization",
                                          "initialize_parameters_deep_scaled"),
    **{name: (NETWORK, name) for name in ("L_model_forward", "compute_cost",
                                          "L_model_backward", "update_parameters")},
    **MODEL_FORWARD,
    **MODEL_BACKWARD,
}


def _labels(rng, m):
    """0/1 labels of shape (1, m), both classes present when m > 1."""
    Y = np.zeros((1, m))
    Y[0, rng.permutation(m)[: max(1, m // 2)]] = 1.0
    return Y


def _parameters(rng, layer_dims, scale=1.0):
    """Weights and biases of a typical trained size, drawn from ``rng``."""
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.normal(0.0, scale, size=(layer_dims[l], layer_dims[l - 1]))
        parameters[f"b{l}"] = rng.normal(0.0, scale, size=(layer_dims[l], 1))
    return parameters


def _layer_dims(layer_dims, numpy_seed):
    return lambda rng: Inputs((list(layer_dims),), numpy_seed=numpy_seed)


def _linear(n_prev, n, m):
    def build(rng):
        return Inputs((rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)),
                       rng.normal(size=(n, 1))), m=m)
    return build


def _linear_for(n_prev, n, m, activation, rng):
    """(A_prev, W, b) of a layer, drawn from ``rng`` until, for a ReLU layer, Z = W A_prev + b
    has entries of both signs and a sign pattern A_prev's does not share (a ReLU is the
    identity on a Z without negative entries, so a layer that caches A, or takes the slope
    at A_prev or nowhere, would give the right result; under some secrets a small layer
    draws such a Z). The first draw that qualifies is taken: the public cases' own."""
    for _ in range(1000):
        A_prev, W, b = _linear(n_prev, n, m)(rng).args
        Z = W @ A_prev + b
        if activation != "relu" or ((Z < 0).any() and (Z > 0).any() and (
                A_prev.shape != Z.shape or ((A_prev > 0) != (Z > 0)).any())):
            return A_prev, W, b
    raise AssertionError("no ReLU layer with a Z of both signs in 1000 draws")


def _layer(n_prev, n, m, activation):
    def build(rng):
        return Inputs((*_linear_for(n_prev, n, m, activation, rng), activation), m=m)
    return build


def _with_the_other_activation(build):
    """The same call with the other activation (what a function that ignores it gives)."""
    def variant(rng):
        inputs = build(rng)
        other = "relu" if inputs.args[-1] == "sigmoid" else "sigmoid"
        return Inputs((*inputs.args[:-1], other), inputs.kwargs, inputs.m, inputs.numpy_seed)
    return variant


def _network(layer_dims, m, scale=1.0):
    def build(rng):
        X = rng.normal(size=(layer_dims[0], m))
        return Inputs((X, _parameters(rng, layer_dims, scale)), m=m)
    return build


def _cost(m):
    return lambda rng: Inputs((rng.uniform(0.05, 0.95, size=(1, m)), _labels(rng, m)), m=m)


def _linear_backward(n_prev, n, m):
    def build(rng):
        A_prev, W, b = _linear(n_prev, n, m)(rng).args
        return Inputs((rng.normal(size=(n, m)), (A_prev, W, b)), m=m)
    return build


def _layer_backward(n_prev, n, m, activation):
    def build(rng):
        A_prev, W, b = _linear_for(n_prev, n, m, activation, rng)
        Z = W @ A_prev + b  # a consistent cache, as linear_activation_forward makes it
        return Inputs((rng.normal(size=(n, m)), ((A_prev, W, b), Z), activation), m=m)
    return build


def _backward(layer_dims, m):
    def build(rng):
        X, parameters = _network(layer_dims, m, scale=0.7)(rng).args
        AL, caches = deep_network.L_model_forward(X, parameters)  # consistent caches
        return Inputs((AL, _labels(rng, m), caches), m=m)
    return build


def _update(layer_dims, learning_rate):
    def build(rng):
        params = _parameters(rng, layer_dims)
        grads = {"d" + name: rng.normal(0.0, 0.5, size=value.shape)
                 for name, value in params.items()}
        grads["dA0"] = rng.normal(size=(layer_dims[0], 3))  # as L_model_backward returns it
        return Inputs((params, grads, learning_rate))
    return build


def _model(layer_dims, m, learning_rate, num_iterations, numpy_seed):
    """Inputs of a model; a None hyperparameter is left to its default."""
    def build(rng):
        kwargs = {"learning_rate": learning_rate, "num_iterations": num_iterations}
        return Inputs((rng.normal(size=(layer_dims[0], m)), _labels(rng, m), list(layer_dims)),
                      {k: v for k, v in kwargs.items() if v is not None}, m=m,
                      numpy_seed=numpy_seed)
    return build


def _caches_A_instead_of_Z(actual, expected, inputs):
    """A Hint.when test: the activation cache holds the layer's output A."""
    return (isinstance(actual, tuple) and len(actual) == 2 and isinstance(actual[1], tuple)
            and len(actual[1]) == 2 and matches(actual[1][1], expected[0])
            and not matches(expected[1][1], expected[0]))


def _not_a_probability(actual, expected, inputs):
    """A Hint.when test: AL has values a sigmoid never gives."""
    AL = np.asarray(actual[0], dtype=float)
    return AL.shape == np.shape(expected[0]) and bool(np.any((AL <= 0) | (AL >= 1)))


def _forward_with(X, parameters, hidden="relu", output="sigmoid"):
    """L_model_forward with the given activations: (AL, caches)."""
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        A, cache = deep_network.linear_activation_forward(
            A, parameters[f"W{l}"], parameters[f"b{l}"], output if l == L else hidden)
        caches.append(cache)
    return A, caches


def _backward_from(AL, Y, caches, dAL, output="sigmoid"):
    """L_model_backward from the given dAL, with the given last activation."""
    grads, dA, L = {}, dAL, len(caches)
    for l in reversed(range(1, L + 1)):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = deep_network.linear_activation_backward(
            dA, caches[l - 1], output if l == L else "relu")
        grads[f"dA{l - 1}"] = dA
    return grads


def _relu_slope_at_A_prev(dA, cache, activation):
    """linear_activation_backward with the ReLU's slope taken at A_prev (None for a
    sigmoid layer)."""
    if activation != "relu":
        return None
    linear_cache, _ = cache
    return deep_network.linear_backward(relu_backward(dA, linear_cache[0]), linear_cache)


def _right_dAL(AL, Y):
    return -(Y / AL - (1 - Y) / (1 - AL))


def _drawn(rng, layer_dims, scale=lambda n_prev: 0.01):
    """Weights drawn from ``rng``, W1 first, times ``scale(n[l-1])``, and zero biases."""
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.randn(layer_dims[l], layer_dims[l - 1]) \
            * scale(layer_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def _scaled(n_prev):
    return 1 / np.sqrt(n_prev)


def _first_cost(parameters, X, Y, hidden="relu", steps=0, learning_rate=0.0075):
    """The cost a model records first: after ``steps`` updates, with ``hidden`` layers."""
    for _ in range(steps):
        AL, caches = _forward_with(X, parameters, hidden)
        grads = _backward_from(AL, Y, caches, _right_dAL(AL, Y))
        parameters = deep_network.update_parameters(parameters, grads, learning_rate)
    return deep_network.compute_cost(_forward_with(X, parameters, hidden)[0], Y)


def _model_first_cost(scale=_scaled, hidden="relu", steps=0):
    """The first cost a model records when it starts from weights times ``scale``, uses
    ``hidden`` layers, or records after ``steps`` updates, from the grader's generator."""
    @takes_inputs
    def mistake(inputs):
        X, Y, layers_dims = inputs.args
        parameters = _drawn(np.random.RandomState(inputs.numpy_seed), layers_dims, scale)
        return _first_cost(parameters, X, Y, hidden, steps,
                           inputs.kwargs.get("learning_rate", 0.0075))
    return mistake


def _seeded_first_cost(rng, X, Y, layers_dims, **kwargs):
    return _first_cost(_drawn(rng, layers_dims, _scaled), X, Y)


def _first_recorded(result):
    return result[1][0] if isinstance(result, tuple) else result


MODEL_MISTAKES = (
    Hint("The first cost recorded is that of weights drawn from a generator seeded inside "
         "the function: leave the generator as it is (the caller seeds it), without "
         "np.random.seed in the function.",
         when=seeded_itself(_seeded_first_cost, part=_first_recorded),
         kind="seeded the generator itself"),
    Hint("The first cost recorded is that of weights drawn times 0.01: this model starts "
         "from initialize_parameters_deep_scaled(layers_dims).",
         when=gives(_model_first_cost(scale=lambda n_prev: 0.01), part=_first_recorded),
         kind="started from weights times 0.01"),
    Hint("The first cost recorded is that of a network with sigmoid hidden layers: the "
         "hidden layers use the ReLU, only the output the sigmoid.",
         when=gives(_model_first_cost(hidden="sigmoid"), part=_first_recorded),
         kind="sigmoid in a hidden layer"),
    Hint("The first cost recorded is that after the first update: record the cost of the "
         "iteration's own forward pass, before its update.",
         when=gives(_model_first_cost(steps=1), part=_first_recorded),
         kind="cost recorded after the update"),
)
CACHES_A = Hint("The activation cache holds Z, the input of the activation, not its output "
                "A: the activation's backward step takes its slope at Z.",
                when=_caches_A_instead_of_Z, kind="A cached instead of Z")
SIGMOID_OUTPUT = Hint("AL is the output of a sigmoid, strictly between 0 and 1: the last "
                      "layer's activation is the sigmoid, and only the layers before it use "
                      "the ReLU.", when=_not_a_probability, kind="no sigmoid at the output")
OTHER_ACTIVATION = ("The result is what the other activation gives: use the activation you "
                    "are given.")


def _activation_hints(build):
    return (Hint(OTHER_ACTIVATION, like=_with_the_other_activation(build),
                 kind="the other activation"),)


RELU_LAYER = _layer(4, 3, 5, "relu")
SIGMOID_LAYER = _layer(3, 1, 6, "sigmoid")
RELU_LAYER_BACK = _layer_backward(4, 3, 5, "relu")
SIGMOID_LAYER_BACK = _layer_backward(3, 2, 6, "sigmoid")
TWO_LAYER_OTHER = _model([4, 5, 1], 8, 0.1, 250, numpy_seed=6)
TWO_LAYER_WIDE = _model([2, 7, 1], 10, 0.3, 120, numpy_seed=7)
L_LAYER_THREE = _model([4, 5, 3, 1], 7, 0.2, 150, numpy_seed=9)
L_LAYER_FOUR = _model([3, 4, 4, 2, 1], 9, 0.1, 320, numpy_seed=10)
MODEL_HINTS = {"length": "Record the cost when i % 100 == 0, starting at iteration 0.",
               "values": "Initialise with initialize_parameters_deep_scaled(layers_dims), "
                         "without seeding the generator; then num_iterations times: the "
                         "forward pass, compute_cost, the backward pass and "
                         "update_parameters with the learning_rate you are given."}

STEP_BY_STEP = (
    Exercise("deep_network_step_by_step", "initialize_parameters_deep",
             "initialize_parameters_deep", (
                 Case("three_layers", _layer_dims([4, 3, 2, 1], numpy_seed=11)),
                 Case("one_layer", _layer_dims([3, 1], numpy_seed=12)),
                 Case("wide_input", _layer_dims([7, 5, 2], numpy_seed=13)),
             ), output_names="parameters", mistakes=(
                 Hint("The result is what a generator seeded inside the function gives: "
                      "draw from numpy's global generator as it is, without calling "
                      "np.random.seed in the function.", when=seeded_itself(_drawn),
                      kind="seeded the generator itself"),),
             hints={"values": "Draw W1 first, then W2, ..., each with np.random.randn in its "
                              "own shape and times 0.01, from numpy's global generator, "
                              "without seeding it in the function.",
                    "transpose": "W[l] has one row per unit of layer l: shape "
                                 "(n[l], n[l-1]).",
                    "rank1": "b[l] is a column of zeros of shape (n[l], 1)."}),
    Exercise("deep_network_step_by_step", "linear_forward", "linear_forward", (
        Case("four_inputs", _linear(4, 3, 5), seed=501),
        Case("one_unit", _linear(5, 1, 7), seed=502),
        Case("many_units", _linear(2, 6, 3), seed=503),
    ), output_names=("Z", "cache"), mistakes=(
        Hint("Z is W A without the bias: Z = W A + b.",
             when=gives(lambda A, W, b: (W @ A, (A, W, b)), part=0), kind="left out the bias"),),
       hints={"values": "Z = W A + b, and the cache is the tuple (A, W, b)."}),
    Exercise("deep_network_step_by_step", "linear_activation_forward",
             "linear_activation_forward", (
                 Case("relu", RELU_LAYER, seed=511,
                      hints=(CACHES_A, *_activation_hints(RELU_LAYER))),
                 Case("sigmoid", SIGMOID_LAYER, seed=512,
                      hints=(CACHES_A, *_activation_hints(SIGMOID_LAYER))),
                 Case("relu_square", _layer(3, 3, 4, "relu"), seed=513, hints=(CACHES_A,)),
                 Case("sigmoid_wide", _layer(2, 4, 3, "sigmoid"), seed=514, hints=(CACHES_A,)),
             ), output_names=("A", "cache"), stand_ins=LAYER_FORWARD,
             hints={"values": "A is the activation of Z = W A_prev + b, and the cache is "
                              "((A_prev, W, b), Z)."}),
    Exercise("deep_network_step_by_step", "L_model_forward", "L_model_forward", (
        Case("three_layers", _network([4, 3, 2, 1], 5), seed=521, hints=(SIGMOID_OUTPUT,)),
        Case("one_layer", _network([3, 1], 4), seed=522, hints=(SIGMOID_OUTPUT,)),
        Case("two_layers", _network([5, 4, 1], 6), seed=523, hints=(SIGMOID_OUTPUT,)),
        Case("four_layers", _network([2, 3, 3, 2, 1], 3), seed=524, hints=(SIGMOID_OUTPUT,)),
    ), output_names=("AL", "caches"), stand_ins=MODEL_FORWARD, mistakes=(
        Hint("AL is what sigmoid hidden layers give: layers 1 to L - 1 use the ReLU.",
             when=gives(lambda X, parameters: _forward_with(X, parameters, "sigmoid"), part=0),
             kind="sigmoid in a hidden layer"),),
       hints={"values": "Layers 1 to L - 1 use the ReLU and layer L the sigmoid, with "
                        "L = len(parameters) // 2; caches holds one cache per layer, layer 1 "
                        "first.",
              "length": "caches holds one cache per layer: L = len(parameters) // 2 of "
                        "them."}),
    Exercise("deep_network_step_by_step", "compute_cost", "compute_cost", (
        Case("five_examples", _cost(5), seed=531),
        Case("nine_examples", _cost(9), seed=532),
    ), output_names="cost"),
    Exercise("deep_network_step_by_step", "linear_backward", "linear_backward", (
        Case("four_inputs", _linear_backward(4, 3, 5), seed=541),
        Case("one_unit", _linear_backward(3, 1, 6), seed=542),
        Case("many_units", _linear_backward(2, 4, 3), seed=543),
        Case("square", _linear_backward(3, 3, 4), seed=544),
    ), output_names=("dA_prev", "dW", "db"),
       hints={"rank1": "db needs np.sum(dZ, axis=1, keepdims=True).",
              "factor_m": "dW and db average over the m examples; dA_prev does not.",
              "transpose": "dW has the shape of W, (n[l], n[l-1]), and dA_prev that of "
                           "A_prev: check which factor of each product is transposed.",
              "values": "dW averages dZ A_prev.T over the examples, db the columns of dZ, and "
                        "dA_prev is W transposed times dZ."}),
    Exercise("deep_network_step_by_step", "linear_activation_backward",
             "linear_activation_backward", (
                 Case("relu", RELU_LAYER_BACK, seed=551,
                      hints=_activation_hints(RELU_LAYER_BACK)),
                 Case("sigmoid", SIGMOID_LAYER_BACK, seed=552,
                      hints=_activation_hints(SIGMOID_LAYER_BACK)),
                 Case("relu_square", _layer_backward(3, 3, 4, "relu"), seed=553),
                 Case("sigmoid_one_unit", _layer_backward(4, 1, 5, "sigmoid"), seed=554),
             ), output_names=("dA_prev", "dW", "db"), stand_ins=LAYER_BACKWARD, mistakes=(
                 Hint("The result is linear_backward of dA itself: first take the "
                      "activation's backward step, dZ = relu_backward(dA, Z) or "
                      "sigmoid_backward(dA, Z).",
                      when=gives(lambda dA, cache, activation: deep_network.linear_backward(
                          dA, cache[0])), kind="skipped the activation's backward step"),
                 Hint("The ReLU's slope was taken at A_prev, the layer's input: take it at "
                      "the cached Z, relu_backward(dA, activation_cache).",
                      when=gives(_relu_slope_at_A_prev), kind="slope taken at A_prev, not Z")),
             hints={"values": "dZ is the activation's backward step (relu_backward or "
                              "sigmoid_backward) taken at the cached Z; then linear_backward "
                              "with the linear cache.",
                    "factor_m": "linear_backward already averages over the examples."}),
    Exercise("deep_network_step_by_step", "L_model_backward", "L_model_backward", (
        Case("three_layers", _backward([4, 3, 2, 1], 5), seed=561),
        Case("one_layer", _backward([3, 1], 4), seed=562),
        Case("two_layers", _backward([5, 4, 1], 6), seed=563),
        Case("four_layers", _backward([2, 3, 3, 2, 1], 7), seed=564),
    ), output_names="grads", stand_ins=MODEL_BACKWARD, mistakes=(
        Hint("The backward pass starts from AL - Y: that is dZ of the last layer, and "
             "sigmoid_backward makes it from dAL = -(Y / AL - (1 - Y) / (1 - AL)), the "
             "gradient to start from.",
             when=gives(lambda AL, Y, caches: _backward_from(AL, Y, caches, AL - Y)),
             kind="AL - Y as dAL"),
        Hint("The last layer went back through the ReLU: its activation is the sigmoid, so "
             "its backward step is sigmoid_backward.",
             when=gives(lambda AL, Y, caches: _backward_from(AL, Y, caches, _right_dAL(AL, Y),
                                                        "relu")),
             kind="no sigmoid at the output")),
       hints={"sign": "dAL is minus (Y / AL - (1 - Y) / (1 - AL)): check its sign.",
              "values": "Layer L goes back through the sigmoid with caches[L - 1], then "
                        "layers L - 1 down to 1 through the ReLU, each with the dA that the "
                        "layer after it returned; the keys are dA{l-1}, dW{l}, db{l}.",
              "factor_m": "linear_backward already averages over the examples."}),
    Exercise("deep_network_step_by_step", "update_parameters", "update_parameters", (
        Case("two_layers", _update([3, 4, 1], 0.05), seed=571),
        Case("three_layers", _update([2, 3, 2, 1], 1.2), seed=572),
        Case("one_layer", _update([4, 1], 0.3), seed=573),
    ), output_names="params",
       hints={"sign": "Subtract the gradient: W - learning_rate * dW.",
              "values": "Update every W and every b, each with its own gradient and the "
                        "learning_rate you are given."}),
    Exercise("deep_network_step_by_step", "concept_answers", "concept_answers",
             tuple(Case(f"q{i}") for i in range(1, 9)), kind="answers"),
)

APPLICATION = (
    Exercise("deep_network_application", "two_layer_model", "two_layer_model", (
        Case("defaults", _model([3, 2, 1], 6, None, None, numpy_seed=5), seed=601),
        Case("other_rate_and_length", TWO_LAYER_OTHER, seed=602,
             hints=ignored_arguments(TWO_LAYER_OTHER, "learning_rate", "num_iterations")),
        Case("wide_hidden_layer", TWO_LAYER_WIDE, seed=603,
             hints=ignored_arguments(TWO_LAYER_WIDE, "learning_rate", "num_iterations")),
    ), output_names=("parameters", "costs"), stand_ins=MODEL_PARTS, hints=MODEL_HINTS,
       mistakes=MODEL_MISTAKES),
    Exercise("deep_network_application", "L_layer_model", "L_layer_model", (
        Case("defaults", _model([3, 2, 1], 5, None, None, numpy_seed=8), seed=611),
        Case("three_layers", L_LAYER_THREE, seed=612,
             hints=ignored_arguments(L_LAYER_THREE, "learning_rate", "num_iterations")),
        Case("four_layers", L_LAYER_FOUR, seed=613,
             hints=ignored_arguments(L_LAYER_FOUR, "learning_rate", "num_iterations")),
        Case("two_layers", _model([5, 3, 1], 6, 0.05, 101, numpy_seed=14), seed=614),
    ), output_names=("parameters", "costs"), stand_ins=MODEL_PARTS, hints=MODEL_HINTS,
       mistakes=MODEL_MISTAKES),
)

EXERCISES = STEP_BY_STEP + APPLICATION
