"""The class report: one self-contained HTML page on how a class did on an assignment,
made to plan the next lesson; and, beside it, the instructor-only list.

Contract: ``class_report(assignment, results, seconds=...)`` renders a list of
``SubmissionResult`` as a page that needs nothing else (inline CSS; plots drawn
with matplotlib's Agg backend and embedded as base64 PNG; no script, no link):
the score distribution per exercise, the class's mistakes grouped by concept
across exercises (``concept_groups``: the concept of a kind is
``autograder.concepts``'), the concept check question by question
(``question_table``), the most common mistakes in plain words
(``mistake_lines``: "31 of 120 forgot to divide by m in propagate"), the cells
the grader left out (``left_out_cells``), the slowest notebooks, the answers
that look alike (``autograder.similarity``, counted), the submissions that need
a look and why (``needs_a_look``), the entries that were skipped, what a regrade
kept, and the time the batch took. It names no absolute path, and no student
next to a mistake: ``instructor_list`` is the separate page of who made which
mistake, whose cells were left out and whose answers look alike, for office
hours, which the report names only by its file name.

The page is made from labels and counts only: the kinds of mistake a case's
feedback names (``TestResult.mistakes``), what a submission is flagged for
(``SubmissionResult.flags``), a concept question's answer as a short label
(``TestResult.answer``), never a feedback sentence, so no hidden input or
expected value can reach it. Deciding what a mistake is stays in
``helpers.diagnosis`` and ``autograder.scoring``; saying it to an instructor is
``PHRASES`` here, and a kind without a phrase (a new hint's) is said as "<kind>
in <function>".
"""

import base64
import io
import math
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

import numpy as np
from jinja2 import Environment, PackageLoader, select_autoescape

from autograder.concepts import ORDER, concept
from autograder.events import EVENTS, error_without_events
from autograder.grade import FLAGS
from autograder.scoring import DELEGATION, LIBRARY

