"""A deep network of L layers, built from forward and backward steps (week 3).

Contract: a forward step returns ``(out, cache)``; its backward step takes
``(d_out, cache)`` and returns the gradient with respect to its input first. The caches
are the lectures': a linear step caches ``(A_prev, W, b)``, an activation caches ``Z``, and
a layer caches ``(linear_cache, activation_cache)``; ``L_model_forward`` returns the list of
the L layers' caches, layer 1 first, and ``L_model_backward`` reads them back.

Shapes: X = A0 (n_x, m), W_l (n_l, n_{l-1}), b_l (n_l, 1), Z_l and A_l (n_l, m), AL and
Y (1, m); each gradient dW_l, db_l, dA_l, dZ_l has the shape of its array. The hidden
layers are ReLU, the output a sigmoid. ``parameters`` is a dict ``W1 b1 ... WL bL`` and
``grads`` a dict ``dA0 ... dA{L-1}, dW1 ... dWL, db1 ... dbL``. Randomness:
``initialize_parameters_deep`` draws from numpy's global generator (W1 before W2 ...)
without reseeding it. No function changes its arguments.

Week 3's step-by-step notebook never imports this module (these are its exercises); its
application notebook and later weeks do.
"""

import numpy as np

from helpers.reference.layer_activations import relu, relu_backward, sigmoid, sigmoid_backward

__all__ = [
    "initialize_parameters_deep",
    "linear_forward",
    "linear_activation_forward",
    "L_model_forward",
    "compute_cost",
    "linear_backward",
    "linear_activation_backward",
    "L_model_backward",
    "update_parameters",
    "predict",
]


def initialize_parameters_deep(layer_dims):
    """Small random weights (N(0, 1) * 0.01, W1 drawn first) and zero biases.

    Arguments:
    layer_dims -- list [n_0, n_1, ..., n_L] of the layers' sizes, n_0 = n_x

    Returns:
    parameters -- dict "W1" ... "WL", "b1" ... "bL": W_l (n_l, n_{l-1}), b_l (n_l, 1)
    """
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def linear_forward(A, W, b):
    """Z = W A + b for all examples at once.

    Arguments:
    A -- activations of the previous layer, shape (n_{l-1}, m)
    W -- weights, shape (n_l, n_{l-1})
    b -- biases, shape (n_l, 1)

    Returns:
    Z -- shape (n_l, m)
    cache -- the tuple (A, W, b)
    """
    return W @ A + b, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    """One layer: LINEAR, then the activation "relu" or "sigmoid".

    Returns:
    A -- the layer's output, shape (n_l, m)
    cache -- (linear_cache, activation_cache): ((A_prev, W, b), Z)
    """
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, (linear_cache, Z)


def L_model_forward(X, parameters):
    """[LINEAR -> RELU] x (L - 1), then LINEAR -> SIGMOID.

    Arguments:
    X -- data, shape (n_x, m)
    parameters -- dict "W1" ... "WL", "b1" ... "bL"

    Returns:
    AL -- the output layer's activations, shape (1, m)
    caches -- list of the L layers' caches, layer 1 first
    """
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        activation = "sigmoid" if l == L else "relu"
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"],
                                             activation)
        caches.append(cache)
    return A, caches


def compute_cost(AL, Y):
    """Cross-entropy cost -1/m sum(Y log AL + (1 - Y) log(1 - AL)), a float; AL, Y (1, m)."""
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)


def linear_backward(dZ, cache):
    """Backward step of Z = W A_prev + b.

    Arguments:
    dZ -- gradient of the cost with respect to Z, shape (n_l, m)
    cache -- (A_prev, W, b) from linear_forward

    Returns:
    dA_prev -- shape (n_{l-1}, m)
    dW -- shape (n_l, n_{l-1})
    db -- shape (n_l, 1)
    """
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    return W.T @ dZ, dW, db


def linear_activation_backward(dA, cache, activation):
    """Backward step of one layer: the activation's, then the linear one's.

    Arguments:
    dA -- gradient of the cost with respect to the layer's output, shape (n_l, m)
    cache -- ((A_prev, W, b), Z) from linear_activation_forward
    activation -- "relu" or "sigmoid"

    Returns:
    dA_prev, dW, db -- as linear_backward
    """
    linear_cache, Z = cache
    dZ = sigmoid_backward(dA, Z) if activation == "sigmoid" else relu_backward(dA, Z)
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    """Gradients of the cross-entropy cost for every layer, from the output back.

    Arguments:
    AL -- output of L_model_forward, shape (1, m)
    Y -- labels 0/1, shape (1, m)
    caches -- the list of caches from L_model_forward

    Returns:
    grads -- dict "dA0" ... "dA{L-1}", "dW1" ... "dWL", "db1" ... "dbL"
    """
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dA = -(Y / AL - (1 - Y) / (1 - AL))  # dAL, shape (1, m)
    grads = {}
    for l in range(L, 0, -1):
        activation = "sigmoid" if l == L else "relu"
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1],
                                                                          activation)
        grads[f"dA{l - 1}"] = dA
    return grads


def update_parameters(params, grads, learning_rate):
    """One gradient-descent step, W_l := W_l - learning_rate * dW_l (new arrays).

    Returns params, a new dict with the keys of the one given."""
    return {name: value - learning_rate * grads["d" + name] for name, value in params.items()}


def predict(parameters, X):
    """Labels of the examples: 1.0 where AL > 0.5, else 0.0; float array (1, m)."""
    AL, _ = L_model_forward(X, parameters)
    return (AL > 0.5).astype(float)
