"""Sentences that name a mistake, and putting them together into one message.

The contract: a ``Problem`` is a ``str`` (one sentence or a few) with a ``kind``, a short
label of the mistake it names ("forgot 1/m"), or "" for advice that names none of its
own (a hint: "dZ2 is A2 - Y, not Y - A2."). ``grouped`` says the same kind of mistake of
several entries once ("grads['dW1'] has the opposite sign ... The same goes for
grads['db1'] and grads['dW2']."), and ``said_once`` drops every sentence a message has
already said: the visible checks and the grader's feedback call it where they assemble a
message, so that no sentence is said twice in it.
"""

import re

MAX_NAMED = 4  # entries named in "The same goes for ..."
SAME_GOES = "The same goes for "  # a sentence that says nothing without the one before it
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


class Problem(str):
    """One sentence of a diagnosis and the kind of mistake it names.

    A ``str`` holding the sentence, so that callers join and print it as any
    other; ``kind`` is a label from ``helpers.diagnosis.KINDS`` (or a label of the
    caller's own, such as a hint's), or "" for advice that names no mistake of its own.
    """

    __slots__ = ("kind",)

    def __new__(cls, text, kind=""):
        problem = super().__new__(cls, text)
        problem.kind = kind
        return problem

    def __reduce__(self):
        return (Problem, (str(self), self.kind))

    def __repr__(self):
        return f"Problem({str(self)!r}, kind={self.kind!r})"


def advice(text):
    """A Problem of advice (no kind), or an empty list when there is no text: for
    ``problems += advice(hints.get(...))``."""
    return [Problem(text.strip())] if text and text.strip() else []


def sentences(text):
    """The sentences of a text, split after ".", "?" or "!" and a space."""
    return [s for s in _SENTENCE_END.split(str(text).strip()) if s]


def statements(text):
    """A text's sentences, a "The same goes for ..." sentence kept with the one before it
    (it says nothing alone): what a message or a page says once."""
    said = []
    for sentence in sentences(text):
        if sentence.startswith(SAME_GOES) and said:
            said[-1] = f"{said[-1]} {sentence}"
        else:
            said.append(sentence)
    return said


def said_once(problems):
    """The problems, each sentence said at most once: a sentence an earlier problem (or an
    earlier part of the same one) said is left out, and a problem left with nothing to say
    is dropped. Each keeps its kind."""
    seen, kept = set(), []
    for problem in problems:
        fresh = []
        for sentence in statements(problem):
            if sentence not in seen:
                seen.add(sentence)
                fresh.append(sentence)
        if len(fresh) == len(statements(problem)):
            kept.append(problem)  # as it was (a group keeps what it groups)
        elif fresh:
            kept.append(Problem(" ".join(fresh), getattr(problem, "kind", "")))
    return kept


def listed(names):
    """"a", "a and b", "a, b, c and 3 more"."""
    names = list(names)
    if len(names) > MAX_NAMED:
        shown, rest = names[:MAX_NAMED], f"{len(names) - MAX_NAMED} more"
        return f"{', '.join(shown)} and {rest}"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


class _Group(Problem):
    """A Problem said of several entries: ``first``, the sentence of the first, and
    ``others``, the names of the entries with the same mistake."""

    __slots__ = ("first", "others")


def _said_of(first, others, kind):
    text = f"{first} {SAME_GOES}{listed(others)}." if others else str(first)
    group = _Group(text, kind)
    group.first, group.others = str(first), list(others)
    return group


def grouped(named):
    """The problems of several entries, with each kind of mistake said once.

    named -- list of (entry name, [Problem]) in order
    Returns the first entry's sentence of each kind, followed by "The same goes for ..."
    naming the other entries with a mistake of that kind (an entry whose own entries were
    grouped is named as a whole, after those); advice (kind "") is kept as it comes, for
    ``said_once`` to say once.
    """
    out, first, others = [], {}, {}
    for name, problems in named:
        for problem in problems:
            kind = getattr(problem, "kind", "")
            if kind and kind in first:
                if name not in others[kind]:
                    others[kind].append(name)
                continue
            if kind:
                first[kind] = len(out)
                others[kind] = list(getattr(problem, "others", ()))
                problem = Problem(getattr(problem, "first", problem), kind)
            out.append(problem)
    for kind, at in first.items():
        if others[kind]:
            out[at] = _said_of(out[at], others[kind], kind)
    return out
