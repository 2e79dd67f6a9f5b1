"""Hidden cases of week 5: mini-batches, averages, optimisers, schedules and the model.

Inputs differ from the notebook's visible ones (other sizes, seeds, hyperparameters, numbers of
layers, epochs and updates), so an answer that hard-codes the visible expected output or
ignores an argument fails here. Each exercise's ``mistakes`` recognise the named mistakes of the
issue by what they give on the case's inputs (``gives``): X and Y shuffled apart, a last batch
dropped or repeated, the batch size ignored; an average without (1 - beta) or corrected with t
from 0; momentum without (1 - beta) or stepping along the gradient; RMSprop without the square;
epsilon inside the root; Adam without bias correction, with t ignored or beta1 and beta2 swapped;
a decay by the epoch squared or without the floor; a model that ignores its optimizer,
mini_batch_size or num_epochs, or shuffles every epoch alike.

Epsilon: every optimiser case holds one gradient entry of about 1e-7 whose average of squares
starts at 0, so that epsilon added inside the square root (about 1e-4 there) gives another step
than epsilon added outside it (about 1e-8) even with epsilon's default; every other entry is of
a typical size.

Randomness: ``random_mini_batches`` shuffles with ``np.random.RandomState(seed)`` from its
argument; ``model`` seeds numpy's global generator itself (seed 3) and shuffles epoch k with
seed 10 + k, so its cases need no ``numpy_seed``. ``model``'s callees (the network, He's
start and the optimisers) are the helpers' correct versions while it is graded, and the
schedule it is given is a correct one sent by name (``autograder.runtime.codec.FUNCTIONS``):
a case of ``model`` depends on ``model`` alone. Its cases are small (a few points, a few
epochs), except the one with the defaults: 5000 epochs of one batch of 3 points.
"""


import numpy as np

from autograder.cases import Case, Exercise, Hint, Inputs, ignored_arguments, under_a_secret
from autograder.cases.probes import gives
from autograder.runtime.codec import FUNCTIONS, NamedFunction
from helpers.diagnosis import matches
from helpers.reference import optimizers
from helpers.reference.deep_network import (L_model_backward, L_model_forward, compute_cost,
                                            update_parameters)
from helpers.reference.initializations import initialize_parameters_he

NOTEBOOK = "optimization_methods"
OPTIMIZERS = "helpers.reference.optimizers"
NETWORK = "helpers.reference.deep_network"
MODEL_PARTS = {
    **{name: (OPTIMIZERS, name) for name in (
        "random_mini_batches", "initialize_velocity", "update_parameters_with_momentum",
        "initialize_rmsprop", "update_parameters_with_rmsprop", "initialize_adam",
        "update_parameters_with_adam")},
    **{name: (NETWORK, name) for name in ("L_model_forward", "compute_cost", "L_model_backward",
                                          "update_parameters")},
    "initialize_parameters_he": ("helpers.reference.initializations",
                                 "initialize_parameters_he"),
}
TINY_GRADIENT = 1e-7  # see the module's docstring


def _labels(rng, m):
    """0/1 labels of shape (1, m), both classes present."""
    Y = np.zeros((1, m))
    Y[0, rng.permutation(m)[: max(1, m // 2)]] = 1.0
    return Y


# ---------------------------------------------------------------------------- mini-batches

def _examples(n_x, m, size=None, seed=False):
    """X (n_x, m) of distinct values, labels Y; a batch size and a drawn seed if asked."""
    def build(rng):
        args = (rng.normal(size=(n_x, m)), _labels(rng, m))
        if size is not None:
            args += (size,)
        kwargs = {"seed": int(rng.integers(1, 10_000))} if seed else {}
        return Inputs(args, kwargs, m=m)
    return build


def _batches(X, Y, size, x_order, y_order, last="kept"):
    """Batches of X and Y taken in their orders; the last batch "kept", "dropped",
    "repeated" (the list ends with it twice) or "filled" (the last size columns)."""
    m = X.shape[1]
    Xs, Ys = X[:, x_order], Y[:, y_order]
    starts = list(range(0, m, size))
    batches = [(Xs[:, k:k + size], Ys[:, k:k + size]) for k in starts]
    if m % size and size < m:
        if last == "dropped":
            batches = batches[:-1]
        elif last == "repeated":
            batches = batches + [batches[-1]]
        elif last == "filled":
            batches[-1] = (Xs[:, m - size:], Ys[:, m - size:])
    return batches


def _order(X, seed):
    return np.random.RandomState(seed).permutation(X.shape[1])


def _shuffled_apart(X, Y, mini_batch_size=64, seed=0):
    rng = np.random.RandomState(seed)
    return _batches(X, Y, mini_batch_size, rng.permutation(X.shape[1]),
                    rng.permutation(X.shape[1]))


def _last_batch(how):
    def mistake(X, Y, mini_batch_size=64, seed=0):
        order = _order(X, seed)
        return _batches(X, Y, mini_batch_size, order, order, last=how)
    return mistake


def _size_ignored(X, Y, mini_batch_size=64, seed=0):
    return optimizers.random_mini_batches(X, Y, 64, seed)


MINI_BATCH_MISTAKES = (
    Hint("X and Y were shuffled in two different orders, so examples lost their labels: draw "
         "one permutation, np.random.RandomState(seed).permutation(m), and take the columns of "
         "both X and Y in it.", when=gives(_shuffled_apart), kind="shuffled X and Y apart"),
    Hint("The examples left over after the full batches are missing: when mini_batch_size "
         "does not divide m, the last batch holds the rest.",
         when=gives(_last_batch("dropped")), kind="dropped the last mini-batch"),
    Hint("Some examples are in two batches: the last batch holds only the examples left over "
         "after the full batches, once.", when=gives(_last_batch("repeated")),
         kind="repeated examples in the last mini-batch"),
    Hint("Some examples are in two batches: the last batch holds only the examples left over "
         "after the full batches, once.", when=gives(_last_batch("filled")),
         kind="repeated examples in the last mini-batch"),
    Hint("The batches have 64 examples whatever mini_batch_size says: use the mini_batch_size "
         "you are given.", when=gives(_size_ignored), kind="used the default mini_batch_size"),
)


# ---------------------------------------------------------------------------- averages

def _series(T, beta, bias_correction=None, positional=False):
    """A rank-1 series of T values far from 0 (so that a start pulled to 0 shows)."""
    def build(rng):
        theta = rng.uniform(5.0, 25.0) + rng.normal(0.0, 3.0, size=T)
        if bias_correction is None:
            return Inputs((theta, beta))
        if positional:
            return Inputs((theta, beta, bias_correction))
        return Inputs((theta, beta), {"bias_correction": bias_correction})
    return build


def _average(theta, beta, bias_correction=False, weight=None, first_t=1):
    """The average with ``weight`` instead of (1 - beta) and the correction's t from first_t."""
    weight = 1 - beta if weight is None else weight
    v, v_t = np.zeros(np.shape(theta)), 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        for t in range(1, len(theta) + 1):
            v_t = beta * v_t + weight * theta[t - 1]
            power = t - 1 + first_t
            v[t - 1] = v_t / (1 - beta ** power) if bias_correction else v_t
    return v


AVERAGE_MISTAKES = (
    Hint("Each new value was added whole: v = beta * v + (1 - beta) * theta_t, with the "
         "weight (1 - beta).",
         when=gives(lambda theta, beta, bias_correction=False: _average(
             theta, beta, bias_correction, weight=1.0)), kind="left out (1 - beta)"),
    Hint("The bias correction counts t from 0: the first value is divided by 1 - beta ** 1, "
         "the t-th by 1 - beta ** t, t = 1, 2, ...",
         when=gives(lambda theta, beta, bias_correction=False: _average(
             theta, beta, bias_correction, first_t=0)), kind="bias correction with t from 0"),
)


# ---------------------------------------------------------------------------- optimisers

def _parameters(rng, dims):
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1]))
        parameters[f"b{l}"] = rng.normal(size=(dims[l], 1))
    return parameters


