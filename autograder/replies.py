"""What a student's process sends back, checked before the grader uses any of it.

Contract: ``parse_line(line)`` turns one line from the reply pipe into a dict,
or None for a line that is not a reply at all (the student's code may write
to the pipe; such lines are skipped). ``outcome(reply, inputs, known)`` checks every
field of a call's reply (types, counts, lengths, nesting; the value through
the plain-data codec) and returns an ``Outcome``; it also finds the arguments
the function changed in place by comparing them with the inputs the grader
sent. ``cell_report(reply, code, limits)`` does the same for the reply to running a
cell. Everything the student's process says is treated as the student's own
claim: a reply that breaks these rules raises ``ChannelError``, which is
reported as the student's problem, never as the grader's, in the grader's own
fixed words (never with text the student's process sent).

This is the one place where text from a student's process becomes text the grader
may show, since that text may carry a hidden input the process was given:

- an error message is redacted (``scoring.redact``: numbers and paths go), after the
  grader's own notes on it (the limit it hit, the reference code it reached for) are
  read from the raw text;
- a structured field is kept only when it fits its grammar, else dropped: ``where`` is
  "the cell, line N" or "NAME, line N", NAME a name the notebook's cells bound
  (``Known.names``) and N at most the lines of its longest cell; notebook variables
  read are names the cells bound; parameter names and a library function's dotted
  name are identifiers that redaction leaves as they are;
- a NameError is matched against the variables of the course's own source notebook
  (``Known.variables``): the variable it names is said as the course spells it, and
  a name that is not one of them is never said apart from the redacted message.
"""

import json
import re
from dataclasses import dataclass

from autograder.runtime import codec
from autograder.scoring import DELEGATION, Outcome, redact
from helpers.testing import changed_arguments

MAX_VALUES = 200_000       # JSON values in one reply line (arrays count as one)
MAX_TEXT = 2000            # characters of an error message, as the process said it
MAX_NAMES = 50             # parameter names, notebook variables read
MAX_CELL_NAMES = 200       # names one cell binds
MAX_LINE = 10_000          # the highest line number a ``where`` may name
MAX_DOTTED = 100           # characters of a library function's dotted name
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")
DOTTED = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$")
WHERE = re.compile(r"^(?:the cell|(?P<name>[A-Za-z_][A-Za-z0-9_]{0,99})), line (?P<line>[1-9]\d{0,5})$")
NAME_ERROR = re.compile(r"^NameError: name '(?P<name>[A-Za-z_][A-Za-z0-9_]{0,99})' "
                        r"is not defined")
FAILURE_KINDS = {"missing", "not_callable", "not_implemented", "exception", "protocol",
                 "library"}


class ChannelError(Exception):
    """A reply that no honest worker sends: the student's code wrote to the channel."""


@dataclass(frozen=True)
class Known:
    """What the grader knows of a notebook, to check a reply's fields against.

    names -- the names its cells bound at their top level (as their first runs said)
    lines -- the number of lines of its longest cell
    limits -- the Limits of its process, to name the one an error hit (None: name none)
    variables -- the variables its source notebook's own code assigns
                 (``SourceNotebook.variables``, read from the course's source, not the
                 student's notebook)
    """

    names: frozenset = frozenset()
    lines: int = MAX_LINE
    limits: object = None
    variables: frozenset = frozenset()


@dataclass(frozen=True)
class CellReport:
    """What running one cell gave.

    error -- the cell's error as the process said it (capped), "" if it ran; for the
             student's own ``check`` only, never for the grader's feedback
    shown -- the same error safe for feedback: redacted, with the limit it hit named
    delegation -- whether the error shows the cell reached for the helpers' reference code
    names -- the names the cell binds at its top level (identifiers its code holds)
    """

    error: str = ""
    shown: str = ""
    delegation: bool = False
    names: tuple = ()


def parse_line(line):
    """A reply dict from one line of bytes, or None if the line is not a reply."""
    values = line.count(b"[") + line.count(b"{") + line.count(b",")
    if values > MAX_VALUES:
        raise ChannelError(f"a reply with more than {MAX_VALUES} values")
    try:
        reply = json.loads(line)
    except RecursionError:
        raise ChannelError("a reply nested too deeply") from None
    except ValueError:
        return None
    return reply if isinstance(reply, dict) else None


def limit_note(error, limits):
    """Words naming the limit behind an error raised inside the process, if any
    (read from the error as the process said it)."""
    if limits is None:
        return ""
    if error.startswith("MemoryError"):
        return f" (the memory limit is {limits.memory_mb} MB)"
    if error.startswith("BlockingIOError") or "Resource temporarily unavailable" in error:
        return f" (the limit is {limits.processes} processes)"
    if "[Errno 27]" in error or "File too large" in error:
        return f" (the output limit is {limits.output_mb} MB)"
    if "[Errno 28]" in error or "No space left on device" in error:
        return f" (the disk limit is {limits.disk_mb} MB)"
    return ""


