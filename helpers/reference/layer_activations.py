"""The activations of a deep network's layers and their backward steps (week 3, given).

Contract: a forward activation takes Z and returns A = g(Z), same shape; its backward step
takes ``(dA, Z)``, the gradient of the cost with respect to the layer's output A and the Z
the forward step cached, and returns ``dZ = dA * g'(Z)``, the gradient with respect to Z,
of the same shape (n_l, m). Neither changes its arguments.

``sigmoid`` is week 1's and ``relu`` week 2's, imported from their modules. At exactly
Z = 0 the ReLU's slope is taken as 0, as week 2 does. Week 3's step-by-step notebook
imports this module: none of its functions answers one of that notebook's exercises.
"""

import numpy as np

from helpers.reference.activations import sigmoid
from helpers.reference.hidden_activations import relu

__all__ = ["sigmoid", "relu", "sigmoid_backward", "relu_backward"]


def sigmoid_backward(dA, Z):
    """Backward step of a sigmoid layer: dZ = dA * s(Z) * (1 - s(Z)).

    Arguments:
    dA -- gradient of the cost with respect to the layer's output A, shape (n_l, m)
    Z -- the layer's linear output, cached by the forward step, shape (n_l, m)

    Returns:
    dZ -- gradient of the cost with respect to Z, shape (n_l, m)
    """
    s = sigmoid(Z)
    return dA * s * (1 - s)


def relu_backward(dA, Z):
    """Backward step of a ReLU layer: dZ = dA where Z > 0, and 0 elsewhere (Z = 0 included).

    Arguments:
    dA -- gradient of the cost with respect to the layer's output A, shape (n_l, m)
    Z -- the layer's linear output, cached by the forward step, shape (n_l, m)

    Returns:
    dZ -- gradient of the cost with respect to Z, shape (n_l, m), a new float array
    """
    return np.where(Z > 0, dA, 0.0)
