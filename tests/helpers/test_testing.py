"""The visible checks speak to students about their actual mistake (the diagnosis
itself is tested in test_diagnosis.py)."""

import builtins
import traceback
import types

import numpy as np
import pytest
from IPython.core.compilerop import CachingCompiler
from IPython.core.interactiveshell import InteractiveShell

from helpers.testing import assert_shape, check_answers, check_function


def test_check_function_reports_a_mutated_input_with_the_idiom_that_fits_it():
    def update(w):
        w -= 1.0
        return w
    with pytest.raises(AssertionError, match="changed its argument `w` in place.*`w = w - "):
        check_function(update, (np.ones(2),), np.zeros(2))

    def update_parameters(parameters):
        parameters["W1"] = parameters["W1"] - 1
        return parameters
    with pytest.raises(AssertionError, match=r"`parameters` in place.*copy\.deepcopy"):
        check_function(update_parameters, ({"W1": np.ones(2)},), {"W1": np.zeros(2)})


W_GLOBAL = np.array([[1.0], [2.0]])


def test_check_function_names_a_global_read_instead_of_an_argument():
    def score(w):
        return float(np.sum(W_GLOBAL))
    with pytest.raises(AssertionError, match="W_GLOBAL"):
        check_function(score, (np.zeros((2, 1)),), 0.0)


def test_check_function_says_when_the_stub_is_untouched():
    def stub(x):
        raise NotImplementedError()
    with pytest.raises(AssertionError, match="not written yet"):
        check_function(stub, (1,), 1)


def test_check_function_passes_and_says_so(capsys):
    check_function(lambda x: 2 * x, (np.ones(3),), 2 * np.ones(3))
    assert "passes its visible check" in capsys.readouterr().out


def test_check_answers_checks_form_only():
    check_answers({"q1": "a", "q2": 3}, {"q1": "abcd", "q2": "number"})
    with pytest.raises(AssertionError, match="q1"):
        check_answers({"q1": "e", "q2": 3}, {"q1": "abcd", "q2": "number"})
    with pytest.raises(AssertionError, match="no answer"):
        check_answers({}, {"q1": "abcd"})


def test_assert_shape():
    assert_shape(np.zeros((3, 1)), (3, 1), "v")
    with pytest.raises(AssertionError, match="rank-1"):
        assert_shape(np.zeros(3), (3, 1), "v")


def test_a_stub_called_inside_is_named_instead_of_the_caller():
    def helper(x):
        raise NotImplementedError()

    def outer(x):
        return helper(x)
    with pytest.raises(AssertionError, match="outer calls helper, which is not written yet"):
        check_function(outer, (1,), 1)


def _notebook(code):
    """Functions defined as a notebook cell would define them (sharing one namespace)."""
    namespace = {"np": np}
    exec(code, namespace)
    return namespace


def test_a_check_that_fails_through_a_failing_function_says_to_fix_that_one_first():
    cell = _notebook("def scale_by_two(x):\n    return -2 * x\n\n"
                     "def shifted_scale(x):\n    return scale_by_two(x) + 1\n\n"
                     "def own_mistake(x):\n    return x - 1\n")
    with pytest.raises(AssertionError):
        check_function(cell["scale_by_two"], (1.5,), 3.0)
    with pytest.raises(AssertionError, match="shifted_scale calls your scale_by_two, which "
                                             "did not pass its own check"):
        check_function(cell["shifted_scale"], (1.5,), 4.0)
    with pytest.raises(AssertionError) as raised:
        check_function(cell["own_mistake"], (1.5,), 2.5)
    assert "calls your" not in str(raised.value)

    exec("def scale_by_two(x):\n    return 2 * x\n", cell)  # fixed, and checked again
    check_function(cell["scale_by_two"], (1.5,), 3.0)
    check_function(cell["shifted_scale"], (1.5,), 4.0)


def test_a_crash_caused_by_a_failing_function_names_it():
    cell = _notebook("def returns_nothing(x):\n    x * 2\n\n"
                     "def uses_it(x):\n    return returns_nothing(x) + 1\n")
    with pytest.raises(AssertionError):
        check_function(cell["returns_nothing"], (1.0,), 2.0)
    with pytest.raises(AssertionError, match="(?s)uses_it stopped with TypeError.*calls your "
                                             "returns_nothing"):
        check_function(cell["uses_it"], (1.0,), 3.0)


