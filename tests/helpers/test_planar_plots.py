"""Points and side-by-side panels draw what they promise, with Agg."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers.plots import plot_panels, plot_points  # noqa: E402

X = np.array([[0.0, 1.0, 2.0, 3.0], [0.0, 1.0, 0.0, 1.0]])  # (2, m)
Y = np.array([[0, 0, 1, 1]])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_points_are_one_scatter_of_the_columns():
    ax = plot_points(X, Y, title="four points")
    assert len(ax.collections) == 1
    np.testing.assert_allclose(np.asarray(ax.collections[0].get_offsets()), X.T)
    assert ax.get_title() == "four points"


def test_points_reject_rows_layout_and_mismatched_labels():
    with pytest.raises(ValueError, match=r"\(2, m\)"):
        plot_points(X.T, Y)
    with pytest.raises(ValueError, match="labels"):
        plot_points(X, Y[:, :3])


def test_panels_draw_data_or_boundaries_one_per_key():
    calls = []

    def predict(points):
        calls.append(points.shape)
        return (points[0] > 1.5).astype(float)

    fig = plot_panels({"data only": (None, X, Y), "boundary": (predict, X, Y),
                       "again": (predict, X, Y)}, ncols=2, resolution=10, suptitle="panels")
    assert [ax.get_title() for ax in fig.axes] == ["data only", "boundary", "again"]
    assert calls == [(2, 100), (2, 100)]
    assert len(fig.axes[0].collections) == 1  # the scatter only
    assert len(fig.axes[1].collections) >= 2  # the filled regions and the scatter
    assert fig._suptitle.get_text() == "panels"


def test_panels_need_something_to_draw():
    with pytest.raises(ValueError, match="empty"):
        plot_panels({})
