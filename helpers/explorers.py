"""Interactive explorers: a figure that redraws as a student moves its controls.

The contract: ``explore(draw, controls, defaults)`` shows ``draw(fig, **values)``
for the default values and, in a notebook with a widget front end
(ipywidgets), a slider or a menu per control that redraws it. Without one (a
terminal, a plain ``nbconvert``, the course's own test runs, which set
``COURSE_PLAIN_OUTPUT=1``) it shows the figure for the defaults only, so every
notebook runs and prints the same everywhere. Each week's explorer is a small
function here that builds its ``draw`` from the notebook's own functions (the
student's model, the notebook's training code), computing a setting the first
time it is shown and keeping it. While a figure is being drawn the controls are
disabled and a label says so ("training…"), and both come back when the drawing
ends, also when it fails; drawing runs on one thread (``helpers.threads``), so a
class sharing a server keeps its speed.

- ``learning_rate_explorer`` (week 1): the cost curve and the accuracies of
  logistic regression for a chosen learning rate.
- ``boundary_explorer`` (week 2): the decision boundary of a one-hidden-layer
  network on 2-D points, for a chosen number of hidden units and activation.
"""

import functools

import numpy as np

from helpers.plots import plot_decision_boundary, plot_learning_curves
from helpers.progress import plain_output
from helpers.threads import one_thread

__all__ = ["explore", "learning_rate_explorer", "boundary_explorer"]


def _widgets_available():
    """Whether a widget front end can show controls here."""
    if plain_output():
        return False
    try:
        import ipywidgets  # noqa: F401
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _show(draw, values, size):
    import matplotlib.pyplot as plt
    from IPython.display import display

    fig = plt.figure(figsize=size)
    try:
        with one_thread():
            draw(fig, **values)
        display(fig)
    finally:
        plt.close(fig)


def explore(draw, controls, defaults, size=(10, 4), busy="drawing…"):
    """Show ``draw(fig, **values)`` with controls that redraw it (where widgets work).

    Arguments:
    draw -- function(fig, **values) that draws on an empty matplotlib Figure
    controls -- {name: sequence of choices}: a slider for numbers, a menu otherwise
    defaults -- {name: the choice shown first}
    size -- the figure's size in inches
    busy -- what the label beside the controls says while a figure is being drawn

    Returns the widget box, or None when only the static figure could be shown.
    """
    if not _widgets_available():
        _show(draw, dict(defaults), size)
        return None
    import ipywidgets as widgets

    output = widgets.Output()
    pickers = {}
    for name, choices in controls.items():
        choices = list(choices)
        style = {"description_width": "initial"}  # the whole name, not cut short
        if all(isinstance(c, (int, float)) for c in choices):
            picker = widgets.SelectionSlider(options=choices, value=defaults[name],
                                             description=name, continuous_update=False,
                                             style=style, layout=widgets.Layout(width="360px"))
        else:
            picker = widgets.Dropdown(options=choices, value=defaults[name], description=name,
                                      style=style)
        pickers[name] = picker

    status = widgets.Label(value="")

    def redraw(_=None):
        # the front end shows the disabled controls and the label while draw() runs
        for picker in pickers.values():
            picker.disabled = True
        status.value = busy
        try:
            with output:
                output.clear_output(wait=True)
                _show(draw, {name: picker.value for name, picker in pickers.items()}, size)
        finally:
            for picker in pickers.values():
                picker.disabled = False
            status.value = ""

    for picker in pickers.values():
        picker.observe(redraw, names="value")
    box = widgets.VBox([widgets.HBox([*pickers.values(), status]), output])
    redraw()
    from IPython.display import display

    display(box)
    return box


def _accuracy(Y_prediction, Y):
    return 100.0 * float(np.mean(Y_prediction == Y))


def learning_rate_explorer(model, X_train, Y_train, X_test, Y_test, rates, num_iterations,
                           default=None):
    """Week 1: logistic regression trained with a chosen learning rate.

    Arguments:
    model -- the notebook's model(X_train, Y_train, X_test, Y_test, num_iterations,
             learning_rate) -> dict with "costs", "Y_prediction_train", "Y_prediction_test"
    X_train -- (n_x, m_train), Y_train (1, m_train), X_test (n_x, m_test), Y_test (1, m_test)
    rates -- the learning rates to choose from
    num_iterations -- iterations of every run
    default -- the rate shown first (default: the middle one)
    """
    @functools.cache
    def run(rate):
        return model(X_train, Y_train, X_test, Y_test, num_iterations=num_iterations,
                     learning_rate=rate)

    def draw(fig, learning_rate):
        d = run(learning_rate)
        ax = fig.add_subplot(1, 1, 1)
        plot_learning_curves(d["costs"], interval=100, ax=ax,
                             title=f"learning rate {learning_rate}: train "
                                   f"{_accuracy(d['Y_prediction_train'], Y_train):.1f} %, test "
                                   f"{_accuracy(d['Y_prediction_test'], Y_test):.1f} %")

    rates = list(rates)
    default = rates[len(rates) // 2] if default is None else default
    return explore(draw, {"learning_rate": rates}, {"learning_rate": default}, size=(7, 4),
                   busy="training…")


def boundary_explorer(X, Y, train, predict, activations, hidden_sizes, default_size=4,
                      default_activation=None):
    """Week 2: the decision boundary of a network with one hidden layer.

    Arguments:
    X -- points, shape (2, m); Y -- labels, shape (1, m)
    train -- the notebook's train(X, Y, n_h, g, g_prime) -> parameters
    predict -- predict(parameters, X, g) -> (1, m) labels
    activations -- {name: (g, g_prime)}
    hidden_sizes -- the numbers of hidden units to choose from
    """
    @functools.cache
    def trained(n_h, activation):
        g, g_prime = activations[activation]
        return train(X, Y, n_h, g, g_prime)

    def draw(fig, n_h, activation):
        parameters = trained(n_h, activation)
        g = activations[activation][0]
        accuracy = _accuracy(predict(parameters, X, g), Y)
        ax = fig.add_subplot(1, 1, 1)
        plot_decision_boundary(lambda points: predict(parameters, points, g), X, Y, ax=ax,
                               title=f"{n_h} hidden units, {activation}: {accuracy:.1f} %")

    names = list(activations)
    return explore(draw, {"n_h": list(hidden_sizes), "activation": names},
                   {"n_h": default_size, "activation": default_activation or names[0]},
                   size=(6, 5), busy="training…")
