"""Checks that the notebooks' check cells call, with messages a student can act on.

The contract: the visible checks (``check_function``, ``check_answers``,
``assert_shape``, ``assert_dtype``) raise an ``AssertionError`` made of sentences in the course's
vocabulary ("dw has shape (4,), a rank-1 array; expected (4, 1) ..."), and print
one line when all is well (once per notebook cell and function). A checked function
runs without the notebook's variables it reads, as it runs when graded. The sentences
come from ``helpers.diagnosis`` (``diagnose``, re-exported here); the autograder uses
the same diagnosis on hidden cases with ``reveal=False``, so that its feedback speaks
the same language without showing hidden values.
"""

import copy
import inspect
import linecache
import os
import symtable
import sys
import sysconfig
import traceback
import types

import numpy as np

from helpers.checklist import FAILED, NOT_ATTEMPTED, PASSED, last_status, record
from helpers.diagnosis import (DEFAULT_ATOL, DEFAULT_RTOL, diagnose, diagnose_parts,
                               explain_shape, is_scalar, said_once, type_name)
from helpers.patterns import explain_error

__all__ = [
    "diagnose",
    "check_function",
    "check_answers",
    "assert_shape",
    "assert_dtype",
    "changed_arguments",
    "parameter_names",
    "notebook_globals_read",
]

