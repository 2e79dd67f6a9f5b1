"""Hidden cases of week 4: setting up a problem, normalising inputs, initialising a network,
regularising it and checking its gradients.

Inputs differ from the notebooks' visible ones (other numbers of examples and features, other
fractions, seeds, errors and layer sizes), so an answer that hard-codes the visible expected
output, or ignores an argument, fails here. Each exercise's ``mistakes`` recognise the named
mistakes of the issue by what they give on the case's inputs (``gives``): a split that
shuffles X and Y apart or loses the last examples, a diagnosis with bias and variance swapped
or without the Bayes error, a normalisation by the variance or without the mean or with the
set's own statistics, and He's, Xavier's and the other initialisations with the wrong scale,
fan or biases.

Randomness: ``split_dataset`` shuffles with ``np.random.RandomState(seed)`` from its argument;
the initialisations draw from numpy's global generator without seeding it, so their cases seed
it first (``Inputs.numpy_seed``), W1 before W2 before W3. No exercise of these two notebooks
calls another, so none has stand-ins.

The regularisation and gradient-checking notebooks' cases are built the same way: L2 terms
without 1/m or without the 1/2 or with the biases, dropout masks drawn otherwise (normal draws,
one per unit, on the output, anew in the backward pass) or not scaled, early stopping that
returns the last or the next index or ignores its patience, pictures flipped along the wrong
axis or as flat vectors or without the originals, and gradient checks with one-sided
differences, another denominator, one shared nudged array or their own epsilon. Dropout's cases
seed numpy's global generator (``Inputs.numpy_seed``), as the notebook's checks do, D1 drawn
before D2. ``gradient_check`` is the one exercise with stand-ins: it calls the notebook's
``forward_propagation`` and ``backward_propagation``, and the grader hands it a faulty backward
pass (x + theta), so that what it returns is a difference far from rounding noise; other
graded functions call none.
"""

import numpy as np

from autograder import secret
from autograder.cases import Case, Exercise, Hint, Inputs, ignored_arguments, under_a_secret
from autograder.cases.probes import gives, seeded_itself, takes_inputs
from helpers.diagnosis import matches
from helpers.reference.data_setup import diagnose, split_dataset

SPLIT_NAMES = ("X_train", "Y_train", "X_dev", "Y_dev", "X_test", "Y_test")
DEFAULT_FRACTIONS = (0.6, 0.2, 0.2)
OWN_SEEDS = range(100)  # the seeds a split that ignores its argument is recognised with


# ---------------------------------------------------------------------------- split_dataset

def _cut(X, Y, order, fractions, keep_the_rest=True):
    """The six parts of a split of X and Y in the given column order(s)."""
    x_order, y_order = order if isinstance(order, tuple) else (order, order)
    m = X.shape[1]
    m_train, m_dev = int(fractions[0] * m), int(fractions[1] * m)
    end = m if keep_the_rest else m_train + m_dev + int(fractions[2] * m)
    Xs, Ys = X[:, x_order], Y[:, y_order]
    return (Xs[:, :m_train], Ys[:, :m_train], Xs[:, m_train:m_train + m_dev],
            Ys[:, m_train:m_train + m_dev], Xs[:, m_train + m_dev:end],
            Ys[:, m_train + m_dev:end])


def _shuffled_apart(X, Y, fractions=DEFAULT_FRACTIONS, seed=0):
    """X and Y each in an order of its own: two draws of the same generator."""
    rng = np.random.RandomState(seed)
    return _cut(X, Y, (rng.permutation(X.shape[1]), rng.permutation(X.shape[1])), fractions)


def _drops_the_rest(X, Y, fractions=DEFAULT_FRACTIONS, seed=0):
    """A test set of int(fractions[2] * m) examples, the rest lost."""
    return _cut(X, Y, np.random.RandomState(seed).permutation(X.shape[1]), fractions,
                keep_the_rest=False)


def _another_seed(actual, expected, inputs):
    """A Hint.when test: the split is the one another seed gives."""
    X, Y = inputs.args
    fractions = inputs.kwargs.get("fractions", DEFAULT_FRACTIONS)
    seed = inputs.kwargs.get("seed", 0)
    return any(matches(actual, split_dataset(X, Y, fractions, own)) for own in OWN_SEEDS
               if own != seed)


