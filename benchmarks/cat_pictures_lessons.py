#!/usr/bin/env python
"""Reference figures of the course's cat lessons on the drawn cat pictures.

Plain numpy, batch gradient descent, fixed seeds. Prints train/test accuracy of

* logistic regression exactly as the week 1 notebook's main run (cell "Training
  on the pictures"): zero init, ``MAIN_RUN`` = 2000 iterations at learning rate
  0.005, in float64 like the notebook, so the figures are the notebook's;
* a 2-layer network [12288, 7, 1] (2500 iterations, learning rate 0.0075),
* a 4-layer network [12288, 20, 7, 5, 1] (2500 iterations, learning rate 0.0075),

hidden layers ReLU, output sigmoid, W ~ randn * sqrt(1 / n_prev) from
``np.random.default_rng(1)``, b = 0. X has one column per picture:
``x.reshape(m, -1).T / 255``, shape (12288, m). The networks are computed in
float32, which halves the time of the matrix products.

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


def load(data_dir=DATA, train_name="train_cat_pictures.h5", test_name="test_cat_pictures.h5",
         dtype=np.float32):
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


# ---------------------------------------------------------------- L-layer network
def init_params(layer_dims, seed=1):
    """List of [W (n_l, n_{l-1}) ~ randn * sqrt(1 / n_{l-1}), b (n_l, 1) zeros]."""
    rng = np.random.default_rng(seed)
    params = []
    for l in range(1, len(layer_dims)):
        W = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(1.0 / layer_dims[l - 1])
        params.append([W.astype(np.float32), np.zeros((layer_dims[l], 1), dtype=np.float32)])
    return params


def forward(params, X):
    """Activations [A0 = X, A1, ..., AL]; ReLU hidden layers, sigmoid output AL (1, m)."""
    A = [X]
    for i, (W, b) in enumerate(params):
        Z = W @ A[-1] + b
        A.append(sigmoid(Z) if i == len(params) - 1 else np.maximum(Z, 0))
    return A


def train_network(X, y, layer_dims, iterations=2500, learning_rate=0.0075, seed=1):
    """Batch gradient descent on the cross-entropy cost; returns the parameters."""
    params = init_params(layer_dims, seed)
    m = X.shape[1]
    XT = np.ascontiguousarray(X.T)  # contiguous copy: faster dW of the first layer
    lr = np.float32(learning_rate)
    for _ in range(iterations):
        A = forward(params, X)
        dZ = A[-1] - y  # d cost / d Z_L for sigmoid + cross-entropy
        for i in range(len(params) - 1, -1, -1):
            W, b = params[i]
            dW = (dZ @ (XT if i == 0 else A[i].T)) / np.float32(m)
            db = np.sum(dZ, axis=1, keepdims=True) / np.float32(m)
            if i > 0:
                dZ = (W.T @ dZ) * (A[i] > 0)
            params[i][0] = W - lr * dW
            params[i][1] = b - lr * db
    return params


def net_predict(params, X):
    """(1, m) array of 0/1 predictions."""
    return (forward(params, X)[-1] > 0.5).astype(np.float32)


def run_all(data_dir=DATA, verbose=True, networks=("net2", "net4")):
    """Trains logistic regression and the given networks; returns a dict of accuracies in
    percent (keys lr_train, lr_test, net2_train, net2_test, net4_train, net4_test)."""
    res = {}
    t0 = time.perf_counter()
    X, y, Xt, yt = load(data_dir, dtype=np.float64)  # logistic regression: as in the notebook
    w, b = logistic_regression(X, y)
    res["lr_train"], res["lr_test"] = accuracy(lr_predict(w, b, X), y), accuracy(lr_predict(w, b, Xt), yt)
    if verbose:
        print(f"logistic regression         : train {res['lr_train']:5.1f}%  test {res['lr_test']:5.1f}%"
              f"  ({time.perf_counter() - t0:.1f} s)", flush=True)
    X, y, Xt, yt = load(data_dir)  # the networks: float32
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
