"""The initialisation the week-3 application trains its networks with.

Like ``deep_network.initialize_parameters_deep``, but the weights of layer l are scaled by
1 / sqrt(n_{l-1}) instead of 0.01, so that Z keeps about the spread of its input from layer
to layer and a network of several layers starts to learn at once (the lectures' rule for
the variance of the weights, 1 / n_{l-1}). A module of its own, so that week 4's
initialisation notebook, whose exercises include this scaling, can import the deep network
without it.
"""

import numpy as np

__all__ = ["initialize_parameters_deep_scaled"]


def initialize_parameters_deep_scaled(layer_dims):
    """Random weights N(0, 1) / sqrt(n_{l-1}) (W1 drawn first, from numpy's global
    generator, without reseeding it) and zero biases.

    Arguments:
    layer_dims -- list [n_0, n_1, ..., n_L] of the layers' sizes, n_0 = n_x

    Returns:
    parameters -- dict "W1" ... "WL", "b1" ... "bL": W_l (n_l, n_{l-1}), b_l (n_l, 1)
    """
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = (np.random.randn(layer_dims[l], layer_dims[l - 1])
                               / np.sqrt(layer_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters
