"""The process that runs one student's notebook code for the grader.

Contract: the grader starts ``python worker.py IN_FD OUT_FD`` and talks over
those two pipes, one JSON message a line, plain data only (``codec``):

- ``{"op": "run", "code": str}`` runs a notebook cell; reply ``{"ok", "error",
  "names"}``, where ``names`` are the names the cell binds at its top level
  (functions, classes, imports, assignments; read from the syntax tree the shell
  parsed to run it, so a cell that fails half-way still names what it meant to bind).
- ``{"op": "names", "code": str}`` only reads a cell (without running it) and replies
  ``{"ok", "names"}``: for a cell that was stopped before it could reply.
- ``{"op": "call", "name", "args", "kwargs", "numpy_seed", "stand_ins"}`` calls the
  notebook's function ``name`` on copies of the inputs, with numpy's global
  generator seeded with ``numpy_seed`` right before (if it is not None). ``stand_ins`` holds correct versions
  of the other graded functions it may call, as source code
  (``{"modules": {"np": "numpy"}, "sources": [...], "names": {"sigmoid": "sigmoid"}}``),
  so that one mistake costs one exercise; the grader sends a function's stand-in
  only once that function's own cases are done. Reply ``{"ok", "value",
  "arguments", "parameters", "globals_read"}``, where ``arguments`` are the
  inputs as the function left them, or ``{"ok": false, "kind", "error", "where",
  "globals_read"}``; a function whose innermost code was not written in the notebook
  (a library's function, under any wrapper) is not called: ``{"ok": false, "kind":
  "library", "what": "scipy.special.expit"}``.
- ``{"op": "get", "name"}`` returns a variable's value (concept-check answers).
- ``{"op": "exit"}`` ends the process.

Everything here runs inside the student's process, where the student's code
can read and change all of it; so nothing here decides a score. The grader
compares the returned data with the references itself, finds changed inputs
by comparing them with what it sent, and validates every reply. This file and
codec.py are all of the grader that a sandbox holds.
"""

import ast
import copy
import functools
import importlib
import json
import os
import sys
import types

if __package__:
    from . import codec
else:  # run as a script inside the sandbox
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import codec

CELL_FILE_PREFIX = "<ipython-input-"
MAX_CELL_NAMES = 200  # names one cell binds, as reported (replies.MAX_CELL_NAMES)


def is_cell_file(filename, shell=None):
    """Whether code compiled from ``filename`` was written in a notebook cell: the
    grader's shell names cells ``<ipython-input-...>``; a kernel (nbgrader's path)
    keeps its own map of the cells' file names, passed as ``shell.cell_files``."""
    return isinstance(filename, str) and (
        filename.startswith(CELL_FILE_PREFIX) or filename in getattr(shell, "cell_files", ()))


def describe_error(error):
    """``Type: message`` of an exception, whatever its ``__str__`` does."""
    try:
        text = f"{type(error).__name__[:100]}: {error}"
    except Exception:  # a student's exception whose message itself fails
        text = f"{type(error).__name__[:100]}"
    return text if len(text) <= 2000 else text[:2000] + "..."


def where_it_failed(error, shell=None):
    """Where in the notebook's own code an exception was raised: "propagate, line 3"."""
    found = None
    tb = error.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if is_cell_file(code.co_filename, shell):
            if code.co_name == "<module>":
                found = f"the cell, line {tb.tb_lineno}"
            else:
                found = f"{code.co_name}, line {tb.tb_lineno - code.co_firstlineno + 1}"
        tb = tb.tb_next
    return found or ""


def build_stand_ins(bundle):
    """The correct functions described by a stand-ins message: name -> function."""
    if not bundle:
        return {}
    namespace = {"__name__": "stand_ins", "__builtins__": __builtins__}
    for alias, module in bundle.get("modules", {}).items():
        namespace[alias] = importlib.import_module(module)
    for source in bundle.get("sources", []):
        exec(compile(source, "<stand-in>", "exec"), namespace)
    return {name: namespace[inner] for name, inner in bundle.get("names", {}).items()}


