"""L2 regularisation, inverted dropout, early stopping and mirrored pictures (week 4).

Contract (the conventions the regularisation notebook states): the network is
LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID with ``parameters`` ``W1 b1 W2 b2 W3 b3``.
``compute_cost_with_regularization(A3, Y, parameters, lambd)`` is the cross-entropy plus
``lambd / (2 m) * (||W1||^2 + ||W2||^2 + ||W3||^2)`` (squared Frobenius norms, biases left
out), a float. ``backward_propagation_with_regularization(X, Y, cache, lambd)`` reads the plain
cache ``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)`` and adds ``lambd / m * W`` to every
dW. ``forward_propagation_with_dropout(X, parameters, keep_prob=0.5)`` draws
``D1 = np.random.rand(*A1.shape) < keep_prob`` then D2 from numpy's global generator (never
reseeding it), multiplies A1 and A2 by their masks and divides them by keep_prob, and returns
``(A3, cache)`` with the cache ``(Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)``;
``backward_propagation_with_dropout(X, Y, cache, keep_prob)`` applies the same masks and scale
to dA2 and dA1. The gradients are the dict ``dZ3 dW3 db3 dA2 dZ2 dW2 db2 dA1 dZ1 dW1 db1``, the
ReLU's slope taken as ``A > 0``. ``early_stopping(costs_dev, patience)`` is the index of the
lowest dev cost seen before ``patience`` costs in a row failed to be strictly lower than the
best so far. ``augment_images(X, seed=0)`` takes columns of 64 x 64 x 3 pictures, shape
(12288, m), and returns (12288, 2 m): the pictures, then their left-right mirror images in the
same order (``seed`` is kept for further, ungraded augmentation). No function changes its
arguments.

The regularisation notebook has these as its exercises and never imports this module: the
grader recognises mistakes with it, and later weeks may use it.
"""

import numpy as np

from helpers.reference.regularization_network import compute_cost, relu, sigmoid

__all__ = ["compute_cost_with_regularization", "backward_propagation_with_regularization",
           "forward_propagation_with_dropout", "backward_propagation_with_dropout",
           "early_stopping", "augment_images", "PICTURE_SHAPE"]

PICTURE_SHAPE = (64, 64, 3)  # one column of X is one picture, in this shape's C order
WEIGHTS = ("W1", "W2", "W3")


def compute_cost_with_regularization(A3, Y, parameters, lambd):
    """Cross-entropy plus the L2 term lambd / (2 m) * sum of the squared weights; a float."""
    m = Y.shape[1]
    L2 = sum(float(np.sum(np.square(parameters[key]))) for key in WEIGHTS)
    return compute_cost(A3, Y) + lambd / (2 * m) * L2


def _gradients(X, Y, A1, A2, A3, W2, W3, lambd=0.0, masks=None, keep_prob=1.0):
    """The gradient dict of the 3-layer network; the L2 term lambd / m * W on every dW, and
    masks (D1, D2) applied to dA1 and dA2 with the scale 1 / keep_prob."""
    m = X.shape[1]
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m + lambd / m * W3
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    if masks is not None:
        dA2 = dA2 * masks[1] / keep_prob
    dZ2 = dA2 * (A2 > 0)
    dW2 = dZ2 @ A1.T / m + lambd / m * W2
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    if masks is not None:
        dA1 = dA1 * masks[0] / keep_prob
    dZ1 = dA1 * (A1 > 0)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2,
            "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dZ1 @ X.T / m,
            "db1": np.sum(dZ1, axis=1, keepdims=True) / m}


def backward_propagation_with_regularization(X, Y, cache, lambd):
    """Gradients of the L2-regularised cost, from the plain cache."""
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    grads = _gradients(X, Y, A1, A2, A3, W2, W3, lambd)
    grads["dW1"] = grads["dW1"] + lambd / X.shape[1] * W1
    return grads


def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    """The forward pass with inverted dropout on A1 and A2; returns (A3, cache)."""
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = W1 @ X + b1
    A1 = relu(Z1)
    D1 = np.random.rand(*A1.shape) < keep_prob
    A1 = A1 * D1 / keep_prob
    Z2 = W2 @ A1 + b2
    A2 = relu(Z2)
    D2 = np.random.rand(*A2.shape) < keep_prob
    A2 = A2 * D2 / keep_prob
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    """Gradients of the network that dropped the units the cache's masks D1, D2 dropped."""
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    return _gradients(X, Y, A1, A2, A3, W2, W3, masks=(D1, D2), keep_prob=keep_prob)


def early_stopping(costs_dev, patience):
    """The index of the iteration to keep: an int."""
    best, best_index, waited = np.inf, 0, 0
    for i, cost in enumerate(costs_dev):
        if cost < best:
            best, best_index, waited = cost, i, 0
        else:
            waited += 1
            if waited >= patience:
                break
    return best_index


def augment_images(X, seed=0):
    """The pictures X (12288, m) followed by their left-right mirror images: (12288, 2 m)."""
    m = X.shape[1]
    pictures = X.T.reshape(m, *PICTURE_SHAPE)  # (m, 64, 64, 3)
    mirrored = pictures[:, :, ::-1, :].reshape(m, -1).T  # (12288, m)
    return np.concatenate([X, mirrored], axis=1)