def _gradients(rng, parameters):
    """Gradients of a typical size, with one tiny entry (see the module's docstring)."""
    grads = {f"d{key}": rng.normal(size=value.shape) for key, value in parameters.items()}
    grads["db1"][0, 0] = TINY_GRADIENT * (1 + rng.random())
    return grads


def _state(rng, parameters, squares=False):
    """A state dict of a few steps' history: averages of gradients, or of their squares (with a
    0 where the tiny gradient is)."""
    state = {}
    for key, value in parameters.items():  # squares of a typical size, none near 0
        state[f"d{key}"] = (rng.uniform(0.1, 1.0, size=value.shape) if squares
                            else rng.normal(0.0, 0.5, size=value.shape))
    if squares:
        state["db1"][0, 0] = 0.0
    return state


def _only_parameters(dims):
    """Parameters of layer sizes ``dims``; under a course secret every size is drawn 1 to 3
    larger, so the zeros an initialiser returns have shapes of the secret's own."""
    def drawn(rng):
        return Inputs((_parameters(rng, [d + int(rng.integers(1, 4)) for d in dims]),))
    return under_a_secret(lambda rng: Inputs((_parameters(rng, dims),)), drawn)


def _momentum(dims, beta, learning_rate):
    def build(rng):
        parameters = _parameters(rng, dims)
        return Inputs((parameters, _gradients(rng, parameters), _state(rng, parameters), beta,
                       learning_rate))
    return build


def _rmsprop(dims, beta2, learning_rate, epsilon=None):
    def build(rng):
        parameters = _parameters(rng, dims)
        kwargs = {} if epsilon is None else {"epsilon": epsilon}
        return Inputs((parameters, _gradients(rng, parameters), _state(rng, parameters, True),
                       beta2, learning_rate), kwargs)
    return build


def _adam(dims, t, hyperparameters=None):
    def build(rng):
        parameters = _parameters(rng, dims)
        return Inputs((parameters, _gradients(rng, parameters), _state(rng, parameters),
                       _state(rng, parameters, True), t), dict(hyperparameters or {}))
    return build


def _momentum_with(parameters, grads, v, beta, learning_rate, weight=None, along="v"):
    parameters, v = dict(parameters), dict(v)
    for key in list(parameters):
        grad = grads[f"d{key}"]
        v[f"d{key}"] = beta * v[f"d{key}"] + (1 - beta if weight is None else weight) * grad
        parameters[key] = parameters[key] - learning_rate * (v[f"d{key}"] if along == "v"
                                                             else grad)
    return parameters, v