def _equal(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    try:
        return bool(a == b)
    except Exception:
        return False


def parameter_names(function):
    """The names of a function's parameters, in order (empty if they cannot be read)."""
    try:
        return list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return []


def changed_arguments(names, call_args, call_kwargs, original_args, original_kwargs):
    """Names of the arguments that a call changed in place.

    ``names`` are the function's parameter names (``parameter_names``);
    ``call_args``/``call_kwargs`` are what the function received (and may have
    modified); ``original_*`` are untouched copies taken before the call.
    """
    changed = []
    for i, (after, before) in enumerate(zip(call_args, original_args)):
        if not _equal(after, before):
            changed.append(names[i] if i < len(names) else f"argument {i + 1}")
    for key in original_kwargs:
        if not _equal(call_kwargs[key], original_kwargs[key]):
            changed.append(key)
    return changed


def code_names(code):
    """Every global or attribute name a code object (and the code nested in it) uses."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= code_names(const)
    return names


def _unwrapped(function):
    """The Python function behind a wrapper (functools.wraps, lru_cache, np.vectorize)."""
    for _ in range(10):
        inner = getattr(function, "__wrapped__", None) or getattr(function, "pyfunc", None)
        if inner is None or inner is function:
            break
        function = inner
    return function


def _is_data(value):
    """Whether a notebook variable holds data (an array, a list, a dict, a number)."""
    return isinstance(value, (np.ndarray, list, dict)) or is_scalar(value) \
        and not isinstance(value, (bool, np.bool_))


def notebook_globals_read(function):
    """Names of data variables (arrays, numbers, lists) that a function reads
    from the notebook's global namespace instead of receiving them as arguments."""
    function = _unwrapped(function)
    code = getattr(function, "__code__", None)
    namespace = getattr(function, "__globals__", None)
    if code is None or namespace is None:
        return []
    return [name for name in sorted(code_names(code))
            if not name.startswith("_") and name in namespace and _is_data(namespace[name])]


def _notebook_functions(function):
    """(namespace, functions): the notebook's namespace and ``function`` with every
    notebook function it calls, at any depth; (None, []) for a function that was not
    written in a notebook (whose globals are not ``__main__``'s, e.g. the helpers')."""
    function = _unwrapped(function)
    namespace = getattr(function, "__globals__", None)
    if not isinstance(namespace, dict) or namespace.get("__name__") != "__main__":
        return None, []
    found, todo = {}, [function]
    while todo:
        current = todo.pop()
        code = getattr(current, "__code__", None)
        if id(current) in found or code is None \
                or getattr(current, "__globals__", None) is not namespace:
            continue
        found[id(current)] = current
        todo += [called for name in code_names(code)
                 if isinstance(called := _unwrapped(namespace.get(name)), types.FunctionType)]
    return namespace, list(found.values())


def _bound_in_its_cell(function):
    """The names the top level of the cell that defined ``function`` binds. IPython
    compiles each cell under a file name of its own and keeps its source in linecache;
    for a function whose source cannot be read, none."""
    source = "".join(linecache.getlines(function.__code__.co_filename))
    try:
        table = symtable.symtable(source, "<cell>", "exec")
    except (SyntaxError, ValueError):
        return set()
    return {s.get_name() for s in table.get_symbols() if s.is_assigned() or s.is_imported()}


def _variables_to_hide(function):
    """(namespace, {function name: [notebook variables it reads]}): the data variables of
    the notebook that ``function`` and the notebook functions it calls read, except those
    their own cells bind (the grader runs answer cells, so those are there when graded)."""
    namespace, functions = _notebook_functions(function)
    if namespace is None:
        return {}, {}
    own = set().union(*(_bound_in_its_cell(f) for f in functions))
    return namespace, {f.__name__: names for f in functions
                       if (names := [n for n in notebook_globals_read(f) if n not in own])}


class _NotebookVariablesHidden:
    """While a checked function runs, the notebook's data variables it reads are out of
    its reach (removed from the namespace, put back afterwards whatever happens), so that a
    function that reads them fails its check as it fails when graded."""

    def __init__(self, function):
        self.namespace, self.read = _variables_to_hide(function)
        self.saved = {}

    def __enter__(self):
        for name in dict.fromkeys(n for names in self.read.values() for n in names):
            if name in self.namespace:
                self.saved[name] = self.namespace.pop(name)
        return self

    def __exit__(self, *exc):
        self.namespace.update(self.saved)
        return False

    def explain(self, error, checked):
        """The sentence for a NameError on a hidden variable, or None for another error."""
        missing = getattr(error, "name", None) if isinstance(error, NameError) else None
        if missing not in self.saved:
            return None
        reader, tb = checked, error.__traceback__
        while tb is not None:  # the innermost notebook function is the one that read it
            code = tb.tb_frame.f_code
            if tb.tb_frame.f_globals is self.namespace and code.co_name in self.read:
                reader = code.co_name
            tb = tb.tb_next
        names = [missing] + [n for n in self.read.get(reader, []) if n != missing]
        return (f"{globals_message(reader, names)} (A check hides the notebook's variables "
                f"from the function it runs.)")


def mutation_message(function_name, argument, value=None):
    """The sentence said when a function changed one of its inputs (``value``: that
    input as it was given, to suggest the idiom that fits it)."""
    if isinstance(value, dict):
        idiom = (f"start from a copy (`{argument} = copy.deepcopy({argument})`) before "
                 f"changing its entries")
    elif isinstance(value, list):
        idiom = f"work on a copy (`{argument} = list({argument})`)"
    elif isinstance(value, np.ndarray):
        idiom = (f"build a new array (`{argument} = {argument} - ...`, "
                 f"`{argument} = {argument} / ...`) instead of changing it in place "
                 f"(`{argument} -= ...`, `{argument} /= ...`, `{argument}[...] = ...`)")
    else:
        idiom = "work on a copy"
    return (f"{function_name} changed its argument `{argument}` in place. A graded function "
            f"must not modify its inputs: {idiom}.")


def globals_message(function_name, names):
    """The sentence said when a failing function reads notebook variables."""
    listed = ", ".join(f"`{n}`" for n in names)
    variables = "variable" if len(names) == 1 else "variables"
    return (f"{function_name} reads the notebook {variables} {listed}. Use only the "
            f"function's arguments: the graders call it with other inputs.")


def _failing_callees(function):
    """Other checked functions that ``function`` calls whose last check failed."""
    code = getattr(function, "__code__", None)
    namespace = getattr(function, "__globals__", None)
    if code is None or namespace is None:
        return []
    return sorted(name for name in code_names(code)
                  if last_status(name) == FAILED and callable(namespace.get(name))
                  and name != function.__name__)


def _callee_advice(name, callees):
    listed = ", ".join(callees)
    return (f"{name} calls your {listed}, which did not pass its own check when you last "
            f"ran it: fix {listed} first, then run this check again.")


def _failure(function, name, opening, problems, headline=None):
    """The AssertionError of a failed check, recorded for the checklist (with
    ``headline``, or else the first problem, as its first hint): ``opening`` ("f does not
    pass its check:") then the problems, one a line, each sentence once. When the function
    calls a checked function whose check failed, that is the real cause: it is said first
    and alone, in the message and the checklist (what else is wrong may be its doing)."""
    callees = _failing_callees(function)
    if callees:
        problems = headline = [_callee_advice(name, callees)]
    problems = said_once(problems)
    record(name, FAILED, headline[0] if callees else headline or problems[0])
    return AssertionError(f"{opening}\n- " + "\n- ".join(problems))


def check_function(function, args=(), expected=None, *, kwargs=None, output_names=None,
                   m=None, hints=None, rtol=DEFAULT_RTOL, atol=DEFAULT_ATOL):
    """Call ``function(*args, **kwargs)`` and check the result against ``expected``.

    Arguments:
    function -- the student's function
    args, kwargs -- the inputs; the function receives copies, and a change it makes
                    to them is reported as a mistake
    expected -- the expected return value (array, number, tuple, dict, list)
    output_names -- a name for the result, or a tuple of names for a tuple result,
                    used in messages, e.g. ("grads", "cost")
    m -- the number of examples in the inputs (recognises a missing or doubled 1/m)
    hints -- extra advice by kind of mistake, see ``diagnose``

    Raises AssertionError with every problem found, each sentence once; prints one line if
    none (once per notebook cell, however often the cell checks the function). When the
    function calls another one whose check failed, the message says only to fix that one
    first. While the function runs, the notebook's variables that it (or a notebook
    function it calls) reads are out of its reach, except those its own cell assigns: the
    graders' notebook does not hold the check cells' variables, so a function must use its
    arguments.
    """
    __tracebackhide__ = True  # IPython shows the student's frames, not this one
    kwargs = dict(kwargs or {})
    name = getattr(function, "__name__", "your function")
    record(name, FAILED, "its check did not finish")
    if not callable(function):
        said = (f"{name} should be a function; it is {type_name(function)}. Did you overwrite "
                f"it with a value?")
        record(name, FAILED, said)
        raise AssertionError(said)
    originals = copy.deepcopy((tuple(args), kwargs))
    call_args, call_kwargs = copy.deepcopy((tuple(args), kwargs))
    hidden = _NotebookVariablesHidden(function)
    try:
        with hidden:
            actual = function(*call_args, **call_kwargs)
    except NotImplementedError as error:
        where = traceback.extract_tb(error.__traceback__)[-1].name
        if where not in (name, "<module>"):
            said = (f"{name} calls {where}, which is not written yet: write {where} first "
                    f"(replace its `raise NotImplementedError()`).")
        else:
            said = (f"{name} is not written yet: replace the line `raise NotImplementedError()` "
                    f"with your code.")
        record(name, NOT_ATTEMPTED, said)
        raise AssertionError(said) from None
    except Exception as error:
        said = hidden.explain(error, name)
        if said:
            record(name, FAILED, said)
            raise AssertionError(f"{name} does not pass its check:\n- {said}") from None
        error = _ending_in_your_code(error)
        advice = explain_error(error, hints)
        read = notebook_globals_read(function)
        if read:
            advice.append(globals_message(name, read))
        stopped = f"{name} stopped with {type(error).__name__}: {error}"
        record(name, FAILED, stopped)
        if not advice and not _failing_callees(function):
            raise error
        raise _failure(function, name, stopped, advice, headline=stopped) from error
    names = parameter_names(function)
    problems = [mutation_message(name, arg, _argument(arg, names, originals))
                for arg in changed_arguments(names, call_args, call_kwargs, *originals)]
    options = dict(m=m, hints=hints, inputs=(*args, *kwargs.values()), rtol=rtol, atol=atol)
    if isinstance(output_names, tuple) and isinstance(expected, tuple):
        problems += diagnose_parts(actual, expected, output_names, f"the result of {name}",
                                   **options)
    else:
        problems += diagnose(actual, expected, output_names or f"the result of {name}",
                             **options)
    if problems:
        read = notebook_globals_read(function)
        if read:
            problems.append(globals_message(name, read))
        raise _failure(function, name, f"{name} does not pass its check:", problems)
    record(name, PASSED)
    if _passed_lines.first_in_this_cell(name):
        print(f"✓ {name} passes its visible check.")


class _PassedLines:
    """The functions whose ✓ line the notebook cell that runs now has printed, so that a
    check cell that checks a function twice says so once. IPython says when a cell starts
    and ends (its ``pre_run_cell`` and ``post_run_cell`` events); outside a cell that
    IPython runs, every line is printed."""

    def __init__(self):
        self.said = None  # None: not inside a cell run by IPython

    def started(self, *_):
        self.said = set()

    def ended(self, *_):
        self.said = None

    def follow_the_cells(self):
        """Listen to IPython's cell events, if this runs in IPython (once per shell)."""
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
        if shell is not None:
            shell.events.register("pre_run_cell", self.started)  # registered once
            shell.events.register("post_run_cell", self.ended)

    def first_in_this_cell(self, name):
        self.follow_the_cells()
        if self.said is None:
            return True
        first = name not in self.said
        self.said.add(name)
        return first


_passed_lines = _PassedLines()
_passed_lines.follow_the_cells()  # the imports cell: from the next cell on


def _argument(argument, names, originals):
    """The value an argument had before the call, by its parameter name."""
    args, kwargs = originals
    if argument in kwargs:
        return kwargs[argument]
    if argument in names and names.index(argument) < len(args):
        return args[names.index(argument)]
    return None


def _library_file(filename):
    """Whether code lives in Python, an installed package or these helpers."""
    folders = {sysconfig.get_paths()[key] for key in ("stdlib", "purelib", "platlib")}
    folders.add(os.path.dirname(os.path.abspath(__file__)))
    return filename.startswith("<frozen") or any(
        os.path.abspath(filename).startswith(folder + os.sep) for folder in folders)


def _ending_in_your_code(error):
    """The exception with a traceback that starts and ends in the student's own code
    (not in this module, not deep inside numpy)."""
    frames, tb = [], error.__traceback__
    while tb is not None:
        frames.append(tb)
        tb = tb.tb_next
    own = [i for i, t in enumerate(frames) if not _library_file(t.tb_frame.f_code.co_filename)]
    if own:
        frames[own[-1]].tb_next = None
        error = error.with_traceback(frames[own[0]])
    return error


def check_answers(answers, questions, name="concept_answers"):
    """Check that a concept-check answer dict is complete and well formed.

    Arguments:
    answers -- dict question id -> your answer
    questions -- dict question id -> allowed answers: a string of letters
                 (e.g. "abcd"), or "number"
    name -- the name of the answers in the notebook (for its checklist)

    The check says nothing about which answers are right; the autograder marks them.
    """
    if not isinstance(answers, dict):
        said = f"Your answers should be a dict; you have {type_name(answers)}."
        record(name, FAILED, said)
        raise AssertionError(said)
    problems = []
    for key, allowed in questions.items():
        if key not in answers:
            problems.append(f"question {key!r} has no answer.")
            continue
        value = answers[key]
        if allowed == "number":
            if not is_scalar(value):
                problems.append(f"question {key!r} needs a number; you wrote {value!r}.")
        elif not (isinstance(value, str) and len(value) == 1 and value.lower() in allowed):
            problems.append(f"question {key!r} needs one letter from {', '.join(allowed)}; "
                            f"you wrote {value!r}.")
    extra = [k for k in answers if k not in questions]
    if extra:
        problems.append(f"unknown question(s) {extra}: keep the keys as given.")
    if problems:
        record(name, FAILED, problems[0])
        raise AssertionError("Your answers are not complete yet:\n- " + "\n- ".join(problems))
    record(name, PASSED)
    print(f"✓ all {len(questions)} questions have an answer of the right form.")


def assert_shape(array, shape, name="array"):
    """Assert that ``array`` is a numpy array of exactly ``shape``, with a clear message."""
    if not isinstance(array, np.ndarray):
        raise AssertionError(f"{name} should be a numpy array; it is {type_name(array)}.")
    if array.shape != tuple(shape):
        raise AssertionError(explain_shape(array, np.empty(shape), name)[0])


_DTYPE_KINDS = {"float": "f", "int": "iu", "bool": "b"}


def assert_dtype(array, kind, name="array", advice=""):
    """Assert that ``array`` is a numpy array of the given kind of numbers.

    Arguments:
    array -- the value to check
    kind -- "float", "int" or "bool"
    name -- how to call the value in the message
    advice -- a sentence added to the message, e.g. how to convert
    """
    if kind not in _DTYPE_KINDS:
        raise ValueError(f"kind should be one of {sorted(_DTYPE_KINDS)}; got {kind!r}")
    if not isinstance(array, np.ndarray):
        raise AssertionError(f"{name} should be a numpy array; it is {type_name(array)}.")
    if array.dtype.kind not in _DTYPE_KINDS[kind]:
        raise AssertionError(f"{name} has dtype {array.dtype}; expected {kind} values. "
                             f"{advice}".rstrip())
