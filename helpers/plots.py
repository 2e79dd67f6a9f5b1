"""Plots that the notebooks call: learning curves, labelled picture grids, 2-D points,
decision boundaries (alone or side by side) and curve comparisons.

The contract: every function takes arrays in the course's notation (examples
are columns, so data ``X`` has shape ``(n_x, m)`` and labels ``Y`` have shape
``(1, m)``), draws on a new figure or on the ``ax`` it is given, and returns
what it drew on: a single-panel plot returns its ``Axes``, a multi-panel plot
returns its ``Figure``. Nothing here is random and nothing changes global
state (no ``rcParams``, no ``plt.show``): the only side effect is the figure.
"""

import math

import matplotlib.pyplot as plt
import numpy as np

__all__ = [
    "plot_learning_curves",
    "plot_image_grid",
    "plot_decision_boundary",
    "plot_points",
    "plot_panels",
    "plot_curves",
    "plot_loss_comparison",
    "columns_to_images",
]


def _new_axes(ax, figsize=(6, 4)):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def _class_name(classes, label):
    """The printable name of class ``label`` (an int), decoding bytes if needed."""
    label = int(label)
    if classes is None:
        return str(label)
    name = classes[label]
    if isinstance(name, (bytes, np.bytes_)):
        name = name.decode("utf-8")
    return str(name)


def plot_learning_curves(costs, labels=None, interval=100, ax=None, title="Learning curve",
                         ylabel="cost", log_scale=False):
    """Plot one or several cost curves against the iteration number.

    Arguments:
    costs -- a list of costs (one curve), or a list of such lists, or a dict
             label -> list of costs; costs[k] was recorded at iteration k * interval
    labels -- names of the curves (e.g. ["learning rate 0.01", ...]); ignored for a dict
    interval -- number of iterations between two recorded costs
    ax -- the matplotlib Axes to draw on (a new figure if None)
    title, ylabel -- texts of the plot
    log_scale -- draw the cost on a logarithmic axis

    Returns:
    ax -- the Axes, with one line per curve
    """
    if isinstance(costs, dict):
        labels = [str(k) for k in costs]
        curves = [list(v) for v in costs.values()]
    elif len(costs) > 0 and np.ndim(costs[0]) > 0:
        curves = [list(c) for c in costs]
    else:
        curves = [list(costs)]
    if labels is not None and len(labels) != len(curves):
        raise ValueError(f"got {len(labels)} labels for {len(curves)} curves")
    ax = _new_axes(ax)
    for k, curve in enumerate(curves):
        values = np.asarray(curve, dtype=float).ravel()
        iterations = np.arange(values.size) * interval
        label = labels[k] if labels is not None else None
        ax.plot(iterations, values, marker="o" if values.size <= 30 else None,
                markersize=3, label=label)
    ax.set_xlabel(f"iteration (a cost every {interval})" if interval != 1 else "iteration")
    ax.set_ylabel(ylabel)
    if log_scale:
        ax.set_yscale("log")
    if title:
        ax.set_title(title)
    if labels is not None:
        ax.legend()
    ax.grid(True, alpha=0.3)
    return ax


def columns_to_images(X, num_px=None, channels=3):
    """Turn picture columns back into pictures.

    Arguments:
    X -- pictures as columns, shape (num_px * num_px * channels, k), in the order of
         ``images.reshape(k, -1).T``
    num_px -- height and width of a (square) picture; inferred if None

    Returns:
    images -- array of shape (k, num_px, num_px, channels)
    """
    X = np.asarray(X)
    if X.ndim != 2:
        raise ValueError(f"picture columns should have shape (n_x, k); got {X.shape}")
    n_x, k = X.shape
    if num_px is None:
        num_px = int(round(math.sqrt(n_x / channels)))
    if num_px * num_px * channels != n_x:
        raise ValueError(f"a column of {n_x} values is not a {num_px}x{num_px}x{channels} "
                         f"picture")
    return X.T.reshape(k, num_px, num_px, channels)


def _displayable(image):
    """An image imshow draws faithfully: uint8 as is, floats clipped to [0, 1]."""
    image = np.asarray(image)
    if image.dtype == np.uint8:
        return image
    image = image.astype(float)
    if image.max(initial=0.0) > 1.0:
        image = image / 255.0
    return np.clip(image, 0.0, 1.0)