def test_a_crash_with_no_failing_function_behind_it_is_left_alone():
    cell = _notebook("def divides(x):\n    return 1 / x\n")
    with pytest.raises(ZeroDivisionError):
        check_function(cell["divides"], (0,), 1.0)


def test_a_crash_names_the_notebook_variables_the_function_read():
    cell = _notebook("train_x = np.ones((3, 4))\n"
                     "def model(X_train):\n    return np.dot(train_x, X_train)\n")
    with pytest.raises(AssertionError, match="(?s)model stopped with ValueError.*reads the "
                                             "notebook variable `train_x`"):
        check_function(cell["model"], (np.ones((3, 2)),), np.ones((3, 2)))


def test_the_traceback_of_a_crash_ends_in_the_students_code():
    cell = _notebook("def product(A, B):\n    C = A + 1\n    return np.take(C, 7, axis=1)\n")
    with pytest.raises(IndexError) as raised:
        check_function(cell["product"], (np.ones((2, 3)), np.ones((2, 3))), np.ones((2, 2)))
    frames = traceback.extract_tb(raised.value.__traceback__)
    assert frames[-1].name == "product" and frames[-1].lineno == 3
    assert not any("numpy" in f.filename for f in frames)


def test_when_a_called_function_failed_its_check_that_is_said_first_and_alone():
    cell = _notebook("def forward(x):\n    return -x\n\n"
                     "def predict(x):\n    return (forward(x) > 0.5).astype(float)\n")
    with pytest.raises(AssertionError):
        check_function(cell["forward"], (np.array([1.0]),), np.array([1.0]))
    with pytest.raises(AssertionError) as raised:
        check_function(cell["predict"], (np.array([1.0]),), np.array([1.0]),
                       hints={"values": "Use A2 > 0.5."})
    lines = str(raised.value).splitlines()
    assert lines[1:] == ["- predict calls your forward, which did not pass its own check when "
                         "you last ran it: fix forward first, then run this check again."]


def test_a_broadcast_error_of_a_rank_1_array_gets_the_keepdims_hint():
    cell = _notebook("def normalize_rows(x):\n    return x / np.linalg.norm(x, axis=1)\n")
    with pytest.raises(AssertionError) as raised:
        check_function(cell["normalize_rows"], (np.ones((2, 3)),), np.ones((2, 3)),
                       hints={"rank1": "Pass keepdims=True."})
    message = str(raised.value)
    assert "stopped with ValueError" in message and "rank-1" in message
    assert message.count("keepdims=True") == 2  # the explanation, then the exercise's hint
    assert isinstance(raised.value.__cause__, ValueError)


def test_no_sentence_is_said_twice_in_a_check_message():
    grads = {f"dW{l}": np.full((2, 2), float(l)) for l in range(1, 10)}
    with pytest.raises(AssertionError) as raised:
        check_function(lambda: {k: -v for k, v in grads.items()}, (), grads,
                       output_names="grads", hints={"sign": "Check the sign of dAL."})
    assert str(raised.value).count("Check the sign of dAL.") == 1
    assert str(raised.value).count("opposite sign") == 1


class IPythonNotebook:
    """Cells run as IPython runs them: one namespace, ``__name__ == "__main__"``, each cell
    compiled under a file name of its own with its source in linecache."""

    def __init__(self):
        self.namespace = {"__name__": "__main__", "__builtins__": builtins, "np": np,
                          "check_function": check_function}
        self.compiler = CachingCompiler()

    def run(self, code):
        exec(self.compiler(code, self.compiler.cache(code), "exec"), self.namespace)
        return self.namespace


def test_a_function_that_reads_a_notebook_variable_fails_its_check_though_its_values_fit():
    notebook = IPythonNotebook()
    notebook.run("X_check = np.zeros((2, 3))\nY_check = np.zeros((1, 3))")
    cell = notebook.run("def sizes(X, Y):\n    return X_check.shape[0], Y_check.shape[0]\n")
    with pytest.raises(AssertionError) as raised:
        check_function(cell["sizes"], (np.ones((2, 5)), np.ones((1, 5))), (2, 1))
    assert "sizes reads the notebook variables `X_check`, `Y_check`. Use only the " \
           "function's arguments" in str(raised.value)
    assert "NameError" not in str(raised.value)
    assert cell["X_check"].shape == (2, 3) and cell["Y_check"].shape == (1, 3)  # put back


