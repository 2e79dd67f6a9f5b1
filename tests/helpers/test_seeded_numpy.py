"""helpers.seeded_numpy hands out numpy with its global generator freshly seeded."""

import importlib

import numpy as np
import pytest


def test_reading_seed_n_seeds_the_global_generator_and_gives_numpy():
    module = importlib.import_module("helpers.seeded_numpy")
    np.random.seed(0)
    np.random.randn(5)  # move the generator somewhere else first
    assert getattr(module, "seed_11") is np
    drawn = np.random.randn(3)
    np.random.seed(11)
    np.testing.assert_array_equal(drawn, np.random.randn(3))


def test_other_names_are_refused():
    module = importlib.import_module("helpers.seeded_numpy")
    with pytest.raises(AttributeError, match="seed_<N>"):
        getattr(module, "seed_eleven")
