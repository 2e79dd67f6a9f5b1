"""Every field a student's process sends back is checked, and its text made safe, at one point.

A field that breaks its grammar is dropped (or the reply refused); an error message is
redacted once, after the grader's notes on it are read from the raw text; no text the
process sent reaches a ChannelError.
"""

import numpy as np
import pytest

from autograder.cases import Inputs
from autograder.cases import exercise as find_exercise
from autograder.replies import ChannelError, Known, cell_report, names_report, outcome
from autograder.runtime import codec
from autograder.runtime.worker import describe_error
from autograder.scoring import DELEGATION, judge
from autograder.session import Limits

HIDDEN = "5488135039"  # digits of a hidden input, as a process that was given it could send
KNOWN = Known(names=frozenset({"propagate", "sigmoid", "m_train"}), lines=40, limits=Limits())


def failed(**fields):
    return outcome({"ok": False, "kind": "exception", "error": "ValueError: no", **fields},
                   None, KNOWN)


@pytest.mark.parametrize("where", ["the cell, line 3", "propagate, line 12", "sigmoid, line 1"])
def test_a_where_that_fits_its_grammar_is_kept(where):
    assert failed(where=where).where == where


@pytest.mark.parametrize("where", [
    f"0.{HIDDEN}, line 2",                    # a code object renamed to a hidden input
    f"hidden_{HIDDEN}, line 2",               # ... to an identifier holding one
    f"propagate, line 2 ({HIDDEN})",          # anything after the grammar
    f"the cell, line {HIDDEN}",               # a line number holding one
    "propagate, line 41",                     # beyond the notebook's longest cell
    "propagate, line 0",
    "the cell, line -3",
])
def test_a_where_that_breaks_its_grammar_or_names_what_the_notebook_did_not_bind_is_dropped(
        where):
    assert failed(where=where).where == ""


def test_an_error_is_redacted_once_after_its_limit_and_delegation_are_read():
    raw = f"OSError: [Errno 28] No space left on device: '/home/student/x_{HIDDEN}.npy' {HIDDEN}"
    result = failed(error=raw)
    assert HIDDEN not in result.message and "/home" not in result.message
    assert result.note == " (the disk limit is 256 MB)"
    memory = failed(error=f"MemoryError: Unable to allocate {HIDDEN} bytes")
    assert memory.note == " (the memory limit is 4096 MB)" and HIDDEN not in memory.message
    borrowed = failed(error="ModuleNotFoundError: No module named 'helpers.reference.x'")
    assert borrowed.recognised == DELEGATION


def test_notebook_variables_read_are_only_names_the_notebook_bound():
    assert failed(globals_read=["m_train", f"x{HIDDEN}"]).globals_read == ["m_train"]


def test_a_parameter_name_holding_a_number_is_said_by_its_position():
    reply = {"ok": True, "value": 1.0, "parameters": ["w", f"X{HIDDEN}"],
             "arguments": codec.encode(((0.0, 2.0), {}))}
    result = outcome(reply, Inputs((0.0, 1.0)), KNOWN)
    assert result.parameters == ["w", "argument 2"] and result.changed == ["argument 2"]


@pytest.mark.parametrize("what, kept", [
    ("scipy.special.expit", "scipy.special.expit"),
    ("numpy.exp", "numpy.exp"),
    (f"x{HIDDEN}", ""),                        # a name holding a number
    ("scipy.special.expit; rm -rf", ""),       # not a dotted name
    ("a." * 60 + "b", ""),                     # too long
])
def test_a_library_functions_name_must_be_a_short_dotted_name_without_numbers(what, kept):
    result = outcome({"ok": False, "kind": "library", "what": what}, None, KNOWN)
    assert result.failure == "library" and result.message == kept


@pytest.mark.parametrize("reply", [
    {"ok": False, "kind": f"secret {HIDDEN}"},
    {"ok": True, "value": {f"$secret{HIDDEN}": 1}},
    {"ok": True, "value": {"$array": {"dtype": f"secret{HIDDEN}", "shape": [], "data": ""}}},
    {"ok": False, "kind": "exception", "error": [HIDDEN]},
    {"ok": False, "kind": "exception", "globals_read": [f"{HIDDEN}x"]},
])
def test_a_channel_error_holds_no_text_of_the_students_process(reply):
    with pytest.raises(ChannelError) as refused:
        outcome(reply, None, KNOWN)
    assert HIDDEN not in str(refused.value)


def test_a_cells_names_are_kept_only_if_its_code_holds_them():
    code = "import numpy as np\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))"
    report = cell_report({"ok": True, "names": ["np", "sigmoid", f"x{HIDDEN}"]}, code)
    assert report.names == ("np", "sigmoid") and report.error == ""
    assert names_report({"ok": True, "names": ["sigmoid", "propagate"]}, code) == ("sigmoid",)


