"""The 3-layer network whose backward pass week 4's gradient-checking notebook checks (given).

Contract: ``forward_propagation_n(X, Y, parameters)`` runs LINEAR -> RELU -> LINEAR -> RELU ->
LINEAR -> SIGMOID on X (n_x, m) with ``parameters`` ``W1 b1 W2 b2 W3 b3`` and returns
``(cost, cache)``: the cross-entropy against Y (1, m), a float, and the plain cache
``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)``. ``backward_propagation_n(X, Y, cache)``
is its correct backward pass, the dict ``dZ3 dW3 db3 dA2 dZ2 dW2 db2 dA1 dZ1 dW1 db1``.
``PARAMETER_KEYS`` is the order in which a gradient check stacks the parameters. Neither
function changes its arguments or draws random numbers.
"""

from helpers.reference.regularization_network import (backward_propagation, compute_cost,
                                                       forward_propagation)

__all__ = ["forward_propagation_n", "backward_propagation_n", "PARAMETER_KEYS"]

PARAMETER_KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")


def forward_propagation_n(X, Y, parameters):
    """The cost of the network on (X, Y) and the cache of its forward pass."""
    A3, cache = forward_propagation(X, parameters)
    return compute_cost(A3, Y), cache


def backward_propagation_n(X, Y, cache):
    """The gradients of forward_propagation_n's cost, from its cache."""
    return backward_propagation(X, Y, cache)