def call_graded(function, args, kwargs, stand_ins, namespace, numpy_seed=None):
    """Call a graded function on copies of its inputs, with correct stand-ins.

    Returns:
    value -- what the function returned
    arguments -- (args, kwargs) as the function left them
    """
    missing = object()
    saved = {}
    for name, stand_in in stand_ins.items():
        if namespace.get(name) is not function:
            saved[name] = namespace.get(name, missing)
            namespace[name] = stand_in
    call_args, call_kwargs = copy.deepcopy((tuple(args), dict(kwargs)))
    if numpy_seed is not None:
        import numpy

        numpy.random.seed(int(numpy_seed))
    try:
        value = function(*call_args, **call_kwargs)
    finally:
        for name, previous in saved.items():
            if previous is missing:
                namespace.pop(name, None)
            else:
                namespace[name] = previous
    return value, (call_args, call_kwargs)


DEFERRED = ("matplotlib", "matplotlib.pyplot")  # plotting: imported only if really used


class _Deferred(types.ModuleType):
    """Stands for a module that is not imported yet: the first use of one of its
    attributes imports it, and from then on the stand-in passes everything on.

    Notebooks import pyplot in their first cell, but grading skips the cells that
    plot; importing it costs more than all else a graded notebook does.
    """

    def __init__(self, name, children, spec):
        super().__init__(name)
        self.__dict__["_children"] = children  # submodules, also deferred
        self.__dict__["_real"] = None
        if spec.submodule_search_locations is not None:  # a package: imports ask for it
            self.__dict__["__path__"] = list(spec.submodule_search_locations)

    def __getattr__(self, attribute):
        if self.__dict__["_real"] is None and attribute in self.__dict__["_children"]:
            return self.__dict__["_children"][attribute]
        return getattr(self._load(), attribute)

    def _load(self):
        real = self.__dict__["_real"]
        if real is None:
            parent = self.__name__.rpartition(".")[0]
            if parent and isinstance(sys.modules.get(parent), _Deferred):
                sys.modules[parent]._load()
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
            real = importlib.import_module(self.__name__)
            self.__dict__["_real"] = real
        return real


def defer_plotting_imports():
    """Put stand-ins for matplotlib and pyplot where imports look first."""
    import importlib.util

    made = {}
    for name in sorted(DEFERRED, key=len, reverse=True):  # submodules first
        parent = name.rpartition(".")[0]
        try:
            spec = importlib.util.find_spec(name) if not parent else \
                importlib.machinery.PathFinder.find_spec(
                    name, importlib.util.find_spec(parent).submodule_search_locations)
        except (ImportError, AttributeError, ValueError):
            spec = None
        if name in sys.modules or spec is None:
            continue  # not installed: let the import fail as it would
        children = {child.rpartition(".")[2]: made[child] for child in made
                    if child.rpartition(".")[0] == name}
        made[name] = sys.modules[name] = _Deferred(name, children, spec)


def names_bound(tree):
    """Names a module's statements bind at its top level, looking into if/try/for/while/
    with blocks but not into functions or classes: functions, classes and imports first,
    then assigned names; each once, at most MAX_CELL_NAMES."""
    defined, assigned = {}, {}
    todo = list(reversed(tree.body))
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined[node.name] = None
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            defined.update(dict.fromkeys((a.asname or a.name).split(".")[0]
                                         for a in node.names))
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            if len(assigned) < MAX_CELL_NAMES:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                assigned.update(dict.fromkeys(n.id for target in targets
                                              for n in ast.walk(target)
                                              if isinstance(n, ast.Name)))
        else:
            blocks = [getattr(node, field, None) or [] for field in ("body", "orelse",
                                                                    "finalbody")]
            blocks += [handler.body for handler in getattr(node, "handlers", [])]
            for block in reversed(blocks):
                if isinstance(block, list):
                    todo.extend(reversed([n for n in block if isinstance(n, ast.stmt)]))
    # as the grader reads them: ASCII identifiers of at most 100 characters
    names = [n for n in dict.fromkeys([*defined, *assigned])
             if n.isascii() and n.isidentifier() and len(n) <= 100]
    return names[:MAX_CELL_NAMES]


