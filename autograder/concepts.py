"""The concept behind each kind of mistake: what a class report groups mistakes by.

Contract: ``concept(kind)`` names the idea a student got wrong when the grader
labels a mistake ``kind`` (``helpers.diagnosis.KINDS``, ``autograder.scoring.KINDS``
and every ``Hint.kind`` of ``autograder.cases``): "shapes and keepdims", "1/m,
means and scale factors", "signs", ... , so that a teacher sees across exercises
which idea to go over again tomorrow. ``CONCEPTS`` is the one place that maps a
kind to its concept (in the order the report lists concepts with equal counts);
a kind a new week's hint invents must be added here, which
tests/autograder/test_concepts.py enforces for every week. The one rule besides
the table: a hint made by ``autograder.cases.ignored_arguments`` ("used the default
learning_rate") is a hard-coded hyperparameter.
"""

from autograder.scoring import DELEGATION, LIBRARY

SHAPES = "shapes and keepdims"
SCALE = "1/m, means and scale factors"
SIGNS = "signs"
IN_PLACE = "in-place updates and shared arrays"
HARD_CODED = "hard-coded hyperparameters and ignored arguments"
NOTEBOOK_VARIABLES = "notebook variables"
RANDOM = "seeds and random draws"
ACTIVATIONS = "activations, their slopes and thresholds"
BACKPROP = "backpropagation and its caches"
INITIALISATION = "initialisation"
REGULARISATION = "regularisation and dropout"
OPTIMISERS = "optimisers (momentum, RMSprop, Adam, decay)"
LOOPS = "loops, mini-batches and counting"
GRADIENT_CHECK = "numerical gradients"
STATISTICS = "data, statistics and error analysis"
VALUES = "values and types (no closer name)"
DID_NOT_RUN = "code that did not run or was not written"
REFERENCE = "the helpers' reference code and libraries"
CONCEPT_CHECK = "the concept check"

_BY_CONCEPT = {
    SHAPES: ("transposed", "rank-1 array", "2-D, not rank-1", "broadcast to a square",
             "rank-1 array in a broadcast", "shapes not aligned", "lost an axis",
             "wrong layout", "wrong shape", "array, not a number", "number, not an array",
             "normalised over the other axis", "reversed the flat vector",
             "counted the examples"),
    SCALE: ("forgot 1/m", "divided by m twice", "opposite sign and forgot 1/m",
            "twice the value", "half the value", "not divided by 255",
            "divided by 255 twice", "100 times the value", "a hundredth of the value",
            "not summed", "a mean instead of a sum", "L2 gradient without 1/m",
            "L2 term without 1/m", "L2 term without the 1/2", "variance with 1/(m - 1)",
            "not squared"),
    SIGNS: ("opposite sign", "1 minus the expected value", "cost rises",
            "s (1 + s) instead of s (1 - s)"),
    IN_PLACE: ("changed an input in place", "theta_plus and theta_minus share one array",
               "not updated"),
    HARD_CODED: ("hard-coded n_y", "used another n_h", "step of another size",
                 "another number of iterations", "ignored epsilon", "ignored optimizer",
                 "ignored t", "ignored the patience"),
    NOTEBOOK_VARIABLES: ("read notebook variables",),
    RANDOM: ("seeded the generator itself", "did not seed the generator", "ignored the seed",
             "drew W2 before W1", "masks drawn with randn", "the same shuffle every epoch",
             "shuffled X and Y apart", "random biases"),
    ACTIVATIONS: ("wrong slope at 0", "no sigmoid at the output", "the other activation",
                  "sigmoid in a hidden layer", "tanh slope from z, not tanh(z)",
                  "tanh slope not squared", "sigmoid slope in a tanh layer",
                  "1 at exactly 0.5", "probabilities, not labels"),
    BACKPROP: ("A cached instead of Z", "AL - Y as dAL", "skipped the activation's backward step",
               "slope taken at A_prev, not Z", "left out a factor of the chain rule"),
    INITIALISATION: ("He with 1/n", "He with the fan-out", "Xavier with 2/n",
                     "Xavier with the fan-out", "started from weights times 0.01",
                     "left out the bias", "left out the later biases"),
    REGULARISATION: ("dropout backward without the 1/keep_prob scale",
                     "dropout backward without the same mask", "dropout on the output layer",
                     "dropout without the 1/keep_prob scale", "one mask for all examples",
                     "regularised the biases"),
    OPTIMISERS: ("Adam without bias correction", "bias correction with t from 0",
                 "RMSprop without the square", "momentum without (1 - beta)",
                 "left out (1 - beta)", "stepped along the gradient, not v",
                 "swapped beta1 and beta2", "epsilon inside the square root",
                 "decayed by the epoch squared", "no floor"),
    LOOPS: ("dropped the last examples", "dropped the last mini-batch",
            "repeated examples in the last mini-batch", "off by one", "returned the last index",
            "costs at other iterations", "cost recorded after the update", "wrong order"),
    GRADIENT_CHECK: ("centred difference", "forward differences", "wrong denominator"),
    STATISTICS: ("divided by the variance", "variance, not its square root",
                 "used the set's own statistics", "forgot the mean", "swapped bias and variance",
                 "ignored the Bayes error", "left out the originals", "flipped the wrong axis"),
    VALUES: ("wrong values", "wrong type", "wrong number of values", "wrong length",
             "missing keys", "unexpected keys", "not numbers", "swapped keys",
             "value under another key", "NaN", "inf", "all zeros"),
    DID_NOT_RUN: ("not written yet", "not defined", "not a function", "raised an error",
                  "hit a limit", "timed out", "crashed", "broke the channel's rules", "not run"),
    REFERENCE: (DELEGATION, LIBRARY),
    CONCEPT_CHECK: ("wrong answer", "no answer"),
}
CONCEPTS = {kind: name for name, kinds in _BY_CONCEPT.items() for kind in kinds}
ORDER = {name: n for n, name in enumerate(_BY_CONCEPT)}
DEFAULTS = "used the default "  # the kinds of autograder.cases.ignored_arguments


def concept(kind):
    """The concept of a kind of mistake; "" for a kind nobody mapped (a test forbids it)."""
    if kind.startswith(DEFAULTS):
        return HARD_CODED
    return CONCEPTS.get(kind, "")