def _without_the_square(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    """RMSprop averaging the gradients themselves."""
    parameters, s = dict(parameters), dict(s)
    with np.errstate(invalid="ignore"):
        for key in list(parameters):
            grad = grads[f"d{key}"]
            s[f"d{key}"] = beta2 * s[f"d{key}"] + (1 - beta2) * grad
            parameters[key] = parameters[key] - learning_rate * grad / (
                np.sqrt(s[f"d{key}"]) + epsilon)
    return parameters, s


def _epsilon_inside(parameters, grads, average, learning_rate, epsilon):
    """The parameters moved by -learning_rate * grads / np.sqrt(average + epsilon) (``grads``
    Adam's corrected v): the step with epsilon inside the square root, from correct averages."""
    return {key: value - learning_rate * grads[f"d{key}"] / np.sqrt(average[f"d{key}"] + epsilon)
            for key, value in parameters.items()}


def _rmsprop_inside(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    _, s = optimizers.update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate,
                                                     epsilon)
    return _epsilon_inside(parameters, grads, s, learning_rate, epsilon), s


def _adam_inside(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                 epsilon=1e-8):
    _, *averages = optimizers.update_parameters_with_adam(parameters, grads, v, s, t,
                                                          learning_rate, beta1, beta2, epsilon)
    v_corrected, s_corrected = averages[2:]
    return (_epsilon_inside(parameters, v_corrected, s_corrected, learning_rate, epsilon),
            *averages)


def _without_correction(parameters, grads, v, s, t, *args, **kwargs):
    """Adam without bias correction: at so late a t, 1 - beta ** t is exactly 1."""
    return optimizers.update_parameters_with_adam(parameters, grads, v, s, 10 ** 9, *args,
                                                  **kwargs)


def _swapped_betas(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                   epsilon=1e-8):
    return optimizers.update_parameters_with_adam(parameters, grads, v, s, t, learning_rate,
                                                  beta2, beta1, epsilon)


def _t_ignored(parameters, grads, v, s, t, *args, **kwargs):
    return optimizers.update_parameters_with_adam(parameters, grads, v, s, 1, *args, **kwargs)


EPSILON_INSIDE = "epsilon inside the square root"
MOMENTUM_MISTAKES = (
    Hint("The velocity adds the whole gradient: v = beta * v + (1 - beta) * grad, with the "
         "weight (1 - beta).", when=gives(lambda *args: _momentum_with(*args, weight=1.0)),
         kind="momentum without (1 - beta)"),
    Hint("The parameters moved along the gradient itself: momentum steps along the new "
         "velocity, parameter - learning_rate * v.",
         when=gives(lambda *args: _momentum_with(*args, along="grad"), part=0),
         kind="stepped along the gradient, not v"),
)
RMSPROP_MISTAKES = (
    Hint("s averages the gradients themselves: it averages their squares, "
         "s = beta2 * s + (1 - beta2) * grad ** 2.",
          when=gives(_without_the_square), kind="RMSprop without the square"),
    Hint("epsilon was added inside the square root: divide by np.sqrt(s) + epsilon.",
         when=gives(_rmsprop_inside), kind=EPSILON_INSIDE),
)
ADAM_MISTAKES = (
    Hint("v_corrected and s_corrected are v and s themselves: divide by 1 - beta1 ** t and "
         "1 - beta2 ** t.", when=gives(_without_correction), kind="Adam without bias correction"),
    Hint("The correction is the one of the first update, t = 1: use the t you are given.",
         when=gives(_t_ignored), kind="ignored t"),
    Hint("beta1 and beta2 are swapped: v (the gradients' average) uses beta1, s (the "
         "squares' average) beta2.", when=gives(_swapped_betas),
         kind="swapped beta1 and beta2"),
    Hint("epsilon was added inside the square root: divide by np.sqrt(s_corrected) + epsilon.",
         when=gives(_adam_inside), kind=EPSILON_INSIDE),
)


# ---------------------------------------------------------------------------- schedules

def _rate(rng):
    return float(rng.uniform(0.01, 0.5))


def _inverse_time(rng):
    return Inputs((_rate(rng), int(rng.integers(2, 60)), float(rng.uniform(0.1, 3.0))))


def _stepwise(time_interval=None, offset=None):
    """An epoch between two multiples of the interval (so that the floor matters), or, with
    `offset`, one that far from the k-th multiple (k from 2 to 5): 1 is the epoch after the
    rate stepped down (an interval one longer has not stepped k times yet), -1 the epoch
    before it steps (counted one later, it steps already)."""
    def build(rng):
        interval = 1000 if time_interval is None else time_interval
        if offset is None:
            epoch = interval * int(rng.integers(1, 5)) + int(rng.integers(1, interval))
        else:
            epoch = interval * int(rng.integers(2, 6)) + offset
        args = (_rate(rng), epoch, float(rng.uniform(0.2, 3.0)))
        if time_interval is None:
            return Inputs(args)
        return Inputs(args, {"time_interval": time_interval})
    return build


def _exponential(base=None, keyword=False):
    def build(rng):
        args = (_rate(rng), int(rng.integers(2, 40)))
        if base is None:
            return Inputs(args)
        value = float(rng.uniform(*base))
        return Inputs(args, {"base": value}) if keyword else Inputs(args + (value,))
    return build


def _square_root(k=None, keyword=False):
    def build(rng):
        args = (_rate(rng), int(rng.integers(2, 200)))
        if k is None:
            return Inputs(args)
        value = float(rng.uniform(*k))
        return Inputs(args, {"k": value}) if keyword else Inputs(args + (value,))
    return build


# ---------------------------------------------------------------------------- the model

def _train(X, Y, layers_dims, optimizer, learning_rate=0.0007, mini_batch_size=64, beta=0.9,
           beta1=0.9, beta2=0.999, epsilon=1e-8, num_epochs=5000, print_cost=True, decay=None,
           decay_rate=1, same_shuffle=False):
    """The model, from the helpers' correct parts, optionally with every epoch shuffled with
    seed 10 (``same_shuffle``)."""
    np.random.seed(3)
    parameters = initialize_parameters_he(layers_dims)
    learning_rate0, t = learning_rate, 0
    v, s = optimizers.initialize_adam(parameters)
    for i in range(num_epochs):
        seed = 10 if same_shuffle else 10 + i
        for X_b, Y_b in optimizers.random_mini_batches(X, Y, mini_batch_size, seed):
            AL, caches = L_model_forward(X_b, parameters)
            grads = L_model_backward(AL, Y_b, caches)
            if optimizer == "gd":
                parameters = update_parameters(parameters, grads, learning_rate)
            elif optimizer == "momentum":
                parameters, v = optimizers.update_parameters_with_momentum(
                    parameters, grads, v, beta, learning_rate)
            elif optimizer == "rmsprop":
                parameters, s = optimizers.update_parameters_with_rmsprop(
                    parameters, grads, s, beta2, learning_rate, epsilon)
            else:
                t += 1
                parameters, v, s, _, _ = optimizers.update_parameters_with_adam(
                    parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon)
        if decay is not None:
            learning_rate = decay(learning_rate0, i, decay_rate)
    return parameters


def _another_optimizer(actual, expected, inputs):
    """A Hint.when test: the result is what another optimizer gives on the same inputs."""
    X, Y, layers_dims, optimizer = inputs.args
    kwargs = dict(inputs.kwargs, print_cost=False)
    return any(matches(actual, _trained(X, Y, layers_dims, other, kwargs))
               for other in ("gd", "momentum", "rmsprop", "adam") if other != optimizer)


_remembered = {}


def _trained(X, Y, layers_dims, optimizer, kwargs):
    """_train's result, computed once per inputs in the grader's process (a few kept)."""
    key = (X.tobytes(), Y.tobytes(), tuple(layers_dims), optimizer, repr(sorted(kwargs.items())))
    if key not in _remembered:
        state = np.random.get_state()
        try:
            with np.errstate(all="ignore"):  # a mistaken run may saturate the sigmoid
                _remembered[key] = _train(X, Y, layers_dims, optimizer, **kwargs)
        finally:
            np.random.set_state(state)
        while len(_remembered) > 64:
            _remembered.pop(next(iter(_remembered)))
    return _remembered[key]


def _with_default(name):
    def mistake(X, Y, layers_dims, optimizer, **kwargs):
        kwargs.pop(name, None)
        with np.errstate(all="ignore"):  # a mistaken run may saturate the sigmoid
            return _train(X, Y, layers_dims, optimizer, **kwargs)
    return mistake


MODEL_MISTAKES = (
    Hint("The parameters are what another optimiser gives: take each step with the optimiser "
         "that optimizer names (\"gd\", \"momentum\", \"rmsprop\" or \"adam\").",
         when=_another_optimizer, kind="ignored optimizer"),
    Hint("The result is what mini-batches of 64 give: cut the batches with the "
         "mini_batch_size you are given.", when=gives(_with_default("mini_batch_size")),
         kind="used the default mini_batch_size"),
    Hint("The result is what 5000 epochs give: train for the num_epochs you are given.",
         when=gives(_with_default("num_epochs")), kind="used the default num_epochs"),
    Hint("Every epoch was shuffled the same way: epoch k (from 0) shuffles with seed 10 + k, "
         "random_mini_batches(X, Y, mini_batch_size, 10 + k).",
         when=gives(lambda *args, **kwargs: _train(*args, **kwargs, same_shuffle=True)),
         kind="the same shuffle every epoch"),
)


def _training_set(m, layers_dims, optimizer, **kwargs):
    """m points and labels, with the model's settings; a schedule by its name."""
    def build(rng):
        settings = dict(kwargs)
        if "decay" in settings:
            settings["decay"] = NamedFunction(settings["decay"])
        settings["print_cost"] = False
        return Inputs((rng.normal(size=(layers_dims[0], m)), _labels(rng, m), list(layers_dims),
                       optimizer), settings, m=m)
    return build


assert {"a0/(1+r*epoch)", "a0*r^epoch", "a0/(1+r*floor(epoch/2))"} <= set(FUNCTIONS)
MINI_BATCH_HINTS = {
    "values": "Draw one permutation, np.random.RandomState(seed).permutation(m), take the "
              "columns of X and of Y in that order, then cut full batches of mini_batch_size "
              "and one smaller batch with the rest.",
    "length": "Every example is in exactly one batch: floor(m / mini_batch_size) full "
              "batches, plus one smaller batch when there is a remainder (none when "
              "mini_batch_size divides m)."}
REMAINDER = _examples(2, 23, 5, seed=True)
EXACT = _examples(4, 24, 6, seed=True)
CORRECTED = _series(15, 0.9, True)
SHORT_INTERVAL = _stepwise(time_interval=7)
LONG_INTERVAL = _stepwise(time_interval=250)
AFTER_A_STEP = _stepwise(time_interval=9, offset=1)
BEFORE_A_STEP = _stepwise(time_interval=40, offset=-1)
BASE_BY_NAME = _exponential((0.9, 0.99), keyword=True)
K_BY_NAME = _square_root((0.2, 0.8), keyword=True)
# what else than the learning rate scales a move of every entry (v and s are averages)
STEP_ADVICE = {
    "momentum": ("Check the learning_rate of the step and the weights "
                 "beta and (1 - beta) of the velocity."),
    "rmsprop": ("Check the learning_rate of the step and the weights "
                "beta2 and (1 - beta2) of s."),
    "adam": ("Check the learning_rate of the step, and that beta1 "
             "weighs v and beta2 weighs s."),
}
STATE_HINTS = {"values": "Every entry is zeros of the shape of its parameter.",
               "keys": "The keys are those of the gradients: dW1, db1, ..., dWL, dbL."}

EXERCISES = (
    Exercise(NOTEBOOK, "random_mini_batches", "random_mini_batches", (
        Case("defaults", _examples(3, 150), seed=901),
        Case("remainder", REMAINDER, seed=902, hints=ignored_arguments(REMAINDER, "seed")),
        Case("exact_division", EXACT, seed=903, hints=ignored_arguments(EXACT, "seed")),
        Case("batch_size_one", _examples(2, 9, 1, seed=True), seed=904),
        Case("larger_than_m", _examples(3, 10, 16, seed=True), seed=905),
        Case("remainder_of_one", _examples(3, 13, 4, seed=True), seed=906),
    ), output_names="mini_batches", mistakes=MINI_BATCH_MISTAKES, hints=MINI_BATCH_HINTS),
    Exercise(NOTEBOOK, "exponentially_weighted_average", "exponentially_weighted_average", (
        Case("beta_half", _series(12, 0.5), seed=911),
        Case("bias_corrected", CORRECTED, seed=912,
             hints=ignored_arguments(CORRECTED, "bias_correction")),
        Case("bias_corrected_positional", _series(9, 0.8, True, positional=True), seed=913),
        Case("long_memory", _series(30, 0.98), seed=914),
        Case("long_memory_corrected", _series(25, 0.98, True), seed=915),
    ), output_names="v", mistakes=AVERAGE_MISTAKES,
       hints={"values": "Start from v = 0 and for t = 1, ..., T compute v = beta * v + "
                        "(1 - beta) * theta[t - 1]; with bias_correction store "
                        "v / (1 - beta ** t)."}),
    Exercise(NOTEBOOK, "initialize_velocity", "initialize_velocity", (
        Case("two_layers", _only_parameters([4, 3, 1]), seed=921),
        Case("three_layers", _only_parameters([2, 5, 3, 1]), seed=922),
        Case("one_layer", _only_parameters([6, 1]), seed=923),
    ), output_names="v", hints=STATE_HINTS),
    Exercise(NOTEBOOK, "update_parameters_with_momentum", "update_parameters_with_momentum", (
        Case("two_layers", _momentum([4, 3, 1], 0.9, 0.05), seed=931),
        Case("three_layers", _momentum([2, 5, 3, 1], 0.75, 0.3), seed=932),
        Case("one_layer", _momentum([3, 1], 0.95, 0.8), seed=933),
    ), output_names=("parameters", "v"), mistakes=MOMENTUM_MISTAKES,
       hints={"values": "First v = beta * v + (1 - beta) * grad, then parameter = parameter - "
                        "learning_rate * v, for every W and b of every layer.",
              "step of another size": STEP_ADVICE["momentum"]}),
    Exercise(NOTEBOOK, "initialize_rmsprop", "initialize_rmsprop", (
        Case("two_layers", _only_parameters([3, 4, 1]), seed=941),
        Case("three_layers", _only_parameters([5, 2, 3, 1]), seed=942),
    ), output_names="s", hints=STATE_HINTS),
    Exercise(NOTEBOOK, "update_parameters_with_rmsprop", "update_parameters_with_rmsprop", (
        Case("defaults", _rmsprop([4, 3, 1], 0.999, 0.01), seed=951),
        Case("three_layers", _rmsprop([2, 5, 3, 1], 0.9, 0.05, epsilon=0.001), seed=952),
        Case("one_layer", _rmsprop([3, 1], 0.99, 0.2), seed=953),
    ), output_names=("parameters", "s"), mistakes=RMSPROP_MISTAKES,
       hints={"values": "First s = beta2 * s + (1 - beta2) * grad ** 2, then parameter = "
                        "parameter - learning_rate * grad / (np.sqrt(s) + epsilon).",
              "step of another size": STEP_ADVICE["rmsprop"]}),
    Exercise(NOTEBOOK, "initialize_adam", "initialize_adam", (
        Case("two_layers", _only_parameters([3, 2, 1]), seed=961),
        Case("four_layers", _only_parameters([4, 3, 3, 2, 1]), seed=962),
    ), output_names=("v", "s"), hints=STATE_HINTS),
    Exercise(NOTEBOOK, "update_parameters_with_adam", "update_parameters_with_adam", (
        Case("defaults", _adam([4, 3, 1], 2), seed=971),
        Case("later_update", _adam([2, 5, 3, 1], 9, {"learning_rate": 0.03, "beta1": 0.85,
                                                      "beta2": 0.98, "epsilon": 0.001}),
             seed=972),
        Case("one_layer", _adam([3, 1], 4, {"learning_rate": 0.2, "beta1": 0.7, "beta2": 0.9,
                                             "epsilon": 1e-6}), seed=973),
    ), output_names=("parameters", "v", "s", "v_corrected", "s_corrected"),
       mistakes=ADAM_MISTAKES,
       hints={"values": "v and s as in momentum and RMSprop (beta1, beta2), corrected by "
                        "1 - beta1 ** t and 1 - beta2 ** t with the t you are given; the step "
                        "is learning_rate * v_corrected / (np.sqrt(s_corrected) + epsilon).",
              "step of another size": STEP_ADVICE["adam"]}),
    Exercise(NOTEBOOK, "update_lr", "update_lr", (
        Case("early", _inverse_time, seed=981),
        Case("later", _inverse_time, seed=982),
    ), output_names="learning_rate", mistakes=(
        Hint("The rate falls with the epoch squared: divide by 1 + decay_rate * epoch_num.",
             when=gives(lambda a0, epoch, rate: a0 / (1 + rate * epoch ** 2)),
             kind="decayed by the epoch squared"),),
       hints={"values": "learning_rate0 / (1 + decay_rate * epoch_num)."}),
    Exercise(NOTEBOOK, "schedule_lr_decay", "schedule_lr_decay", (
        Case("defaults", _stepwise(), seed=991),
        Case("short_interval", SHORT_INTERVAL, seed=992,
             hints=ignored_arguments(SHORT_INTERVAL, "time_interval")),
        Case("long_interval", LONG_INTERVAL, seed=993,
             hints=ignored_arguments(LONG_INTERVAL, "time_interval")),
        Case("just_after_a_step", AFTER_A_STEP, seed=994),
        Case("just_before_a_step", BEFORE_A_STEP, seed=995),
    ), output_names="learning_rate", mistakes=(
        Hint("The rate changes after every epoch: it falls only once every time_interval "
             "epochs, np.floor(epoch_num / time_interval).",
             when=gives(lambda a0, epoch, rate, time_interval=1000:
                        a0 / (1 + rate * epoch / time_interval)),
             kind="no floor"),),
       hints={"values": "learning_rate0 / (1 + decay_rate * np.floor(epoch_num / "
                        "time_interval))."}),
    Exercise(NOTEBOOK, "exponential_lr_decay", "exponential_lr_decay", (
        Case("defaults", _exponential(), seed=1001),
        Case("base", _exponential((0.5, 0.9)), seed=1002),
        Case("base_by_name", BASE_BY_NAME, seed=1003,
             hints=ignored_arguments(BASE_BY_NAME, "base")),
    ), output_names="learning_rate",
       hints={"values": "learning_rate0 * base ** epoch_num."}),
    Exercise(NOTEBOOK, "sqrt_lr_decay", "sqrt_lr_decay", (
        Case("defaults", _square_root(), seed=1011),
        Case("k", _square_root((1.5, 4.0)), seed=1012),
        Case("k_by_name", K_BY_NAME, seed=1013, hints=ignored_arguments(K_BY_NAME, "k")),
    ), output_names="learning_rate",
       hints={"values": "learning_rate0 * k / np.sqrt(epoch_num + 1)."}),
    Exercise(NOTEBOOK, "model", "model", (
        Case("defaults", _training_set(3, [2, 2, 1], "adam"), seed=1021),
        Case("gd", _training_set(10, [2, 3, 1], "gd", learning_rate=0.2, mini_batch_size=4,
                                 num_epochs=4), seed=1022),
        Case("momentum", _training_set(9, [3, 3, 2, 1], "momentum", learning_rate=0.3,
                                       mini_batch_size=2, beta=0.6, num_epochs=3), seed=1023),
        Case("rmsprop", _training_set(8, [2, 4, 1], "rmsprop", learning_rate=0.04,
                                      mini_batch_size=3, beta2=0.8, epsilon=0.01, num_epochs=3),
             seed=1024),
        Case("adam", _training_set(7, [2, 3, 2, 1], "adam", learning_rate=0.06,
                                   mini_batch_size=3, beta1=0.7, beta2=0.9, epsilon=0.001,
                                   num_epochs=4), seed=1025),
        Case("gd_with_decay", _training_set(9, [2, 3, 1], "gd", learning_rate=0.5,
                                            mini_batch_size=4, num_epochs=5,
                                            decay="a0/(1+r*epoch)", decay_rate=0.7), seed=1026),
        Case("momentum_with_decay", _training_set(8, [2, 3, 1], "momentum", learning_rate=0.4,
                                                  mini_batch_size=3, num_epochs=5,
                                                  decay="a0*r^epoch", decay_rate=0.6),
             seed=1027),
        Case("adam_with_decay", _training_set(6, [2, 2, 1], "adam", learning_rate=0.1,
                                              mini_batch_size=4, num_epochs=6,
                                              decay="a0/(1+r*floor(epoch/2))", decay_rate=2.0),
             seed=1028),
        # decay_rate left at its default, 1 (a model with another default rate fails here)
        Case("decay_at_the_default_rate", _training_set(7, [2, 2, 1], "gd", learning_rate=0.6,
                                                        mini_batch_size=3, num_epochs=4,
                                                        decay="a0/(1+r*epoch)"), seed=1029),
    ), output_names="parameters", stand_ins=MODEL_PARTS, mistakes=MODEL_MISTAKES,
       hints={"values": "Seed once with np.random.seed(3), start from "
                        "initialize_parameters_he(layers_dims), shuffle epoch k with seed "
                        "10 + k, step with the optimiser named by optimizer (Adam's t from 1, "
                        "counting across epochs), and after epoch k, with a decay, set "
                        "learning_rate = decay(learning_rate0, k, decay_rate)."}),
    Exercise(NOTEBOOK, "concept_answers", "concept_answers",
             tuple(Case(f"q{i}") for i in range(1, 7)), kind="answers"),
)
