"""Gradient checking: centred differences and the relative error between gradients.

Contract: ``numerical_gradient(f, theta)`` nudges every entry of ``theta`` by
plus and minus ``epsilon`` and returns (f(theta + eps) - f(theta - eps)) / (2 eps)
for each entry, an array of theta's shape. ``relative_error(a, b)`` is
||a - b|| / (||a|| + ||b||): below 1e-7 is great, above 1e-5 means a bug.
``dictionary_to_vector(parameters, keys)`` stacks parameters into one column (and returns
their shapes), ``vector_to_dictionary(theta, shapes)`` undoes it, and
``gradients_to_vector(gradients, keys)`` stacks the gradients ``d<key>`` in the same order.
Nothing here prints unless asked to.
"""

import numpy as np

__all__ = [
    "numerical_gradient",
    "relative_error",
    "check_gradient",
    "dictionary_to_vector",
    "vector_to_dictionary",
    "gradients_to_vector",
]


def numerical_gradient(f, theta, epsilon=1e-7):
    """Centred-difference estimate of the gradient of a scalar function.

    Arguments:
    f -- function taking an array shaped like theta and returning a float
    theta -- point where the gradient is estimated, any shape (not modified)
    epsilon -- the nudge

    Returns:
    grad -- array of theta's shape, float64
    """
    theta = np.array(theta, dtype=np.float64)
    grad = np.zeros_like(theta)
    flat = theta.reshape(-1)  # a view into theta
    grad_flat = grad.reshape(-1)
    for i in range(flat.size):
        saved = flat[i]
        flat[i] = saved + epsilon
        plus = float(f(theta))
        flat[i] = saved - epsilon
        minus = float(f(theta))
        flat[i] = saved
        grad_flat[i] = (plus - minus) / (2 * epsilon)
    return grad


def relative_error(grad, grad_approx):
    """||grad - grad_approx||_2 / (||grad||_2 + ||grad_approx||_2); 0.0 when both are zero."""
    grad = np.asarray(grad, dtype=np.float64)
    grad_approx = np.asarray(grad_approx, dtype=np.float64)
    denominator = np.linalg.norm(grad) + np.linalg.norm(grad_approx)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(grad - grad_approx) / denominator)


def check_gradient(f, grad, theta, epsilon=1e-7, threshold=2e-7, print_msg=False):
    """Compare an analytic gradient with the centred-difference estimate.

    Arguments:
    f -- scalar function of theta
    grad -- the gradient your backward pass computed, theta's shape
    theta -- the point, any shape
    threshold -- relative errors above this are reported as a likely bug

    Returns:
    difference -- the relative error, a float
    """
    difference = relative_error(grad, numerical_gradient(f, theta, epsilon))
    if print_msg:
        if difference > threshold:
            print(f"There is probably a mistake in the backward pass: relative error "
                  f"{difference:.2e} > {threshold:.0e}.")
        else:
            print(f"The backward pass looks right: relative error {difference:.2e}.")
    return difference


def dictionary_to_vector(parameters, keys):
    """Stack the arrays parameters[k] for k in keys into one column.

    Returns:
    theta -- shape (total number of entries, 1)
    shapes -- list of (key, shape), to undo it with vector_to_dictionary
    """
    shapes = [(k, np.shape(parameters[k])) for k in keys]
    theta = np.concatenate([np.reshape(parameters[k], (-1, 1)) for k in keys], axis=0)
    return theta, shapes


def vector_to_dictionary(theta, shapes):
    """Inverse of dictionary_to_vector: a dict of arrays with the recorded shapes."""
    parameters, start = {}, 0
    for key, shape in shapes:
        size = int(np.prod(shape))
        parameters[key] = np.reshape(theta[start:start + size], shape)
        start += size
    if start != np.size(theta):
        raise ValueError(f"theta has {np.size(theta)} entries but the shapes need {start}.")
    return parameters


def gradients_to_vector(gradients, keys):
    """Stack the gradients gradients["d" + k] for k in keys into one column, in the order of
    dictionary_to_vector(parameters, keys), so that entry i of both belongs to one parameter.

    Returns:
    grad -- shape (total number of entries, 1)
    """
    return np.concatenate([np.reshape(gradients["d" + k], (-1, 1)) for k in keys], axis=0)
