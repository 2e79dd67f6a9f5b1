"""A network with one hidden layer (week 2), in the course's notation.

Shapes: X (n_x, m), Y (n_y, m) with 0/1 labels; W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h),
b2 (n_y, 1); Z1, A1 (n_h, m); Z2, A2 (n_y, m). The hidden layer is tanh, the output a
sigmoid. ``forward_propagation`` returns ``(A2, cache)`` with the cache a dict ``Z1 A1 Z2
A2``; ``backward_propagation`` takes that cache and returns ``grads``, a dict ``dW1 db1 dW2
db2`` shaped like the parameters. Randomness: ``initialize_parameters`` draws from numpy's
global generator (W1 before W2) without reseeding it; ``nn_model`` seeds it once, with 3.
"""

import numpy as np

from helpers.reference.activations import sigmoid

__all__ = [
    "layer_sizes",
    "initialize_parameters",
    "forward_propagation",
    "compute_cost",
    "backward_propagation",
    "update_parameters",
    "nn_model",
    "predict",
    "collapse_linear_network",
]


def layer_sizes(X, Y):
    """Return (n_x, n_h, n_y): the rows of X, 4 hidden units, the rows of Y."""
    return X.shape[0], 4, Y.shape[0]


def initialize_parameters(n_x, n_h, n_y):
    """Small random weights (N(0, 1) * 0.01, W1 drawn before W2) and zero biases.

    Returns:
    parameters -- dict "W1" (n_h, n_x), "b1" (n_h, 1), "W2" (n_y, n_h), "b2" (n_y, 1)
    """
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def forward_propagation(X, parameters):
    """LINEAR -> TANH -> LINEAR -> SIGMOID for all examples at once.

    Arguments:
    X -- data, shape (n_x, m)
    parameters -- dict "W1" (n_h, n_x), "b1" (n_h, 1), "W2" (n_y, n_h), "b2" (n_y, 1)

    Returns:
    A2 -- output activations, shape (n_y, m)
    cache -- dict "Z1", "A1" (n_h, m), "Z2", "A2" (n_y, m)
    """
    Z1 = parameters["W1"] @ X + parameters["b1"]  # (n_h, m)
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]  # (n_y, m)
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    """Cross-entropy cost -1/m sum(Y log A2 + (1 - Y) log(1 - A2)), a float; A2, Y (n_y, m)."""
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def backward_propagation(parameters, cache, X, Y):
    """Gradients of the cost, by the six formulas of the lectures.

    Arguments:
    parameters -- dict with "W2" (n_y, n_h) (and W1, b1, b2)
    cache -- dict "Z1", "A1" (n_h, m), "Z2", "A2" (n_y, m) from forward_propagation
    X -- data, shape (n_x, m)
    Y -- labels, shape (n_y, m)

    Returns:
    grads -- dict "dW1" (n_h, n_x), "db1" (n_h, 1), "dW2" (n_y, n_h), "db2" (n_y, 1)
    """
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y  # (n_y, m)
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - A1 ** 2)  # (n_h, m); tanh'(Z1) = 1 - A1**2
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, grads, learning_rate=1.2):
    """One gradient-descent step, W := W - learning_rate * dW (new arrays; the inputs are
    left alone). Returns parameters, a dict shaped like the one given."""
    return {name: parameters[name] - learning_rate * grads["d" + name]
            for name in ("W1", "b1", "W2", "b2")}


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    """Train the one-hidden-layer network by batch gradient descent (learning rate 1.2).

    Seeds numpy's global generator with 3 first, so every run gives the same parameters.

    Arguments:
    X -- data, shape (n_x, m)
    Y -- labels 0/1, shape (n_y, m)
    n_h -- number of hidden units
    num_iterations -- number of gradient-descent steps
    print_cost -- print the cost every 1000 iterations

    Returns:
    parameters -- dict "W1" (n_h, n_x), "b1" (n_h, 1), "W2" (n_y, n_h), "b2" (n_y, 1)
    """
    np.random.seed(3)
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:.6f}")
    return parameters


def predict(parameters, X):
    """Labels of the examples: 1.0 where A2 > 0.5, else 0.0; float array (n_y, m)."""
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(float)


def collapse_linear_network(weights, biases):
    """The single linear layer equal to a stack of linear layers (no activations).

    Arguments:
    weights -- list [W1, ..., WL], Wl of shape (n_l, n_{l-1}), layer 1 first
    biases -- list [b1, ..., bL], bl of shape (n_l, 1)

    Returns:
    W -- WL ... W2 W1, shape (n_L, n_0)
    b -- shape (n_L, 1), such that W x + b equals the stack's output for every x
    """
    W, b = weights[0], biases[0]
    for W_next, b_next in zip(weights[1:], biases[1:]):
        W, b = W_next @ W, W_next @ b + b_next
    return W, b
