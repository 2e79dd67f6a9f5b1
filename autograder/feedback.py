"""Feedback pages for students: what passed, what to fix and why.

Contract: ``feedback_html(assignment, result, late=None)`` renders one SubmissionResult
as a self-contained HTML page (jinja2, autoescaped: no script, nothing loaded
from elsewhere). It opens with a summary: the score, when the work was handed in
and whether it was late (one line, where that is known), what is wrong with the
submission as a whole (its ``error`` and ``flags``), the notebooks that were not
graded, and the exercises to fix in course order, each with its first sentence
(the first sentence of its first failed case) and a link to its details. The
details follow, notebook by notebook: each exercise with its subtotal (points
to two decimals), folded when it passed every hidden case, open when not.

Each sentence is said once: ``said_once`` is the one place that merges
repeated feedback. Identical feedback on several cases of an exercise is
one line with its cases counted; a notebook that was not graded (missing,
unreadable, an empty folder, the grader failing) says why once, not once per
case, and not at all when the submission's own problem already says it. The
summary quotes the first sentence of each exercise to fix; the details say all.

The page shows only the feedback sentences, which never contain hidden inputs
or test code, and in its footer the digest of the course secret that drew the
hidden inputs (a one-way hash, which names the inputs without giving them away).
"""

from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, select_autoescape

from autograder.grade import FLAGS
from autograder.scoring import NUMBER
from helpers.problems import sentences, statements

PASSED = "passed"        # the feedback of a case that passed (``autograder.grade``)
FIRST_SENTENCE = 300     # characters of a first sentence quoted in the summary

_environment = Environment(loader=PackageLoader("autograder", "templates"),
                           autoescape=select_autoescape(["html"]))


@dataclass
class Said:
    """One sentence said once (a case's whole feedback, or why a notebook was not graded),
    the names of what it was said of (cases, notebooks), the text being the first name's;
    whether some of the others got it with other numbers, and whether some got only part
    of it (sentences it also says)."""

    text: str
    names: list
    other_numbers: bool = False
    partly: bool = False


def _numbers_aside(text):
    return NUMBER.sub("#", text)


def _verbatim_in(text, other):
    """Whether every sentence of ``text`` is one of ``other``'s, numbers and all."""
    return set(sentences(text)) <= set(sentences(other))


def said_once(pairs, same=_numbers_aside):
    """The distinct sentences of (sentence, name) ``pairs``, each once, in the order first
    said, with the names it was said of: the page's one place for merging repeats.
    Sentences that are the ``same`` are one, said as the first one; by default, those
    that differ only in their numbers ("3 times too large (m = 3)", "7 times ... (m = 7)").
    A text whose sentences another text also says (the same, ``same``-wise) is merged
    into that one, which is shown: its sentences are then not said twice.
    """
    merged = []  # (Said, its sentences the same-wise)
    for text, name in pairs:
        own = {same(s) for s in sentences(text)} or {same(text)}
        for i, (said, known) in enumerate(merged):
            if own <= known or known < own:
                if known < own:  # this one says more: show it, for this name first
                    merged[i] = (Said(text, [name] + said.names, said.other_numbers
                                      or not _verbatim_in(said.text, text), True), own)
                else:
                    said.names.append(name)
                    said.partly |= own < known
                    said.other_numbers |= not _verbatim_in(text, said.text)
                break
        else:
            merged.append((Said(text, [name]), own))
    return [said for said, _ in merged]


def said_once_in_an_exercise(saids, same=_numbers_aside):
    """The merged feedback of an exercise's cases without a statement that an earlier one
    already said (``same``-wise): a case's advice after its own first sentence is said for
    the first case only. A text left with nothing new is dropped (its cases are counted
    with the first)."""
    seen, kept = set(), []
    for said in saids:
        fresh = [s for s in statements(said.text) if same(s) not in seen]
        seen.update(same(s) for s in fresh)
        if fresh:
            kept.append(Said(" ".join(fresh), said.names, said.other_numbers, said.partly))
        elif kept:
            kept[0].names.extend(said.names)
            kept[0].partly = True
    return kept


def _case(test):
    return test.test_id.split(":", 1)[1]


def first_sentence(text):
    """The first sentence of a feedback text, at most FIRST_SENTENCE characters."""
    sentence = (sentences(text) or [""])[0]
    if len(sentence) > FIRST_SENTENCE:
        sentence = sentence[:FIRST_SENTENCE].rstrip() + "…"
    return sentence


@dataclass
class ExerciseFeedback:
    """One exercise of a notebook on the page: its hidden cases and their subtotal."""

    notebook: str
    grade_id: str
    function: str
    tests: list = field(default_factory=list)

    @property
    def points(self):
        return sum(t.points for t in self.tests)

    @property
    def max_points(self):
        return sum(t.max_points for t in self.tests)

    @property
    def anchor(self):
        return f"{self.notebook}-{self.grade_id}"

    @property
    def passed_cases(self):
        return [_case(t) for t in self.tests if t.feedback == PASSED]

    @property
    def passed(self):
        return len(self.passed_cases) == len(self.tests)

    @property
    def said(self):
        """Its failed cases' feedback, each sentence once with the cases that got it."""
        return said_once_in_an_exercise(
            said_once((t.feedback, _case(t)) for t in self.tests if t.feedback != PASSED))

    @property
    def first_sentence(self):
        said = self.said
        return first_sentence(said[0].text) if said else ""


@dataclass
class NotebookFeedback:
    """One notebook on the page: its exercises, and why it was not graded (None if it was)."""

    name: str
    exercises: list = field(default_factory=list)
    not_graded: str | None = None

    @property
    def points(self):
        return sum(e.points for e in self.exercises)

    @property
    def max_points(self):
        return sum(e.max_points for e in self.exercises)


def _not_graded(tests):
    """Why a notebook was not graded, if every case of it was flagged as not graded (the
    grader gives such cases one flag of FLAGS and one sentence); else None."""
    said = said_once((t.feedback, _case(t)) for t in tests)
    if len(said) == 1 and all(set(t.mistakes) & set(FLAGS) for t in tests):
        return said[0].text
    return None


def _notebooks(result):
    """The result's tests as NotebookFeedback, in the order the tests come (course order)."""
    notebooks = {}
    for test in result.tests:
        exercises = notebooks.setdefault(test.notebook, {})
        grade_id = test.test_id.split(":", 1)[0]
        exercises.setdefault(grade_id, ExerciseFeedback(test.notebook, grade_id, test.function)
                             ).tests.append(test)
    return [NotebookFeedback(name, list(exercises.values()),
                             _not_graded([t for e in exercises.values() for t in e.tests]))
            for name, exercises in notebooks.items()]


@dataclass
class Page:
    """What the template shows: the result, its notebooks, and the summary."""

    assignment: str
    result: object
    notebooks: list

    @property
    def about(self):
        """What is wrong with the submission as a whole (its error), each sentence once:
        the grader says each notebook's problem in full, and two broken notebooks share
        a sentence ("Was it edited outside Jupyter or cut short?")."""
        events = set(self.left_out)
        said = said_once(((s, None) for s in sentences(self.result.error or "")
                          if s not in events), same=str)
        return " ".join(s.text for s in said)

    @property
    def left_out(self):
        """The sentences of the top-level cells that erred or were left out, one each
        (they are in the error too: ``about`` leaves them to this list)."""
        return list(dict.fromkeys(event.sentence for event in self.result.events))

    @property
    def full_marks(self):
        return bool(self.result.tests) and all(t.feedback == PASSED for t in self.result.tests)

    @property
    def to_fix(self):
        """The exercises of the graded notebooks that lost points, in course order."""
        return [e for n in self.notebooks if n.not_graded is None for e in n.exercises
                if not e.passed]

    @property
    def passed(self):
        return [e for n in self.notebooks for e in n.exercises if e.passed]

    @property
    def not_graded(self):
        """The notebooks not graded, as Said: one entry per reason. The grader puts each
        such reason into the submission's error (``autograder.grade``), which the page
        shows first: the template says a reason here only when there is no error."""
        return said_once((n.not_graded, n) for n in self.notebooks if n.not_graded)


def feedback_html(assignment, result, late=None):
    """The page of a SubmissionResult; ``late`` (``autograder.lateness.Lateness``), if
    known, adds one line saying when the work came in and whether it was late."""
    template = _environment.get_template("feedback.html")
    return template.render(page=Page(assignment, result, _notebooks(result)), late=late)
