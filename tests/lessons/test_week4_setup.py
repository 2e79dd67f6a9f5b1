"""The lessons of week 4's setup notebook hold when its own cells run.

The notebook tells students that on the noisy flower the large model's dev error falls a lot
as its training set grows while its training error rises, until the two meet (more data cures
variance), that the small model's errors stay high and close together whatever the amount of
data (more data does not cure bias), and that normalising the inputs cuts the number of
gradient-descent steps from thousands to a handful. These tests run the notebook's imports,
its solution cells and the cells that split, train and descend (about 6 s on one core).
"""

import pytest

from autograder.notebooks import SOURCE_DIR
from tests.lessons.notebook_cells import run_cells

NOTEBOOK = SOURCE_DIR / "week4_practical_aspects" / "setup_and_normalization.ipynb"
ANSWERS = tuple(f"{name}_answer" for name in ("split_dataset", "diagnose", "normalize_inputs",
                                              "apply_normalization"))
CELLS = ("imports", *ANSWERS, "setup_and_normalization-code-02",
         "setup_and_normalization-code-03", "setup_and_normalization-code-05")


@pytest.fixture(scope="module")
def notebook():
    return run_cells(NOTEBOOK, CELLS)


def test_more_data_cures_the_large_models_variance(notebook):
    train, dev = notebook["errors"]["large model"]
    assert dev[0] - train[0] > 0.2  # few examples: learned by heart, bad on the dev set
    assert dev[-1] - train[-1] < 0.03  # all of them: the curves meet
    assert dev[-1] < dev[0] - 0.25 and train[-1] > train[0]


def test_more_data_does_not_cure_the_small_models_bias(notebook):
    train, dev = notebook["errors"]["small model"]
    assert min(dev) > 0.3 and train[-1] > 0.3
    assert abs(dev[-1] - train[-1]) < 0.15
    bayes = notebook["bayes_error"]
    assert notebook["diagnose"](train[-1], dev[-1], bayes) == "high bias"
    large_train, large_dev = notebook["errors"]["large model"]
    assert notebook["diagnose"](large_train[0], large_dev[0], bayes) == "high variance"


def test_normalising_cuts_the_steps_of_gradient_descent(notebook):
    steps = {}
    for name, X in (("raw", notebook["X_raw"]), ("normalised", notebook["X_scaled"])):
        path, _, _ = notebook["descend"](X, notebook["y"], start=[-4.0, -4.0])
        steps[name] = len(path) - 1
    assert steps["raw"] > 1000 and steps["normalised"] <= 10, steps
