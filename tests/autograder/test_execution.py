"""A student's process cannot hang, crash or confuse the grader."""

import numpy as np
import pytest

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
