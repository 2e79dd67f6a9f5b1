"""The four starts of week 4's initialisation notebook.

Contract: each function takes ``layers_dims`` [n_0, n_1, ..., n_L] and returns a dict
``W1 b1 ... WL bL`` with W_l of shape (n_l, n_{l-1}) and zero biases b_l (n_l, 1).
``initialize_parameters_zeros`` draws nothing; the others draw W1, then W2, ..., each as
``np.random.randn(n_l, n_{l-1})`` from numpy's global generator without reseeding it, times
10 (``_random``), sqrt(2 / n_{l-1}) (``_he``, for ReLU layers) or sqrt(1 / n_{l-1})
(``_xavier``, for tanh layers).

Week 4's initialisation notebook has these as its exercises and never imports this module;
later notebooks may.
"""

import numpy as np

__all__ = ["initialize_parameters_zeros", "initialize_parameters_random",
           "initialize_parameters_he", "initialize_parameters_xavier"]


def _drawn(layers_dims, scale):
    """Weights randn times scale(n_{l-1}), W1 first, and zero biases."""
    parameters = {}
    for l in range(1, len(layers_dims)):
        n_prev, n = layers_dims[l - 1], layers_dims[l]
        parameters[f"W{l}"] = np.random.randn(n, n_prev) * scale(n_prev)
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters


def initialize_parameters_zeros(layers_dims):
    """Every weight and bias zero."""
    return {key: value for l in range(1, len(layers_dims)) for key, value in (
        (f"W{l}", np.zeros((layers_dims[l], layers_dims[l - 1]))),
        (f"b{l}", np.zeros((layers_dims[l], 1))))}


def initialize_parameters_random(layers_dims):
    """Weights N(0, 1) times 10: a start far too large."""
    return _drawn(layers_dims, lambda n_prev: 10.0)


def initialize_parameters_he(layers_dims):
    """He: weights N(0, 1) times sqrt(2 / n_{l-1})."""
    return _drawn(layers_dims, lambda n_prev: np.sqrt(2 / n_prev))


def initialize_parameters_xavier(layers_dims):
    """Xavier: weights N(0, 1) times sqrt(1 / n_{l-1})."""
    return _drawn(layers_dims, lambda n_prev: np.sqrt(1 / n_prev))
