"""Judging one hidden case: the student's outcome against the reference output.

Contract: ``judge(exercise, case, outcome, expected)`` returns the feedback for
one case, an empty string when it passes. ``Outcome`` is what came back from
the student's process (or from a direct call, inside a kernel). Feedback uses
the same sentences as the visible checks (``helpers.testing``) but never shows
a hidden input or expected value. The feedback is a ``Feedback``, a ``str``
whose ``kinds`` name the kinds of mistake its sentences say, in order: the
diagnosis's (``helpers.diagnosis.KINDS``), the grader's own (``KINDS`` here) and
those of the hints (``Hint.kind``: the case's, then the exercise's ``mistakes``). A hint
that shows the mistake comes first, after a changed input; no sentence is said twice.
"""

import re
from dataclasses import dataclass, field

from autograder.cases import variant_key
from helpers.diagnosis import Problem, diagnose, diagnose_parts, matches, said_once
from helpers.patterns import explain_error
from helpers.testing import globals_message, mutation_message

MAX_FEEDBACK = 1500  # characters of feedback for one case
DELEGATION = "used the helpers' reference code"
REFERENCE_UNAVAILABLE = ("The helpers' reference code is not available while your notebook "
                         "is graded: a graded function must be your own code.")
LIBRARY = "used a library's function"
KINDS = (
    "changed an input in place", "read notebook variables",  # besides a diagnosis
    "not written yet", "not defined", "not a function",      # the function is not there
    "raised an error", "hit a limit", "timed out", "crashed", "broke the channel's rules",
    "not run",                                               # the grader could not get to it
    DELEGATION, LIBRARY,
    "wrong answer", "no answer",                             # concept questions
)
PATH = re.compile(r"(?<![\w.])(?:~|\.{1,2})?/[^\s'\",:;()\[\]]+")
NUMBER = re.compile(r"(?<![A-Za-z_])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
SMALL_INTEGER = re.compile(r"[-+]?\d{1,4}")  # a shape, an axis: shown in feedback
MAX_SHOWN_NUMBERS = 16  # numbers in one error message; numpy's about shapes hold fewer


@dataclass
class Outcome:
    """What one call of a student's function gave.

    failure -- None when the call returned; else "missing", "not_callable",
               "not_implemented", "exception", "library", "timeout", "died",
               "protocol" or "not_run" (the grader could not get to it)

    Text that came from the student's process arrives here already made safe to show
    (``autograder.replies``): the grader says it as it is.
    """

    value: object = None
    changed: list = field(default_factory=list)       # names of arguments changed in place
    parameters: list = field(default_factory=list)    # the function's parameter names
    globals_read: list = field(default_factory=list)  # notebook variables the function read
    failure: str | None = None
    message: str = ""  # what went wrong, in the words of the student's process (redacted);
    #                    for "library", the library function's dotted name (or "")
    where: str = ""    # where a student's exception was raised: "propagate, line 3"
    note: str = ""     # the grader's own words on it, e.g. the limit it hit
    recognised: str = ""  # a kind of mistake the grader saw on the way, e.g. DELEGATION
    missing_variable: str = ""  # the notebook variable a NameError named (the course's
    #                             spelling, from its source notebook), or ""


class Feedback(str):
    """The feedback for one case, and ``kinds``: the kinds of mistake its sentences name,
    in order, each once (a tuple of labels; empty when the case passes)."""

    __slots__ = ("kinds",)

    def __new__(cls, text="", kinds=()):
        feedback = super().__new__(cls, text)
        feedback.kinds = tuple(kinds)
        return feedback

    def __reduce__(self):
        return (Feedback, (str(self), self.kinds))


def judge(exercise, case, outcome, expected, variants=None):
    """Feedback for one case ("" when it passes), at most MAX_FEEDBACK characters.

    variants -- the references of the exercise's cases, holding the results of the
                variant calls its hints compare with (``Hint.like``)
    """
    problems = _judge(exercise, case, outcome, expected, variants or {})
    kinds = [getattr(p, "kind", "") for p in problems] + [outcome.recognised]
    text = " ".join(said_once(problems))  # each sentence once
    if len(text) > MAX_FEEDBACK:
        text = text[:MAX_FEEDBACK] + "..."
    return Feedback(text, dict.fromkeys(k for k in kinds if k) if text else ())


def _judge(exercise, case, outcome, expected, variants):
    """The Problems of one case: an empty list when it passes."""
    name = exercise.function
    if outcome.failure == "exception" and outcome.missing_variable:
        return [_missing_variable_feedback(exercise, outcome)]
    if outcome.failure is not None:
        problems = [_failure_feedback(exercise, outcome)]
        if outcome.failure == "exception":
            problems += explain_error(outcome.message, exercise.hints)
        if outcome.globals_read:
            problems.append(Problem(globals_message(name, outcome.globals_read),
                                    "read notebook variables"))
        return problems
    if exercise.kind == "answers":
        return _judge_answer(case.case_id, outcome.value, expected)
    inputs = case.inputs()
    problems = [Problem(mutation_message(name, argument, _argument(argument, outcome, inputs)),
                        "changed an input in place")
                for argument in outcome.changed]
    names = exercise.output_names
    actual = outcome.value
    options = dict(m=inputs.m, reveal=False, hints=exercise.hints,
                   inputs=(*inputs.args, *inputs.kwargs.values()),
                   rtol=exercise.rtol, atol=exercise.atol)
    if isinstance(names, tuple):
        problems += diagnose_parts(actual, expected, names, f"the result of {name}", **options)
    else:
        problems += diagnose(actual, expected, names or f"the result of {name}", **options)
    if not problems:
        return []
    # a hint names the mistake the result shows: it comes before what differs, and the
    # exercise's general advice on wrong values is not needed after it
    hints = _hints_that_apply(exercise, case, actual, expected, inputs, variants)
    if any(hint.kind for hint in hints):
        general = (exercise.hints.get("values") or "").strip()
        problems = [p for p in problems if p.kind or str(p) != general]
    changed = [p for p in problems if p.kind == "changed an input in place"]
    problems = changed + hints + problems[len(changed):]
    if outcome.globals_read:
        problems.append(Problem(globals_message(name, outcome.globals_read),
                                "read notebook variables"))
    return problems


def _argument(argument, outcome, inputs):
    """The value a changed argument had, by its name."""
    if argument in inputs.kwargs:
        return inputs.kwargs[argument]
    names = outcome.parameters
    if argument in names and names.index(argument) < len(inputs.args):
        return inputs.args[names.index(argument)]
    return None


def _hints_that_apply(exercise, case, actual, expected, inputs, variants):
    """The hints whose mistake the result shows (the case's, then the exercise's), as
    Problems of the hint's kind."""
    said = []
    for n, hint in enumerate((*case.hints, *exercise.mistakes)):
        if hint.like is not None:
            variant = variants.get(variant_key(case.case_id, n))
            shows = variant is not None and matches(actual, variant, exercise.rtol,
                                                    exercise.atol)
        else:
            try:
                shows = bool(hint.when(actual, expected, inputs))
            except Exception:  # a result of another shape: not this mistake
                shows = False
        if shows:
            said.append(Problem(hint.text, hint.kind))
    return said


def redact(text, limit=300):
    """Text from a student's process, safe to show: paths and numbers replaced, trimmed.

    An exception's message may hold hidden input values (a value printed in full, an
    array) or paths of the grading machine; neither belongs in feedback. What a numpy
    student needs stays: a small integer standing on its own, such as a shape, an axis
    or an operand's number ("shapes (4,4) and (3,2) not aligned: 4 (dim 1) != 3 (dim 0)",
    "Input operand 1 has a mismatch in its core dimension 0"), in a message of at most
    MAX_SHOWN_NUMBERS numbers. A number with a fraction or an exponent, one of more than
    four digits, digits inside a name, and every number of a longer message (a printed
    array) are replaced by "#".
    """
    text = PATH.sub("<path>", str(text))
    shown = len(NUMBER.findall(text)) <= MAX_SHOWN_NUMBERS
    text = NUMBER.sub(lambda found: found[0] if shown and _small_integer(found) else "#", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "..."


def _small_integer(found):
    """Whether a number found in a text is a small integer on its own (not the end of
    a name's digits, which NUMBER finds from the second digit on)."""
    start = found.start()
    return bool(SMALL_INTEGER.fullmatch(found[0])) and not (
        start and found.string[start - 1].isdigit())


def _judge_answer(question, answers, expected):
    if not isinstance(answers, dict):
        return [Problem("concept_answers should be a dict of answers.", "wrong type")]
    if question not in answers:
        return [Problem(f"{question} has no answer.", "no answer")]
    given = answers[question]
    if isinstance(expected, str):
        if isinstance(given, str) and given.strip().lower() == expected.lower():
            return []
        return [Problem(f"{question}: not the right answer.", "wrong answer")]
    problems = diagnose(given, expected, question, reveal=False, rtol=1e-3, atol=1e-6)
    return [] if not problems else [Problem(f"{question}: not the right answer.",
                                            "wrong answer")]


def _stopped_otherwise(outcome):
    """Whether the cell that defines a missing name was written and stopped with an error
    of its own (not the NotImplementedError of the cell as it was handed out)."""
    return outcome.message.startswith("The cell that defines it") \
        and "NotImplementedError" not in outcome.message


def _missing_variable_feedback(exercise, outcome):
    """The Problem of a call stopped by a NameError on one of the notebook's variables:
    the function (the one the error was raised in, if the notebook defines it) read it."""
    where = outcome.where.partition(",")[0]  # "NAME, line N", checked against the notebook
    reader = where if where and where != "the cell" else exercise.function
    read = [outcome.missing_variable] + [n for n in outcome.globals_read
                                         if n != outcome.missing_variable]
    return Problem(globals_message(reader, read), "read notebook variables")


def _failure_feedback(exercise, outcome):
    """The Problem of a call that did not return."""
    name = exercise.function
    kind = outcome.failure
    if kind == "missing" and exercise.kind == "answers" and not _stopped_otherwise(outcome):
        return Problem(f"{name} is not answered yet: in its answer cell, replace `raise "
                       f"NotImplementedError()` with your dict of answers and run the cell.",
                       "not written yet")
    if kind == "missing":
        return Problem(f"{name} is not defined in your notebook. {outcome.message}".strip(),
                       "not defined")
    if kind == "not_callable":
        return Problem(f"{name} is not a function in your notebook: {outcome.message}.",
                       "not a function")
    if kind == "library":
        what = f"{outcome.message}, a library's function" if outcome.message \
            else "a library's function, not code written in your notebook"
        return Problem(f"{name} is {what}: the exercise asks for your own code. Write the "
                       f"function in its answer cell (calling numpy inside it is fine).",
                       LIBRARY)
    if kind == "not_implemented":
        return Problem(f"{name} is not written yet: replace the `raise NotImplementedError()` "
                       f"line of its answer cell with your code.", "not written yet")
    if kind == "exception":
        where = f" (in {outcome.where})" if outcome.where else ""
        said = (f"{name} stopped with an error on this case{where}: "
                f"{outcome.message}{outcome.note}")
        if outcome.recognised == DELEGATION:
            said += f" {REFERENCE_UNAVAILABLE}"
        return Problem(said, "hit a limit" if outcome.note else "raised an error")
    if kind == "timeout":
        return Problem(f"{name} did not finish in time: {outcome.message}. Look for an "
                       f"endless loop.", "timed out")
    if kind == "died":
        return Problem(f"{name} crashed the notebook's process: {outcome.message}.", "crashed")
    if kind == "protocol":
        return Problem(f"what {name} sent back breaks the grader's rules: {outcome.message}. "
                       f"Return plain values (numbers, arrays, tuples, dicts) and leave the "
                       f"grader's channel alone.", "broke the channel's rules")
    return Problem(f"{name} was not tested: {outcome.message}", "not run")
