#!/usr/bin/env python
"""Reference figures of the course's cat lessons on the drawn cat pictures.

Batch gradient descent in float64, fixed seeds, exactly as the notebooks run it. Prints
train/test accuracy of

* logistic regression exactly as the week 1 notebook's main run (cell "Training
  on the pictures"): zero init, ``MAIN_RUN`` = 2000 iterations at learning rate
  0.005, so the figures are the notebook's;
* a 2-layer network [12288, 7, 1] and a 4-layer network [12288, 20, 7, 5, 1], trained
  exactly as the week 3 application notebook trains them: ``np.random.seed(NETWORK_SEED)``,
  then the course's own ``two_layer_model`` and ``L_layer_model``
  (``helpers.reference.deep_models``) with ``NETWORK_RUN`` = 2500 iterations at learning
  rate 0.0075: hidden layers ReLU, output sigmoid, W ~ randn / sqrt(n_prev) (W1 drawn
  first), b = 0.

X has one column per picture: ``x.reshape(m, -1).T / 255``, shape (12288, m).

Usage: python benchmarks/cat_pictures_lessons.py [--data DIR]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import h5py
import numpy as np

DATA = Path(__file__).resolve().parent.parent / "datasets"
# The week 1 notebook's main run (tests/datasets checks that the notebook uses it).
MAIN_RUN = {"num_iterations": 2000, "learning_rate": 0.005}
# The week 3 application notebook's main runs of both networks (tests/lessons checks that
# the notebook uses them).
NETWORK_RUN = {"num_iterations": 2500, "learning_rate": 0.0075}
NETWORK_SEED = 1


def load(data_dir=DATA, train_name="train_cat_pictures.h5", test_name="test_cat_pictures.h5",
         dtype=np.float64):
    """Returns X_train (12288, m_train), y_train (1, m_train), X_test, y_test in ``dtype``, X in [0, 1]."""
    data_dir = Path(data_dir)
    with h5py.File(data_dir / train_name, "r") as f:
        tx, ty = f["train_set_x"][:], f["train_set_y"][:]
    with h5py.File(data_dir / test_name, "r") as f:
        sx, sy = f["test_set_x"][:], f["test_set_y"][:]

    def flat(x):
        return np.ascontiguousarray(x.reshape(x.shape[0], -1).T, dtype=dtype) / dtype(255)  # (12288, m)

    return flat(tx), ty.reshape(1, -1).astype(dtype), flat(sx), sy.reshape(1, -1).astype(dtype)


def sigmoid(z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-z))


def accuracy(pred, y):
    """Percentage of equal entries of two (1, m) arrays."""
    return 100.0 * float(np.mean(pred == y))


# ---------------------------------------------------------------- logistic regression
def logistic_regression(X, y, num_iterations=MAIN_RUN["num_iterations"],
                        learning_rate=MAIN_RUN["learning_rate"]):
    """Zero init and batch gradient descent, the notebook's ``model`` step for step.

    X -- data, shape (n_x, m); y -- labels 0/1, shape (1, m).
    Returns w, shape (n_x, 1), and b, a float.
    """
    n_x, m = X.shape
    w, b = np.zeros((n_x, 1), dtype=X.dtype), 0.0
    for _ in range(num_iterations):
        dZ = sigmoid(np.dot(w.T, X) + b) - y  # (1, m)
        w = w - learning_rate * (np.dot(X, dZ.T) / m)  # (n_x, 1)
        b = b - learning_rate * float(np.sum(dZ) / m)
    return w, b


def lr_probability(w, b, X):
    """Probabilities of a cat, shape (1, m), for X of shape (n_x, m)."""
    return sigmoid(np.dot(w.T, X) + b)


def lr_predict(w, b, X):
    """(1, m) array of 0/1 predictions."""
    return (lr_probability(w, b, X) > 0.5).astype(X.dtype)


# ---------------------------------------------------------------- networks
def train_network(X, y, layer_dims, seed=NETWORK_SEED, **run):
    """The week 3 application's main run of a network: the generator seeded with ``seed``,
    then two_layer_model for two layers, L_layer_model for more, with ``NETWORK_RUN``
    unless ``run`` says otherwise. Returns the trained parameters."""
    from helpers.reference.deep_models import L_layer_model, two_layer_model

    model = two_layer_model if len(layer_dims) == 3 else L_layer_model
    np.random.seed(seed)
    parameters, _ = model(X, y, list(layer_dims), **{**NETWORK_RUN, **run})
    return parameters


def net_predict(params, X):
    """(1, m) array of 0/1 predictions, 1 where the network's output is above 0.5."""
    from helpers.reference.deep_network import predict

    return predict(params, X)


def run_all(data_dir=DATA, verbose=True, networks=("net2", "net4")):
    """Trains logistic regression and the given networks; returns a dict of accuracies in
    percent (keys lr_train, lr_test, net2_train, net2_test, net4_train, net4_test)."""
    res = {}
    t0 = time.perf_counter()
    X, y, Xt, yt = load(data_dir)  # float64, as in the notebooks
    w, b = logistic_regression(X, y)
    res["lr_train"], res["lr_test"] = accuracy(lr_predict(w, b, X), y), accuracy(lr_predict(w, b, Xt), yt)
    if verbose:
        print(f"logistic regression         : train {res['lr_train']:5.1f}%  test {res['lr_test']:5.1f}%"
              f"  ({time.perf_counter() - t0:.1f} s)", flush=True)
    for key, name, dims in (("net2", "2-layer [12288, 7, 1]", [X.shape[0], 7, 1]),
                            ("net4", "4-layer [12288, 20, 7, 5, 1]", [X.shape[0], 20, 7, 5, 1])):
        if key not in networks:
            continue
        t0 = time.perf_counter()
        p = train_network(X, y, dims)
        res[key + "_train"], res[key + "_test"] = accuracy(net_predict(p, X), y), accuracy(net_predict(p, Xt), yt)
        if verbose:
            print(f"{name:28s}: train {res[key + '_train']:5.1f}%  test {res[key + '_test']:5.1f}%"
                  f"  ({time.perf_counter() - t0:.1f} s)", flush=True)
    return res


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description="Reference accuracies on the cat pictures.")
    ap.add_argument("--data", type=Path, default=DATA, help="folder with train_cat_pictures.h5 and test_cat_pictures.h5")
    args = ap.parse_args()
    t = time.perf_counter()
    run_all(args.data)
    print(f"total {time.perf_counter() - t:.1f} s")
