"""Which of the helpers' reference modules a notebook's process may see.

Contract: ``reference_modules(cells)`` returns the modules under
``helpers.reference`` that the given notebook code imports, directly or through
other helpers modules (``{"helpers.reference.logistic_regression", ...}``);
``reference_files(modules)`` returns the files that make them importable.

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
    for candidate in (HELPERS_DIR / relative / "__init__.py",
                      HELPERS_DIR / relative.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def reference_modules(cells):
    """The ``helpers.reference`` modules that notebook code (a list of cell sources)
    imports, directly or through the helpers modules it imports."""
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
    return frozenset(m for m in seen if m.startswith(REFERENCE_PACKAGE + "."))


def reference_files(modules):
    """The files under helpers/reference/ that make ``modules`` importable."""
    files = {HELPERS_DIR / "reference" / "__init__.py"}
    for module in modules:
        path = _file_of(module)
        if path is not None:
            files.add(path)
            for parent in path.parents:  # the packages on the way
                if parent == HELPERS_DIR / "reference" or HELPERS_DIR not in parent.parents:
                    break
                files.add(parent / "__init__.py")
    return sorted(f for f in files if f.is_file())