def _labels(rng, m):
    """0/1 labels of shape (1, m), both classes present."""
    Y = np.zeros((1, m))
    Y[0, rng.permutation(m)[: m // 2]] = 1.0
    return Y


def _data(n_x, m, fractions=None, seed=None):
    """X (n_x, m) of distinct values and labels Y; a seed drawn from the case's generator
    when ``seed`` is "drawn"."""
    def build(rng):
        kwargs = {}
        if fractions is not None:
            kwargs["fractions"] = fractions
        if seed == "drawn":
            kwargs["seed"] = int(rng.integers(1, 10_000))
        return Inputs((rng.normal(size=(n_x, m)), _labels(rng, m)), kwargs, m=m)
    return build


SPLIT_SEVENTY = _data(3, 41, (0.7, 0.15, 0.15), "drawn")
SPLIT_HALVES = _data(2, 27, (0.5, 0.25, 0.25), "drawn")
SPLIT_MISTAKES = (
    Hint("X and Y were shuffled in two different orders, so examples lost their labels: draw "
         "one order, order = np.random.RandomState(seed).permutation(m), and take the columns "
         "of both X and Y in it.", when=gives(_shuffled_apart),
         kind="shuffled X and Y apart"),
    Hint("The test set lost the examples left over after rounding: it takes every example "
         "after the training and dev sets, not int(fractions[2] * m) of them.",
         when=gives(_drops_the_rest), kind="dropped the last examples"),
    Hint("The split is the one another seed gives: shuffle with the seed you are given, "
         "np.random.RandomState(seed).permutation(m).", when=_another_seed,
         kind="ignored the seed"),
)


# ---------------------------------------------------------------------------- diagnose

def _swapped(train_error, dev_error, bayes_error=0.0, tolerance=0.02):
    swap = {"high bias": "high variance", "high variance": "high bias"}
    found = diagnose(train_error, dev_error, bayes_error, tolerance)
    return swap.get(found, found)


def _without_bayes(train_error, dev_error, bayes_error=0.0, tolerance=0.02):
    return diagnose(train_error, dev_error, 0.0, tolerance)


# (high bias, high variance): swapping bias and variance changes the first pair's diagnoses
# and neither of the second's, so a case drawing within a pair loses (or keeps) its points
# for that mistake under every secret
BIAS_OR_VARIANCE = ((True, False), (False, True))
BOTH_OR_NEITHER = ((True, True), (False, False))


def _errors(problems, bayes=None, tolerance=None):
    """Errors that show one of ``problems`` (pairs (high bias, high variance)), drawn by the
    case's generator, so that the expected diagnoses differ from secret to secret while every
    named mistake shows (or not) on the same cases; ``bayes`` "drawn" draws a Bayes error
    well above the tolerance (so that leaving it out changes the diagnosis), ``tolerance`` a
    value other than the default, with gaps on either side of both."""
    def build(rng):
        high_bias, high_variance = problems[int(rng.integers(len(problems)))]
        tol = tolerance if tolerance is not None else 0.02
        bayes_error = float(rng.uniform(3 * tol, 0.2)) if bayes == "drawn" else 0.0
        far, near = rng.uniform(1.5 * tol, 3 * tol, size=2), rng.uniform(0.3 * tol, 0.7 * tol,
                                                                         size=2)
        train_error = bayes_error + float(far[0] if high_bias else near[0])
        dev_error = train_error + float(far[1] if high_variance else near[1])
        kwargs = {}
        if bayes is not None:
            kwargs["bayes_error"] = bayes_error
        if tolerance is not None:
            kwargs["tolerance"] = tolerance
        return Inputs((train_error, dev_error), kwargs)
    return build


def _gaps(tolerance, bayes_multiple, bias_multiple, variance_multiple):
    """Errors whose gaps are whole multiples of a power-of-two tolerance: every number is
    exact in binary floats, so a gap equal to the tolerance is exactly equal."""
    bayes_error = tolerance * bayes_multiple
    train_error = bayes_error + tolerance * bias_multiple
    return Inputs((train_error, train_error + tolerance * variance_multiple),
                  {"bayes_error": bayes_error, "tolerance": tolerance})


def _public_exact_gaps(rng):
    """Both gaps exactly equal to the tolerance: a good fit."""
    return _gaps(0.125, 1, 1, 1)


def _drawn_exact_gaps(rng):
    """Both gaps exactly another power-of-two tolerance, above another Bayes error."""
    return _gaps(2.0 ** -int(rng.integers(4, 7)), int(rng.integers(1, 4)), 1, 1)


DIAGNOSE_MISTAKES = (
    Hint("Bias and variance are swapped: the avoidable bias is train_error - bayes_error, "
         "the variance dev_error - train_error.", when=gives(_swapped),
         kind="swapped bias and variance"),
    Hint("The diagnosis left out the Bayes error: the avoidable bias is the gap from "
         "bayes_error to train_error, not train_error itself.", when=gives(_without_bayes),
         kind="ignored the Bayes error"),
)


# ---------------------------------------------------------------------------- normalisation

def _features(n_x, m):
    """X (n_x, m) whose features have means and spreads of very different sizes."""
    def build(rng):
        scales = 10.0 ** rng.integers(-1, 3, size=(n_x, 1))  # from 0.1 to 100
        means = rng.uniform(-5, 5, size=(n_x, 1)) * scales
        spreads = rng.uniform(0.5, 3.0, size=(n_x, 1)) * scales  # at least a tenth of the mean
        return Inputs((means + spreads * rng.normal(size=(n_x, m)),), m=m)
    return build


def _statistics(X, ddof=0):
    mu = X.mean(axis=1, keepdims=True)
    return mu, X.var(axis=1, keepdims=True, ddof=ddof)


def _by_the_variance(X_train):
    mu, sigma2 = _statistics(X_train)
    return (X_train - mu) / sigma2, mu, sigma2


def _without_the_mean(X_train):
    mu, sigma2 = _statistics(X_train)
    return X_train / np.sqrt(sigma2), mu, sigma2


def _with_1_over_m_minus_1(X_train):
    mu, sigma2 = _statistics(X_train, ddof=1)
    return (X_train - mu) / np.sqrt(sigma2), mu, sigma2


def _new_examples(n_x, m_train, m):
    """Statistics of a training set and m other examples drawn away from it."""
    def build(rng):
        X_train = _features(n_x, m_train)(rng).args[0]
        mu, sigma2 = _statistics(X_train)
        X = mu + np.sqrt(sigma2) * rng.normal(1.0, 2.0, size=(n_x, m))
        return Inputs((X, mu, sigma2), m=m)
    return build


def _own_statistics(X, mu, sigma2):
    own_mu, own_sigma2 = _statistics(X)
    return (X - own_mu) / np.sqrt(own_sigma2)


BY_THE_VARIANCE = Hint("X_norm was divided by the variance sigma2: divide by the standard "
                       "deviation, np.sqrt(sigma2).", when=gives(_by_the_variance, part=0),
                       kind="divided by the variance")
NORMALIZE_MISTAKES = (
    BY_THE_VARIANCE,
    Hint("X_norm still holds the mean: subtract mu before dividing.",
         when=gives(_without_the_mean, part=0), kind="forgot the mean"),
    Hint("sigma2 was computed with 1/(m - 1): the course takes the variance with 1/m "
         "(numpy's default, ddof=0).", when=gives(_with_1_over_m_minus_1, part=2),
         kind="variance with 1/(m - 1)"),
)
APPLY_MISTAKES = (
    Hint("X_norm was normalised with X's own mean and variance: use the mu and sigma2 you are "
         "given, the training set's.", when=gives(_own_statistics),
         kind="used the set's own statistics"),
    Hint("X_norm was divided by the variance sigma2: divide by the standard deviation, "
         "np.sqrt(sigma2).",
         when=gives(lambda X, mu, sigma2: (X - mu) / sigma2), kind="divided by the variance"),
    Hint("X_norm still holds the mean: subtract mu before dividing.",
         when=gives(lambda X, mu, sigma2: X / np.sqrt(sigma2)), kind="forgot the mean"),
)

SETUP = (
    Exercise("setup_and_normalization", "split_dataset", "split_dataset", (
        Case("defaults", _data(3, 23), seed=801),
        Case("seventy_fifteen_fifteen", SPLIT_SEVENTY, seed=802,
             hints=ignored_arguments(SPLIT_SEVENTY, "fractions")),
        Case("halves_and_quarters", SPLIT_HALVES, seed=803,
             hints=ignored_arguments(SPLIT_HALVES, "fractions")),
        Case("ninety_eight_one_one", _data(2, 611, (0.98, 0.01, 0.01), "drawn"), seed=804),
    ), output_names=SPLIT_NAMES, mistakes=SPLIT_MISTAKES,
       hints={"values": "Shuffle with order = np.random.RandomState(seed).permutation(m), take "
                        "the columns of X and Y in that order, then cut: int(fractions[0] * m) "
                        "for training, int(fractions[1] * m) for dev, the rest for test.",
              "length": "The test set takes every example left after the training and dev "
                        "sets."}),
    Exercise("setup_and_normalization", "diagnose", "diagnose", (
        # high bias in public, high variance under a secret: an expected answer that
        # always changes
        Case("bias_or_variance", under_a_secret(_errors(BIAS_OR_VARIANCE[:1]),
                                                _errors(BIAS_OR_VARIANCE[1:])), seed=811),
        Case("bias_or_variance_again", _errors(BIAS_OR_VARIANCE), seed=812),
        Case("both_or_neither", _errors(BOTH_OR_NEITHER), seed=813),
        Case("both_or_neither_again", _errors(BOTH_OR_NEITHER), seed=814),
        Case("variance_above_a_bayes_error", _errors(((False, True),), bayes="drawn"),
             seed=815),
        Case("good_fit_above_a_bayes_error", _errors(((False, False),), bayes="drawn"),
             seed=816),
        Case("variance_above_a_bayes_error_again", _errors(((False, True),), bayes="drawn"),
             seed=817),
        Case("wider_tolerance", _errors(BIAS_OR_VARIANCE, tolerance=0.1), seed=818),
        Case("gaps_equal_to_the_tolerance", under_a_secret(_public_exact_gaps,
                                                           _drawn_exact_gaps), seed=819),
    ), output_names="the diagnosis", mistakes=DIAGNOSE_MISTAKES,
       hints={"values": "Avoidable bias is train_error - bayes_error and variance is "
                        "dev_error - train_error; each is high when strictly greater than "
                        "tolerance."}),
    Exercise("setup_and_normalization", "normalize_inputs", "normalize_inputs", (
        Case("three_features", _features(3, 8), seed=821),
        Case("one_feature", _features(1, 6), seed=822),
        Case("many_features", _features(6, 12), seed=823),
    ), output_names=("X_norm", "mu", "sigma2"), mistakes=NORMALIZE_MISTAKES,
       hints={"values": "mu and sigma2 are the mean and the variance (with 1/m) of each row, "
                        "shape (n_x, 1); X_norm = (X_train - mu) / np.sqrt(sigma2)."}),
    Exercise("setup_and_normalization", "apply_normalization", "apply_normalization", (
        Case("three_features", _new_examples(3, 9, 5), seed=831),
        Case("one_feature", _new_examples(1, 7, 4), seed=832),
        Case("many_features", _new_examples(5, 11, 6), seed=833),
    ), output_names="X_norm", mistakes=APPLY_MISTAKES,
       hints={"values": "Use the mu and sigma2 you are given (the training set's), not "
                        "statistics of X: (X - mu) / np.sqrt(sigma2)."}),
    Exercise("setup_and_normalization", "concept_answers", "concept_answers",
             tuple(Case(f"q{i}") for i in range(1, 7)), kind="answers"),
)


# ---------------------------------------------------------------------------- initialisation

def _layers(layers_dims, numpy_seed):
    return lambda rng: Inputs((list(layers_dims),), numpy_seed=numpy_seed)


def _sizes(layers_dims):
    """The public ``layers_dims``; under a secret, as many layers of 10 to 19 units each, all
    different, so that the shapes (all a zero start's result hangs on) differ from the public
    ones and no W is square (a transposed W never passes)."""
    def drawn(rng):
        return Inputs(([int(n) for n in rng.choice(np.arange(10, 20), size=len(layers_dims),
                                                     replace=False)],))
    return under_a_secret(lambda rng: Inputs((list(layers_dims),)), drawn)


def _fan_in(scale):
    """Weights of layer l times scale(n[l-1]) (the fan-in), as the exercises draw them."""
    return lambda n_prev, n: scale(n_prev)


def _drawn(rng, layers_dims, scale):
    """W1, b1, ... drawn from ``rng``, W1 first, W[l] times ``scale(n[l-1], n[l])``, and
    zero biases."""
    parameters = {}
    for l in range(1, len(layers_dims)):
        n_prev, n = layers_dims[l - 1], layers_dims[l]
        parameters[f"W{l}"] = rng.randn(n, n_prev) * scale(n_prev, n)
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters


def _start(scale):
    """A mistake: the initialisation with another scale, drawn from the generator as the
    grader seeded it."""
    @takes_inputs
    def mistake(inputs):
        return _drawn(np.random.RandomState(inputs.numpy_seed), inputs.args[0], scale)
    return mistake


def _seeded_start(scale):
    return lambda rng, layers_dims: _drawn(rng, layers_dims, scale)


def _biases_not_zero(actual, expected, inputs):
    """A Hint.when test: some returned bias has entries that are not 0."""
    return isinstance(actual, dict) and any(
        key.startswith("b") and np.shape(value) == np.shape(expected.get(key))
        and bool(np.any(np.asarray(value, dtype=float) != 0))
        for key, value in actual.items())


HE_SCALE = _fan_in(lambda n_prev: np.sqrt(2 / n_prev))
XAVIER_SCALE = _fan_in(lambda n_prev: np.sqrt(1 / n_prev))
RANDOM_SCALE = _fan_in(lambda n_prev: 10.0)
RANDOM_BIASES = Hint("Some biases are not 0: every b[l] is np.zeros((n[l], 1)); only the "
                     "weights are drawn at random.", when=_biases_not_zero,
                     kind="random biases")


def _reseeds(scale):
    return Hint("The result is what a generator seeded inside the function gives: draw from "
                "numpy's global generator as it is, without calling np.random.seed in the "
                "function.", when=seeded_itself(_seeded_start(scale)),
                kind="seeded the generator itself")


def _with_the_fan_out(name, numerator):
    """The hint said when the weights were scaled by n[l] instead of the fan-in n[l-1]."""
    return Hint(f"The weights were scaled by the size of their own layer, n[l] (the fan-out): "
                f"{name} scales by the size of the layer before, "
                f"np.sqrt({numerator} / n[l-1]).",
                when=gives(_start(lambda n_prev, n: np.sqrt(numerator / n))),
                kind=f"{name} with the fan-out")


INIT_HINTS = {"transpose": "W[l] has one row per unit of layer l: shape (n[l], n[l-1]).",
              "rank1": "b[l] is a column of zeros of shape (n[l], 1)."}


def _init_hints(draw):
    return {**INIT_HINTS,
            "values": f"Draw W1 first, then W2, ..., each as np.random.randn(n[l], n[l-1]) "
                      f"{draw}; biases zeros; no np.random.seed in the function."}


def _init_cases(first_seed):
    return (
        Case("three_layers", _layers([3, 5, 2, 1], first_seed)),
        Case("one_layer", _layers([5, 1], first_seed + 1)),
        Case("four_layers", _layers([2, 6, 4, 3, 1], first_seed + 2)),
        Case("wide_input", _layers([9, 3, 1], first_seed + 3)),
    )


INITIALIZATION = (
    Exercise("initialization", "initialize_parameters_zeros", "initialize_parameters_zeros", (
        Case("three_layers", _sizes([3, 5, 2, 1]), seed=701),
        Case("one_layer", _sizes([4, 1]), seed=702),
        Case("four_layers", _sizes([2, 6, 4, 3, 1]), seed=703),
    ), output_names="parameters", mistakes=(RANDOM_BIASES,),
       hints={**INIT_HINTS, "values": "Every W[l] and every b[l] is zeros, for every layer."}),
    Exercise("initialization", "initialize_parameters_random", "initialize_parameters_random",
             _init_cases(41), output_names="parameters",
             mistakes=(_reseeds(RANDOM_SCALE), RANDOM_BIASES),
             hints=_init_hints("times 10")),
    Exercise("initialization", "initialize_parameters_he", "initialize_parameters_he",
             _init_cases(51), output_names="parameters",
             mistakes=(_reseeds(HE_SCALE),
                       _with_the_fan_out("He", 2),
                       Hint("The weights have Xavier's variance 1/n[l-1]: He's is 2/n[l-1], "
                            "np.sqrt(2 / n[l-1]).", when=gives(_start(XAVIER_SCALE)),
                            kind="He with 1/n"),
                       Hint("The weights were scaled by the variance 2/n[l-1] itself: multiply "
                            "by its square root, np.sqrt(2 / n[l-1]).",
                            when=gives(_start(_fan_in(lambda n_prev: 2 / n_prev))),
                            kind="variance, not its square root"),
                       RANDOM_BIASES),
             hints=_init_hints("times np.sqrt(2 / n[l-1])")),
    Exercise("initialization", "initialize_parameters_xavier", "initialize_parameters_xavier",
             _init_cases(61), output_names="parameters",
             mistakes=(_reseeds(XAVIER_SCALE),
                       Hint("The weights have He's variance 2/n[l-1]: Xavier's is 1/n[l-1], "
                            "np.sqrt(1 / n[l-1]).", when=gives(_start(HE_SCALE)),
                            kind="Xavier with 2/n"),
                       _with_the_fan_out("Xavier", 1),
                       RANDOM_BIASES),
             hints=_init_hints("times np.sqrt(1 / n[l-1])")),
    Exercise("initialization", "concept_answers", "concept_answers",
             tuple(Case(f"q{i}") for i in range(1, 6)), kind="answers"),
)



# ---------------------------------------------------------------------------- regularisation
# The network's pieces and the exercises' correct versions come from the helpers; a mistake
# is the correct computation with one thing changed, on the case's own inputs.

GRADIENT_KEYS = ("dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1")


def _network(rng, sizes):
    """Parameters W1 b1 W2 b2 W3 b3 of the given sizes [n_x, n1, n2, 1], biases not zero (so
    that regularising them shows)."""
    parameters = {}
    for l in range(1, 4):
        parameters[f"W{l}"] = rng.normal(size=(sizes[l], sizes[l - 1]))
        parameters[f"b{l}"] = rng.normal(scale=0.5, size=(sizes[l], 1))
    return parameters


def _cost_inputs(sizes, m, lambd):
    """A3 in (0.05, 0.95), labels, parameters and a lambda (drawn when "drawn")."""
    def build(rng):
        A3 = rng.uniform(0.05, 0.95, size=(1, m))
        chosen = float(rng.uniform(0.2, 3.0)) if lambd == "drawn" else lambd
        return Inputs((A3, _labels(rng, m), _network(rng, sizes), chosen), m=m)
    return build


def _l2(parameters, keys=("W1", "W2", "W3")):
    return sum(float(np.sum(np.square(parameters[key]))) for key in keys)


def _cross_entropy(A3, Y):
    from helpers.reference.regularization_network import compute_cost
    return compute_cost(A3, Y)


def _cost_without_1_over_m(A3, Y, parameters, lambd):
    return _cross_entropy(A3, Y) + lambd / 2 * _l2(parameters)


def _cost_without_the_half(A3, Y, parameters, lambd):
    return _cross_entropy(A3, Y) + lambd / Y.shape[1] * _l2(parameters)


def _cost_with_the_biases(A3, Y, parameters, lambd):
    return _cross_entropy(A3, Y) + lambd / (2 * Y.shape[1]) * _l2(parameters, tuple(parameters))


REGULARISED_BIASES = "regularised the biases"
COST_MISTAKES = (
    Hint("The L2 term lacks its 1/m: it is lambd / (2 * m) times the sum of the squared "
         "weights, m the number of examples.", when=gives(_cost_without_1_over_m),
         kind="L2 term without 1/m"),
    Hint("The L2 term is twice too large: the factor is lambd / (2 * m), with the 1/2.",
         when=gives(_cost_without_the_half), kind="L2 term without the 1/2"),
    Hint("The L2 term includes the biases: it covers W1, W2 and W3 only.",
         when=gives(_cost_with_the_biases), kind=REGULARISED_BIASES),
)


def _plain_cache(sizes, m, lambd=None):
    """X, Y, the plain forward pass's cache on drawn parameters, and lambd (when given)."""
    def build(rng):
        from helpers.reference.regularization_network import forward_propagation
        X = rng.normal(size=(sizes[0], m))
        Y = _labels(rng, m)
        _, cache = forward_propagation(X, _network(rng, sizes))
        args = (X, Y, cache) if lambd is None else (
            X, Y, cache, float(rng.uniform(0.2, 3.0)) if lambd == "drawn" else lambd)
        return Inputs(args, m=m)
    return build


def _regularised_gradients(X, Y, cache, lambd, weight_factor, bias_factor=0.0):
    """The plain gradients plus weight_factor * W on every dW and bias_factor * b on every db."""
    from helpers.reference.regularization_network import backward_propagation
    grads = backward_propagation(X, Y, cache)
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    for l, (W, b) in enumerate(((W1, b1), (W2, b2), (W3, b3)), start=1):
        grads[f"dW{l}"] = grads[f"dW{l}"] + weight_factor * W
        grads[f"db{l}"] = grads[f"db{l}"] + bias_factor * b
    return grads


BACKWARD_L2_MISTAKES = (
    Hint("The L2 term of each dW lacks its 1/m: add lambd / m * W, not lambd * W.",
         when=gives(lambda X, Y, cache, lambd: _regularised_gradients(X, Y, cache, lambd,
                                                                       lambd)),
         kind="L2 gradient without 1/m"),
    Hint("The biases' gradients have an L2 term: only the dW get lambd / m * W; the db are "
         "those of the plain network.",
         when=gives(lambda X, Y, cache, lambd: _regularised_gradients(
             X, Y, cache, lambd, lambd / X.shape[1], lambd / X.shape[1])),
         kind=REGULARISED_BIASES),
)


def _dropout_inputs(sizes, m, keep_prob, numpy_seed):
    """X and parameters; keep_prob given unless None (the default); numpy's generator seeded."""
    def build(rng):
        X = rng.normal(size=(sizes[0], m))
        args = (X, _network(rng, sizes)) + (() if keep_prob is None else (keep_prob,))
        return Inputs(args, m=m, numpy_seed=numpy_seed)
    return build


def _dropout_forward(draw, scale=True, on_output=False):
    """The forward pass with dropout drawn by ``draw(shape, keep_prob)`` from numpy's global
    generator as the grader seeded it, with or without the 1/keep_prob scale, with or without
    dropout on A3 too."""
    @takes_inputs
    def mistake(inputs):
        from helpers.reference.regularization_network import relu, sigmoid
        X, parameters = inputs.args[:2]
        keep_prob = inputs.args[2] if len(inputs.args) > 2 else 0.5
        np.random.seed(inputs.numpy_seed)
        A = X
        for l in (1, 2):
            Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
            A = relu(Z) * draw(Z.shape, keep_prob) / (keep_prob if scale else 1.0)
        A3 = sigmoid(parameters["W3"] @ A + parameters["b3"])
        if on_output:
            A3 = A3 * draw(A3.shape, keep_prob) / keep_prob
        return A3, None  # the hints compare A3, part 0 of (A3, cache)
    return mistake


def _uniform_masks(shape, keep_prob):
    return np.random.rand(*shape) < keep_prob


def _normal_masks(shape, keep_prob):
    return np.random.randn(*shape) < keep_prob


def _one_mask_per_unit(shape, keep_prob):
    return np.random.rand(shape[0], 1) < keep_prob


FORWARD_DROPOUT_MISTAKES = (
    Hint("The kept activations were not divided by keep_prob: inverted dropout scales them, "
         "A = A * D / keep_prob, so that their expected size stays the same.",
         when=gives(_dropout_forward(_uniform_masks, scale=False), part=0),
         kind="dropout without the 1/keep_prob scale"),
    Hint("The masks were drawn from a normal distribution (np.random.randn): draw uniform "
         "numbers, D = np.random.rand(*A.shape) < keep_prob, so that a unit is kept with "
         "probability keep_prob.", when=gives(_dropout_forward(_normal_masks), part=0),
         kind="masks drawn with randn"),
    Hint("Every example shares one mask (a column of shape (n, 1)): draw one number per unit "
         "and per example, np.random.rand(*A.shape), of A's shape (n, m).",
         when=gives(_dropout_forward(_one_mask_per_unit), part=0),
         kind="one mask for all examples"),
    Hint("A3 was dropped out too: dropout applies to the hidden layers A1 and A2 only, never "
         "to the output.", when=gives(_dropout_forward(_uniform_masks, on_output=True),
                                      part=0),
         kind="dropout on the output layer"),
)


def _cache_with_masks(sizes, m, keep_prob, numpy_seed):
    """X, Y, a dropout cache whose masks come from the case's generator, and keep_prob; numpy's
    global generator seeded too (a correct backward pass draws nothing from it)."""
    def build(rng):
        from helpers.reference.regularization_network import relu, sigmoid
        X = rng.normal(size=(sizes[0], m))
        Y = _labels(rng, m)
        p = _network(rng, sizes)
        Z1 = p["W1"] @ X + p["b1"]
        D1 = rng.uniform(size=Z1.shape) < keep_prob
        A1 = relu(Z1) * D1 / keep_prob
        Z2 = p["W2"] @ A1 + p["b2"]
        D2 = rng.uniform(size=Z2.shape) < keep_prob
        A2 = relu(Z2) * D2 / keep_prob
        Z3 = p["W3"] @ A2 + p["b3"]
        cache = (Z1, D1, A1, p["W1"], p["b1"], Z2, D2, A2, p["W2"], p["b2"], Z3, sigmoid(Z3),
                 p["W3"], p["b3"])
        return Inputs((X, Y, cache, keep_prob), m=m, numpy_seed=numpy_seed)
    return build


def _dropout_backward(new_masks=None, scale=True):
    """The backward pass with the cache's masks, or with new ones drawn in the order
    ``new_masks`` ("D2 first" or "D1 first") from numpy's generator as the grader seeded it;
    with or without the 1/keep_prob scale."""
    @takes_inputs
    def mistake(inputs):
        from helpers.reference.regularization import backward_propagation_with_dropout
        X, Y, cache, keep_prob = inputs.args
        cache = list(cache)
        if new_masks is not None:
            np.random.seed(inputs.numpy_seed)
            order = (6, 1) if new_masks == "D2 first" else (1, 6)
            for index in order:
                cache[index] = np.random.rand(*cache[index].shape) < keep_prob
        if not scale:
            return backward_propagation_with_dropout(X, Y, tuple(cache), 1.0)
        return backward_propagation_with_dropout(X, Y, tuple(cache), keep_prob)
    return mistake


NEW_MASKS = ("The backward pass used other masks than the forward pass: take D1 and D2 from the "
             "cache; drawing them again drops other units than the forward pass dropped.")
BACKWARD_DROPOUT_MISTAKES = (
    Hint(NEW_MASKS, when=gives(_dropout_backward("D2 first")),
         kind="dropout backward without the same mask"),
    Hint(NEW_MASKS, when=gives(_dropout_backward("D1 first")),
         kind="dropout backward without the same mask"),
    Hint("dA2 and dA1 were masked but not divided by keep_prob: the backward pass scales them "
         "as the forward pass scaled A2 and A1.", when=gives(_dropout_backward(scale=False)),
         kind="dropout backward without the 1/keep_prob scale"),
)


def _exact(values):
    """Costs rounded to multiples of 1/1024: every comparison between them (a tie above all)
    is exact, however a correct answer computes or stores them."""
    return [round(float(v) * 1024) / 1024 for v in values]


def _stopping_costs(patience, tie=False, as_array=False):
    """Dev costs that fall to a best value, then fail to beat it ``patience`` times in a row
    (one of them equal to it, if ``tie``) and only later fall lower, so that the best index,
    the index where patience runs out and the lowest cost's index all differ (a list whose
    patience never runs out would not tell an early stopping that ignores it). Every cost is a
    multiple of 1/1024 and two costs meant to differ differ by at least 8/1024.

    The best index is 3 to 6 in public and 7 to 10 under a secret: the answer is one small
    integer, so a draw from the same few values would give every case its public answer
    under one secret in a few hundred."""
    def steps(rng, k):
        return rng.uniform(0.01, 0.1, size=k)

    def build(rng):
        best = float(rng.uniform(0.5, 1.0))
        falls = int(rng.integers(3, 7)) + (4 if secret.in_use() else 0)
        falling = list(best + np.cumsum(steps(rng, falls))[::-1]) + [best]
        waiting = list(best + steps(rng, patience))
        if tie:
            waiting[int(rng.integers(patience))] = best
        later = list(best - np.cumsum(steps(rng, int(rng.integers(2, 5)))))
        costs = _exact(falling + waiting + later)
        return Inputs((np.array(costs) if as_array else costs, patience))
    return build


def _stopped_at(costs_dev, patience):
    """The index of the last cost early stopping looks at."""
    best, waited = np.inf, 0
    for i, cost in enumerate(costs_dev):
        if cost < best:
            best, waited = cost, 0
        else:
            waited += 1
            if waited >= patience:
                return i
    return len(costs_dev) - 1


def _off_by_one(costs_dev, patience):
    from helpers.reference.regularization import early_stopping
    return early_stopping(costs_dev, patience) + 1


EARLY_STOPPING_MISTAKES = (
    Hint("The index is that of the last cost looked at, not of the best one: remember the "
         "index of the lowest cost so far and return it.", when=gives(_stopped_at),
         kind="returned the last index"),
    Hint("The index is one past the best cost's: indices count from 0, as enumerate gives "
         "them.", when=gives(_off_by_one), kind="off by one"),
    Hint("The index is that of the lowest cost of the whole list: stop looking once patience "
         "costs in a row failed to beat the best one, and ignore the costs after that.",
         when=gives(lambda costs_dev, patience: int(np.argmin(costs_dev))),
         kind="ignored the patience"),
)


def _pictures(m, seed=None):
    """m random 64 x 64 x 3 pictures as columns (12288, m); a seed argument when given."""
    def build(rng):
        kwargs = {} if seed is None else {"seed": seed}
        return Inputs((rng.uniform(size=(12288, m)),), kwargs, m=m)
    return build


def _flipped(axis, keep_originals=True):
    """The pictures' copies flipped along ``axis`` of (m, 64, 64, 3)."""
    def mistake(X, seed=0):
        m = X.shape[1]
        pictures = X.T.reshape(m, 64, 64, 3)
        copies = np.flip(pictures, axis=axis).reshape(m, -1).T
        return np.concatenate([X, copies], axis=1) if keep_originals else copies
    return mistake


AUGMENT_MISTAKES = (
    Hint("The copies are upside down: mirror the pictures left-right, reversing axis 2 of "
         "X.T.reshape(m, 64, 64, 3) (the columns of pixels), not axis 1 (the rows).",
         when=gives(_flipped(1)), kind="flipped the wrong axis"),
    Hint("Each copy is its column reversed: that turns the picture upside down and left-right "
         "and swaps the red and blue channels. Reshape the column to (64, 64, 3) and reverse "
         "the columns of pixels only.",
         when=gives(lambda X, seed=0: np.concatenate([X, X[::-1, :]], axis=1)),
         kind="reversed the flat vector"),
    Hint("X_augmented holds only the mirror images: put the originals first, then the mirror "
         "images, shape (12288, 2 m).", when=gives(_flipped(2, keep_originals=False)),
         kind="left out the originals"),
)

REGULARIZATION = (
    Exercise("regularization", "compute_cost_with_regularization",
             "compute_cost_with_regularization", (
                 Case("three_examples", _cost_inputs([3, 4, 2, 1], 3, 0.7), seed=901),
                 Case("eight_examples", _cost_inputs([2, 5, 3, 1], 8, "drawn"), seed=902),
                 Case("wide_input", _cost_inputs([6, 3, 3, 1], 4, "drawn"), seed=903),
             ), output_names="cost", mistakes=COST_MISTAKES,
             hints={"values": "cost = compute_cost(A3, Y) + lambd / (2 * m) * (the sum of the "
                              "squared entries of W1, W2 and W3)."}),
    Exercise("regularization", "backward_propagation_with_regularization",
             "backward_propagation_with_regularization", (
                 Case("four_examples", _plain_cache([3, 4, 2, 1], 4, 0.7), seed=911),
                 Case("seven_examples", _plain_cache([2, 5, 3, 1], 7, "drawn"), seed=912),
             ), output_names="gradients", mistakes=BACKWARD_L2_MISTAKES,
             hints={"values": "Each dW[l] = 1 / m * dZ[l] @ A[l-1].T + lambd / m * W[l]; the "
                              "rest as in the plain backward pass, with dZ[l] = dA[l] * "
                              "(A[l] > 0)."}),
    Exercise("regularization", "forward_propagation_with_dropout",
             "forward_propagation_with_dropout", (
                 Case("keep_most", _dropout_inputs([3, 5, 4, 1], 6, 0.8, 71), seed=921),
                 Case("default_keep_prob", _dropout_inputs([2, 4, 3, 1], 5, None, 72),
                      seed=922),
                 Case("keep_few", _dropout_inputs([4, 6, 3, 1], 7, 0.3, 73), seed=923),
             ), output_names=("A3", "cache"), mistakes=FORWARD_DROPOUT_MISTAKES,
             hints={"values": "After each hidden ReLU: D = np.random.rand(*A.shape) < "
                              "keep_prob (D1 before D2), A = A * D / keep_prob; nothing on X "
                              "or A3; no np.random.seed in the function."}),
    Exercise("regularization", "backward_propagation_with_dropout",
             "backward_propagation_with_dropout", (
                 Case("keep_most", _cache_with_masks([3, 5, 4, 1], 6, 0.8, 81), seed=931),
                 Case("keep_half", _cache_with_masks([2, 4, 3, 1], 5, 0.5, 82), seed=932),
             ), output_names="gradients", mistakes=BACKWARD_DROPOUT_MISTAKES,
             hints={"values": "Multiply dA2 and dA1 by the cache's D2 and D1 and divide them "
                              "by keep_prob, before the ReLU's slope (A > 0)."}),
    Exercise("regularization", "early_stopping", "early_stopping", (
        Case("runs_out", _stopping_costs(3), seed=941),
        Case("runs_out_after_a_tie", _stopping_costs(4, tie=True), seed=942),
        Case("patience_of_five", _stopping_costs(5), seed=943),
        Case("an_array", _stopping_costs(2, tie=True, as_array=True), seed=945),
    ), output_names="best_index", mistakes=EARLY_STOPPING_MISTAKES,
       hints={"values": "Keep the best cost so far and its index; count the costs in a row "
                        "that are not strictly lower; stop when the count reaches patience."}),
    Exercise("regularization", "augment_images", "augment_images", (
        Case("two_pictures", _pictures(2), seed=951),
        Case("one_picture_with_a_seed", _pictures(1, seed=4), seed=952),
        Case("three_pictures", _pictures(3), seed=953),
    ), output_names="X_augmented", mistakes=AUGMENT_MISTAKES, result_ignores=("seed",),
       hints={"values": "The m columns of X, then their mirror images: X.T.reshape(m, 64, 64, "
                        "3), reverse axis 2, unroll back to columns."}),
    Exercise("regularization", "concept_answers", "concept_answers",
             tuple(Case(f"q{i}") for i in range(1, 6)), kind="answers"),
)


# ---------------------------------------------------------------------------- gradient checking

GC = "helpers.reference.gradient_checking"
# gradient_check calls the notebook's forward_propagation and backward_propagation: the
# grader hands it the correct forward pass and a faulty backward pass (x + theta), so that
# the difference it returns is a number well away from rounding noise
FAULTY_1D = {"forward_propagation": (GC, "forward_propagation"),
             "backward_propagation": (GC, "backward_propagation_off_by_theta")}


def _numbers(epsilon=None, x_sign=None):
    """x and theta between 0.5 and 5 in size, each of a random sign (x's fixed by x_sign)."""
    def build(rng):
        x, theta = (float(v) * float(rng.choice([-1, 1])) for v in rng.uniform(0.5, 5.0, 2))
        if x_sign is not None:
            x = x_sign * abs(x)
        return Inputs((x, theta), {} if epsilon is None else {"epsilon": epsilon})
    return build


def _one_over_grad(x, theta, epsilon=1e-7, print_msg=False):
    grad = x + theta  # the faulty backward pass the grader hands it
    return float(abs(grad - x) / abs(grad))


def _small_network(sizes, m, epsilon=None, wrong=True):
    """parameters of sizes [n_x, n1, n2, 1], gradients (two keys off unless ``wrong`` is
    False), X, Y.

    X, Y and the parameters are drawn again until every output A3 is within [0.01, 0.99]:
    where A3 is within 1e-5 of 1, the cost's 1 - A3 keeps only a few digits, and the
    centred difference over 2 epsilon = 2e-7 magnifies that rounding until a correct
    answer computed in another order moves by a thousandth of the tolerance (one secret in
    sixty drew such a network). The public cases' first draws already qualify."""
    def build(rng):
        from helpers.reference.gradcheck_network import (backward_propagation_n,
                                                         forward_propagation_n)
        while True:
            X = rng.normal(size=(sizes[0], m))
            Y = _labels(rng, m)
            parameters = _network(rng, sizes)
            _, cache = forward_propagation_n(X, Y, parameters)
            A3 = cache[9]
            if np.all((A3 >= 0.01) & (A3 <= 0.99)):
                break
        gradients = backward_propagation_n(X, Y, cache)
        off = rng.choice(["dW1", "db1", "dW2", "db2", "dW3", "db3"], size=2, replace=False)
        if wrong:
            gradients[off[0]] = gradients[off[0]] * float(rng.uniform(1.3, 2.0))
            gradients[off[1]] = gradients[off[1]] + float(rng.uniform(0.05, 0.2))
        kwargs = {} if epsilon is None else {"epsilon": epsilon}
        return Inputs((parameters, gradients, X, Y), kwargs, m=m)
    return build


def _gradient_check_n(approximate, denominator="both", fixed_epsilon=None):
    """gradient_check_n with its gradapprox computed by ``approximate(J, theta, i, epsilon)``
    and the given denominator ("both" or "grad" alone)."""
    def mistake(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
        from helpers.gradcheck import (dictionary_to_vector, gradients_to_vector,
                                       vector_to_dictionary)
        from helpers.reference.gradcheck_network import PARAMETER_KEYS, forward_propagation_n
        theta, shapes = dictionary_to_vector(parameters, PARAMETER_KEYS)
        grad = gradients_to_vector(gradients, PARAMETER_KEYS)

        def J(values):
            return forward_propagation_n(X, Y, vector_to_dictionary(values, shapes))[0]
        step = fixed_epsilon if fixed_epsilon is not None else epsilon
        gradapprox = np.zeros_like(theta)
        for i in range(theta.shape[0]):
            gradapprox[i] = approximate(J, theta, i, step)
        below = np.linalg.norm(grad) + (np.linalg.norm(gradapprox) if denominator == "both"
                                        else 0.0)
        return float(np.linalg.norm(grad - gradapprox) / below)
    return mistake


def _centred(J, theta, i, epsilon):
    plus, minus = np.copy(theta), np.copy(theta)
    plus[i] += epsilon
    minus[i] -= epsilon
    return (J(plus) - J(minus)) / (2 * epsilon)


def _one_sided(J, theta, i, epsilon):
    plus = np.copy(theta)
    plus[i] += epsilon
    return (J(plus) - J(theta)) / epsilon


def _shared(J, theta, i, epsilon):
    """theta_plus and theta_minus both the vector itself: the nudges pile up in it."""
    theta[i] += epsilon
    J_plus = J(theta)
    theta[i] -= epsilon
    return (J_plus - J(theta)) / (2 * epsilon)


WRONG_DENOMINATOR = ("The difference was divided by ||grad|| alone: the denominator is "
                     "||grad|| + ||gradapprox||, the sizes of both.")
GRADIENT_CHECK_N_MISTAKES = (
    Hint("gradapprox is a one-sided difference, (J(theta + epsilon) - J(theta)) / epsilon: "
         "take the centred one, (J(theta_plus) - J(theta_minus)) / (2 * epsilon).",
         when=gives(_gradient_check_n(_one_sided)), kind="forward differences"),
    Hint(WRONG_DENOMINATOR, when=gives(_gradient_check_n(_centred, denominator="grad")),
         kind="wrong denominator"),
    Hint("theta_plus and theta_minus are the same array as the parameters' vector, so the "
         "nudges change it for good: make each a fresh copy, np.copy(parameters_values).",
         when=gives(_gradient_check_n(_shared)),
         kind="theta_plus and theta_minus share one array"),
    Hint("The result is what epsilon = 1e-7 gives: nudge by the epsilon you are given.",
         when=gives(_gradient_check_n(_centred, fixed_epsilon=1e-7)), kind="ignored epsilon"),
)

GRADIENT_CHECKING = (
    Exercise("gradient_checking", "forward_propagation", "forward_propagation", (
        # one positive x and one negative: theta * x is then no other function of the two
        # that the notebook can import (a leaky ReLU of x with slope theta is theta * x for x < 0)
        Case("two_numbers", _numbers(x_sign=1), seed=961),
        Case("two_more", _numbers(x_sign=-1), seed=962),
    ), output_names="J", hints={"values": "J = theta * x."}),
    Exercise("gradient_checking", "backward_propagation", "backward_propagation", (
        Case("two_numbers", _numbers(), seed=963),
        Case("two_more", _numbers(), seed=964),
    ), output_names="dtheta", result_ignores=("theta",),  # dJ/dtheta = x for every theta
       hints={"values": "The derivative of theta * x with respect to theta is x."}),
    Exercise("gradient_checking", "gradient_check", "gradient_check", (
        Case("defaults", _numbers(), seed=971),
        Case("larger_epsilon", _numbers(1e-4), seed=972),
        Case("two_more", _numbers(), seed=973),
    ), output_names="difference", stand_ins=FAULTY_1D, planted=("backward_propagation",),
       # J = theta * x is linear: its centred difference is the same for every epsilon
       result_ignores=("print_msg", "epsilon"),
       mistakes=(Hint(WRONG_DENOMINATOR, when=gives(_one_over_grad), kind="wrong denominator"),),
       hints={"values": "Call forward_propagation at theta + epsilon and theta - epsilon and "
                        "backward_propagation(x, theta); the difference is ||grad - "
                        "gradapprox|| / (||grad|| + ||gradapprox||)."}),
    Exercise("gradient_checking", "gradient_check_n", "gradient_check_n", (
        Case("defaults", _small_network([3, 4, 2, 1], 4), seed=981),
        # with the right gradients and a larger epsilon, the result is the centred
        # difference's own error, which a one-sided difference, an ignored epsilon and the
        # other denominator miss by ten tolerances or more in each of 300 draws (a wrong
        # gradient's large difference would hide them: they move it by a small part of itself)
        Case("epsilon_a_hundredth", _small_network([2, 3, 3, 1], 5, epsilon=1e-2, wrong=False),
             seed=982),
        Case("epsilon_a_tenth", _small_network([3, 2, 2, 1], 3, epsilon=0.1, wrong=False),
             seed=983),
        # the result with epsilon = 1e-7 carries rounding noise of about 1e-8 of its size:
        # rtol 1e-4 leaves it a hundred times room
    ), output_names="difference", rtol=1e-4, result_ignores=("print_msg",),
       mistakes=GRADIENT_CHECK_N_MISTAKES,
       hints={"values": "For each i, nudge entry i of two fresh copies of the parameters' "
                        "vector by +epsilon and -epsilon, take the centred difference of the "
                        "costs of forward_propagation_n, then ||grad - gradapprox|| / "
                        "(||grad|| + ||gradapprox||)."}),
    Exercise("gradient_checking", "concept_answers", "concept_answers",
             tuple(Case(f"q{i}") for i in range(1, 5)), kind="answers"),
)

EXERCISES = SETUP + INITIALIZATION + REGULARIZATION + GRADIENT_CHECKING
