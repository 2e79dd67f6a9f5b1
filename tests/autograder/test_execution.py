"""A student's process cannot hang, crash or confuse the grader."""

import ast

import numpy as np
import pytest
from IPython.core.inputtransformer2 import TransformerManager

from autograder import helpers_view
from autograder.cases import Inputs
from autograder.execution import NotebookRun
from autograder.session import Limits

LIMITS = Limits(cell_seconds=3, call_seconds=3, notebook_seconds=60)


@pytest.fixture(scope="module")
def run():
    cells = [
        (1, "import numpy as np\n%matplotlib inline"),
        (2, "def double(x):\n    return 2 * x"),
        (3, "while True:\n    pass"),
        (4, "def spin(x):\n    while True:\n        pass"),
        (5, "raise ValueError('a cell that fails')"),
        (6, "def after_failure():\n    return 'still defined'"),
        (7, "import os\ndef exit_now():\n    os._exit(3)"),
        (8, "def mutate(w):\n    w += 1\n    return w"),
        (9, "X = np.ones(3)\ndef reads_global(x):\n    return X + x"),
        (10, "class Equal:\n    def __eq__(self, other):\n        return True\n"
             "def cheat(x):\n    return Equal()"),
        (11, "def uses_sigmoid(z):\n    return sigmoid(z)\ndef sigmoid(z):\n    return z * 0"),
        (12, "from helpers.reference.activations import sigmoid as borrowed"),
    ]
    with NotebookRun(cells, limits=LIMITS) as notebook:
        yield notebook


def test_calls_return_plain_values(run):
    outcome = run.call("double", Inputs((np.arange(3.0),)), {})
    assert outcome.failure is None
    np.testing.assert_array_equal(outcome.value, [0.0, 2.0, 4.0])


def test_a_hanging_cell_is_left_out_and_the_rest_still_runs(run):
    assert run.call("after_failure", Inputs(), {}).value == "still defined"
    assert 3 in run.bad_cells and "longer than 3 s" in run.bad_cells[3]
    assert "a cell that fails" in run.cell_errors[5]


def test_an_endless_function_costs_only_its_own_call(run):
    outcome = run.call("spin", Inputs((1,),), {})
    assert outcome.failure == "timeout" and "limit for one test" in outcome.message
    assert run.call("double", Inputs((2,)), {}).value == 4


def test_exiting_the_process_costs_only_that_call(run):
    outcome = run.call("exit_now", Inputs(), {})
    assert outcome.failure == "died" and "exit status 3" in outcome.message
    assert run.call("double", Inputs((5,)), {}).value == 10


def test_mutation_and_globals_are_reported(run):
    outcome = run.call("mutate", Inputs((np.zeros(2),)), {})
    assert outcome.changed == ["w"]
    assert run.call("reads_global", Inputs((np.zeros(3),)), {}).globals_read == ["X"]


def test_an_object_that_equals_everything_arrives_as_unsupported(run):
    outcome = run.call("cheat", Inputs((1,)), {})
    assert outcome.failure is None and type(outcome.value).__name__ == "Unsupported"


def test_stand_ins_replace_other_graded_functions_during_a_call(run):
    stand_in = {"sigmoid": ("helpers.reference.activations", "sigmoid")}
    assert run.call("uses_sigmoid", Inputs((0.0,)), stand_in).value == 0.5
    assert run.call("uses_sigmoid", Inputs((0.0,)), {}).value == 0.0


def test_stand_ins_arrive_as_source_and_leave_with_the_call(run):
    stand_in = {"sigmoid": ("helpers.reference.activations", "sigmoid")}
    run.call("uses_sigmoid", Inputs((0.0,)), stand_in)
    assert run.call("uses_sigmoid", Inputs((0.0,)), {}).value == 0.0


def test_a_missing_name_is_explained(run):
    outcome = run.call("nothing_here", Inputs(), {})
    assert outcome.failure == "missing"


def test_plotting_is_imported_only_when_a_graded_run_really_plots():
    cells = [(1, "%matplotlib inline\nimport matplotlib.pyplot as plt\nimport sys"),
             (2, "from helpers.plots import plot_learning_curves"),
             (3, "def imported():\n    return type(sys.modules['matplotlib.pyplot']).__name__"),
             (4, "def plots():\n    ax = plot_learning_curves([0.5, 0.4])\n"
                 "    plt.close('all')\n    return type(ax).__name__")]
    with NotebookRun(cells, limits=LIMITS) as run:
        assert run.call("imported", Inputs(), {}).value == "_Deferred"  # not imported yet
        assert run.call("plots", Inputs(), {}).value == "Axes"  # and it works when used
        assert run.call("imported", Inputs(), {}).value == "module"
        assert not run.cell_errors


