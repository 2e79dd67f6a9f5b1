"""Hidden cases of week 4: setting up a problem, normalising inputs, initialising a network.

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
it first (``Inputs.numpy_seed``), W1 before W2 before W3. No graded function here calls
another, so none has stand-ins.
"""

import numpy as np

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
    return _gaps(2.0 ** -int(rng.integers(3, 6)), int(rng.integers(1, 4)), 1, 1)


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

EXERCISES = SETUP + INITIALIZATION
