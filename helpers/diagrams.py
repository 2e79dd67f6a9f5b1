"""Figures of the networks the lectures draw: a computation graph, layers of units, the
building blocks of the forward and backward passes, and the models of the application.

The contract: one function per figure. Each takes as arguments what the notebook knows
(layer sizes, activations, example numbers, a picture), draws on a new Figure with a single
Axes and returns the Figure; the notebook shows it with ``plt.show()``. Every label is a
Text of that Axes, written in the course's notation with matplotlib's mathtext: examples
are columns, so ``X`` has shape ``(n_x, m)``; ``W^{[l]}`` has shape ``(n^{[l]}, n^{[l-1]})``;
a superscript ``[l]`` names a layer. Shapes are written as plain text, e.g. ``(4, m)``.
Nothing here is random: the same arguments draw the same figure, and nothing changes
global state (no ``rcParams``, no ``plt.show``). Bad arguments raise ``ValueError`` with
a sentence saying what was expected.

The Axes spans the whole Figure and one unit of its data coordinates is one inch, so a
figure's layout is written in inches. At the sizes the notebooks draw, a figure is at most
about 10.5 inches wide, which a notebook shows at full width; each further layer adds a
column of about two inches.
"""

import math

import matplotlib.pyplot as plt
import numpy as np

__all__ = [
    "draw_logistic_unit_graph",
    "draw_network",
    "draw_building_blocks",
    "draw_backward_cache_flow",
    "draw_two_layer_model",
    "draw_L_layer_model",
    "draw_dropout_network",
]

INK = "#333333"
FORWARD = "#1f5fa8"      # values on the way forward
BACKWARD = "#b03a2e"     # derivatives on the way back
CACHE = "#4d7a1f"        # what the forward pass keeps for the backward pass
FILLS = {"input": "#eeeeee", "hidden": "#dce8f5", "output": "#fbe3cf", "cache": "#e6f0da",
         "backward": "#f6dedb", "plain": "white"}

MAX_LAYERS = 8     # the most layers draw_network draws (each needs about 1.9 inches)
MAX_BLOCKS = 5     # the most layers the building-block figures draw (2.4 inches each)

ACTIVATION_NAMES = {"tanh": r"$\tanh$", "relu": "ReLU", "sigmoid": r"sigmoid $\sigma$",
                    "leaky_relu": "leaky ReLU", "softmax": "softmax", "linear": "linear"}


# ---------------------------------------------------------------------------------------
# drawing primitives, in inches

def _patches():
    """matplotlib.patches, imported when a figure is drawn, not when this module is.

    A notebook imports this module in its first cell, which runs when the notebook is
    graded; the grader stands in for matplotlib and pyplot until a cell really plots
    (autograder/runtime/worker.py), and importing a submodule at the top of this file
    would load matplotlib there, or break on the stand-in. Every figure opens with
    _canvas, whose plt.figure loads matplotlib first.
    """
    from matplotlib import patches

    return patches


def _canvas(width, height):
    """A new Figure of width x height inches whose one Axes uses inches as coordinates."""
    fig = plt.figure(figsize=(width, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    return fig, ax


def _box(ax, center, size, text, *, edge=INK, fill="plain", fontsize=10, **text_options):
    """A rounded box of size (w, h) centred at center, with text in its middle."""
    (x, y), (w, h) = center, size
    ax.add_patch(_patches().FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                           boxstyle="round,pad=0,rounding_size=0.08",
                                           edgecolor=edge, facecolor=FILLS[fill], linewidth=1.3))
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, **text_options)


def _arrow(ax, start, end, *, color=INK, dashed=False, bend=0.0, width=1.3):
    """An arrow from start to end (points in inches), straight or bent by bend."""
    ax.add_patch(_patches().FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12,
                                            color=color, linewidth=width,
                                            linestyle="--" if dashed else "-",
                                            connectionstyle=f"arc3,rad={bend}",
                                            shrinkA=0, shrinkB=0))


def _label(ax, x, y, text, *, color=INK, fontsize=10, ha="center", va="center", **options):
    ax.text(x, y, text, color=color, fontsize=fontsize, ha=ha, va=va, **options)


def _number(value):
    """A short decimal for a label: 3 decimals at most, no trailing zeros, no -0."""
    text = f"{float(value):.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _sizes(layer_dims, *, least):
    """layer_dims as a list of positive ints, with at least `least` entries."""
    try:
        dims = [int(n) for n in layer_dims]
    except (TypeError, ValueError):
        raise ValueError(f"layer sizes should be a list of positive ints; "
                         f"got {layer_dims!r}") from None
    if len(dims) < least or min(dims) < 1 or any(d != n for d, n in zip(dims, layer_dims)):
        raise ValueError(f"layer sizes should be a list of at least {least} positive ints "
                         f"[n_x, n^[1], ...]; got {list(layer_dims)}")
    return dims


def _layer_count(num_layers):
    """num_layers, checked: an int from 1 to MAX_BLOCKS (wider would not fit a notebook)."""
    if isinstance(num_layers, bool) or not isinstance(num_layers, int) \
            or not 1 <= num_layers <= MAX_BLOCKS:
        raise ValueError(f"num_layers should be an int from 1 to {MAX_BLOCKS} (the network's "
                         f"L); got {num_layers!r}")
    return num_layers


# ---------------------------------------------------------------------------------------
# week 1: the logistic-regression unit as a computation graph

def draw_logistic_unit_graph(x=(1.0, 0.5), w=(0.3, -0.7), b=-0.2, y=1):
    """Logistic regression on one example with two features, as a computation graph.

    The inputs x1, w1, x2, w2, b feed z = w1 x1 + w2 x2 + b, then a = sigma(z), then the
    loss L(a, y). Blue: each node's value, computed from the example numbers, on the way
    forward. Red: the derivative of the loss with respect to each node on the way back
    (da, dz = a - y, dw1 = x1 dz, dw2 = x2 dz, db = dz), with its value.

    Arguments:
    x -- the example's two features (x1, x2)
    w -- the two weights (w1, w2)
    b -- the bias, a number
    y -- the example's label, 0 or 1

    Returns:
    fig -- the Figure
    """
    if len(x) != 2 or len(w) != 2:
        raise ValueError(f"the graph has two features: x and w should each hold two numbers; "
                         f"got x = {x!r}, w = {w!r}")
    if y not in (0, 1):
        raise ValueError(f"y should be the label 0 or 1; got {y!r}")
    x1, x2 = (float(v) for v in x)
    w1, w2 = (float(v) for v in w)
    b = float(b)
    z = w1 * x1 + w2 * x2 + b
    a = 1.0 / (1.0 + math.exp(-z))
    loss = -(y * math.log(a) + (1 - y) * math.log(1 - a))
    da = -y / a + (1 - y) / (1 - a)
    dz = a - y

    fig, ax = _canvas(10.5, 4.7)
    row = 2.55
    inputs = [("x_1", x1, None), ("w_1", w1, rf"$dw_1 = x_1\,dz = {_number(x1 * dz)}$"),
              ("x_2", x2, None), ("w_2", w2, rf"$dw_2 = x_2\,dz = {_number(x2 * dz)}$"),
              ("b", b, rf"$db = dz = {_number(dz)}$")]
    z_box, a_box, loss_box = (5.3, row), (7.75, row), (9.65, row)
    for k, (name, value, derivative) in enumerate(inputs):
        center = (2.65, 4.0 - 0.72 * k)
        _box(ax, center, (1.3, 0.48), rf"${name} = {_number(value)}$", fill="input")
        _arrow(ax, (3.3, center[1]), (z_box[0] - 1.3, row + 0.12 * (2 - k)), color=FORWARD)
        if derivative is None:
            _label(ax, 1.9, center[1], "(data)", color="#777777", fontsize=9, ha="right")
        else:
            _label(ax, 1.9, center[1], derivative, color=BACKWARD, fontsize=10, ha="right")
            _arrow(ax, (z_box[0] - 1.3, row - 0.3), (3.3, center[1] - 0.12), color=BACKWARD,
                   dashed=True, bend=-0.18, width=1.0)
    _box(ax, z_box, (2.6, 0.62), r"$z = w_1 x_1 + w_2 x_2 + b$", fill="hidden")
    _box(ax, a_box, (1.35, 0.62), r"$a = \sigma(z)$", fill="hidden")
    _box(ax, loss_box, (1.3, 0.62), r"$\mathcal{L}(a, y)$", fill="output")
    _box(ax, (8.7, 4.1), (0.9, 0.45), rf"$y = {y}$", fill="input")
    _arrow(ax, (8.95, 3.88), (9.45, row + 0.31), color=FORWARD)
    for (left, right) in ((z_box[0] + 1.3, a_box[0] - 0.675), (a_box[0] + 0.675,
                                                                 loss_box[0] - 0.65)):
        _arrow(ax, (left, row + 0.14), (right, row + 0.14), color=FORWARD)
        _arrow(ax, (right, row - 0.14), (left, row - 0.14), color=BACKWARD, dashed=True)

    _label(ax, z_box[0], row + 0.6, rf"$z = {_number(z)}$", color=FORWARD)
    _label(ax, a_box[0], row + 0.6, rf"$a = {_number(a)}$", color=FORWARD)
    _label(ax, loss_box[0], row - 0.6, rf"$\mathcal{{L}} = {_number(loss)}$", color=FORWARD)
    _label(ax, z_box[0], row - 0.62, rf"$dz = a - y = {_number(dz)}$", color=BACKWARD)
    _label(ax, a_box[0] + 0.2, row - 0.95,
           rf"$da = -\dfrac{{y}}{{a}} + \dfrac{{1-y}}{{1-a}} = {_number(da)}$",
           color=BACKWARD)
    _label(ax, 0.25, 0.55, "forward pass: the value of each node, left to right",
           color=FORWARD, ha="left")
    _label(ax, 0.25, 0.22, r"backward pass: the derivative of the loss, right to left "
           r"($dz$ stands for $\partial\mathcal{L} / \partial z$)", color=BACKWARD, ha="left")
    return fig


# ---------------------------------------------------------------------------------------
# week 2 on: a network as layers of units

def _drawn_units(n, max_units):
    """Which units of a layer of n to draw: [(slot, index or None for the dots)]."""
    if n <= max_units:
        return [(slot, slot) for slot in range(n)]
    shown = [(slot, slot) for slot in range(max_units - 2)]
    return shown + [(max_units - 2, None), (max_units - 1, n - 1)]


def draw_network(layer_sizes, activations, *, examples="m", max_units=6, title=None):
    """A fully connected network as columns of units, with the shape of every array.

    Layer 0 is the input (x_1, x_2, ...); layer l = 1 ... L has layer_sizes[l] units and
    the activation activations[l - 1]. Between layers l - 1 and l the figure names
    W^[l] with its shape (n^[l], n^[l-1]) and b^[l] with (n^[l], 1); under layer l it
    names A^[l] with (n^[l], m) (X = A^[0] under the input). A layer of more than
    max_units units is drawn with its first units, a column of dots and its last unit.

    Arguments:
    layer_sizes -- [n_x, n^[1], ..., n^[L]], e.g. [2, 4, 1]
    activations -- the L activations' names, e.g. ["tanh", "sigmoid"]
    examples -- how the number of examples is written in the shapes ("m")
    max_units -- the most units drawn in one layer (at least 3)
    title -- a title above the figure, or None

    Returns:
    fig -- the Figure
    """
    dims = _sizes(layer_sizes, least=2)
    if len(dims) - 1 > MAX_LAYERS:
        raise ValueError(f"draw_network draws at most {MAX_LAYERS} layers legibly; got "
                         f"{len(dims) - 1}")
    if isinstance(activations, str):
        raise ValueError(f"activations should be a list of names, one per layer, e.g. "
                         f"['tanh', 'sigmoid']; got the string {activations!r}")
    activations = [str(name) for name in activations]
    if len(activations) != len(dims) - 1:
        raise ValueError(f"{len(dims)} layer sizes make {len(dims) - 1} layers, which need "
                         f"{len(dims) - 1} activations; got {len(activations)}")
    if max_units < 3:
        raise ValueError(f"max_units should be at least 3; got {max_units}")
    L = len(dims) - 1
    step = max(1.9, min(2.75, 7.6 / L))   # at most about 10.5 inches wide up to L = 4
    gap, radius, left = 0.62, 0.2, 1.3
    tallest = max(min(n, max_units) for n in dims)
    bottom = 1.95                                    # room for four rows of labels
    height = bottom + tallest * gap + (1.15 if title else 0.75)
    width = left + L * step + 1.5
    fig, ax = _canvas(width, height)
    middle = bottom + tallest * gap / 2
    header = middle + (tallest - 1) * gap / 2 + radius + 0.2

    positions = []
    for l, n in enumerate(dims):
        x = left + l * step
        drawn = _drawn_units(n, max_units)
        top = middle + (len(drawn) - 1) * gap / 2
        positions.append([(x, top - slot * gap, index) for slot, index in drawn])
    for left, right in zip(positions, positions[1:]):
        for (x0, y0, i) in left:
            for (x1, y1, j) in right:
                if i is not None and j is not None:
                    ax.plot([x0 + radius, x1 - radius], [y0, y1], color="#9a9a9a",
                            linewidth=0.7, zorder=1)
    for l, column in enumerate(positions):
        kind = "input" if l == 0 else ("output" if l == L else "hidden")
        for (x, y, index) in column:
            if index is None:
                _label(ax, x, y, r"$\vdots$", fontsize=13)
                continue
            ax.add_patch(_patches().Circle((x, y), radius, facecolor=FILLS[kind],
                                           edgecolor=INK, linewidth=1.2, zorder=2))
            if l == 0:
                _label(ax, x - radius - 0.12, y, rf"$x_{{{index + 1}}}$", ha="right")
        x = column[0][0]
        if l == 0:
            name = "input\n(layer 0)"
        else:
            role = "output" if l == L else "hidden"
            activation = activations[l - 1]
            name = f"layer {l}, {role}\n{ACTIVATION_NAMES.get(activation, activation)}"
        _label(ax, x, header, name, fontsize=9.5, va="bottom")
        _label(ax, x, 0.85, rf"$n^{{[{l}]}} = {dims[l]}$", fontsize=9.5)
        array = r"$X = A^{[0]}$" if l == 0 else rf"$A^{{[{l}]}}$"
        _label(ax, x, 0.5, f"{array}: ({dims[l]}, {examples})", color=FORWARD, fontsize=9.5)
        if l > 0:
            between = x - step / 2
            _label(ax, between, 1.6, rf"$W^{{[{l}]}}$: ({dims[l]}, {dims[l - 1]})",
                   fontsize=9.5)
            _label(ax, between, 1.3, rf"$b^{{[{l}]}}$: ({dims[l]}, 1)", fontsize=9.5)
    for (x, y, index) in positions[-1]:
        if index is not None:
            output = (rf"$\hat y = a^{{[{L}]}}$" if dims[-1] == 1
                      else rf"$a^{{[{L}]}}_{{{index + 1}}}$")
            _arrow(ax, (x + radius, y), (x + radius + 0.45, y))
            _label(ax, x + radius + 0.55, y, output, ha="left")
    if title:
        _label(ax, width / 2, height - 0.3, title, fontsize=12)
    return fig


# ---------------------------------------------------------------------------------------
# week 3: the building blocks and the backward pass of L_model_backward

def _layer_columns(num_layers, *, left, step, right, height):
    """A canvas with a column of width step per layer between margins left and right.

    Returns the Figure, its Axes, L (num_layers, checked) and the columns' centres.
    """
    L = _layer_count(num_layers)
    fig, ax = _canvas(left + L * step + right, height)
    return fig, ax, L, [left + (l - 0.5) * step for l in range(1, L + 1)]


def _activation_word(l, L, hidden_activation, output_activation):
    return (output_activation if l == L else hidden_activation).upper()


def draw_building_blocks(num_layers=3, hidden_activation="relu", output_activation="sigmoid"):
    """The forward and the backward pass of an L-layer network, one block per layer.

    Top row, left to right: each layer's LINEAR -> ACTIVATION block turns A^[l-1] into
    A^[l]; the cost takes A^[L] and Y. Each block hands its cache ((A^[l-1], W^[l],
    b^[l]), Z^[l]) down to the bottom row, where, right to left, each layer's backward
    block turns dA^[l] into dA^[l-1] and gives out dW^[l] and db^[l].

    Arguments:
    num_layers -- L, the number of layers drawn (the input is not counted)
    hidden_activation -- the activation of layers 1 ... L - 1, e.g. "relu"
    output_activation -- the activation of layer L, e.g. "sigmoid"

    Returns:
    fig -- the Figure
    """
    step, box = 2.35, (1.65, 0.72)
    fig, ax, L, centers = _layer_columns(num_layers, left=1.45, step=step, right=1.65,
                                         height=5.0)
    forward_row, backward_row = 3.85, 1.45
    cost = (centers[-1] + step / 2 + 0.75, (forward_row + backward_row) / 2)

    _label(ax, 0.15, 4.75, "forward pass", color=FORWARD, ha="left", fontsize=11)
    _label(ax, 0.15, 0.25, "backward pass", color=BACKWARD, ha="left", fontsize=11)
    _label(ax, 0.12, forward_row + 0.28, r"$A^{[0]} = X$", color=FORWARD, ha="left")
    _label(ax, 0.12, backward_row + 0.28, r"$dA^{[0]}$", color=BACKWARD, ha="left")
    for l, x in enumerate(centers, start=1):
        word = _activation_word(l, L, hidden_activation, output_activation)
        name = f"layer {l}" + (" (L)" if l == L and L > 1 else "")
        _label(ax, x, forward_row + 0.6, name, fontsize=9.5)
        _box(ax, (x, forward_row), box, f"LINEAR → {word}", fill="hidden", fontsize=9.5)
        _box(ax, (x, backward_row), box, f"LINEAR ← {word}", fill="backward", fontsize=9.5)
        left = x - box[0] / 2
        _arrow(ax, (left - (step - box[0]), forward_row), (left, forward_row), color=FORWARD)
        _arrow(ax, (left, backward_row), (left - (step - box[0]), backward_row),
               color=BACKWARD)
        if l > 1:
            _label(ax, left - (step - box[0]) / 2, forward_row + 0.25, rf"$A^{{[{l - 1}]}}$",
                   color=FORWARD, fontsize=9.5)
            _label(ax, left - (step - box[0]) / 2, backward_row + 0.25, rf"$dA^{{[{l - 1}]}}$",
                   color=BACKWARD, fontsize=9.5)
        _arrow(ax, (x, forward_row - box[1] / 2), (x, backward_row + box[1] / 2), color=CACHE,
               dashed=True)
        _label(ax, x + 0.08, (forward_row + backward_row) / 2,
               rf"cache$^{{[{l}]}}$:" "\n" rf"$(A^{{[{l - 1}]}}, W^{{[{l}]}}, b^{{[{l}]}})$,"
               "\n" rf"$Z^{{[{l}]}}$", color=CACHE, ha="left", fontsize=8.5)
        _arrow(ax, (x, backward_row - box[1] / 2), (x, 0.75), color=BACKWARD)
        _label(ax, x, 0.55, rf"$dW^{{[{l}]}}$, $db^{{[{l}]}}$", color=BACKWARD, fontsize=9.5)
    right = centers[-1] + box[0] / 2
    _box(ax, cost, (1.25, 0.8), "cost\n" r"$J(A^{[L]}, Y)$", fill="output", fontsize=9.5)
    _arrow(ax, (right, forward_row), (cost[0], cost[1] + 0.4), color=FORWARD, bend=-0.3)
    _label(ax, cost[0] + 0.05, forward_row + 0.1, rf"$A^{{[{L}]}}$", color=FORWARD, ha="left")
    _arrow(ax, (cost[0], cost[1] - 0.4), (right, backward_row), color=BACKWARD, bend=-0.3)
    _label(ax, cost[0] + 0.05, backward_row - 0.1, rf"$dA^{{[{L}]}}$", color=BACKWARD,
           ha="left")
    return fig


def draw_backward_cache_flow(num_layers=3, hidden_activation="relu",
                             output_activation="sigmoid"):
    """How L_model_backward walks the caches: which cache each layer's step takes.

    Top: the list caches of L_model_forward, layer 1 first, so caches[l - 1] is layer l's.
    Middle: the calls of linear_activation_backward, from layer L down to 1, started by
    dAL = -(Y / AL - (1 - Y) / (1 - AL)); each takes dA^[l] and caches[l - 1] and hands
    dA^[l-1] to the next. Bottom: the keys each call fills in grads.

    Arguments (those of draw_building_blocks):
    num_layers -- L, the number of layers drawn
    hidden_activation, output_activation -- the activations of layers 1 ... L - 1 and
                                            of layer L, e.g. "relu" and "sigmoid"

    Returns the Figure.
    """
    step, box = 2.4, (1.75, 0.8)
    fig, ax, L, centers = _layer_columns(num_layers, left=0.75, step=step, right=2.5,
                                         height=5.1)
    cache_row, step_row, grads_row = 3.95, 2.3, 0.9
    mono = {"family": "monospace", "fontsize": 9}

    _label(ax, 0.15, 4.8, "caches, from L_model_forward (layer 1 first)", color=CACHE,
           ha="left", fontsize=10.5)
    _label(ax, 0.15, 0.2, "grads, filled in by L_model_backward (layer L first)",
           color=BACKWARD, ha="left", fontsize=10.5)
    for l, x in enumerate(centers, start=1):
        activation = output_activation if l == L else hidden_activation
        _box(ax, (x, cache_row), box,
             f"caches[{l - 1}]\n" rf"$(A^{{[{l - 1}]}}, W^{{[{l}]}}, b^{{[{l}]}}), Z^{{[{l}]}}$",
             fill="cache", fontsize=9)
        _arrow(ax, (x, cache_row - box[1] / 2), (x, step_row + box[1] / 2), color=CACHE,
               dashed=True)
        _box(ax, (x, step_row), box, f"call {L - l + 1}: layer {l}\n'{activation}'",
             fill="backward", fontsize=9.5)
        _arrow(ax, (x, step_row - box[1] / 2), (x, grads_row + 0.42), color=BACKWARD)
        _label(ax, x, grads_row, f"grads['dA{l - 1}']\ngrads['dW{l}']\ngrads['db{l}']",
               color=BACKWARD, **mono)
        left = x - box[0] / 2
        _arrow(ax, (left, step_row), (left - (step - box[0]), step_row), color=BACKWARD)
        _label(ax, left - (step - box[0]) / 2, step_row + 0.25, rf"$dA^{{[{l - 1}]}}$",
               color=BACKWARD, fontsize=9.5)
    right = centers[-1] + box[0] / 2
    start = (right + 0.45 + 0.95, step_row)
    _box(ax, start, (1.9, 1.05),
         "start: dAL\n" r"$-\left(\dfrac{Y}{A^{[L]}} - \dfrac{1 - Y}{1 - A^{[L]}}\right)$",
         fill="output", fontsize=9.5)
    _arrow(ax, (start[0] - 0.95, step_row), (right, step_row), color=BACKWARD)
    _label(ax, right + 0.22, step_row + 0.25, rf"$dA^{{[{L}]}}$", color=BACKWARD,
           fontsize=9.5)
    _label(ax, start[0], step_row - 0.75, "shape (1, m)", color=BACKWARD, fontsize=9)
    _label(ax, start[0], cache_row, "each call:\nlinear_activation_backward(\n"
           "  dA, caches[l - 1],\n  activation)", ha="center", **mono)
    return fig


# ---------------------------------------------------------------------------------------
# week 3's application: the two models on a picture flattened to a column

def _input_column(ax, n_x, picture, middle):
    """The picture (if any), the arrow "flatten" and the column x of n_x entries.

    Returns the x of the column's right edge.
    """
    if picture is not None:
        picture = np.asarray(picture)
        if picture.ndim != 3 or picture.size != n_x:
            raise ValueError(f"picture should be one picture (height, width, channels) of "
                             f"{n_x} numbers, the input size; got shape {picture.shape}")
        shown = picture if picture.dtype == np.uint8 else np.clip(picture.astype(float), 0, 1)
        ax.imshow(shown, extent=(0.2, 1.3, middle - 0.55, middle + 0.55), zorder=2)
        h, w, c = picture.shape
        _label(ax, 0.75, middle - 0.8, f"{h} × {w} × {c}", fontsize=9)
    else:
        ax.add_patch(_patches().Rectangle((0.2, middle - 0.55), 1.1, 1.1,
                                          facecolor=FILLS["input"], edgecolor=INK, hatch="//"))
        _label(ax, 0.75, middle - 0.8, "a picture", fontsize=9)
    _arrow(ax, (1.4, middle), (1.95, middle))
    _label(ax, 1.67, middle + 0.2, "flatten", fontsize=8.5)
    ax.add_patch(_patches().Rectangle((2.05, middle - 1.05), 0.5, 2.1, facecolor="white",
                                      edgecolor=INK, linewidth=1.2))
    for y, text in ((0.8, r"$x_1$"), (0.45, r"$x_2$"), (0.0, r"$\vdots$"),
                    (-0.75, rf"$x_{{{n_x}}}$")):
        _label(ax, 2.3, middle + y, text, fontsize=8 if y < -0.5 and n_x > 999 else 9.5)
    _label(ax, 2.3, middle - 1.3, f"$x$: ({n_x}, 1)", color=FORWARD, fontsize=9.5)
    return 2.55


def _decision(ax, x, middle, L, positive, negative):
    """The output y-hat = a^[L] and the label it gives, left-aligned at x."""
    _label(ax, x, middle + 0.05, rf"$\hat y = a^{{[{L}]}}$", color=FORWARD, ha="left",
           va="bottom")
    _label(ax, x, middle - 0.1, rf"$> 0.5$: {positive}" "\n" rf"$\leq 0.5$: {negative}",
           fontsize=9, ha="left", va="top")


def _check_picture_model(dims, positive, negative):
    if dims[-1] != 1:
        raise ValueError(f"these models end in one sigmoid unit: the last layer size should "
                         f"be 1; got {dims}")
    return str(positive), str(negative)


def _chain(ax, blocks, middle, start_x):
    """Boxes (center_x, word, fill) joined by arrows from start_x; returns the last edge."""
    previous = start_x
    for center, word, fill in blocks:
        _arrow(ax, (previous, middle), (center - 0.55, middle))
        _box(ax, (center, middle), (1.1, 0.58), word, fill=fill, fontsize=9.5)
        previous = center + 0.55
    return previous


def draw_two_layer_model(layer_dims=(12288, 7, 1), picture=None, positive="cat",
                         negative="non-cat"):
    """LINEAR -> RELU -> LINEAR -> SIGMOID on one picture flattened to a column.

    The picture (height, width, 3) becomes the column x of shape (n_x, 1); the first
    LINEAR step has W^[1] (n^[1], n_x), the second W^[2] (1, n^[1]); the output
    y-hat = a^[2] is read as the probability of the positive class.

    Arguments:
    layer_dims -- [n_x, n_h, 1], e.g. [12288, 7, 1]
    picture -- the picture drawn as the input, shape (height, width, channels) with
               height * width * channels = n_x, or None for a placeholder
    positive, negative -- the names of the classes 1 and 0

    Returns:
    fig -- the Figure
    """
    dims = _sizes(layer_dims, least=3)
    if len(dims) != 3:
        raise ValueError(f"a 2-layer model has three layer sizes [n_x, n_h, 1]; got {dims}")
    positive, negative = _check_picture_model(dims, positive, negative)
    fig, ax = _canvas(10.2, 3.25)
    middle = 1.95
    x = _input_column(ax, dims[0], picture, middle)
    centers = (3.45, 4.85, 6.25, 7.65)
    end = _chain(ax, [(centers[0], "LINEAR", "hidden"), (centers[1], "RELU", "hidden"),
                      (centers[2], "LINEAR", "output"), (centers[3], "SIGMOID", "output")],
                 middle, x)
    notes = (rf"$W^{{[1]}}$: ({dims[1]}, {dims[0]})", rf"$a^{{[1]}}$: ({dims[1]}, 1)",
             rf"$W^{{[2]}}$: (1, {dims[1]})", r"$a^{[2]}$: (1, 1)")
    for center, note in zip(centers, notes):
        _label(ax, center, middle - 0.55, note, fontsize=9, color=FORWARD)
    _label(ax, (centers[0] + centers[1]) / 2, middle + 0.6, "layer 1", fontsize=9.5)
    _label(ax, (centers[2] + centers[3]) / 2, middle + 0.6, "layer 2", fontsize=9.5)
    _arrow(ax, (end, middle), (end + 0.4, middle))
    _decision(ax, end + 0.5, middle, 2, positive, negative)
    _label(ax, 0.2, 0.25, rf"For $m$ pictures at once: $X$ ({dims[0]}, m), "
           rf"$A^{{[1]}}$ ({dims[1]}, m), $A^{{[2]}}$ (1, m).", ha="left", fontsize=9.5)
    return fig


def draw_L_layer_model(layer_dims=(12288, 20, 7, 5, 1), picture=None, positive="cat",
                       negative="non-cat"):
    """[LINEAR -> RELU] x (L - 1) -> LINEAR -> SIGMOID on one picture flattened to a column.

    The repeated block is drawn once, with the sizes n^[1] ... n^[L-1] of its layers, and
    every W^[l] is listed with its shape (n^[l], n^[l-1]).

    Arguments:
    layer_dims -- [n_x, n^[1], ..., n^[L-1], 1], e.g. [12288, 20, 7, 5, 1]
    picture, positive, negative -- as for draw_two_layer_model: the input picture
               (height, width, channels) or None, and the names of the classes 1 and 0

    Returns the Figure.
    """
    dims = _sizes(layer_dims, least=3)
    positive, negative = _check_picture_model(dims, positive, negative)
    L = len(dims) - 1
    fig, ax = _canvas(10.2, 3.6)
    middle = 2.3
    x = _input_column(ax, dims[0], picture, middle)
    group_left, group_right = 2.85, 5.55
    ax.add_patch(_patches().FancyBboxPatch((group_left, middle - 0.6), group_right - group_left,
                                           1.2, boxstyle="round,pad=0,rounding_size=0.12",
                                           facecolor="none", edgecolor=FORWARD, linestyle="--",
                                           linewidth=1.2))
    times = f"{L - 1} time{'s' if L > 2 else ''}"
    _label(ax, (group_left + group_right) / 2, middle + 0.82,
           f"[LINEAR → RELU] × (L − 1), here {times}", fontsize=9.5, color=FORWARD)
    hidden = ", ".join(str(n) for n in dims[1:-1])
    sizes = (rf"layers 1 to {L - 1}: $n^{{[l]}}$ = {hidden}" if L > 2
             else rf"layer 1: $n^{{[1]}}$ = {hidden}")
    _label(ax, (group_left + group_right) / 2, middle - 0.82, sizes, fontsize=9)
    _arrow(ax, (x, middle), (group_left, middle))
    _chain(ax, [(3.5, "LINEAR", "hidden"), (4.9, "RELU", "hidden")], middle, 3.5 - 0.55)
    _arrow(ax, (4.9, middle + 0.29), (3.5, middle + 0.29), bend=0.35, width=1.0,
           color=FORWARD)
    end = _chain(ax, [(6.4, "LINEAR", "output"), (7.75, "SIGMOID", "output")], middle,
                 group_right)
    _label(ax, (6.4 + 7.75) / 2, middle + 0.6, f"layer {L} (L)", fontsize=9.5)
    _arrow(ax, (end, middle), (end + 0.4, middle))
    _decision(ax, end + 0.5, middle, L, positive, negative)
    shown = list(range(1, L + 1)) if L <= 6 else [1, 2, None, L - 1, L]
    shapes = "   ".join("…" if l is None else rf"$W^{{[{l}]}}$: ({dims[l]}, {dims[l - 1]})"
                        for l in shown)
    _label(ax, 0.2, 0.6, f"Weights: {shapes}", ha="left", fontsize=9, color=FORWARD)
    _label(ax, 0.2, 0.25, rf"For $m$ pictures at once: $X$ ({dims[0]}, m), "
           rf"$A^{{[l]}}$ ($n^{{[l]}}$, m), $A^{{[{L}]}}$ (1, m); each $A^{{[l]}}$ "
           rf"feeds layer $l + 1$.", ha="left", fontsize=9.5)
    return fig


# ---------------------------------------------------------------------------------------
# week 4: dropout's thinned network

def draw_dropout_network(layer_sizes, dropped, keep_prob):
    """One iteration of (inverted) dropout: the network with the dropped units crossed out.

    The input and output layers are never dropped; in hidden layer l the units listed in
    ``dropped[l - 1]`` (their indices, from 0) are drawn grey and crossed out, and every
    connection to or from them is left out, so what remains is the thinned network this
    iteration trains. Each hidden layer is labelled with its mask D^[l] written as a column
    of 0/1 and with the scale A^[l] * D^[l] / keep_prob.

    Arguments:
    layer_sizes -- [n_x, n^[1], ..., n^[L]], every layer drawn in full (at most 8 units)
    dropped -- list of L - 1 lists, the indices of the dropped units of each hidden layer
    keep_prob -- the probability of keeping a unit, for the labels

    Returns:
    fig -- the Figure
    """
    dims = _sizes(layer_sizes, least=3)
    L = len(dims) - 1
    if max(dims) > 8 or L > 5:
        raise ValueError(f"draw_dropout_network draws at most 5 layers of at most 8 units; "
                         f"got {dims}")
    try:
        dropped = [sorted({int(i) for i in layer}) for layer in dropped]
    except (TypeError, ValueError):
        raise ValueError(f"dropped should be a list of lists of unit indices, one list per "
                         f"hidden layer; got {dropped!r}") from None
    if len(dropped) != L - 1 or any(i < 0 or i >= n for layer, n in zip(dropped, dims[1:-1])
                                    for i in layer):
        raise ValueError(f"dropped should hold {L - 1} lists (one per hidden layer) of "
                         f"indices below each layer's size {dims[1:-1]}; got {dropped!r}")
    if not 0 < float(keep_prob) <= 1:
        raise ValueError(f"keep_prob should be in (0, 1]; got {keep_prob!r}")
    gone = [set()] + [set(layer) for layer in dropped] + [set()]
    step, gap, radius, left, bottom = 2.3, 0.62, 0.2, 1.0, 1.5
    tallest = max(dims)
    height = bottom + tallest * gap + 1.0
    width = left + L * step + 1.3
    fig, ax = _canvas(width, height)
    middle = bottom + tallest * gap / 2
    positions = [[(left + l * step, middle + ((n - 1) / 2 - i) * gap) for i in range(n)]
                 for l, n in enumerate(dims)]
    for l in range(1, L + 1):
        for i, (x0, y0) in enumerate(positions[l - 1]):
            for j, (x1, y1) in enumerate(positions[l]):
                if i not in gone[l - 1] and j not in gone[l]:
                    ax.plot([x0 + radius, x1 - radius], [y0, y1], color="#9a9a9a",
                            linewidth=0.7, zorder=1)
    for l, column in enumerate(positions):
        kind = "input" if l == 0 else ("output" if l == L else "hidden")
        for i, (x, y) in enumerate(column):
            off = i in gone[l]
            ax.add_patch(_patches().Circle((x, y), radius,
                                           facecolor="#f2f2f2" if off else FILLS[kind],
                                           edgecolor="#b5b5b5" if off else INK,
                                           linewidth=1.2, zorder=2))
            if off:
                for sign in (1, -1):
                    ax.plot([x - 0.7 * radius, x + 0.7 * radius],
                            [y - sign * 0.7 * radius, y + sign * 0.7 * radius],
                            color=BACKWARD, linewidth=1.6, zorder=3)
        x = column[0][0]
        top = middle + (tallest - 1) * gap / 2 + radius + 0.2
        if l == 0:
            _label(ax, x, top, "input\n(never dropped)", fontsize=9.5, va="bottom")
        elif l == L:
            _label(ax, x, top, "output\n(never dropped)", fontsize=9.5, va="bottom")
        else:
            _label(ax, x, top, f"layer {l}: kept {dims[l] - len(gone[l])} of {dims[l]}",
                   fontsize=9.5, va="bottom")
            mask = ", ".join("0" if i in gone[l] else "1" for i in range(dims[l]))
            _label(ax, x, 0.95, rf"$D^{{[{l}]}} = [{mask}]^T$", fontsize=9, color=CACHE)
            _label(ax, x, 0.55, rf"$A^{{[{l}]}} \ast D^{{[{l}]}} / {_number(keep_prob)}$",
                   fontsize=9.5, color=FORWARD)
    _label(ax, width / 2, 0.2, f"one iteration with keep_prob = {_number(keep_prob)}: "
           f"the next iteration draws other masks", fontsize=9.5)
    return fig
