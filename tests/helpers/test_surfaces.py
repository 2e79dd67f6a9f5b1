"""The optimisation surfaces have the gradients and the shapes their docstrings claim, and
``follow`` runs a step function on them as a course optimiser would run."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers.surfaces import ELONGATED_BOWL, SADDLE, follow, plot_paths  # noqa: E402


@pytest.mark.parametrize("surface", [ELONGATED_BOWL, SADDLE], ids=lambda s: s.name)
def test_the_gradient_is_the_slope_of_the_cost(surface):
    h = 1e-6
    for w, b in [(-2.0, 0.7), (0.3, -1.2), (1.5, 0.05)]:
        numerical = ((surface.cost(w + h, b) - surface.cost(w - h, b)) / (2 * h),
                     (surface.cost(w, b + h) - surface.cost(w, b - h)) / (2 * h))
        np.testing.assert_allclose(surface.gradient(w, b), numerical, rtol=1e-6, atol=1e-8)


def test_the_bowl_is_steeper_along_b_and_the_saddle_is_a_saddle():
    assert ELONGATED_BOWL.cost(0, 1) == 25 * ELONGATED_BOWL.cost(1, 0)
    assert SADDLE.gradient(0, 0) == (0.0, 0.0)
    assert SADDLE.cost(0.1, 0) > SADDLE.cost(0, 0) > SADDLE.cost(0, 0.1)  # up along w, down along b
    assert SADDLE.cost(0, 1) == SADDLE.cost(0, -1) == -0.25


def test_follow_sends_course_dicts_counts_t_from_1_and_returns_the_path():
    seen = []

    def step(parameters, grads, t):
        seen.append((sorted(parameters), sorted(grads), t, parameters["W1"].shape))
        return {key: value - 0.1 * grads["d" + key] for key, value in parameters.items()}

    path = follow(ELONGATED_BOWL, step, (-5.0, 1.0), 3)
    assert path.shape == (4, 2) and tuple(path[0]) == (-5.0, 1.0)
    assert seen == [(["W1", "b1"], ["dW1", "db1"], t, (1, 1)) for t in (1, 2, 3)]
    np.testing.assert_allclose(path[1], (-5.0 + 0.5, 1.0 - 2.5))


def test_plot_paths_draws_every_path_inside_its_box():
    diverging = np.array([[-5.0, 1.0], [-4.0, -30.0]])
    ax = plot_paths(ELONGATED_BOWL, {"a": diverging, "b": diverging * 0.1})
    lines = [line for line in ax.get_lines() if line.get_label() in ("a", "b")]
    assert len(lines) == 2
    assert all(np.all(np.abs(line.get_ydata()) <= 1.5) for line in lines)
    plt.close("all")
