"""The sigmoid and its slope (week 1). Each takes an array of any shape and returns one of
the same shape.
"""

import numpy as np

__all__ = ["sigmoid", "sigmoid_derivative"]


def sigmoid(z):
    """Logistic function 1 / (1 + e^-z), elementwise.

    Arguments:
    z -- array of any shape (or a number)

    Returns:
    s -- array of the same shape, values in (0, 1)
    """
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_derivative(z):
    """Slope of the sigmoid at z, s(1 - s), elementwise; same shape as z."""
    s = sigmoid(z)
    return s * (1.0 - s)
