"""Activation functions and their slopes. Each takes an array of any shape and returns one of
the same shape; the slopes return float arrays.

Conventions (the syllabus's): at exactly z = 0, where the ReLU family has no derivative, the
slope of ``relu`` is taken as 0.0 and the slope of ``leaky_relu`` as ``slope``.
"""

import numpy as np

__all__ = [
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
    "relu",
    "relu_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
]


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
