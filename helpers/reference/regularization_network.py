"""The 3-layer network of week 4's regularisation notebook, without regularisation (given).

Contract: the network is LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID with
``parameters`` a dict ``W1 b1 W2 b2 W3 b3`` (W_l of shape (n_l, n_{l-1}), b_l (n_l, 1)).
``forward_propagation(X, parameters)`` returns ``(A3, cache)`` with the plain cache
``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)``; ``backward_propagation(X, Y, cache)``
reads it back and returns the dict ``dZ3 dW3 db3 dA2 dZ2 dW2 db2 dA1 dZ1 dW1 db1`` (the
ReLU's slope taken as ``A > 0``). ``compute_cost(A3, Y)`` is the plain cross-entropy, a
float; ``relu(Z)`` and ``sigmoid(Z)`` return A only. ``initialize_parameters(layer_dims)``
draws W1, W2, ... from numpy's global generator scaled by sqrt(1 / n_{l-1}) with zero biases;
``update_parameters`` takes one gradient-descent step; ``predict(X, parameters)`` gives
float labels 0.0/1.0 (1.0 where A3 > 0.5). No function changes its arguments.

The notebook's exercises (the cost and backward pass with L2, the forward and backward passes
with dropout) build on these pieces; this module holds none of them.
"""

import numpy as np

from helpers.reference.activations import sigmoid
from helpers.reference.hidden_activations import relu

__all__ = ["relu", "sigmoid", "compute_cost", "initialize_parameters", "forward_propagation",
           "backward_propagation", "update_parameters", "predict"]


def compute_cost(A3, Y):
    """The cross-entropy cost, a float.

    Arguments:
    A3 -- the network's outputs, probabilities in (0, 1), shape (1, m)
    Y -- labels 0/1, shape (1, m)
    """
    m = Y.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        losses = -(Y * np.log(A3) + (1 - Y) * np.log(1 - A3))
    return float(np.nansum(losses) / m)


def initialize_parameters(layer_dims):
    """W_l = randn(n_l, n_{l-1}) * sqrt(1 / n_{l-1}), W1 drawn first, and zero biases."""
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = (np.random.randn(layer_dims[l], layer_dims[l - 1])
                               * np.sqrt(1 / layer_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def forward_propagation(X, parameters):
    """LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID.

    Arguments:
    X -- data, shape (n_x, m)
    parameters -- dict W1 (n_1, n_x), b1 (n_1, 1), W2, b2, W3 (1, n_2), b3 (1, 1)

    Returns:
    A3 -- outputs, shape (1, m)
    cache -- (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)
    """
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = W1 @ X + b1
    A1 = relu(Z1)
    Z2 = W2 @ A1 + b2
    A2 = relu(Z2)
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation(X, Y, cache):
    """Gradients of the plain cross-entropy cost, from the plain cache.

    Arguments:
    X -- data, shape (n_x, m)
    Y -- labels 0/1, shape (1, m)
    cache -- what forward_propagation returned

    Returns:
    gradients -- dict dZ3 dW3 db3 dA2 dZ2 dW2 db2 dA1 dZ1 dW1 db1
    """
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2,
            "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def update_parameters(parameters, grads, learning_rate):
    """One step of gradient descent, W := W - learning_rate * dW (a new dict)."""
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}


def predict(X, parameters):
    """Labels 1.0 where the network's output is above 0.5, else 0.0; shape (1, m)."""
    A3, _ = forward_propagation(X, parameters)
    return (A3 > 0.5).astype(float)
