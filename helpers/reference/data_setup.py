"""Setting up a problem (week 4): splitting the data, reading its errors, normalising inputs.

Contract: ``split_dataset(X, Y, fractions=(0.6, 0.2, 0.2), seed=0)`` shuffles the columns of X
(n_x, m) and Y (1, m) with one order, ``np.random.RandomState(seed).permutation(m)``, and
returns ``(X_train, Y_train, X_dev, Y_dev, X_test, Y_test)``: the first
``int(fractions[0] * m)`` shuffled examples, the next ``int(fractions[1] * m)``, and the rest.
``diagnose(train_error, dev_error, bayes_error=0.0, tolerance=0.02)`` names the problem: the
avoidable bias ``train_error - bayes_error`` and the variance ``dev_error - train_error`` are
high when strictly greater than ``tolerance``. ``normalize_inputs(X_train)`` returns
``(X_norm, mu, sigma2)`` with per-feature means and variances (1/m) of shape (n_x, 1), and
``apply_normalization(X, mu, sigma2)`` normalises any set with them. No function changes its
arguments or numpy's global generator.

Week 4's setup notebook has these as its exercises and never imports this module; later
notebooks may.
"""

import numpy as np

__all__ = ["split_dataset", "diagnose", "normalize_inputs", "apply_normalization"]

DIAGNOSES = {(True, True): "high bias and high variance", (True, False): "high bias",
             (False, True): "high variance", (False, False): "good fit"}


def split_dataset(X, Y, fractions=(0.6, 0.2, 0.2), seed=0):
    """Shuffled training, dev and test sets: X parts (n_x, m_part), Y parts (1, m_part)."""
    m = X.shape[1]
    order = np.random.RandomState(seed).permutation(m)
    m_train, m_dev = int(fractions[0] * m), int(fractions[1] * m)
    train, dev, test = np.split(order, [m_train, m_train + m_dev])
    return X[:, train], Y[:, train], X[:, dev], Y[:, dev], X[:, test], Y[:, test]


def diagnose(train_error, dev_error, bayes_error=0.0, tolerance=0.02):
    """One of "high bias", "high variance", "high bias and high variance", "good fit"."""
    return DIAGNOSES[(train_error - bayes_error > tolerance,
                      dev_error - train_error > tolerance)]


def normalize_inputs(X_train):
    """(X_norm, mu, sigma2): each row of X_train (n_x, m) to mean 0 and variance 1."""
    mu = np.mean(X_train, axis=1, keepdims=True)  # (n_x, 1)
    sigma2 = np.mean((X_train - mu) ** 2, axis=1, keepdims=True)  # (n_x, 1)
    return apply_normalization(X_train, mu, sigma2), mu, sigma2


def apply_normalization(X, mu, sigma2):
    """(X - mu) / sqrt(sigma2), with the training set's mu and sigma2 (n_x, 1)."""
    return (X - mu) / np.sqrt(sigma2)