def reached_for_the_reference(error):
    """Whether an error shows the code reached for the helpers' reference code."""
    return "helpers.reference" in error


def _text(reply, key, limit=MAX_TEXT):
    value = reply.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ChannelError(f"the field {key!r} is not text")
    return value if len(value) <= limit else value[:limit] + "..."


def _names(reply, key, limit=MAX_NAMES):
    value = reply.get(key) or []
    if not isinstance(value, list) or len(value) > limit \
            or not all(isinstance(n, str) and NAME.match(n) for n in value):
        raise ChannelError(f"the field {key!r} is not a short list of names")
    return value


def shows_as_is(name):
    """Whether redaction leaves a name as it is (no number in it to hide)."""
    return redact(name, limit=MAX_DOTTED) == name


def where(text, known):
    """A ``where`` field checked against its grammar and the notebook, or ""."""
    found = WHERE.match(text)
    if not found or int(found["line"]) > min(known.lines, MAX_LINE):
        return ""
    if found["name"] is not None and found["name"] not in known.names:
        return ""
    return text


def missing_variable(error, known):
    """The notebook variable a NameError says is not defined, as the course's source
    spells it; "" for another error or a name that is not one of the notebook's variables."""
    found = NAME_ERROR.match(error)
    if found is None:
        return ""
    return next((name for name in known.variables if name == found["name"]), "")


def library_name(text):
    """A library function's dotted name from the process, or "" if it breaks the grammar."""
    if len(text) > MAX_DOTTED or not DOTTED.match(text) or not shows_as_is(text):
        return ""
    return text


def _decoded(data):
    try:
        return codec.decode(data)
    except codec.DecodeError as error:  # its messages are the codec's own words
        raise ChannelError(f"the returned value is not plain data ({error})") from None
    except (TypeError, ValueError, RecursionError):
        raise ChannelError("the returned value is not plain data") from None


def _failure(reply, known):
    kind = reply.get("kind", "exception")
    if not isinstance(kind, str) or kind not in FAILURE_KINDS:
        raise ChannelError("a reply of a kind the grader does not know")
    if kind == "library":
        return Outcome(failure=kind, message=library_name(_text(reply, "what", MAX_DOTTED)))
    error = _text(reply, "error")
    read = [n for n in _names(reply, "globals_read") if n in known.names]
    return Outcome(failure=kind, message=redact(error),
                   where=where(_text(reply, "where", 200), known),
                   note=limit_note(error, known.limits) if kind == "exception" else "",
                   recognised=DELEGATION if reached_for_the_reference(error) else "",
                   globals_read=read,
                   missing_variable=missing_variable(error, known) if kind == "exception"
                   else "")


def outcome(reply, inputs=None, known=Known()):
    """The Outcome of a call (or "get") reply; ChannelError if it breaks the rules."""
    ok = reply.get("ok")
    if not isinstance(ok, bool):
        raise ChannelError("a reply without a yes/no 'ok'")
    if not ok:
        return _failure(reply, known)
    value = _decoded(reply.get("value"))
    changed, parameters = [], [n if shows_as_is(n) else f"argument {i + 1}"
                               for i, n in enumerate(_names(reply, "parameters"))]
    if inputs is not None:
        arguments = _decoded(reply.get("arguments"))
        if not (isinstance(arguments, tuple) and len(arguments) == 2
                and isinstance(arguments[0], tuple) and isinstance(arguments[1], dict)
                and len(arguments[0]) == len(inputs.args)
                and set(arguments[1]) == set(inputs.kwargs)):
            raise ChannelError("the arguments sent back do not match the call")
        changed = changed_arguments(parameters, *arguments, tuple(inputs.args),
                                    dict(inputs.kwargs))
    return Outcome(value=value, changed=changed, parameters=parameters,
                   globals_read=[n for n in _names(reply, "globals_read") if n in known.names])


def cell_report(reply, code, limits=None):
    """The CellReport of a reply to running ``code``; ChannelError if it breaks the rules.

    A name the process says the cell binds is kept only if the cell's code holds it."""
    ok = reply.get("ok")
    if not isinstance(ok, bool):
        raise ChannelError("a reply without a yes/no 'ok'")
    names = tuple(n for n in _names(reply, "names", MAX_CELL_NAMES) if n in code)
    if ok:
        return CellReport(names=names)
    error = _text(reply, "error") or "an error"
    return CellReport(error=error, shown=redact(error) + limit_note(error, limits),
                      delegation=reached_for_the_reference(error), names=names)


def names_report(reply, code):
    """The names a "names" reply says ``code`` binds (those its code holds)."""
    if reply.get("ok") is not True:
        raise ChannelError("a reply without a yes/no 'ok'")
    return tuple(n for n in _names(reply, "names", MAX_CELL_NAMES) if n in code)


def as_line(reply):
    """A reply as the line the worker writes (for the in-kernel path)."""
    return json.dumps(reply, allow_nan=False).encode()
