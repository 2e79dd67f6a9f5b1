"""The lectures' figures render with their labels, and every one has its place in a notebook.

Each drawing function of helpers.diagrams is rendered to PNG with Agg, and the texts of its
Axes must name what the lectures name (shapes, caches, derivatives). Every drawing function
must be called in a source notebook, imported by name in that notebook's first cell, from a
cell that the grader skips; and scripts/render_diagrams.py must list it, with a picture of it
in docs/images/. A first cell runs when a notebook is graded, where matplotlib stays a
stand-in until something plots: importing the figures must neither load it nor break on it.
"""

import importlib.util
import io
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Circle  # noqa: E402

from autograder.cases import Inputs  # noqa: E402
from autograder.execution import NotebookRun  # noqa: E402
from autograder.notebooks import SOURCE_DIR, skip_when_grading  # noqa: E402
from autograder.session import Limits  # noqa: E402
from helpers import diagrams  # noqa: E402

REPOSITORY = Path(__file__).resolve().parents[2]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def picture(h=8, w=8, c=3):
    """A small deterministic picture of h * w * c bytes."""
    return (np.arange(h * w * c).reshape(h, w, c) * 7 % 256).astype(np.uint8)


# function name -> (keyword arguments, texts the figure must show)
CASES = {
    "draw_logistic_unit_graph": (
        {"x": (1.0, 0.5), "w": (0.3, -0.7), "b": -0.2, "y": 1},
        # z = 0.3 - 0.35 - 0.2, a = sigma(z), dz = a - 1: computed by the helper, not typed
        ["$z = -0.25$", "$a = 0.438$", "$dz = a - y = -0.562$", r"$dw_1 = x_1\,dz = -0.562$",
         r"$dw_2 = x_2\,dz = -0.281$", "$db = dz = -0.562$", r"$\mathcal{L} = 0.826$",
         r"$\mathcal{L}(a, y)$", r"$a = \sigma(z)$"]),
    "draw_network": (
        {"layer_sizes": [2, 4, 1], "activations": ["tanh", "sigmoid"]},
        ["$W^{[1]}$: (4, 2)", "$b^{[1]}$: (4, 1)", "$W^{[2]}$: (1, 4)", "$b^{[2]}$: (1, 1)",
         "$A^{[1]}$: (4, m)", "$A^{[2]}$: (1, m)", "$X = A^{[0]}$: (2, m)", "$x_{1}$", "$x_{2}$",
         r"$\hat y = a^{[2]}$"]),
    "draw_building_blocks": (
        {"num_layers": 3},
        ["LINEAR → RELU", "LINEAR → SIGMOID", "LINEAR ← RELU", "LINEAR ← SIGMOID",
         "$dW^{[1]}$, $db^{[1]}$", "$dW^{[3]}$, $db^{[3]}$", "$dA^{[3]}$", "$dA^{[0]}$",
         "$A^{[2]}$", "cache$^{[2]}$:\n$(A^{[1]}, W^{[2]}, b^{[2]})$,\n$Z^{[2]}$"]),
    "draw_backward_cache_flow": (
        {"num_layers": 3},
        ["caches[0]\n$(A^{[0]}, W^{[1]}, b^{[1]}), Z^{[1]}$", "call 1: layer 3\n'sigmoid'",
         "call 3: layer 1\n'relu'", "grads['dA2']\ngrads['dW3']\ngrads['db3']",
         "grads['dA0']\ngrads['dW1']\ngrads['db1']", "$dA^{[3]}$"]),
    "draw_two_layer_model": (
        {"layer_dims": [12288, 7, 1], "picture": picture(64, 64, 3)},
        ["$x$: (12288, 1)", "$W^{[1]}$: (7, 12288)", "$W^{[2]}$: (1, 7)", "$a^{[1]}$: (7, 1)",
         "LINEAR", "RELU", "SIGMOID", "64 × 64 × 3", r"$\hat y = a^{[2]}$"]),
    "draw_L_layer_model": (
        {"layer_dims": [12288, 20, 7, 5, 1], "picture": picture(64, 64, 3)},
        ["$x$: (12288, 1)", "[LINEAR → RELU] × (L − 1), here 3 times", "layer 4 (L)",
         "SIGMOID", r"$\hat y = a^{[4]}$"]),
    "draw_dropout_network": (
        {"layer_sizes": [2, 6, 3, 1], "dropped": [[1, 4], [2]], "keep_prob": 0.8},
        ["layer 1: kept 4 of 6", "layer 2: kept 2 of 3", "$D^{[1]} = [1, 0, 1, 1, 0, 1]^T$",
         "$D^{[2]} = [1, 1, 0]^T$", r"$A^{[1]} \ast D^{[1]} / 0.8$", "input\n(never dropped)",
         "output\n(never dropped)"]),
}