def plot_image_grid(images, labels, predictions=None, classes=None, ncols=5, max_images=None,
                    only_misclassified=False, num_px=None, title=None, size=1.8, dpi=None):
    """Show pictures in a grid, each titled with its label (and prediction).

    A misclassified picture (prediction != label) gets a red title and a red frame.

    Arguments:
    images -- pictures, shape (k, h, w, 3) (uint8, or floats in [0, 1]), or picture
              columns of shape (h * w * 3, k) as in X
    labels -- true labels, shape (1, k) or (k,), values 0/1 (or any class index)
    predictions -- predicted labels, same shape as labels, or None
    classes -- class names indexed by label, e.g. [b'non-cat', b'cat']; None shows numbers
    ncols -- pictures per row
    max_images -- show at most this many (the first ones); None shows all
    only_misclassified -- show only the pictures whose prediction differs from the label
    num_px -- side of a picture when images are columns (inferred if None)
    title -- title of the whole figure
    size -- width and height of one cell, in inches
    dpi -- resolution of the figure (matplotlib's default if None); lower it to keep
           notebooks with many pictures small

    Returns:
    fig -- the Figure, with one Axes (one image) per picture shown
    """
    images = np.asarray(images)
    if images.ndim == 2:
        images = columns_to_images(images, num_px)
    if images.ndim != 4:
        raise ValueError(f"images should have shape (k, h, w, 3) or (h*w*3, k); got "
                         f"{images.shape}")
    labels = np.asarray(labels).reshape(-1)
    if labels.size != images.shape[0]:
        raise ValueError(f"{labels.size} labels for {images.shape[0]} pictures")
    if predictions is not None:
        predictions = np.asarray(predictions).reshape(-1)
        if predictions.size != labels.size:
            raise ValueError(f"{predictions.size} predictions for {labels.size} labels")
    indices = np.arange(labels.size)
    if only_misclassified:
        if predictions is None:
            raise ValueError("only_misclassified needs predictions")
        indices = indices[predictions.astype(int) != labels.astype(int)]
    if max_images is not None:
        indices = indices[:max_images]
    count = max(len(indices), 1)
    ncols = max(1, min(ncols, count))
    nrows = math.ceil(count / ncols)
    title_room = 0.45 if predictions is not None else 0.25  # one or two lines of title
    figsize = (size * ncols, (size + title_room) * nrows + 0.4)
    fig, axes = plt.subplots(nrows, ncols, figsize=figsize, squeeze=False, dpi=dpi)
    for cell, ax in enumerate(axes.flat):
        if cell >= len(indices):
            ax.remove()
            continue
        i = indices[cell]
        ax.imshow(_displayable(images[i]))
        ax.set_xticks([])
        ax.set_yticks([])
        text = _class_name(classes, labels[i])
        wrong = predictions is not None and int(predictions[i]) != int(labels[i])
        if predictions is not None:
            text = f"{text}\npredicted {_class_name(classes, predictions[i])}"
        ax.set_title(f"#{i}: {text}", fontsize=8, color="red" if wrong else "black")
        if wrong:
            for spine in ax.spines.values():
                spine.set_edgecolor("red")
                spine.set_linewidth(3)
    if len(indices) == 0:
        fig.text(0.5, 0.5, "nothing to show", ha="center", va="center")
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_decision_boundary(predict, X, Y, ax=None, resolution=200, margin=0.5, title=None,
                           cmap="coolwarm"):
    """Colour the plane by the class a model predicts, and draw the data on top.

    Arguments:
    predict -- a function taking points of shape (2, k) and returning k labels,
               shape (1, k) or (k,)
    X -- data, shape (2, m)
    Y -- labels, shape (1, m)
    ax -- the Axes to draw on (a new figure if None)
    resolution -- number of grid points along each axis
    margin -- how far past the data the grid extends
    title -- title of the plot

    Returns:
    ax -- the Axes, with the filled regions and one scatter of the data
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] != 2:
        raise ValueError(f"X should have shape (2, m); got {X.shape}")
    Y = np.asarray(Y).reshape(-1)
    ax = _new_axes(ax)
    x_min, x_max = X[0].min() - margin, X[0].max() + margin
    y_min, y_max = X[1].min() - margin, X[1].max() + margin
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, resolution),
                         np.linspace(y_min, y_max, resolution))
    grid = np.vstack([xx.ravel(), yy.ravel()])  # (2, resolution**2)
    Z = np.asarray(predict(grid), dtype=float).reshape(xx.shape)
    ax.contourf(xx, yy, Z, alpha=0.35, cmap=cmap)
    plot_points(X, Y, ax=ax, title=title, cmap=cmap)
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)
    return ax


def plot_points(X, Y, ax=None, title=None, cmap="coolwarm"):
    """Scatter 2-D points coloured by their label.

    Arguments:
    X -- points, shape (2, m)
    Y -- labels, shape (1, m)
    ax -- the Axes to draw on (a new figure if None)
    title -- title of the plot

    Returns:
    ax -- the Axes, with one scatter of the m points
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] != 2:
        raise ValueError(f"X should have shape (2, m); got {X.shape}")
    Y = np.asarray(Y).reshape(-1)
    if Y.size != X.shape[1]:
        raise ValueError(f"{Y.size} labels for {X.shape[1]} points")
    ax = _new_axes(ax, figsize=(5, 4))
    ax.scatter(X[0], X[1], c=Y, cmap=cmap, s=18, edgecolors="k", linewidths=0.5)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    return ax


