"""Logistic regression as a one-unit network (week 1), in the course's notation.

Shapes: w (n_x, 1), b a float, X (n_x, m), Y (1, m). ``propagate`` returns
``(grads, cost)``; ``optimize`` runs batch gradient descent and records the cost
every 100 iterations.
"""

import numpy as np

from helpers.reference.activations import sigmoid

__all__ = ["initialize_with_zeros", "propagate", "optimize", "predict"]


def initialize_with_zeros(dim):
    """Return w of shape (dim, 1) filled with zeros and b = 0.0."""
    return np.zeros((dim, 1)), 0.0


def propagate(w, b, X, Y):
    """Cost and gradients of logistic regression.

    Arguments:
    w -- weights, shape (n_x, 1)
    b -- bias, a float
    X -- data, shape (n_x, m)
    Y -- labels 0/1, shape (1, m)

    Returns:
    grads -- dict: "dw" shape (n_x, 1), "db" a float
    cost -- cross-entropy cost, a float
    """
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)  # (1, m)
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    dZ = A - Y  # (1, m)
    grads = {"dw": X @ dZ.T / m, "db": float(np.sum(dZ) / m)}
    return grads, cost


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Batch gradient descent on (w, b); costs recorded when i % 100 == 0.

    Returns:
    params -- dict "w" (n_x, 1), "b" float
    grads -- dict "dw", "db" of the last iteration
    costs -- list of floats
    """
    costs = []
    grads = {"dw": np.zeros_like(w, dtype=float), "db": 0.0}
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"cost after iteration {i}: {cost:.6f}")
    return {"w": w, "b": b}, grads, costs


def predict(w, b, X):
    """Predicted labels, 1.0 where sigmoid(w.T X + b) > 0.5 and 0.0 elsewhere; shape (1, m)."""
    A = sigmoid(w.T @ X + b)
    return (A > 0.5).astype(float)
