"""The two models of week 3's application, trained by batch gradient descent.

Contract: ``two_layer_model`` and ``L_layer_model`` take X (n_x, m), Y (1, m) with 0/1
labels and ``layers_dims`` [n_x, n_1, ..., n_L], and return ``(parameters, costs)``: the
trained dict ``W1 b1 ... WL bL`` and the list of the costs at iterations 0, 100, 200, ...
They initialise with ``initialize_parameters_deep_scaled`` from numpy's global generator
without seeding it (the caller seeds), and never change their arguments. Both build on
``deep_network``; week 3's application notebook has these as its exercises and never
imports this module.
"""

from helpers.reference.deep_network import (L_model_backward, L_model_forward, compute_cost,
                                            linear_activation_backward,
                                            linear_activation_forward, update_parameters)
from helpers.reference.scaled_initialization import initialize_parameters_deep_scaled

__all__ = ["two_layer_model", "L_layer_model"]


def _record_cost(costs, i, cost, print_cost):
    """Append the cost of iteration i to costs, and print it if asked, when i % 100 == 0."""
    if i % 100 == 0:
        costs.append(cost)
        if print_cost:
            print(f"Cost after iteration {i}: {cost:.6f}")


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                    print_cost=False):
    """LINEAR -> RELU -> LINEAR -> SIGMOID, written layer by layer.

    Arguments:
    X -- data, shape (n_x, m)
    Y -- labels 0/1, shape (1, m)
    layers_dims -- [n_x, n_h, n_y]
    learning_rate -- the step size alpha
    num_iterations -- number of gradient-descent steps
    print_cost -- print the cost every 100 iterations

    Returns:
    parameters -- dict "W1" (n_h, n_x), "b1" (n_h, 1), "W2" (n_y, n_h), "b2" (n_y, 1)
    costs -- list of floats, the cost at iterations 0, 100, 200, ...
    """
    parameters = initialize_parameters_deep_scaled(layers_dims)
    costs = []
    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"],
                                               "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = -(Y / A2 - (1 - Y) / (1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        _, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        parameters = update_parameters(parameters, grads, learning_rate)
        _record_cost(costs, i, cost, print_cost)
    return parameters, costs


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False):
    """[LINEAR -> RELU] x (L - 1) -> LINEAR -> SIGMOID, for any number of layers.

    Arguments and returns as ``two_layer_model``, with layers_dims [n_x, n_1, ..., n_L].
    """
    parameters = initialize_parameters_deep_scaled(layers_dims)
    costs = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        _record_cost(costs, i, cost, print_cost)
    return parameters, costs