def test_a_huge_cell_whose_function_is_missing_costs_the_grader_no_parse(monkeypatch):
    def parses(*args, **kwargs):
        raise AssertionError("the grader parsed a student's code in its own process")

    for owner, name in ((ast, "parse"), (TransformerManager, "transform_cell"),
                        (helpers_view, "plain_python")):
        monkeypatch.setattr(owner, name, parses)
    huge = ("import not_a_module_anywhere\n\n\ndef wanted():\n    return 1\n\n\n"
            f"padding = \"{'x' * 2 * 2**20}\"\n")  # 2 MB
    cells = [(1, "import numpy as np"), (2, huge), (3, "def other():\n    return wanted()")]
    with NotebookRun(cells, limits=Limits(cell_seconds=60, notebook_seconds=120)) as run:
        for _ in range(3):  # every missing case is explained, none with a parse
            outcome = run.call("wanted", Inputs(), {})
            assert outcome.failure == "missing"
            assert outcome.message == ("The cell that defines it (cell 2) stopped with "
                                       "ModuleNotFoundError: No module named "
                                       "'not_a_module_anywhere'")
        assert "Keep the answer cell" in run.call("nowhere", Inputs(), {}).message


def test_a_function_in_a_cell_that_hung_is_explained_by_the_process_reading_that_cell():
    cells = [(1, "def wanted():\n    return 1\n\n\nwhile True:\n    pass"),
             (2, "def other():\n    return 2")]
    with NotebookRun(cells, limits=LIMITS) as run:
        assert run.call("other", Inputs(), {}).value == 2
        outcome = run.call("wanted", Inputs(), {})
        assert outcome.failure == "missing" and outcome.message.startswith(
            "The cell that defines it (cell 1) was stopped: running cell 1 took longer than 3 s")
        assert run.call("other", Inputs(), {}).value == 2  # reading it cost no restart


LIBRARY_ROUTES = {
    "alias": ("from scipy.special import expit as sigmoid", "scipy.special.expit"),
    "vectorize": ("import math\nsigmoid = np.vectorize(math.exp)", "math.exp"),
    "partial": ("import functools, scipy.special\n"
                "sigmoid = functools.partial(scipy.special.expit)", "scipy.special.expit"),
    "callable_object": ("import scipy.special\nclass Sigmoid:\n"
                        "    __call__ = staticmethod(scipy.special.expit)\nsigmoid = Sigmoid()",
                        "scipy.special.expit"),
    "bound_method": ("sigmoid = np.random.default_rng(0).random", "numpy.random._generator.Generator.random"),
    "ufunc": ("sigmoid = np.exp", "numpy.exp"),
    "builtin": ("sigmoid = abs", "builtins.abs"),
    "helpers": ("from helpers.testing import parameter_names as sigmoid",
                "helpers.testing.parameter_names"),
}
NOTEBOOK_ROUTES = {
    "def": "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))",
    "calls_a_library": "import scipy.special\ndef sigmoid(z):\n    return scipy.special.expit(z)",
    "lambda": "sigmoid = lambda z: 1 / (1 + np.exp(-z))",
    "vectorize": "import math\nsigmoid = np.vectorize(lambda z: 1 / (1 + math.exp(-z)))",
    "lru_cache": ("import functools\n@functools.lru_cache\ndef sigmoid(z):\n"
                  "    return 1 / (1 + np.exp(-z))"),
    "decorator": ("import functools\ndef logged(f):\n    @functools.wraps(f)\n"
                  "    def wrapper(z):\n        return f(z)\n    return wrapper\n"
                  "@logged\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))"),
    "callable_class": ("class Sigmoid:\n    def __call__(self, z):\n"
                       "        return 1 / (1 + np.exp(-z))\nsigmoid = Sigmoid()"),
    "partial": ("import functools\ndef scaled(z, k):\n    return 1 / (1 + np.exp(-k * z))\n"
                "sigmoid = functools.partial(scaled, k=1.0)"),
    "static_method": ("class Activations:\n    @staticmethod\n    def sigmoid(z):\n"
                      "        return 1 / (1 + np.exp(-z))\nsigmoid = Activations.sigmoid"),
    "bound_method": ("class Activations:\n    def sigmoid(self, z):\n"
                     "        return 1 / (1 + np.exp(-z))\nsigmoid = Activations().sigmoid"),
}


@pytest.fixture(scope="module")
def routes():
    """One process per route would be slow: each route binds sigmoid under its own name."""
    cells = [(1, "import numpy as np")]
    for n, (route, code) in enumerate({**{f"library_{r}": c for r, (c, _) in
                                          LIBRARY_ROUTES.items()},
                                       **{f"notebook_{r}": c for r, c in
                                          NOTEBOOK_ROUTES.items()}}.items(), start=2):
        cells.append((n, code + f"\n{route} = sigmoid"))
    with NotebookRun(cells, limits=LIMITS) as run:
        assert not run.cell_errors, run.cell_errors
        yield run


@pytest.mark.parametrize("route", sorted(LIBRARY_ROUTES))
def test_a_library_function_under_any_wrapper_is_named_and_not_called(routes, route):
    outcome = routes.call(f"library_{route}", Inputs((0.0,)), {})
    assert outcome.failure == "library" and outcome.message == LIBRARY_ROUTES[route][1]


@pytest.mark.parametrize("route", sorted(NOTEBOOK_ROUTES))
def test_a_function_written_in_the_notebook_under_any_wrapper_is_called(routes, route):
    outcome = routes.call(f"notebook_{route}", Inputs((0.0,)), {})
    assert outcome.failure is None and outcome.value == pytest.approx(0.5)
