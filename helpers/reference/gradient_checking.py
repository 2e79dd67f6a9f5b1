"""Gradient checking in one dimension and over a 3-layer network (week 4).

Contract: ``forward_propagation(x, theta)`` is J = theta * x and ``backward_propagation(x,
theta)`` its derivative dJ/dtheta = x. ``gradient_check(x, theta, epsilon=1e-7,
print_msg=False)`` compares ``backward_propagation`` with the centred difference
(J(theta + epsilon) - J(theta - epsilon)) / (2 epsilon) and returns the relative difference
||g - g_approx|| / (||g|| + ||g_approx||), a float. ``gradient_check_n(parameters, gradients,
X, Y, epsilon=1e-7, print_msg=False)`` does the same for every entry of the parameters of the
network of ``helpers.reference.gradcheck_network``, stacked with ``helpers.gradcheck``'s
``dictionary_to_vector`` in the order ``PARAMETER_KEYS``. ``backward_propagation_off_by_theta``
is a wrong derivative (x + theta), the faulty backward pass the grader hands gradient_check.
Nothing changes its arguments.

The gradient-checking notebook has these as its exercises and never imports this module.
"""

import numpy as np

from helpers.gradcheck import dictionary_to_vector, gradients_to_vector, vector_to_dictionary
from helpers.reference.gradcheck_network import PARAMETER_KEYS, forward_propagation_n

__all__ = ["forward_propagation", "backward_propagation", "backward_propagation_off_by_theta",
           "gradient_check", "gradient_check_n", "relative_difference"]


def forward_propagation(x, theta):
    """J = theta * x."""
    return theta * x


def backward_propagation(x, theta):
    """dJ/dtheta = x."""
    return x


def backward_propagation_off_by_theta(x, theta):
    """A wrong derivative of J = theta * x: x + theta (for checking the check)."""
    return x + theta


def relative_difference(grad, gradapprox):
    """||grad - gradapprox|| / (||grad|| + ||gradapprox||), a float."""
    numerator = np.linalg.norm(grad - gradapprox)
    return float(numerator / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)))


def _said(difference, print_msg):
    if print_msg:
        if difference > 2e-7:
            print(f"There is a mistake in the backward propagation! difference = {difference}")
        else:
            print(f"Your backward propagation works perfectly fine! difference = {difference}")


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    """The relative difference between backward_propagation and the centred difference."""
    gradapprox = (forward_propagation(x, theta + epsilon)
                  - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    difference = relative_difference(backward_propagation(x, theta), gradapprox)
    _said(difference, print_msg)
    return difference


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """The relative difference between ``gradients`` and the centred differences of the
    network's cost, over every parameter."""
    parameters_values, shapes = dictionary_to_vector(parameters, PARAMETER_KEYS)
    grad = gradients_to_vector(gradients, PARAMETER_KEYS)
    gradapprox = np.zeros_like(parameters_values)
    for i in range(parameters_values.shape[0]):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] += epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, shapes))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] -= epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, shapes))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    difference = relative_difference(grad, gradapprox)
    _said(difference, print_msg)
    return difference