PHRASES = {
    # helpers.diagnosis.KINDS
    "forgot 1/m": "forgot to divide by m in {f}",
    "divided by m twice": "divided by m twice in {f}",
    "opposite sign": "flipped the sign in {f}",
    "opposite sign and forgot 1/m": "flipped the sign and forgot to divide by m in {f}",
    "twice the value": "returned twice the expected value from {f}",
    "half the value": "returned half the expected value from {f}",
    "not divided by 255": "did not divide the pixel values by 255 in {f}",
    "divided by 255 twice": "divided the pixel values by 255 twice in {f}",
    "transposed": "returned a transposed array from {f}",
    "rank-1 array": "returned a rank-1 array from {f}",
    "2-D, not rank-1": "returned a 2-D array where a rank-1 one belongs from {f}",
    "broadcast to a square": "broadcast a column and a row into a square in {f}",
    "wrong order": "returned the right values in the wrong order from {f}",
    "swapped keys": "swapped the values of two keys in {f}",
    "value under another key": "put a value under the wrong key in {f}",
    "NaN": "returned NaN from {f}",
    "inf": "returned inf from {f}",
    "all zeros": "returned all zeros from {f}",
    "array, not a number": "returned a one-entry array instead of a number from {f}",
    "not summed": "forgot to sum or average over the examples in {f}",
    "wrong type": "returned the wrong type from {f}",
    "number, not an array": "returned a number instead of an array from {f}",
    "wrong number of values": "returned the wrong number of values from {f}",
    "wrong length": "returned a list of the wrong length from {f}",
    "missing keys": "left keys out of the result of {f}",
    "unexpected keys": "added unexpected keys to the result of {f}",
    "not numbers": "returned something other than numbers from {f}",
    "wrong layout": "reshaped into the wrong layout in {f}",
    "wrong shape": "returned an array of the wrong shape from {f}",
    "wrong values": "returned wrong values from {f}",
    "100 times the value": "returned 100 times the expected value from {f}",
    "a hundredth of the value": "returned a hundredth of the expected value from {f}",
    "1 minus the expected value": "returned 1 minus the expected value from {f}",
    "normalised over the other axis": "normalised over the other axis in {f}",
    "probabilities, not labels": "returned probabilities instead of 0/1 labels from {f}",
    "not updated": "left some parameters un-updated in {f}",
    "step of another size": "stepped by another learning rate in {f}",
    "cost rises": "made the cost rise (the updates climb it) in {f}",
    "another number of iterations": "ran another number of iterations in {f}",
    "rank-1 array in a broadcast": "broadcast a rank-1 array against a 2-D one in {f}",
    "shapes not aligned": "multiplied arrays whose shapes do not fit in {f}",
    "lost an axis": "reduced over an axis (losing it) in {f}",
    # the cases' hints (autograder/cases/)
    "costs at other iterations": "recorded the cost at other iterations in {f}",
    "1 at exactly 0.5": "predicted 1 at exactly 0.5 (>= instead of >) in {f}",
    "wrong slope at 0": "took the wrong slope at exactly z = 0 in {f}",
    "hard-coded n_y": "hard-coded one output unit in {f}",
    "A cached instead of Z": "cached A instead of Z in {f}",
    "no sigmoid at the output": "left the sigmoid out of the last layer in {f}",
    "the other activation": "used the other activation in {f}",
    "s (1 + s) instead of s (1 - s)": "wrote s (1 + s) instead of s (1 - s) in {f}",
    "a mean instead of a sum": "took a mean instead of a sum in {f}",
    "not squared": "left out the square in {f}",
    "centred difference": "took a centred difference instead of a forward one in {f}",
    "left out a factor of the chain rule": "left out a factor of the chain rule in {f}",
    "used the default num_iterations and learning_rate":
        "used the default num_iterations and learning_rate in {f}",
    "drew W2 before W1": "drew W2 before W1 in {f}",
    "seeded the generator itself": "seeded the random generator inside {f}",
    "did not seed the generator": "left out np.random.seed in {f}",
    "left out the bias": "left out the bias in {f}",
    "left out the later biases": "left out the later layers' biases in {f}",
    "sigmoid in a hidden layer": "used the sigmoid in a hidden layer in {f}",
    "tanh slope from z, not tanh(z)": "took tanh's slope from z instead of tanh(z) in {f}",
    "tanh slope not squared": "left the square out of tanh's slope in {f}",
    "sigmoid slope in a tanh layer": "used the sigmoid's slope for a tanh layer in {f}",
    "used another n_h": "used another number of hidden units than n_h in {f}",
    "started from weights times 0.01": "started from weights times 0.01 in {f}",
    "cost recorded after the update": "recorded the cost after the update in {f}",
    "skipped the activation's backward step": "skipped the activation's backward step in {f}",
    "AL - Y as dAL": "started the backward pass from AL - Y in {f}",
    "counted the examples": "counted the examples instead of the rows in {f}",
    "slope taken at A_prev, not Z": "took the ReLU's slope at A_prev instead of Z in {f}",
    # autograder.scoring.KINDS
    "changed an input in place": "changed an input in place in {f}",
    "read notebook variables": "read notebook variables in {f}",
    "not written yet": "did not write {f} yet",
    "not defined": "did not define {f} (or renamed it)",
    "not a function": "replaced {f} with something that is not a function",
    "raised an error": "got an error from {f}",
    "hit a limit": "hit a limit (memory, processes, output or disk) in {f}",
    "timed out": "ran out of time in {f}",
    "crashed": "crashed the notebook's process in {f}",
    "broke the channel's rules": "broke the grader's channel rules in {f}",
    "not run": "could not have {f} tested (the notebook's time ran out)",
    DELEGATION: "reached for the helpers' reference code in {f} (suspected delegation)",
    LIBRARY: "handed in a library's function as {f}",
    "wrong answer": "gave a wrong answer in {f}",
    "no answer": "left a question of {f} unanswered",
}
FLAG_PHRASES = {
    "folder not graded": "the submission could not be graded at all",
    "missing notebook": "a notebook is missing",
    "unreadable notebook": "a notebook could not be read",
    "renamed notebook": "a notebook was renamed (graded under its own name)",
    "upload left out": "an upload was left out",
    "grader failed": "the grader failed on it (not the student's fault: tell the course staff)",
    "looks like another student's entry": "an upload is named like another student's entry "
                                          "(graded as the uploader's own)",
    "not on the roster": "its student id is not on the roster (not in the gradebook)",
    "cell left out": "a top-level cell erred, hung or killed its process (no points lost)",
}
EVENT_PHRASES = {"error": "raised an error", "timeout": "did not finish in time",
                 "died": "killed the notebook's process", "protocol": "broke the grader's rules"}
SLOWEST = 5  # notebooks listed as the slowest
_environment = Environment(loader=PackageLoader("autograder", "templates"),
                           autoescape=select_autoescape(["html"]))
# said only when no kind that explains the exercise more closely comes with it (an error
# in one case is often what the named mistake does to another case's inputs: a rank-1
# array that broadcasts on one shape and raises on the next)
GENERIC = {"wrong values", "wrong shape", "wrong type", "wrong number of values",
           "wrong length", "raised an error"}
