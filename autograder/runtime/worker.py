"""The process that runs one student's notebook code for the grader.

Contract: the grader starts ``python worker.py IN_FD OUT_FD`` and talks over
those two pipes, one JSON message a line, plain data only (``codec``):

- ``{"op": "run", "code": str}`` runs a notebook cell; reply ``{"ok", "error"}``.
- ``{"op": "call", "name", "args", "kwargs", "stand_ins"}`` calls the notebook's
  function ``name`` on the given inputs, with the graded functions it uses
  replaced by correct stand-ins (``{"sigmoid": ["helpers.reference.activations",
  "sigmoid"]}``) so that one mistake costs one exercise; reply ``{"ok", "value",
  "changed", "globals_read", "origin"}`` or ``{"ok": false, "error", "kind"}``.
- ``{"op": "get", "name"}`` returns a variable's value (concept-check answers).
- ``{"op": "exit"}`` ends the process.

Everything here runs inside the student's process, so nothing here decides a
score: the grader compares the returned data with the references itself.
This file and codec.py are all of the grader that a sandbox holds.
"""

import copy
import importlib
import json
import os
import sys

if __package__:
    from . import codec
else:  # run as a script inside the sandbox
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import codec

def describe_error(error):
    text = f"{type(error).__name__}: {error}"
    return text if len(text) <= 2000 else text[:2000] + "..."


def origin_of(function, namespace):
    """Where a function was written: "notebook" if a cell of this notebook
    defined it (its globals are the notebook's), else where it comes from."""
    if getattr(function, "__globals__", None) is namespace:
        return "notebook"
    code = getattr(function, "__code__", None)
    if code is None:
        return f"something that is not a Python function ({type(function).__name__})"
    return f"the module {getattr(function, '__module__', None) or code.co_filename}"


def call_graded(function, args, kwargs, stand_ins):
    """Call a graded function on copies of its inputs, with correct stand-ins.

    Arguments:
    function -- the notebook's function
    args, kwargs -- decoded inputs (not modified)
    stand_ins -- dict name -> (module, attribute) of correct versions of the
                 other graded functions it may call

    Returns:
    value -- what the function returned
    changed -- names of the arguments it modified in place
    globals_read -- notebook data variables the function reads
    """
    from helpers.testing import changed_arguments, notebook_globals_read

    namespace = getattr(function, "__globals__", None)
    missing = object()
    saved = {}
    if isinstance(namespace, dict):
        for name, (module, attribute) in stand_ins.items():
            if namespace.get(name) is not function:
                saved[name] = namespace.get(name, missing)
                namespace[name] = getattr(importlib.import_module(module), attribute)
    originals = copy.deepcopy((tuple(args), dict(kwargs)))
    call_args, call_kwargs = copy.deepcopy((tuple(args), dict(kwargs)))
    try:
        value = function(*call_args, **call_kwargs)
    finally:
        for name, previous in saved.items():
            if previous is missing:
                namespace.pop(name, None)
            else:
                namespace[name] = previous
    changed = changed_arguments(function, call_args, call_kwargs, *originals)
    return value, changed, notebook_globals_read(function)


class _Shell:
    """A minimal IPython shell: magics and notebook syntax work, GUI hooks do nothing."""

    def __init__(self):
        from IPython.core.interactiveshell import InteractiveShell

        class GradingShell(InteractiveShell):
            def enable_gui(self, gui=None):
                return None

            def enable_matplotlib(self, gui=None):
                import matplotlib
                matplotlib.use("Agg")
                return ("agg", "agg")

        self.shell = GradingShell.instance(colors="nocolor")
        self.namespace = self.shell.user_ns

    def run(self, code):
        result = self.shell.run_cell(code, store_history=False, silent=False)
        error = result.error_before_exec or result.error_in_exec
        return None if error is None else describe_error(error)


def handle(shell, message):
    op = message.get("op")
    if op == "run":
        error = shell.run(str(message.get("code", "")))
        return {"ok": error is None, "error": error}
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
        args = codec.decode(message.get("args", {"$tuple": []}))
        kwargs = codec.decode(message.get("kwargs", {"$dict": []}))
        stand_ins = {k: tuple(v) for k, v in message.get("stand_ins", {}).items()}
        origin = origin_of(function, shell.namespace)
        try:
            value, changed, globals_read = call_graded(function, args, kwargs, stand_ins)
        except NotImplementedError:
            return {"ok": False, "kind": "not_implemented", "origin": origin,
                    "error": f"{name} raises NotImplementedError"}
        except BaseException as error:  # the student's exception, reported as data
            return {"ok": False, "kind": "exception", "origin": origin,
                    "error": describe_error(error)}
        return {"ok": True, "value": codec.encode(value), "changed": changed,
                "globals_read": globals_read, "origin": origin}
    return {"ok": False, "kind": "protocol", "error": f"unknown op {op!r}"}


def main(argv):
    in_fd, out_fd = int(argv[1]), int(argv[2])
    commands = os.fdopen(in_fd, "rb")
    replies = os.fdopen(out_fd, "wb")
    os.environ.setdefault("MPLBACKEND", "Agg")
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
        except (TypeError, ValueError) as error:
            data = json.dumps({"ok": False, "kind": "exception",
                               "error": describe_error(error)}).encode()
        replies.write(data + b"\n")
        replies.flush()
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv)
