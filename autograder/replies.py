"""What a student's process sends back, checked before the grader uses any of it.

Contract: ``parse_line(line)`` turns one line from the reply pipe into a dict,
or None for a line that is not a reply at all (the student's code may write
to the pipe; such lines are skipped). ``outcome(reply, inputs)`` checks every
field of a call's reply (types, counts, lengths, nesting; the value through
the plain-data codec) and returns an ``Outcome``; it also finds the arguments
the function changed in place by comparing them with the inputs the grader
sent. Everything the student's process says is treated as the student's own
claim: a reply that breaks these rules raises ``ChannelError``, which is
reported as the student's problem, never as the grader's.
"""

import json
import re

from autograder.runtime import codec
from autograder.scoring import Outcome
from helpers.testing import changed_arguments

MAX_VALUES = 200_000       # JSON values in one reply line (arrays count as one)
MAX_TEXT = 2000            # characters of an error message
MAX_NAMES = 50             # parameter names, notebook variables read
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")
FAILURE_KINDS = {"missing", "not_callable", "not_implemented", "exception", "protocol"}


class ChannelError(Exception):
    """A reply that no honest worker sends: the student's code wrote to the channel."""


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


def _text(reply, key, limit=MAX_TEXT):
    value = reply.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ChannelError(f"the field {key!r} is not text")
    return value if len(value) <= limit else value[:limit] + "..."


def _names(reply, key):
    value = reply.get(key) or []
    if not isinstance(value, list) or len(value) > MAX_NAMES \
            or not all(isinstance(n, str) and NAME.match(n) for n in value):
        raise ChannelError(f"the field {key!r} is not a short list of names")
    return value


def _decoded(data):
    try:
        return codec.decode(data)
    except (codec.DecodeError, TypeError, ValueError, RecursionError) as error:
        raise ChannelError(f"the returned value is not plain data ({error})") from None


def outcome(reply, inputs=None):
    """The Outcome of a call (or "get") reply; ChannelError if it breaks the rules."""
    ok = reply.get("ok")
    if not isinstance(ok, bool):
        raise ChannelError("a reply without a yes/no 'ok'")
    if not ok:
        kind = reply.get("kind", "exception")
        if kind not in FAILURE_KINDS:
            raise ChannelError(f"a reply of an unknown kind {str(kind)[:40]!r}")
        return Outcome(failure=kind, message=_text(reply, "error"),
                       where=_text(reply, "where", 200),
                       globals_read=_names(reply, "globals_read"))
    value = _decoded(reply.get("value"))
    changed, parameters = [], _names(reply, "parameters")
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
                   globals_read=_names(reply, "globals_read"))


def as_line(reply):
    """A reply as the line the worker writes (for the in-kernel path)."""
    return json.dumps(reply, allow_nan=False).encode()
