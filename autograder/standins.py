"""Correct stand-ins for the graded functions an exercise calls, sent as source code.

Contract: ``bundle(stand_ins)`` turns an exercise's ``{name: (module, attribute)}``
into the plain-data message from which the worker builds them: the source of
each function and of the reference functions it calls in turn, and the modules
they use (``{"np": "numpy"}``). The reference modules themselves are never
importable in a student's process (``autograder.helpers_view``), so a stand-in
exists there only while the grader has sent it. ``carried(bundle)`` names every
function a bundle holds, so that the grader can refuse to send one while that
function's own cases are still to come: a caller must not be able to capture a
correct version of a function that is graded after it.
"""

import functools
import importlib
import inspect
import textwrap
import types

from helpers.testing import code_names


class StandInError(ValueError):
    """A stand-in that cannot be sent as source (a course bug, not a student's)."""


def _collect(function, sources, modules, seen):
    if function.__name__ in seen:
        if seen[function.__name__] is not function:
            raise StandInError(f"two stand-ins are called {function.__name__}")
        return
    seen[function.__name__] = function
    try:
        sources.append(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError) as error:
        raise StandInError(f"the source of {function.__module__}.{function.__name__} "
                           f"cannot be read ({error})") from None
    for name in sorted(code_names(function.__code__)):
        if name not in function.__globals__:
            continue  # a builtin or an attribute name
        value = function.__globals__[name]
        if isinstance(value, types.ModuleType):
            modules[name] = value.__name__
        elif isinstance(value, types.FunctionType):
            _collect(value, sources, modules, seen)
        else:
            raise StandInError(f"{function.__name__} uses the module-level value {name}: a "
                               f"stand-in may use only modules and other functions")


@functools.cache
def _bundle(items):
    sources, modules, seen, names = [], {}, {}, {}
    for name, (module, attribute) in items:
        function = getattr(importlib.import_module(module), attribute)
        if not isinstance(function, types.FunctionType):
            raise StandInError(f"{module}.{attribute} is not a Python function")
        _collect(function, sources, modules, seen)
        names[name] = function.__name__
    return {"modules": modules, "sources": sources, "names": names, "defines": sorted(seen)}


def bundle(stand_ins):
    """The stand-ins message for ``{name: (module, attribute)}`` (plain data)."""
    if not stand_ins:
        return {}
    return _bundle(tuple(sorted((k, tuple(v)) for k, v in stand_ins.items())))


def carried(message):
    """Names of every function a stand-ins message defines."""
    return set((message or {}).get("defines", []))