class _Shell:
    """A minimal IPython shell: magics and notebook syntax work, GUI hooks do nothing.
    ``bound`` holds the names the last cell run binds at its top level."""

    def __init__(self):
        from IPython.core.interactiveshell import InteractiveShell

        outer = self

        class GradingShell(InteractiveShell):
            def enable_gui(self, gui=None):
                return None

            def enable_matplotlib(self, gui=None):
                return ("agg", "agg")  # MPLBACKEND is Agg: nothing to set up

            def transform_ast(self, node):
                # the tree the shell parsed to run the cell (a cell magic's body too)
                outer.bound += names_bound(node)
                return super().transform_ast(node)

        self.bound = []
        self.shell = GradingShell.instance(colors="nocolor")
        self.namespace = self.shell.user_ns

    def run(self, code):
        self.bound = []
        result = self.shell.run_cell(code, store_history=False, silent=False)
        error = result.error_before_exec or result.error_in_exec
        return None if error is None else describe_error(error)

    def names(self, code):
        """The names a cell would bind, read without running it."""
        try:
            return names_bound(ast.parse(self.shell.transform_cell(code)))
        except Exception:  # SyntaxError and the like: a cell that binds nothing
            return []


def _parameters(function):
    from helpers.testing import parameter_names

    return parameter_names(function)[:50]


def _globals_read(function):
    from helpers.testing import notebook_globals_read

    return notebook_globals_read(function)[:20]


def _failure(kind, error, function=None, shell=None):
    reply = {"ok": False, "kind": kind, "error": describe_error(error),
             "where": where_it_failed(error, shell)}
    if function is not None:
        reply["globals_read"] = _globals_read(function)
    return reply


def _inner(function):
    """The object whose code a callable runs: through ``__wrapped__`` (decorators,
    lru_cache), np.vectorize's ``pyfunc``, functools.partial's ``func``, a bound method's
    or a static/class method's ``__func__``, a callable object's ``__call__`` and a
    class's ``__init__``."""
    current, seen = function, set()
    while id(current) not in seen and len(seen) < 50:
        seen.add(id(current))
        if isinstance(current, types.FunctionType):
            wrapped = current.__dict__.get("__wrapped__")
            if wrapped is None:
                return current
            current = wrapped
        elif isinstance(current, (staticmethod, classmethod, types.MethodType)):
            current = current.__func__
        elif isinstance(current, (functools.partial, functools.partialmethod)):
            current = current.func
        elif type(current).__name__ == "vectorize" and hasattr(current, "pyfunc"):
            current = current.pyfunc
        elif getattr(current, "__wrapped__", None) is not None:
            current = current.__wrapped__
        elif isinstance(current, type):  # a class: the code that makes its objects
            made_by = [f for f in (current.__init__, current.__new__)
                       if isinstance(f, types.FunctionType)]
            if not made_by:
                return current  # a class made in C (float, np.ndarray...)
            current = made_by[0]
        else:
            call = getattr(type(current), "__call__", None)
            if call is None or isinstance(call, (types.WrapperDescriptorType,
                                                 types.MethodWrapperType)):
                return current  # a function or callable object made in C (a ufunc...)
            current = call  # the code a callable object's class runs when called
    return current


