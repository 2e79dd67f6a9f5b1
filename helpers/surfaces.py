"""Cost surfaces of two parameters, for watching an optimiser's path.

Contract: a ``Surface`` is a cost J(w, b) of two numbers with its gradient and the box it is
drawn in; ``ELONGATED_BOWL`` is the lectures' elongated bowl (steep along b, shallow along w)
and ``SADDLE`` a saddle point surrounded by a nearly flat region (a plateau).
``follow(surface, step, start, num_steps)`` runs an optimiser on a surface: the two numbers
travel as the course's dict ``{"W1": (1, 1), "b1": (1, 1)}`` with gradients
``{"dW1", "db1"}``, so the optimisers of week 5 run on it unchanged; ``step(parameters, grads,
t)`` makes one update (t counts steps from 1) and returns the new parameters. It returns the
path, shape (num_steps + 1, 2), the start first. ``plot_paths(surface, paths)`` draws the
contours and the paths. Nothing here draws random numbers.
"""

from dataclasses import dataclass
from typing import Callable

import numpy as np

__all__ = ["Surface", "ELONGATED_BOWL", "SADDLE", "follow", "plot_paths"]


@dataclass(frozen=True)
class Surface:
    """J(w, b), its gradient (dJ/dw, dJ/db), and the box (w_min, w_max, b_min, b_max) drawn."""

    name: str
    cost: Callable
    gradient: Callable
    box: tuple


# J = (w^2 + 25 b^2) / 2: curvature 25 times larger along b than along w
ELONGATED_BOWL = Surface("elongated bowl", lambda w, b: 0.5 * (w ** 2 + 25.0 * b ** 2),
                         lambda w, b: (w, 25.0 * b), (-5.5, 1.5, -1.5, 1.5))
# J = w^2 + b^4 / 4 - b^2 / 2: a minimum along w and a maximum along b at (0, 0), the two
# minima at (0, -1) and (0, 1); near b = 0 the slope along b is about -b, almost flat
SADDLE = Surface("saddle", lambda w, b: w ** 2 + b ** 4 / 4 - b ** 2 / 2,
                 lambda w, b: (2.0 * w, b ** 3 - b), (-2.2, 2.2, -1.6, 1.6))


def follow(surface, step, start, num_steps):
    """The path of ``step`` on ``surface`` from ``start`` = (w, b): array (num_steps + 1, 2)."""
    parameters = {"W1": np.array([[float(start[0])]]), "b1": np.array([[float(start[1])]])}
    path = [tuple(start)]
    for t in range(1, num_steps + 1):
        w, b = float(parameters["W1"][0, 0]), float(parameters["b1"][0, 0])
        dw, db = surface.gradient(w, b)
        grads = {"dW1": np.array([[dw]]), "db1": np.array([[db]])}
        parameters = step(parameters, grads, t)
        path.append((float(parameters["W1"][0, 0]), float(parameters["b1"][0, 0])))
    return np.array(path)


def plot_paths(surface, paths, ax=None, title=None, levels=25):
    """Contours of ``surface`` and each path of ``paths`` (name -> array (k, 2)); the Axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.6))
    w_min, w_max, b_min, b_max = surface.box
    w, b = np.meshgrid(np.linspace(w_min, w_max, 300), np.linspace(b_min, b_max, 200))
    ax.contour(w, b, surface.cost(w, b), levels=levels, cmap="Greys", linewidths=0.7)
    for name, path in paths.items():
        shown = np.clip(path, [w_min, b_min], [w_max, b_max])  # a diverging path stays in view
        ax.plot(shown[:, 0], shown[:, 1], "o-", markersize=2.5, linewidth=1.2, label=name)
    ax.plot(*np.asarray(next(iter(paths.values())))[0], "k*", markersize=10)
    ax.set_xlim(w_min, w_max)
    ax.set_ylim(b_min, b_max)
    ax.set_xlabel("$w$")
    ax.set_ylabel("$b$")
    ax.set_title(title or surface.name)
    ax.legend(loc="lower right", fontsize=8)
    return ax