# kinds of a case that make a submission need a look, besides its flags
LOOK = ("timed out", "hit a limit", "crashed", "broke the channel's rules", DELEGATION,
        "not run")
NOT_MISTAKES = set(FLAGS) | {"not run"}  # what the student did not get wrong in a function
BINS = ("0%", "1–24%", "25–49%", "50–74%", "75–99%", "100%")  # share of the points


@dataclass
class ExerciseSummary:
    """One exercise across the class: who earned what share of its points."""

    label: str            # the function's name (with its notebook if two share it)
    max_points: float
    shares: list          # per student, the share of the points earned (0 to 1)

    @property
    def mean_percent(self):
        return 100.0 * sum(self.shares) / len(self.shares) if self.shares else 0.0

    @property
    def full_marks(self):
        return sum(1 for s in self.shares if s >= 1 - 1e-9)

    @property
    def zero(self):
        return sum(1 for s in self.shares if s <= 1e-9)


@dataclass
class Look:
    """A submission that needs a look: what about it, in plain words, and its error."""

    student_id: str
    reasons: list
    error: str
    urgent: bool  # the grader failed on it


def phrase(kind, function):
    """A kind of mistake in plain words, with the exercise's function."""
    return PHRASES.get(kind, "{k} in {f}").format(f=function, k=kind)


def _exercise_keys(results):
    """{(notebook, grade_id): function label} in course order (the tests' order)."""
    keys = {}
    for result in results:
        for test in result.tests:
            keys.setdefault((test.notebook, test.test_id.split(":", 1)[0]), test.function)
    shared = Counter(keys.values())
    return {key: (function if shared[function] == 1 else f"{function} ({key[0]})")
            for key, function in keys.items()}


def exercise_kinds(tests):
    """{exercise key: the kinds its cases count for}: a student's mistakes in each
    exercise, without the generic kinds ("wrong values") where a closer one explains them."""
    found = {}
    for test in tests:
        kinds = found.setdefault((test.notebook, test.test_id.split(":", 1)[0]), {})
        kinds.update(dict.fromkeys(k for k in test.mistakes if k not in NOT_MISTAKES))
    return {key: [k for k in kinds if k not in GENERIC] or list(kinds)
            for key, kinds in found.items()}


def mistake_counts(results):
    """[(students, function label, kind)], most common first (then course order): each
    student counted once per exercise and kind."""
    labels = _exercise_keys(results)
    order = {key: n for n, key in enumerate(labels)}
    counts = Counter()
    for result in results:
        counts.update((key, kind) for key, kinds in exercise_kinds(result.tests).items()
                      for kind in kinds)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], order[item[0][0]], item[0][1]))
    return [(n, labels[key], kind) for (key, kind), n in ranked]


def mistake_lines(results):
    """The most common mistakes as sentences: "31 of 120 forgot to divide by m in propagate"."""
    return [f"{n} of {len(results)} {phrase(kind, label)}"
            for n, label, kind in mistake_counts(results)]


def needs_a_look(results):
    """The submissions that need a look (Look), the grader's failures first."""
    labels = _exercise_keys(results)
    looks = []
    for result in results:
        reasons = [FLAG_PHRASES.get(flag, flag) for flag in result.flags
                   if flag != "cell left out"]  # said in the report's own section
        found = {}
        for test in result.tests:
            label = labels[(test.notebook, test.test_id.split(":", 1)[0])]
            for kind in test.mistakes:
                if kind in LOOK:
                    found[(kind, label)] = found.get((kind, label), 0) + 1
        for (kind, label), cases in found.items():
            said = phrase(kind, label)
            if cases > 1:
                said = said[:-1] + f"; {cases} cases)" if said.endswith(")") \
                    else f"{said} ({cases} cases)"
            reasons.append(said)
        error = error_without_events(result)
        if reasons or error:
            looks.append(Look(result.student_id, reasons or ["see the problem"],
                              error, "grader failed" in result.flags))
    return sorted(looks, key=lambda look: (not look.urgent, look.student_id))


@dataclass
class ConceptGroup:
    """The mistakes of one concept across a class: how many students made one, in which
    exercises (with the students of each) and of which kinds."""

    concept: str
    students: int
    exercises: list   # [(exercise label, students)], most first
    kinds: list       # [(kind, students)], most first