def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def png_bytes(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def test_the_cases_cover_every_drawing_function():
    assert set(CASES) == set(diagrams.__all__)


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_figure_renders_to_a_png_with_its_labels(name):
    arguments, expected = CASES[name]
    fig = getattr(diagrams, name)(**arguments)
    assert isinstance(fig, Figure)
    width, height = fig.get_size_inches()
    assert width <= 11 and height <= 7, f"{name} is {width} x {height} inches"
    data = png_bytes(fig)
    assert data.startswith(PNG_SIGNATURE) and len(data) > 10_000
    shown = texts(fig)
    missing = [label for label in expected if label not in shown]
    assert not missing, f"{name} does not show {missing}; it shows {shown}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_figure_is_the_same_every_time_it_is_drawn(name):
    arguments, _ = CASES[name]
    first = png_bytes(getattr(diagrams, name)(**arguments))
    plt.close("all")
    assert png_bytes(getattr(diagrams, name)(**arguments)) == first


def test_the_logistic_graph_computes_its_numbers_from_its_arguments():
    fig = diagrams.draw_logistic_unit_graph(x=(2.0, -1.0), w=(0.5, 0.25), b=0.0, y=0)
    z = 2.0 * 0.5 - 1.0 * 0.25
    a = 1 / (1 + np.exp(-z))
    shown = texts(fig)
    assert f"$z = {z:g}$" in shown
    assert f"$dz = a - y = {a:.3f}$" in shown
    assert rf"$dw_2 = x_2\,dz = {-a:.3f}$" in shown


def test_draw_network_labels_the_shapes_of_any_layer_sizes():
    fig = diagrams.draw_network([3, 5, 2], ["relu", "softmax"], examples="m_train",
                                title="three layers")
    shown = texts(fig)
    for label in ("$W^{[1]}$: (5, 3)", "$b^{[1]}$: (5, 1)", "$W^{[2]}$: (2, 5)",
                  "$A^{[2]}$: (2, m_train)", "three layers", "$a^{[2]}_{2}$"):
        assert label in shown


def test_draw_network_draws_a_large_layer_as_a_few_units_and_dots():
    fig = diagrams.draw_network([12288, 20, 7, 5, 1], ["relu"] * 3 + ["sigmoid"], max_units=6)
    circles = [p for p in fig.axes[0].patches if isinstance(p, Circle)]
    # 12288, 20 and 7 units are more than 6: four first units, dots, the last unit
    assert len(circles) == 5 + 5 + 5 + 5 + 1
    shown = texts(fig)
    assert "$x_{12288}$" in shown and shown.count(r"$\vdots$") == 3
    assert "$W^{[1]}$: (20, 12288)" in shown
    assert fig.get_size_inches()[0] <= 11


@pytest.mark.parametrize("call, words", [
    (lambda: diagrams.draw_network([2, 4, 1], ["tanh"]), "activations"),
    (lambda: diagrams.draw_network([2, 0, 1], ["tanh", "sigmoid"]), "positive ints"),
    (lambda: diagrams.draw_building_blocks(num_layers=0), "num_layers"),
    (lambda: diagrams.draw_logistic_unit_graph(x=(1.0, 2.0, 3.0)), "two numbers"),
    (lambda: diagrams.draw_two_layer_model([12288, 7, 1], picture=picture()), "12288"),
    (lambda: diagrams.draw_two_layer_model([12288, 20, 7, 1]), "three layer sizes"),
    (lambda: diagrams.draw_L_layer_model([12288, 20, 2]), "last layer size should be 1"),
    (lambda: diagrams.draw_dropout_network([2, 6, 3, 1], [[6], []], 0.8), "indices below"),
    (lambda: diagrams.draw_dropout_network([2, 6, 1], [[1]], 1.5), "keep_prob"),
])
def test_arguments_that_do_not_fit_get_a_sentence_saying_what_was_expected(call, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        call()


def source_notebooks():
    return sorted(SOURCE_DIR.glob("*/*.ipynb"))


def calls_in(path):
    """{function name: [the code cells of the notebook that call it]} for helpers.diagrams."""
    nb = nbformat.read(path, as_version=4)
    found = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for name in diagrams.__all__:
            if re.search(rf"\b{name}\(", cell.source):
                found.setdefault(name, []).append(cell)
    return nb, found


def test_every_drawing_function_is_called_in_a_source_notebook():
    called = set()
    for path in source_notebooks():
        called |= set(calls_in(path)[1])
    orphans = sorted(set(diagrams.__all__) - called)
    assert not orphans, f"no source notebook calls {orphans}: draw them where a lesson needs them"


@pytest.mark.parametrize("path", source_notebooks(), ids=lambda p: p.stem)
def test_a_notebook_imports_its_figures_in_its_first_cell_and_skips_them_when_grading(path):
    nb, found = calls_in(path)
    first = next(cell for cell in nb.cells if cell.cell_type == "code")
    for name, cells in found.items():
        assert re.search(rf"from helpers\.diagrams import[^\n]*\b{name}\b", first.source) \
            or re.search(rf"from helpers\.diagrams import \([^)]*\b{name}\b", first.source), \
            f"{path.name} calls {name} without importing it by name in its first cell"
        for cell in cells:
            assert skip_when_grading(cell), \
                f"{path.name}: the cell that calls {name} should be skipped when grading"


@pytest.mark.parametrize("path", source_notebooks(), ids=lambda p: p.stem)
def test_a_graded_first_cell_leaves_matplotlib_unloaded_and_the_figures_still_draw(path):
    nb = nbformat.read(path, as_version=4)
    first = next(cell for cell in nb.cells if cell.cell_type == "code")
    names = ", ".join(diagrams.__all__)
    cells = [(1, first.source),
             (2, f"import sys\nfrom helpers.diagrams import {names}"),
             (3, "def loaded():\n    return ' '.join(type(sys.modules[name]).__name__ "
                 "for name in ('matplotlib', 'matplotlib.pyplot'))"),
             (4, "def draws():\n    fig = draw_building_blocks()\n    kind = type(fig).__name__"
                 "\n    plt.close('all')\n    return kind")]
    with NotebookRun(cells, limits=Limits(cell_seconds=20, call_seconds=20,
                                          notebook_seconds=90)) as run:
        assert run.call("loaded", Inputs(), {}).value == "_Deferred _Deferred"
        assert run.call("draws", Inputs(), {}).value == "Figure"
        assert run.call("loaded", Inputs(), {}).value == "module module"
        assert not run.cell_errors, run.cell_errors


def load_render_script():
    spec = importlib.util.spec_from_file_location("render_diagrams",
                                                  REPOSITORY / "scripts" / "render_diagrams.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_figure_has_a_rendered_picture_in_the_docs():
    script = load_render_script()
    listed = {draw.__name__ for _, draw, _ in script.FIGURES}
    assert listed == set(diagrams.__all__)
    missing = [name for name, _, _ in script.FIGURES
               if not (REPOSITORY / "docs" / "images" / name).is_file()]
    assert not missing, f"run scripts/render_diagrams.py: docs/images lacks {missing}"


def test_the_render_script_writes_every_figure(tmp_path):
    script = load_render_script()
    written = script.render(tmp_path)
    assert sorted(p.name for p in written) == sorted(name for name, _, _ in script.FIGURES)
    for path in written:
        assert path.read_bytes().startswith(PNG_SIGNATURE)
