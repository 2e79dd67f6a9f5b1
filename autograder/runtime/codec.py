"""Plain-data messages between the grader and a student's process.

Contract: ``encode(value)`` turns a value built from None, bool, int, float,
str, bytes, list, tuple, dict, numpy arrays of numbers and numpy scalars into
JSON-ready data; ``decode(data)`` turns it back, accepting nothing else. No
pickle, no code: a decoded message is only data, whatever the sender did.
Anything else a student's function returns is encoded as ``Unsupported``,
which names its type so that feedback can say what came back; decoded, that name
keeps only the characters of a dotted type name, with every run of two or more
digits hidden (a class can be named after a hidden input). A ``DecodeError``
says what is wrong in the codec's own words, never with the text it was sent.

This file is also copied into each student's sandbox, so it imports only the
standard library and numpy.
"""

import base64
import math
import re

import numpy as np

ALLOWED_DTYPES = {
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float16", "float32", "float64",
}
MAX_DEPTH = 20
MAX_ELEMENTS = 50_000_000
TYPE_NAME = re.compile(r"^[A-Za-z_<][A-Za-z0-9_.<> ]{0,99}$")


class Unsupported:
    """Stands for a value that plain data cannot carry (a custom object, a function...)."""

    def __init__(self, type_name):
        self.type_name = str(type_name)[:100]

    def __repr__(self):
        return f"<object of type {self.type_name}>"

    def __eq__(self, other):
        return isinstance(other, Unsupported) and other.type_name == self.type_name

    __hash__ = None


# Functions the grader can pass to an exercise that takes a function: of one number (e.g.
# slope(f, a)), or a learning-rate schedule decay(learning_rate0, epoch_num, decay_rate) (week
# 5's model; the correct schedules, so that a case of model depends on model alone).
FUNCTIONS = {
    "3a": lambda a: 3 * a,
    "a^2": lambda a: a ** 2,
    "a^3": lambda a: a ** 3,
    "ln": np.log,
    "exp": np.exp,
    "sin": np.sin,
    "a^4-2a": lambda a: a ** 4 - 2 * a,
    "a0/(1+r*epoch)": lambda a0, epoch, r: a0 / (1 + r * epoch),
    "a0/(1+r*floor(epoch/2))": lambda a0, epoch, r: a0 / (1 + r * math.floor(epoch / 2)),
    "a0*r^epoch": lambda a0, epoch, r: a0 * r ** epoch,
}


class NamedFunction:
    """A function from ``FUNCTIONS``, sent by name."""

    def __init__(self, name):
        if name not in FUNCTIONS:
            raise ValueError(f"unknown function {name!r}")
        self.name = name

    def __call__(self, *args):
        return FUNCTIONS[self.name](*args)

    def __repr__(self):
        return f"f(a) = {self.name}" if "epoch" not in self.name else f"decay = {self.name}"

    def __eq__(self, other):
        return isinstance(other, NamedFunction) and other.name == self.name

    def __hash__(self):
        return hash(self.name)


class DecodeError(ValueError):
    """A message that is not well-formed plain data."""


def _b64(raw):
    return base64.b64encode(raw).decode("ascii")


def encode(value, depth=0):
    """Encode a value as JSON-ready plain data (see the module docstring)."""
    if depth > MAX_DEPTH:
        return {"$unsupported": "deeply nested value"}
    kind = type(value)
    if value is None or kind is bool or kind is str:
        return value
    if kind is int:
        return value if abs(value) < 2**63 else {"$float": repr(float(value))}
    if kind is float:
        return value if math.isfinite(value) else {"$float": repr(value)}
    if kind is bytes:
        return {"$bytes": _b64(value)}
    if kind is NamedFunction:
        return {"$function": value.name}
    if kind is list:
        return [encode(v, depth + 1) for v in value]
    if kind is tuple:
        return {"$tuple": [encode(v, depth + 1) for v in value]}
    if kind is dict:
        return {"$dict": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    if isinstance(value, np.ndarray):
        array = np.asarray(value).view(np.ndarray)
        if array.dtype.name not in ALLOWED_DTYPES:
            return {"$unsupported": f"numpy array of dtype {array.dtype}"}
        return {"$array": {"dtype": array.dtype.name, "shape": list(array.shape),
                           "data": _b64(np.ascontiguousarray(array).tobytes())}}
    if isinstance(value, np.generic) and type(value).__name__ in ALLOWED_DTYPES:
        return {"$scalar": {"dtype": type(value).__name__,
                            "data": _b64(np.asarray(value).tobytes())}}
    return {"$unsupported": f"{kind.__module__}.{kind.__qualname__}"}


def _decode_array(spec, scalar):
    if not isinstance(spec, dict) or not isinstance(spec.get("dtype"), str):
        raise DecodeError("array without a dtype")
    if spec["dtype"] not in ALLOWED_DTYPES:
        raise DecodeError("an array of a dtype that is not allowed")
    dtype = np.dtype(spec["dtype"])
    shape = [] if scalar else spec.get("shape")
    if not isinstance(shape, list) or not all(type(n) is int and 0 <= n for n in shape):
        raise DecodeError("bad array shape")
    count = math.prod(shape)
    if count > MAX_ELEMENTS:
        raise DecodeError("array too large")
    try:
        raw = base64.b64decode(spec.get("data", ""), validate=True)
    except (ValueError, TypeError) as error:
        raise DecodeError("bad array data") from error
    if len(raw) != count * dtype.itemsize:
        raise DecodeError("array data does not match its shape")
    array = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    return array[()] if scalar else array


def decode(data, depth=0):
    """Decode plain data made by ``encode``; raise DecodeError on anything else."""
    if depth > MAX_DEPTH + 1:
        raise DecodeError("too deeply nested")
    if data is None or type(data) in (bool, int, float, str):
        return data
    if type(data) is list:
        return [decode(v, depth + 1) for v in data]
    if type(data) is not dict or len(data) != 1:
        raise DecodeError("not plain data")
    (tag, body), = data.items()
    if tag == "$tuple" and type(body) is list:
        return tuple(decode(v, depth + 1) for v in body)
    if tag == "$dict" and type(body) is list:
        result = {}
        for pair in body:
            if type(pair) is not list or len(pair) != 2:
                raise DecodeError("bad dict entry")
            key = decode(pair[0], depth + 1)
            try:
                result[key] = decode(pair[1], depth + 1)
            except TypeError as error:
                raise DecodeError("unhashable dict key") from error
        return result
    if tag == "$array":
        return _decode_array(body, scalar=False)
    if tag == "$scalar":
        return _decode_array(body, scalar=True)
    if tag == "$float" and body in ("nan", "inf", "-inf") or (tag == "$float" and _is_float_text(body)):
        return float(body)
    if tag == "$bytes" and type(body) is str:
        try:
            return base64.b64decode(body, validate=True)
        except ValueError as error:
            raise DecodeError("bad bytes") from error
    if tag == "$unsupported" and type(body) is str:
        return Unsupported(re.sub(r"\d{2,}", "#", body) if TYPE_NAME.match(body)
                           else "an unknown type")
    if tag == "$function" and type(body) is str and body in FUNCTIONS:
        return NamedFunction(body)
    raise DecodeError("a value of a kind plain data does not have")


def _is_float_text(text):
    if type(text) is not str or len(text) > 40:
        return False
    try:
        float(text)
    except ValueError:
        return False
    return True
