"""Which of the helpers' reference modules a notebook's process may see.

Contract: ``reference_modules(cells)`` returns the modules under
``helpers.reference`` that the given notebook code imports, directly or through
other helpers modules (``{"helpers.reference.logistic_regression", ...}``);
``reference_files(modules)`` returns the files that make them importable.
``helpers_modules(cells)`` and ``helpers_files(modules)`` do the same for every
helpers module (the students' copy of the course holds just those), and
``answers(function, exercise, expected)`` says whether a function reproduces an
exercise's hidden cases (an exercise whose answer is one of its own inputs, such as
``backward_propagation(x, theta)`` of J = theta * x, is reproduced by nothing: handing an
argument back leaks no knowledge).

The grader's sandbox shows a student's process every helpers module outside
``helpers.reference`` and, inside it, only the modules its source notebook
imports. A notebook never imports the correct version of one of its own
exercises, so a student's function cannot call, copy, rebuild or read it: the
code is not there. (tests/autograder/test_helpers_view.py checks that no
exposed helpers function reproduces an exercise of the notebook.)
"""

import ast
from pathlib import Path

import helpers

HELPERS_DIR = Path(helpers.__file__).resolve().parent
REFERENCE_PACKAGE = "helpers.reference"


def plain_python(code):
    """Notebook code as plain Python (magics and shell escapes made harmless)."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        return TransformerManager().transform_cell(code)
    except Exception:  # code IPython cannot read is not importing anything we can see
        return ""


def _imported(tree, package):
    """Absolute names of the modules an AST imports (``package`` for relative imports)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.add(module)
            names |= {f"{module}.{alias.name}" for alias in node.names}  # submodules
    return {n for n in names if n == "helpers" or n.startswith("helpers.")}


def _file_of(module):
    """The source file of a helpers module or package, or None."""
    relative = Path(*module.split(".")[1:])
    if not relative.parts:
        return HELPERS_DIR / "__init__.py"
    for candidate in (HELPERS_DIR / relative / "__init__.py",
                      HELPERS_DIR / relative.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def helpers_modules(cells):
    """Every helpers module (``helpers``, ``helpers.data``, ...) that code (a list of
    cell or file sources) imports, directly or through the helpers modules it imports."""
    todo = set()
    for code in cells:
        try:
            todo |= _imported(ast.parse(plain_python(code)), "")
        except SyntaxError:
            continue
    seen = set()
    while todo:
        module = todo.pop()
        path = _file_of(module)
        if module in seen or path is None:
            continue
        seen.add(module)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        todo |= _imported(ast.parse(path.read_text()), package)
    return frozenset(seen)


def reference_modules(cells):
    """The ``helpers.reference`` modules that notebook code (a list of cell sources)
    imports, directly or through the helpers modules it imports."""
    return frozenset(m for m in helpers_modules(cells) if m.startswith(REFERENCE_PACKAGE + "."))


def helpers_files(modules):
    """The files that make the helpers modules ``modules`` importable: their own, and the
    ``__init__.py`` of every package on the way."""
    files = {HELPERS_DIR / "__init__.py"}
    for module in modules:
        path = _file_of(module)
        if path is not None:
            files.add(path)
            files |= {parent / "__init__.py" for parent in path.parents
                      if HELPERS_DIR in parent.parents}
    return sorted(f for f in files if f.is_file())


def reference_files(modules):
    """The files under helpers/reference/ that make ``modules`` importable."""
    folder = HELPERS_DIR / "reference"
    files = {folder / "__init__.py"} | {f for f in helpers_files(modules) if folder in f.parents}
    return sorted(f for f in files if f.is_file())


def answers(function, exercise, expected):
    """Whether ``function`` reproduces every hidden case of ``exercise`` (a "call"
    exercise); ``expected`` maps each case id to the source solution's output."""
    import contextlib
    import inspect
    import io
    import warnings

    import numpy as np

    from helpers.diagnosis import diagnose

    handed_back = True  # whether every case's answer is one of its own inputs
    for case in exercise.cases:
        inputs = case.inputs()
        handed_back = handed_back and any(
            not diagnose(value, expected[case.case_id], "x", rtol=exercise.rtol,
                         atol=exercise.atol)
            for value in (*inputs.args, *inputs.kwargs.values()))
        state = np.random.get_state()
        try:
            inspect.signature(function).bind(*inputs.args, **inputs.kwargs)
            if inputs.numpy_seed is not None:  # as the grader seeds a student's call
                np.random.seed(inputs.numpy_seed)
            with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings(), \
                    np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                actual = function(*inputs.args, **inputs.kwargs)
        except Exception:
            return False
        finally:
            np.random.set_state(state)
        if diagnose(actual, expected[case.case_id], "x", rtol=exercise.rtol, atol=exercise.atol):
            return False
    return not handed_back
