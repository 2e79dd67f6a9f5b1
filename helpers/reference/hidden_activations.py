"""Hidden-layer activations and their slopes (week 2): tanh, ReLU, leaky ReLU. Each takes
an array of any shape and returns one of the same shape; the slopes return float arrays.

Conventions (the syllabus's): at exactly z = 0, where the ReLU family has no derivative, the
slope of ``relu`` is taken as 0.0 and the slope of ``leaky_relu`` as ``slope``.

A module of its own, so that week 2's notebook (which imports the week-1 sigmoid through
logistic regression) never has these, its own exercises, within reach when graded.
"""

import numpy as np

__all__ = [
    "tanh",
    "tanh_derivative",
    "relu",
    "relu_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
]


def tanh(z):
    """Hyperbolic tangent (e^z - e^-z) / (e^z + e^-z), elementwise; values in (-1, 1)."""
    return np.tanh(z)


def tanh_derivative(z):
    """Slope of tanh at z, 1 - tanh(z)**2, elementwise; same shape as z."""
    return 1.0 - np.tanh(z) ** 2


def relu(z):
    """Rectified linear unit max(0, z), elementwise; same shape as z."""
    return np.maximum(0, z)


def relu_derivative(z):
    """Slope of the ReLU: 1.0 where z > 0, else 0.0 (0.0 at z = 0); float array, z's shape."""
    return (np.asarray(z) > 0).astype(float)


def leaky_relu(z, slope=0.01):
    """Leaky ReLU max(slope * z, z) for 0 < slope < 1: z where z > 0, slope * z elsewhere."""
    return np.where(np.asarray(z) > 0, z, slope * np.asarray(z))


def leaky_relu_derivative(z, slope=0.01):
    """Slope of the leaky ReLU: 1.0 where z > 0, else ``slope`` (``slope`` at z = 0);
    float array, z's shape."""
    return np.where(np.asarray(z) > 0, 1.0, float(slope))