def library_function(function, shell=None):
    """None for a function written in the notebook (under any wrappers); else the
    dotted name of the library function it runs ("scipy.special.expit"), or ""."""
    inner = _inner(function)
    code = getattr(inner, "__code__", None)
    if isinstance(code, types.CodeType) and is_cell_file(code.co_filename, shell):
        return None
    named = inner if hasattr(inner, "__name__") else type(inner)
    name = str(getattr(named, "__qualname__", None) or getattr(named, "__name__", ""))
    module = getattr(named, "__module__", None)
    if not isinstance(module, str) or module.startswith("_") or "._" in module:
        module = _public_module(named, name) or module
    return f"{module}.{name}" if isinstance(module, str) and module else name


def _public_module(value, name):
    """The shortest public module that holds ``value`` as ``name`` (a ufunc such as
    scipy.special.expit does not say where it lives)."""
    found = []
    for module, namespace in list(sys.modules.items()):
        if module.startswith("_") or "._" in module:
            continue
        try:
            if vars(namespace).get(name) is value:
                found.append(module)
        except Exception:  # not a module any more: whatever the notebook put there
            continue
    return min(found, key=lambda m: (m.count("."), len(m)), default=None)


def handle(shell, message):
    op = message.get("op")
    if op == "run":
        error = shell.run(str(message.get("code", "")))
        names = list(dict.fromkeys(shell.bound))[:MAX_CELL_NAMES]
        return {"ok": error is None, "error": error, "names": names}
    if op == "names":
        return {"ok": True, "names": shell.names(str(message.get("code", "")))}
    if op == "get":
        name = message.get("name")
        if name not in shell.namespace:
            return {"ok": False, "kind": "missing", "error": f"{name} is not defined"}
        return {"ok": True, "value": codec.encode(shell.namespace[name])}
    if op == "call":
        name = message.get("name")
        function = shell.namespace.get(name)
        if name not in shell.namespace:
            return {"ok": False, "kind": "missing", "error": f"{name} is not defined"}
        if not callable(function):
            return {"ok": False, "kind": "not_callable",
                    "error": f"{name} is a {type(function).__name__}, not a function"}
        library = library_function(function, shell)
        if library is not None:
            return {"ok": False, "kind": "library", "what": library}
        args = codec.decode(message.get("args", {"$tuple": []}))
        kwargs = codec.decode(message.get("kwargs", {"$dict": []}))
        stand_ins = build_stand_ins(message.get("stand_ins"))
        try:
            value, arguments = call_graded(function, args, kwargs, stand_ins, shell.namespace,
                                           message.get("numpy_seed"))
        except NotImplementedError as error:
            return _failure("not_implemented", error, function, shell)
        except BaseException as error:  # the student's exception, reported as data
            return _failure("exception", error, function, shell)
        return {"ok": True, "value": codec.encode(value), "arguments": codec.encode(arguments),
                "parameters": _parameters(function),
                "globals_read": _globals_read(function)}
    return {"ok": False, "kind": "protocol", "error": f"unknown op {op!r}"}


def main(argv):
    in_fd, out_fd = int(argv[1]), int(argv[2])
    commands = os.fdopen(in_fd, "rb")
    replies = os.fdopen(out_fd, "wb")
    os.environ.setdefault("MPLBACKEND", "Agg")
    defer_plotting_imports()
    shell = _Shell()
    replies.write(b'{"ok": true, "ready": true}\n')
    replies.flush()
    for line in commands:
        try:
            message = json.loads(line)
        except ValueError:
            reply = {"ok": False, "kind": "protocol", "error": "bad message"}
        else:
            if message.get("op") == "exit":
                break
            try:
                reply = handle(shell, message)
            except BaseException as error:  # never let a bad value kill the loop
                reply = {"ok": False, "kind": "exception", "error": describe_error(error)}
            reply["id"] = message.get("id")
        try:
            data = json.dumps(reply, allow_nan=False).encode()
        except (TypeError, ValueError, RecursionError) as error:
            data = json.dumps({"ok": False, "kind": "exception", "id": reply.get("id"),
                               "error": describe_error(error)}).encode()
        replies.write(data + b"\n")
        replies.flush()
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv)