def test_a_cells_error_is_kept_as_said_for_check_and_redacted_for_feedback():
    report = cell_report({"ok": False, "error": f"MemoryError: {HIDDEN}", "names": []}, "x = 1",
                         Limits())
    assert report.error == f"MemoryError: {HIDDEN}"
    assert HIDDEN not in report.shown and report.shown.endswith("(the memory limit is 4096 MB)")


@pytest.mark.parametrize("reply", [{"names": []}, {"ok": True, "names": "np"},
                                   {"ok": True, "names": ["not a name"]},
                                   {"ok": True, "names": ["x"] * 201}])
def test_a_cells_reply_that_breaks_the_rules_is_refused(reply):
    with pytest.raises(ChannelError):
        cell_report(reply, "x = 1")


def _numpy_error(operation):
    try:
        operation()
    except Exception as error:
        return describe_error(error)
    raise AssertionError("numpy did not raise")


NUMPY_SHAPE_ERRORS = {
    "dot": lambda: np.dot(np.ones((4, 4)), np.ones((3, 2))),
    "matmul": lambda: np.ones((4, 4)) @ np.ones((3, 2)),
    "broadcast": lambda: np.ones((2, 3)) + np.ones(2),
    "index": lambda: np.ones((3, 3))[:, 3],
    "axis": lambda: np.sum(np.ones(3), axis=1),
}


@pytest.mark.parametrize("operation", NUMPY_SHAPE_ERRORS.values(), ids=NUMPY_SHAPE_ERRORS)
def test_numpys_messages_about_shapes_keep_their_numbers_in_feedback(operation):
    said = _numpy_error(operation)
    assert any(c.isdigit() for c in said)
    assert failed(error=said).message == " ".join(said.split())


@pytest.mark.parametrize("hidden", [f"0.{HIDDEN}", HIDDEN, f"-{HIDDEN[:5]}", "548.8", "5.48e-07",
                                    f"x{HIDDEN}"])
def test_a_hidden_number_in_an_error_is_removed_beside_the_shapes_that_stay(hidden):
    said = failed(error=f"ValueError: shapes (4,4) and (3,2) not aligned; got {hidden}").message
    assert said.startswith("ValueError: shapes (4,4) and (3,2) not aligned; got ")
    assert HIDDEN[:4] not in said and "548" not in said, said


def test_an_error_with_many_numbers_shows_none_of_them():
    labels = " ".join("10" if i % 3 else "7" for i in range(40))  # a printed hidden array
    said = failed(error=f"ValueError: labels [{labels}] at /home/student/{HIDDEN}").message
    assert not any(c.isdigit() for c in said) and "/home" not in said, said


VARIABLES = Known(names=frozenset({"nn_model", "layer_sizes"}), lines=40,
                  variables=frozenset({"X_check", "Y_check", "m"}))
NN_MODEL = find_exercise("week2_shallow_network", "planar_classification", "nn_model")


def failed_with(error, where=""):
    result = outcome({"ok": False, "kind": "exception", "error": error, "where": where},
                     None, VARIABLES)
    return result, judge(NN_MODEL, NN_MODEL.cases[0], result, None)


def test_a_name_error_on_a_notebook_variable_says_the_function_reads_it():
    result, feedback = failed_with("NameError: name 'X_check' is not defined",
                                   "layer_sizes, line 2")
    assert result.missing_variable == "X_check"
    assert feedback == ("layer_sizes reads the notebook variable `X_check`. Use only the "
                        "function's arguments: the graders call it with other inputs.")
    assert feedback.kinds == ("read notebook variables",)
    _, feedback = failed_with("NameError: name 'm' is not defined")
    assert feedback.startswith("nn_model reads the notebook variable `m`.")


@pytest.mark.parametrize("error", [
    f"NameError: name 'x{HIDDEN}' is not defined",         # not a variable of the notebook
    "NameError: name 'X_checks' is not defined",
    f"ValueError: name 'X_check' is not defined {HIDDEN}",  # not a NameError
])
def test_a_name_that_is_not_a_notebook_variable_is_never_said_as_one(error):
    result, feedback = failed_with(error)
    assert result.missing_variable == "" and "reads the notebook variable" not in feedback
    assert "raised an error" in feedback.kinds and HIDDEN not in feedback


def test_a_name_error_names_a_variable_only_as_the_course_spells_it():
    result, feedback = failed_with(f"NameError: name 'X_check' is not defined; {HIDDEN} "
                                   f"/home/student/{HIDDEN}")
    assert result.missing_variable == "X_check"
    assert HIDDEN not in feedback and "/home" not in feedback