def mistake_records(results):
    """[(student id, exercise label, kind, concept)] of every mistake counted: who made
    which (for the instructor-only list, never for the class report)."""
    labels = _exercise_keys(results)
    return [(result.student_id, labels[key], kind, concept(kind) or kind)
            for result in results for key, kinds in exercise_kinds(result.tests).items()
            for kind in kinds]


def concept_groups(results):
    """The class's mistakes grouped by concept (ConceptGroup), the most students first."""
    students, exercises, kinds = {}, {}, {}
    for student, label, kind, idea in mistake_records(results):
        students.setdefault(idea, set()).add(student)
        exercises.setdefault(idea, {}).setdefault(label, set()).add(student)
        kinds.setdefault(idea, {}).setdefault(kind, set()).add(student)

    def ranked(found):
        return sorted(((name, len(who)) for name, who in found.items()),
                      key=lambda item: -item[1])

    groups = [ConceptGroup(idea, len(who), ranked(exercises[idea]), ranked(kinds[idea]))
              for idea, who in students.items()]
    return sorted(groups, key=lambda g: (-g.students, ORDER.get(g.concept, len(ORDER))))


@dataclass
class Question:
    """One concept question across the class: who answered what, and how many were right."""

    label: str        # "concept_answers q1"
    answered: int
    right: int
    choices: list     # [(answer, students)], most first; "(other)" for what is no label
    students: int


def question_table(results):
    """One Question per concept question (a case whose result records an answer), in
    course order."""
    found = {}
    for result in results:
        for test in result.tests:
            if not test.answer:
                continue
            grade_id, _, case = test.test_id.partition(":")
            question = found.setdefault((test.notebook, grade_id, case), {
                "label": f"{test.function} {case}", "right": 0, "choices": Counter()})
            question["right"] += test.points >= test.max_points - 1e-9
            question["choices"][test.answer] += 1
    return [Question(q["label"], sum(n for a, n in q["choices"].items() if a != "(none)"),
                     q["right"], sorted(q["choices"].items(), key=lambda c: (-c[1], c[0])),
                     len(results)) for q in found.values()]


def slowest_notebooks(results, count=SLOWEST):
    """[(seconds, notebook, student id)] of the notebooks that took longest to grade."""
    timed = [(seconds, notebook, r.student_id) for r in results
             for notebook, seconds in r.seconds.items()]
    return sorted(timed, key=lambda t: (-t[0], t[1], t[2]))[:count]


def left_out_cells(results):
    """[(notebook, what, cells, students)] of the cells the grader left out or that
    erred, by notebook and kind of event."""
    cells, students = Counter(), {}
    for result in results:
        for event in result.events:
            key = (event.notebook, EVENT_PHRASES.get(event.event, event.event))
            cells[key] += 1
            students.setdefault(key, set()).add(result.student_id)
    return [(notebook, what, n, len(students[(notebook, what)]))
            for (notebook, what), n in sorted(cells.items(), key=lambda i: (-i[1], i[0]))]


def exercise_summaries(results):
    """One ExerciseSummary per exercise, in course order."""
    labels = _exercise_keys(results)
    summaries = {}
    for result in results:
        earned, possible = Counter(), Counter()
        for test in result.tests:
            key = (test.notebook, test.test_id.split(":", 1)[0])
            earned[key] += test.points
            possible[key] += test.max_points
        for key, label in labels.items():
            summary = summaries.setdefault(key, ExerciseSummary(label, 0.0, []))
            if possible[key]:
                summary.max_points = max(summary.max_points, possible[key])
                summary.shares.append(earned[key] / possible[key])
            else:  # the student's result has no such test: nothing earned
                summary.shares.append(0.0)
    return list(summaries.values())


def _bin(share):
    """The column of BINS a share of the points falls in."""
    if share <= 1e-9:
        return 0
    if share >= 1 - 1e-9:
        return len(BINS) - 1
    return 1 + min(3, int(share * 4))


def _png(figure):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=100, metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def distribution_plot(summaries):
    """A heat map, one row per exercise: how many students earned what share of its
    points; a data URI of a PNG."""
    from matplotlib.figure import Figure

    counts = np.zeros((len(summaries), len(BINS)), dtype=int)
    for row, summary in enumerate(summaries):
        for share in summary.shares:
            counts[row, _bin(share)] += 1
    figure = Figure(figsize=(7.5, 0.9 + 0.32 * len(summaries)), layout="constrained")
    axes = figure.subplots()
    axes.imshow(counts, cmap="Blues", aspect="auto", vmin=0, vmax=max(1, counts.max()))
    axes.set_xticks(range(len(BINS)), BINS)
    axes.set_yticks(range(len(summaries)), [s.label for s in summaries], fontsize=9)
    axes.xaxis.tick_top()
    axes.set_xlabel("share of the exercise's points earned: number of students")
    axes.xaxis.set_label_position("top")
    for (row, column), n in np.ndenumerate(counts):
        if n:
            axes.text(column, row, str(n), ha="center", va="center", fontsize=8,
                      color="white" if n > 0.6 * counts.max() else "black")
    axes.tick_params(length=0)
    return _png(figure)


def total_plot(results):
    """A histogram of the students' total scores, in percent; a data URI of a PNG."""
    from matplotlib.figure import Figure

    percents = [100.0 * r.score / r.max_score if r.max_score else 0.0 for r in results]
    figure = Figure(figsize=(7.5, 2.4), layout="constrained")
    axes = figure.subplots()
    axes.hist(percents, bins=np.linspace(0, 100, 21), color="#4a78b5", edgecolor="white")
    axes.set_xlim(0, 100)
    axes.set_xlabel("total score (%)")
    axes.set_ylabel("students")
    axes.yaxis.get_major_locator().set_params(integer=True)
    return _png(figure)


def duration(seconds):
    """A time span in words: "48 s", "3 min 12 s", "1 h 05 min"."""
    seconds = max(0, int(math.ceil(seconds)))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


def class_report(assignment, results, *, seconds, skipped=(), source="", missing=(),
                 late=None, similarity=None, instructor_file="", regraded=None):
    """The class report as an HTML page (a str). It names no absolute path, and no
    student's mistakes: who made which is in the instructor-only list
    (``instructor_list``), which it names by ``instructor_file`` (a relative name).

    missing -- ids of the students with no submission: named, and left out of every
               statistic (a mean over handed-in work)
    late -- {student id: ``autograder.lateness.Lateness``}: the late ones are listed
    seconds -- how long the batch took, wall clock: the command's whole run
    skipped -- the entries of the submissions that were not graded (intake's Skipped)
    source -- what was graded (the folder or zip), as the instructor named it: only its
              last part is shown
    similarity -- ``autograder.similarity.Similarity`` of the class's answers: counted
    regraded -- {student id: True if graded in this run, False if its result was kept
                from an earlier run}: a run that kept some says which
    """
    summaries = exercise_summaries(results)
    older = [r.student_id for r in results
             if any(t.points < t.max_points and not t.mistakes for t in r.tests)]
    percents = [100.0 * r.score / r.max_score if r.max_score else 0.0 for r in results]
    regraded = regraded or {}
    kept = sorted(s for s, fresh in regraded.items() if not fresh)
    template = _environment.get_template("report.html")  # autoescaped: ids are the students'
    return template.render(
        assignment=assignment, source=_last_part(source), results=results,
        made=datetime.now().strftime("%Y-%m-%d %H:%M"), took=duration(seconds),
        each=duration(seconds / len(results)) if results else "",
        mean=sum(percents) / len(percents) if percents else 0.0,
        median=float(np.median(percents)) if percents else 0.0,
        summaries=summaries, mistakes=mistake_lines(results), looks=needs_a_look(results),
        groups=concept_groups(results), questions=question_table(results),
        slowest=slowest_notebooks(results), left_out=left_out_cells(results),
        similarity=similarity, instructor_file=instructor_file,
        kept=kept, fresh=sorted(s for s, fresh in regraded.items() if fresh),
        skipped=list(skipped), older=older, missing=list(missing),
        late=sorted((s, said.late) for s, said in (late or {}).items()
                    if said.late.startswith("late")),
        total_plot=total_plot(results) if results else None,
        distribution_plot=distribution_plot(summaries) if summaries else None)


def _last_part(source):
    """What was graded, without the folders above it (a report names no absolute path)."""
    return PurePath(str(source)).name if source else ""


def instructor_list(assignment, results, *, similarity=None, report_file=""):
    """The instructor-only page (a str): who made which mistake (student, exercise, kind,
    concept), whose cells were left out, the slowest notebooks and the answers that look
    copied, each for a look (never a penalty). Never circulated with the class report."""
    template = _environment.get_template("instructor.html")
    return template.render(
        assignment=assignment, records=sorted(mistake_records(results)),
        events=[(r.student_id, e.sentence) for r in results for e in r.events],
        slowest=slowest_notebooks(results, count=20), similarity=similarity,
        report_file=report_file, made=datetime.now().strftime("%Y-%m-%d %H:%M"))