def test_a_notebook_variable_read_by_a_function_it_calls_is_out_of_reach_too():
    notebook = IPythonNotebook()
    notebook.run("m = 3")
    notebook.run("def mean(x):\n    return np.sum(x) / m\n")
    cell = notebook.run("def centred(x):\n    return x - mean(x)\n")
    with pytest.raises(AssertionError, match="- mean reads the notebook variable `m`"):
        check_function(cell["centred"], (np.array([1.0, 2.0, 3.0]),),
                       np.array([-1.0, 0.0, 1.0]))
    assert cell["m"] == 3


def test_a_variable_the_functions_own_cell_assigns_stays_within_reach():
    notebook = IPythonNotebook()
    cell = notebook.run("EPSILON = 1e-8\ndef safe_log(x):\n    return np.log(x + EPSILON)\n")
    check_function(cell["safe_log"], (np.array([1.0]),), np.array([1e-8]))


def test_a_function_outside_the_notebook_keeps_its_modules_globals():
    module = types.ModuleType("course_helpers")  # as the helpers are: globals of their own
    exec("import numpy as np\nSCALE = 2.0\ndef scaled(x):\n    return SCALE * x\n",
         vars(module))
    check_function(module.scaled, (np.ones(2),), 2 * np.ones(2))
    notebook = IPythonNotebook()
    notebook.namespace["scaled"] = module.scaled
    notebook.run("SCALE = 3.0")
    cell = notebook.run("def doubled(x):\n    return scaled(x)\n")
    check_function(cell["doubled"], (np.ones(2),), 2 * np.ones(2))
    assert vars(module)["SCALE"] == 2.0 and cell["SCALE"] == 3.0


def test_the_notebook_variables_are_put_back_whatever_the_function_does():
    notebook = IPythonNotebook()
    notebook.run("X_check = np.zeros((2, 3))")
    cell = notebook.run("def interrupted(X):\n    if 'X_check' not in globals():\n"
                        "        raise KeyboardInterrupt\n    return X_check\n")
    with pytest.raises(KeyboardInterrupt):
        check_function(cell["interrupted"], (np.ones(2),), np.ones(2))
    assert cell["X_check"].shape == (2, 3)


def test_a_name_that_is_not_a_notebook_variable_fails_as_python_says():
    cell = IPythonNotebook().run("def typo(x):\n    return np.exp(-x) + undefined_name\n")
    with pytest.raises(NameError, match="undefined_name"):
        check_function(cell["typo"], (1.0,), 1.0)


@pytest.fixture
def ipython_shell():
    """An IPython shell whose first cell has already run a check (as a notebook's imports
    cell starts the checks' bookkeeping: the cells after it count)."""
    shell = InteractiveShell.instance()
    shell.user_ns["check_function"] = check_function
    shell.run_cell("check_function(abs, (-1.0,), 1.0)")
    yield shell
    InteractiveShell.clear_instance()


def test_a_check_cell_says_a_function_passes_once_however_often_it_checks_it(ipython_shell,
                                                                           capfd):
    ipython_shell.run_cell("def double(x):\n    return 2 * x")
    cell = ("check_function(double, (1.0,), 2.0)\ncheck_function(double, (2.0,), 4.0)\n"
            "check_function(lambda x: x, (1.0,), 1.0)")
    ipython_shell.run_cell(cell)
    first = capfd.readouterr().out
    assert first.count("✓ double passes its visible check.") == 1
    assert first.count("✓ <lambda> passes its visible check.") == 1
    ipython_shell.run_cell(cell)  # run again: said again, once
    assert capfd.readouterr().out.count("✓ double passes its visible check.") == 1


def test_outside_ipython_every_passing_check_says_so(capsys):
    check_function(lambda x: x, (1.0,), 1.0)
    check_function(lambda x: x, (1.0,), 1.0)
    assert capsys.readouterr().out.count("passes its visible check") == 2