def plot_panels(panels, ncols=4, size=3.0, suptitle=None, resolution=150, dpi=None):
    """Several 2-D data sets, or decision boundaries, side by side: one panel each.

    Arguments:
    panels -- dict title -> (predict, X, Y): X of shape (2, m), Y of shape (1, m), and
              predict a function as in ``plot_decision_boundary``, or None to draw only
              the points
    ncols -- panels per row
    size -- width and height of one panel, in inches
    suptitle -- title of the whole figure
    resolution -- grid points along each axis of a decision boundary
    dpi -- resolution of the figure (matplotlib's default if None)

    Returns:
    fig -- the Figure, with one Axes per panel, titled by its key
    """
    if not panels:
        raise ValueError("nothing to plot: panels is empty")
    ncols = max(1, min(ncols, len(panels)))
    nrows = math.ceil(len(panels) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows + 0.3),
                             squeeze=False, dpi=dpi)
    for ax, (title, (predict, X, Y)) in zip(axes.flat, panels.items()):
        if predict is None:
            plot_points(X, Y, ax=ax, title=str(title))
        else:
            plot_decision_boundary(predict, X, Y, ax=ax, resolution=resolution,
                                   title=str(title))
    for ax in list(axes.flat)[len(panels):]:
        ax.remove()
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig


def plot_curves(x, curves, ax=None, title=None, xlabel="x", ylabel=None):
    """Plot several functions of the same variable on one Axes.

    Arguments:
    x -- the points, shape (k,)
    curves -- dict label -> values at the points, each of shape (k,)
    ax -- the Axes to draw on (a new figure if None)

    Returns:
    ax -- the Axes, with one labelled line per curve
    """
    ax = _new_axes(ax)
    x = np.asarray(x, dtype=float).ravel()
    for label, values in curves.items():
        ax.plot(x, np.asarray(values, dtype=float).ravel(), label=str(label))
    ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.legend()
    ax.grid(True, alpha=0.3)
    return ax


def plot_loss_comparison(x, losses, xlabel="w", suptitle=None, size=(4.2, 3.4)):
    """Draw several cost functions of one parameter side by side, one panel each.

    Useful to compare shapes that live on different scales, e.g. the squared-error
    and the cross-entropy cost of a sigmoid unit as one weight varies.

    Arguments:
    x -- the parameter values, shape (k,)
    losses -- dict title -> cost at each parameter value, shape (k,)
    xlabel -- name of the parameter

    Returns:
    fig -- the Figure, with one Axes (one line, titled by the dict key) per loss
    """
    x = np.asarray(x, dtype=float).ravel()
    fig, axes = plt.subplots(1, len(losses), figsize=(size[0] * len(losses), size[1]),
                             squeeze=False)
    for ax, (name, values) in zip(axes.flat, losses.items()):
        ax.plot(x, np.asarray(values, dtype=float).ravel())
        ax.set_title(str(name))
        ax.set_xlabel(xlabel)
        ax.set_ylabel("cost")
        ax.grid(True, alpha=0.3)
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig
