"""Render the lectures' figures (helpers.diagrams) as PNG files, for the guides.

Usage, from the repository's root:

    .venv/bin/python scripts/render_diagrams.py [OUTPUT_DIR]

OUTPUT_DIR defaults to docs/images. FIGURES lists every figure as (file name, drawing
function, a function returning its keyword arguments), with the arguments its notebook
passes; tests/helpers/test_diagrams.py checks that every drawing function is listed and
that its picture exists.
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from helpers.data import load_cat_dataset  # noqa: E402
from helpers.diagrams import (  # noqa: E402
    draw_backward_cache_flow,
    draw_building_blocks,
    draw_dropout_network,
    draw_L_layer_model,
    draw_logistic_unit_graph,
    draw_network,
    draw_two_layer_model,
)

REPOSITORY = Path(__file__).resolve().parent.parent


def first_cat():
    """The first training picture labelled cat, as week 3's application draws it."""
    train_x_orig, train_y, *_ = load_cat_dataset()
    return train_x_orig[int(np.argmax(train_y[0] == 1))]


FIGURES = [
    ("week1-computation-graph.png", draw_logistic_unit_graph,
     lambda: {"x": (1.0, 0.5), "w": (0.3, -0.7), "b": -0.2, "y": 1}),
    ("week2-network.png", draw_network,
     lambda: {"layer_sizes": [2, 4, 1], "activations": ["tanh", "sigmoid"]}),
    ("week3-building-blocks.png", draw_building_blocks, lambda: {"num_layers": 3}),
    ("week3-backward-caches.png", draw_backward_cache_flow, lambda: {"num_layers": 3}),
    ("week3-two-layer-model.png", draw_two_layer_model,
     lambda: {"layer_dims": [12288, 7, 1], "picture": first_cat()}),
    ("week3-L-layer-model.png", draw_L_layer_model,
     lambda: {"layer_dims": [12288, 20, 7, 5, 1], "picture": first_cat()}),
    ("week4-network.png", draw_network,
     lambda: {"layer_sizes": [2, 10, 5, 1], "activations": ["relu", "relu", "sigmoid"]}),
    ("week4-dropout.png", draw_dropout_network,
     lambda: {"layer_sizes": [2, 6, 3, 1], "dropped": [[1, 4], [2]], "keep_prob": 0.8}),
    ("week5-network.png", draw_network,
     lambda: {"layer_sizes": [2, 5, 2, 1], "activations": ["relu", "relu", "sigmoid"]}),
]


def render(output_dir):
    """Write every figure of FIGURES as a PNG in output_dir; return the paths written."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw, arguments in FIGURES:
        fig = draw(**arguments())
        try:
            fig.savefig(output_dir / name, dpi=100, metadata={"Software": None})
        finally:
            plt.close(fig)
        written.append(output_dir / name)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPOSITORY / "docs" / "images"
    for path in render(target):
        print(f"wrote {path}")
