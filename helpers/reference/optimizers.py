"""Week 5's mini-batches, optimisers and learning-rate schedules, for the grader's stand-ins.

Contract: the correct versions of the exercises of ``optimization_methods`` that its ``model``
calls or is given: ``random_mini_batches`` (one permutation of the columns,
``np.random.RandomState(seed).permutation(m)``, full batches then a smaller last one), the
momentum, RMSprop and Adam states (dicts ``dW1 db1 ... dWL dbL`` of zeros shaped like the
parameters) and updates (RMSprop with ``beta2``; Adam's ``t`` counts updates from 1 and its
epsilon is added outside the square root), and the four schedules ``update_lr``,
``schedule_lr_decay``, ``exponential_lr_decay`` and ``sqrt_lr_decay`` (epoch_num counts from
0, so the square root is taken of epoch_num + 1). No function changes its arguments: an
update returns new dicts.

The week-5 notebook never imports this module (these are its exercises); the grader hands
them to a caller's cases as stand-ins, so that one mistake costs one exercise.
"""

import math

import numpy as np

__all__ = [
    "random_mini_batches",
    "initialize_velocity",
    "update_parameters_with_momentum",
    "initialize_rmsprop",
    "update_parameters_with_rmsprop",
    "initialize_adam",
    "update_parameters_with_adam",
    "update_lr",
    "schedule_lr_decay",
    "exponential_lr_decay",
    "sqrt_lr_decay",
]


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """[(X_b, Y_b), ...]: the columns of X (n_x, m) and Y (1, m) shuffled by one permutation
    and cut into batches of mini_batch_size, the last one smaller when it does not divide m."""
    order = np.random.RandomState(seed).permutation(X.shape[1])
    X, Y = X[:, order], Y[:, order]
    return [(X[:, k:k + mini_batch_size], Y[:, k:k + mini_batch_size])
            for k in range(0, X.shape[1], mini_batch_size)]


def _zeros_like_gradients(parameters):
    return {f"d{key}": np.zeros(np.shape(value)) for key, value in parameters.items()}


def initialize_velocity(parameters):
    """Momentum's v: zeros shaped like each parameter, keys dW1, db1, ..."""
    return _zeros_like_gradients(parameters)


def initialize_rmsprop(parameters):
    """RMSprop's s: zeros shaped like each parameter, keys dW1, db1, ..."""
    return _zeros_like_gradients(parameters)


def initialize_adam(parameters):
    """Adam's (v, s): two dicts of zeros shaped like each parameter, keys dW1, db1, ..."""
    return _zeros_like_gradients(parameters), _zeros_like_gradients(parameters)


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """v := beta v + (1 - beta) grad; parameter := parameter - learning_rate v."""
    parameters, v = dict(parameters), dict(v)
    for key in list(parameters):
        v[f"d{key}"] = beta * v[f"d{key}"] + (1 - beta) * grads[f"d{key}"]
        parameters[key] = parameters[key] - learning_rate * v[f"d{key}"]
    return parameters, v


def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    """s := beta2 s + (1 - beta2) grad^2; parameter := parameter - lr grad / (sqrt(s) + eps)."""
    parameters, s = dict(parameters), dict(s)
    for key in list(parameters):
        grad = grads[f"d{key}"]
        s[f"d{key}"] = beta2 * s[f"d{key}"] + (1 - beta2) * grad ** 2
        parameters[key] = parameters[key] - learning_rate * grad / (np.sqrt(s[f"d{key}"])
                                                                    + epsilon)
    return parameters, s


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9,
                                beta2=0.999, epsilon=1e-8):
    """Adam's step t (from 1): (parameters, v, s, v_corrected, s_corrected)."""
    parameters, v, s = dict(parameters), dict(v), dict(s)
    v_corrected, s_corrected = {}, {}
    for key in list(parameters):
        grad, name = grads[f"d{key}"], f"d{key}"
        v[name] = beta1 * v[name] + (1 - beta1) * grad
        s[name] = beta2 * s[name] + (1 - beta2) * grad ** 2
        v_corrected[name] = v[name] / (1 - beta1 ** t)
        s_corrected[name] = s[name] / (1 - beta2 ** t)
        parameters[key] = parameters[key] - learning_rate * v_corrected[name] / (
            np.sqrt(s_corrected[name]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def update_lr(learning_rate0, epoch_num, decay_rate):
    """learning_rate0 / (1 + decay_rate * epoch_num)."""
    return learning_rate0 / (1 + decay_rate * epoch_num)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval))."""
    return learning_rate0 / (1 + decay_rate * math.floor(epoch_num / time_interval))


def exponential_lr_decay(learning_rate0, epoch_num, base=0.95):
    """learning_rate0 * base ** epoch_num."""
    return learning_rate0 * base ** epoch_num


def sqrt_lr_decay(learning_rate0, epoch_num, k=1.0):
    """learning_rate0 * k / sqrt(epoch_num + 1)."""
    return learning_rate0 * k / math.sqrt(epoch_num + 1)
