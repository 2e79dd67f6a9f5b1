"""The plotting helpers draw what they promise, on small inputs, with Agg."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.image import AxesImage  # noqa: E402

from helpers.plots import (  # noqa: E402
    columns_to_images,
    plot_curves,
    plot_decision_boundary,
    plot_image_grid,
    plot_learning_curves,
    plot_loss_comparison,
)

CLASSES = np.array([b"non-cat", b"cat"])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def tiny_pictures(k, h=4, w=4):
    """k pictures (k, h, w, 3) uint8 with distinct, deterministic contents."""
    return (np.arange(k * h * w * 3).reshape(k, h, w, 3) % 256).astype(np.uint8)


def test_learning_curve_single_list_uses_interval():
    ax = plot_learning_curves([0.69, 0.5, 0.4, 0.35], interval=100)
    lines = ax.get_lines()
    assert len(lines) == 1
    np.testing.assert_array_equal(lines[0].get_xdata(), [0, 100, 200, 300])
    np.testing.assert_allclose(lines[0].get_ydata(), [0.69, 0.5, 0.4, 0.35])
    assert ax.get_title() == "Learning curve"
    assert "100" in ax.get_xlabel()
    assert ax.get_legend() is None


def test_learning_curves_several_with_labels():
    costs = [[0.7, 0.6], [0.7, 0.4, 0.3], [0.7, 0.2]]
    labels = ["0.01", "0.001", "0.0001"]
    ax = plot_learning_curves(costs, labels=labels, interval=50, title="rates")
    assert len(ax.get_lines()) == 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == labels
    np.testing.assert_array_equal(ax.get_lines()[1].get_xdata(), [0, 50, 100])
    assert ax.get_title() == "rates"


def test_learning_curves_from_dict_and_given_axes():
    fig, ax = plt.subplots()
    out = plot_learning_curves({"a": [1.0, 0.5], "b": [1.0, 0.8]}, ax=ax)
    assert out is ax
    assert len(fig.axes) == 1
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]


def test_learning_curves_reject_wrong_label_count():
    with pytest.raises(ValueError):
        plot_learning_curves([[1.0, 0.5], [1.0, 0.4]], labels=["only one"])


def test_image_grid_from_arrays_marks_misclassified():
    images = tiny_pictures(6)
    labels = np.array([[1, 0, 1, 0, 1, 1]])
    predictions = np.array([[1.0, 1.0, 1.0, 0.0, 0.0, 1.0]])
    fig = plot_image_grid(images, labels, predictions, classes=CLASSES, ncols=4, title="grid")
    axes = fig.axes
    assert len(axes) == 6
    assert all(len(ax.get_images()) == 1 for ax in axes)
    red = [ax for ax in axes if ax.title.get_color() == "red"]
    assert [ax.get_title().split(":")[0] for ax in red] == ["#1", "#4"]
    assert "non-cat" in axes[1].get_title() and "predicted cat" in axes[1].get_title()
    assert fig._suptitle.get_text() == "grid"


def test_image_grid_from_columns_round_trips_pixels():
    images = tiny_pictures(3)
    X = images.reshape(3, -1).T / 255.0  # (h*w*3, k), the course's layout
    fig = plot_image_grid(X, np.array([[0, 1, 1]]), classes=CLASSES)
    assert len(fig.axes) == 3
    shown = fig.axes[2].get_images()[0]
    assert isinstance(shown, AxesImage)
    np.testing.assert_allclose(shown.get_array(), images[2] / 255.0)
    assert fig.axes[0].get_title() == "#0: non-cat"
    assert all(ax.title.get_color() == "black" for ax in fig.axes)


def test_image_grid_only_misclassified_and_max_images():
    images = tiny_pictures(5)
    labels = np.array([1, 1, 0, 0, 1])
    predictions = np.array([0, 1, 1, 0, 0])
    fig = plot_image_grid(images, labels, predictions, only_misclassified=True)
    assert [ax.get_title().split(":")[0] for ax in fig.axes] == ["#0", "#2", "#4"]
    fig = plot_image_grid(images, labels, max_images=2, dpi=50)
    assert len(fig.axes) == 2
    assert fig.dpi == 50


def test_image_grid_rejects_mismatched_labels():
    with pytest.raises(ValueError):
        plot_image_grid(tiny_pictures(3), np.array([[0, 1]]))


def test_columns_to_images_shape_and_order():
    images = tiny_pictures(2, h=3, w=3)
    X = images.reshape(2, -1).T
    np.testing.assert_array_equal(columns_to_images(X), images)
    with pytest.raises(ValueError):
        columns_to_images(np.zeros((10, 2)))


def test_decision_boundary_calls_predict_with_columns():
    X = np.array([[0.0, 1.0, 2.0, 3.0], [0.0, 1.0, 0.0, 1.0]])  # (2, m)
    Y = np.array([[0, 0, 1, 1]])
    seen = []

    def predict(points):
        seen.append(points.shape)
        return (points[0:1] > 1.5).astype(float)  # (1, k)

    ax = plot_decision_boundary(predict, X, Y, resolution=20, title="boundary")
    assert seen == [(2, 400)]
    assert len(ax.collections) >= 2  # the filled regions and the scatter of the data
    offsets = ax.collections[-1].get_offsets()
    np.testing.assert_allclose(np.asarray(offsets), X.T)
    assert ax.get_title() == "boundary"


def test_decision_boundary_rejects_rows_layout():
    with pytest.raises(ValueError):
        plot_decision_boundary(lambda p: p[0], np.zeros((5, 2)), np.zeros((1, 5)))


def test_plot_curves_one_line_per_entry():
    x = np.linspace(-1, 1, 11)
    ax = plot_curves(x, {"x": x, "x^2": x ** 2, "x^3": x ** 3}, title="powers")
    assert len(ax.get_lines()) == 3
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), x ** 2)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["x", "x^2", "x^3"]


def test_loss_comparison_one_panel_per_loss():
    w = np.linspace(-2, 2, 9)
    fig = plot_loss_comparison(w, {"squared error": w ** 2, "cross-entropy": np.abs(w)})
    assert len(fig.axes) == 2
    assert [ax.get_title() for ax in fig.axes] == ["squared error", "cross-entropy"]
    assert all(len(ax.get_lines()) == 1 for ax in fig.axes)


def test_plots_are_deterministic():
    images = tiny_pictures(4)
    first = plot_image_grid(images, [1, 0, 1, 0], [1, 1, 1, 0], classes=CLASSES)
    second = plot_image_grid(images, [1, 0, 1, 0], [1, 1, 1, 0], classes=CLASSES)
    assert [a.get_title() for a in first.axes] == [a.get_title() for a in second.axes]
