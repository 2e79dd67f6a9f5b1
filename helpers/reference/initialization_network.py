"""Week 4's 3-layer ReLU network, trained from whatever parameters it is given.

Contract: ``train_network(X, Y, parameters, learning_rate=0.01, num_iterations=15000,
print_cost=False)`` takes X (n_x, m), Y (1, m) with 0/1 labels and a starting dict
``W1 b1 ... WL bL`` (any number of layers: [LINEAR -> RELU] x (L - 1) -> LINEAR -> SIGMOID),
runs batch gradient descent and returns ``(parameters, costs)``, the trained dict and the
costs at iterations 0, 1000, 2000, ... It draws no random numbers and changes none of its
arguments. ``layer_spreads(X, parameters)`` gives the standard deviation of each layer's
activations in a stack of ReLU layers, for the plot of vanishing and exploding activations.

Unlike week 3's ``L_model_backward``, the backward pass starts from dZ^[L] = A^[L] - Y (the
same gradient, written without dividing by A^[L]), and the cost is computed from Z^[L]:
a start with huge weights (the notebook's "random x 10") saturates the sigmoid to exactly
0 or 1, where the textbook formulas give infinities, and the comparison would show the
arithmetic failing instead of the initialisation. The initialisations themselves are the
notebook's exercises, so this module holds none.
"""

import numpy as np

from helpers.reference.deep_network import (L_model_forward, linear_activation_backward,
                                            linear_backward, update_parameters)

__all__ = ["train_network", "layer_spreads", "cost_from_logits"]

RECORD_EVERY = 1000  # iterations between recorded costs


def cost_from_logits(ZL, Y):
    """The cross-entropy of sigmoid(ZL) against Y, a float, finite for any ZL (1, m)."""
    m = Y.shape[1]
    # -[y log s(z) + (1 - y) log(1 - s(z))] = log(1 + e^z) - y z
    return float(np.sum(np.logaddexp(0.0, ZL) - Y * ZL) / m)


def _gradients(AL, Y, caches):
    """dW, db of every layer, from dZ^[L] = AL - Y back through the ReLU layers."""
    L = len(caches)
    linear_cache, _ = caches[L - 1]
    dA, dW, db = linear_backward(AL - Y, linear_cache)
    grads = {f"dW{L}": dW, f"db{L}": db}
    for l in range(L - 1, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1],
                                                                          "relu")
    return grads


def train_network(X, Y, parameters, learning_rate=0.01, num_iterations=15000,
                  print_cost=False):
    """Batch gradient descent on the network that ``parameters`` describes.

    Arguments:
    X -- data, shape (n_x, m)
    Y -- labels 0/1, shape (1, m)
    parameters -- the starting dict "W1", "b1", ..., "WL", "bL"
    learning_rate -- the step size alpha
    num_iterations -- number of gradient-descent steps
    print_cost -- print the cost every 1000 iterations

    Returns:
    parameters -- the trained dict, with the keys of the one given (new arrays)
    costs -- list of floats, the cost at iterations 0, 1000, 2000, ...
    """
    Y = np.asarray(Y, dtype=float).reshape(1, -1)
    costs = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        if i % RECORD_EVERY == 0:
            costs.append(cost_from_logits(caches[-1][1], Y))
            if print_cost:
                print(f"Cost after iteration {i}: {costs[-1]:.6f}")
        parameters = update_parameters(parameters, _gradients(AL, Y, caches), learning_rate)
    return parameters, costs


def layer_spreads(X, parameters):
    """The standard deviation of the activations of each layer of a ReLU stack.

    Arguments:
    X -- input, shape (n_x, m)
    parameters -- dict "W1", "b1", ..., "WL", "bL"; every layer is LINEAR -> RELU

    Returns:
    spreads -- list of L floats, the standard deviation of A^[1], ..., A^[L] over all their
               entries (inf once an activation overflows)
    """
    A, spreads = X, []
    with np.errstate(over="ignore", invalid="ignore"):
        for l in range(1, len(parameters) // 2 + 1):
            A = np.maximum(0.0, parameters[f"W{l}"] @ A + parameters[f"b{l}"])
            spread = float(np.std(A))
            spreads.append(spread if np.isfinite(spread) else float("inf"))
    return spreads
