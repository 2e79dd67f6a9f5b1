"""The ``grade`` verb: grade a folder of submissions, one process per notebook.

Contract: ``grade(submissions_dir, assignment=...)`` finds one folder per
student (``DIR/<student>/<notebook>.ipynb``, or nbgrader's
``DIR/<student>/<assignment>/<notebook>.ipynb``), grades each with
``grade_submission`` in parallel (on local threads, or on a Dask cluster:
``autograder.cluster``), and returns a list of ``SubmissionResult``.
A student's code runs only in its own process, in a sandbox that grading
requires (``autograder.sandbox``; grading without one is an explicit choice for
local development, said on every run and recorded in every result); this
process decides every score by comparing plain data with the reference outputs.
A submission that cannot be graded gets an ``error`` and the batch goes on:
every step done for one student (reading, fingerprinting, grading, storing)
turns any failure into that student's own error. Every unit of work, local or
remote, ends as its student's result: what it returns is checked against what
was asked (student, assignment, fingerprint, sandbox, field types), and an
exception or a reply that does not answer is that student's "grader failed",
never a score. Each result says in short labels what it holds:
``TestResult.mistakes``, the kinds of mistake a case's feedback names, and
``SubmissionResult.flags``, what needs a look in the submission as a whole
(``FLAGS``); the class report (``autograder.report``) counts them. A top-level
cell that errs, runs past its time or kills its process costs no points and is
said once, in words the grader makes from its number and kind alone
(``CellEvent``, also in ``error``); a concept question's answer is kept as a
short label (``TestResult.answer``), and each notebook's grading time.

A result is kept in ``cache_dir`` under its fingerprint (``work_fingerprint``:
the submission's files and everything else grading depends on) unless the
grader is to blame for it ("grader failed").
"""

import hashlib
import json
import math
import os
import re
import sys
import time
import traceback
import types
import typing
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path

from autograder import secret
from autograder.cgroups import tree_limits
from autograder.course import load_course
from autograder.events import EVENTS, CellEvent, cell_events, event_sentence
from autograder.execution import NotebookRun, run_cases
from autograder.intake import (StudentFolder, file_safe, fingerprint, notebook_files,
                               read_bytes, student_folders)
from autograder.notebooks import (MAX_NOTEBOOK_BYTES, SubmissionError, assignment_of,
                                  cells_to_run, locate, read_submission)
from autograder.outputs import atomic_write
from autograder.sandbox import Bubblewrap, SandboxError, Unsandboxed, detect
from autograder.scoring import judge, redact
from autograder.session import Limits
from autograder.spreadsheet import csv_text

FLAGS = (
    "folder not graded",    # the student's folder as a whole (a link, empty)
    "missing notebook",     # no file by the notebook's name, and no renamed copy
    "unreadable notebook",  # a file that is not a notebook of this assignment
    "renamed notebook",     # graded under its own name, flagged
    "upload left out",      # the intake left a file out (e.g. a link in a zip)
    "grader failed",        # not the student's fault
    "looks like another student's entry",  # an upload named like an LMS's entry (no cost)
    "not on the roster",    # an id the class list lacks: not written into the gradebook
    "cell left out",        # a top-level cell erred, hung or killed its process (no cost)
)
GRADER_FAILED = "grader failed"  # a result never kept, nor counted as the student's score


@dataclass
class TestResult:
    """One hidden case of one exercise.

    mistakes -- the kinds of mistake its feedback names, in order (labels such as
                "forgot 1/m"; ``autograder.scoring`` lists them); empty when it passed,
                and in results kept by a grader older than the labels
    """

    notebook: str
    test_id: str
    function: str
    points: float
    max_points: float
    feedback: str
    mistakes: list = field(default_factory=list)
    answer: str = ""


MAX_ANSWER = 12  # characters of a concept question's answer kept (a label: "a", "0.5")
ANSWER = re.compile(r"[a-z0-9.+-]{1,%d}" % MAX_ANSWER)


def answer_label(answers, question):
    """A student's answer to a concept question as a short label for counting ("b"), or
    "(none)" / "(other)": the student's text, so kept only when it is a short token."""
    if not isinstance(answers, dict) or question not in answers:
        return "(none)"
    given = answers[question]
    if isinstance(given, bool) or not isinstance(given, (str, int, float)):
        return "(other)"
    if isinstance(given, str):
        text = given.strip().lower()
    elif isinstance(given, int):
        text = str(given) if abs(given) < 10 ** MAX_ANSWER else "(other)"  # 10**400 too
    else:
        text = f"{given:g}"
    return text if ANSWER.fullmatch(text) else "(other)"


@dataclass
class SubmissionResult:
    """One student's grade for an assignment.

    flags -- what needs a look in the submission as a whole, as labels from FLAGS, in
             the order found (the ``error`` says it in words)
    sandbox -- the sandbox its notebooks ran in: "bubblewrap", or "none" when graded
               without one (local development only); "" when nothing ran (the grader
               failed before)
    secret_digest -- the digest of the course secret its hidden inputs were drawn with
                     ("" for none, the public inputs); never the secret itself
    events -- CellEvents: the top-level cells that erred or were left out (each also
              said in ``error``, and flagged "cell left out")
    seconds -- {notebook: the wall time its grading took}
    """

    student_id: str
    score: float
    max_score: float
    error: str | None
    tests: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    sandbox: str = ""
    secret_digest: str = ""
    events: list = field(default_factory=list)
    seconds: dict = field(default_factory=dict)


def _typed(value, kind):
    """Whether plain data ``value`` is of a field's annotated type (``str``, ``float``,
    ``str | None``, ``list``, ``list[str]``: the container only)."""
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        return any(_typed(value, k) for k in typing.get_args(kind))
    if kind is type(None):
        return value is None
    if kind is float:
        return type(value) in (int, float) and math.isfinite(value)
    return type(value) is (typing.get_origin(kind) or kind)


def _checked(cls, data, lists=None):
    """An instance of dataclass ``cls`` from a dict, every field checked for type (a field
    left out takes its default); ``lists`` maps a list field to a function checking (and
    building) each element. ValueError when anything is not as declared."""
    known = {f.name: f for f in fields(cls)}
    if type(data) is not dict or not set(data) <= set(known):
        raise ValueError(f"a {cls.__name__} is not a dict of its fields")
    values = {}
    for name, f in known.items():
        if name not in data:
            if f.default is MISSING and f.default_factory is MISSING:
                raise ValueError(f"a {cls.__name__} has no {name}")
            continue
        if not _typed(data[name], f.type):
            raise ValueError(f"the {name} of a {cls.__name__} is not {f.type}")
        values[name] = data[name]
        if lists and name in lists:
            values[name] = [lists[name](item) for item in data[name]]
    return cls(**values)


def _label(value):
    if type(value) is not str:
        raise ValueError("a label is not text")
    return value


def result_from_data(data):
    """A SubmissionResult from plain data (a kept result, a Dask worker's reply), every
    field checked for type and the scores for sense; ValueError when anything is off."""
    def test(item):
        built = _checked(TestResult, item, {"mistakes": _label})
        if not 0 <= built.points <= built.max_points:
            raise ValueError(f"{built.test_id} earned points outside 0..its maximum")
        if built.answer not in ("", "(none)", "(other)") and not ANSWER.fullmatch(built.answer):
            raise ValueError(f"{built.test_id} records an answer that is no short label")
        return built

    def event(item):
        built = _checked(CellEvent, item)
        if built.event not in EVENTS or built.cell < 1 or built.sentence != event_sentence(
                built.notebook, built.cell, built.event, built.seconds):
            raise ValueError("a cell event is not one the grader says")
        return built

    result = _checked(SubmissionResult, data, {"tests": test, "flags": _label,
                                               "events": event})
    if not all(type(k) is str and _typed(v, float) and v >= 0
               for k, v in result.seconds.items()):
        raise ValueError("the notebooks' times are not seconds")
    if abs(result.score - sum(t.points for t in result.tests)) > 1e-3 or \
            abs(result.max_score - sum(t.max_points for t in result.tests)) > 1e-3:
        raise ValueError("the scores are not the sums of the tests' points")
    return result


def remark(result, flag, sentence):
    """Add to a graded result what needs a look but costs no points: a flag (of FLAGS)
    and the sentence that says it (after the result's own problems)."""
    result.error = f"{result.error} {sentence}" if result.error else sentence
    if flag not in result.flags:
        result.flags.append(flag)


def find_submissions(submissions_dir, assignment):
    """Map student id -> folder holding that student's notebooks (links included, flagged
    when graded)."""
    students, _ = student_folders(submissions_dir, assignment)
    return {s.student_id: s.path for s in students}


def _case_points(exercise, points):
    total = sum(case.weight for case in exercise.cases)
    return {case.case_id: points * case.weight / total for case in exercise.cases}


def grade_notebook(path, source, exercises, references, *, limits=Limits(), sandbox=None,
                   unreadable="unreadable notebook", events=None):
    """Grade one notebook file.

    unreadable -- the flag of a file that cannot be read as this notebook (the tests'
                  mistake then)
    events -- a list to which the notebook's CellEvents are added, if given

    Returns:
    tests -- list of TestResult, one per hidden case of the notebook's exercises
    error -- None, or why the notebook could not be graded (then every test is 0)
    """
    try:
        nb = read_submission(path)
        released_for = assignment_of(nb)
        if released_for and released_for != source.assignment:
            raise SubmissionError(f"{source.filename} is a notebook of {released_for}, not "
                                  f"of {source.assignment}.")
    except SubmissionError as problem:
        return grade_notebook_failed(source, exercises, str(problem), flag=unreadable)
    tests = []
    with NotebookRun(cells_to_run(nb, source), limits=limits, sandbox=sandbox,
                     reference_modules=source.reference_modules,
                     variables=source.variables) as run:
        for exercise, case, outcome in run_cases(run, exercises):
            # judged at once: a value the student's process sent is never kept
            points = _case_points(exercise, source.points.get(exercise.grade_id, 0.0))
            mine = references[source.name][exercise.grade_id]
            feedback = judge(exercise, case, outcome, mine[case.case_id], mine)
            earned = 0.0 if feedback else points[case.case_id]
            answer = answer_label(outcome.value, case.case_id) \
                if exercise.kind == "answers" and outcome.failure is None else ""
            tests.append(TestResult(source.name, f"{exercise.grade_id}:{case.case_id}",
                                    exercise.function, round(earned, 6),
                                    round(points[case.case_id], 6), str(feedback) or "passed",
                                    list(getattr(feedback, "kinds", ())), answer))
        if events is not None:
            events += cell_events(source.name, run)
    return tests, None


def grade_submission(student_id, folder, assignment, *, limits=Limits(), sandbox=None,
                     sources=None, exercises=None, references=None, problem=None, notes=()):
    """Grade every notebook of one student's submission; never raises for bad input.

    problem -- why the folder cannot be graded at all (e.g. it is a link), if so
    notes -- sentences on what the intake left out of the folder (``StudentFolder.notes``)
    sandbox -- where the notebooks run; by default this machine's sandbox, which must
               work (``SandboxError`` otherwise): never a silent run without one
    sources, exercises, references -- the assignment's (``autograder.course``) by default
    """
    if sandbox is None:
        sandbox = detect(required=True)
    if sources is None or exercises is None or references is None:
        course = load_course(assignment)
        sources, exercises, references = course.sources, course.exercises, course.references
    tests, errors, events, seconds = [], list(notes), [], {}
    flags = ["upload left out"] if notes else []
    folder = Path(folder)
    if problem is None:
        try:
            if not os.listdir(folder):
                problem = "the submission folder is empty."
        except OSError as error:
            problem = f"the submission folder cannot be read ({error.strerror})."
    claimed = {s.filename for s in sources}
    for source in sources:
        mine = [e for e in exercises if e.notebook == source.name]
        flag = "folder not graded"
        try:
            if problem:
                raise SubmissionError(problem)
            path, note = locate(folder, source, claimed)
            if note:
                errors.append(note)
                flags.append("renamed notebook")
                claimed.add(path.name)
            flag = "unreadable notebook" if path else "missing notebook"
            began = time.monotonic()
            notebook_tests, error = grade_notebook(path or folder / source.filename, source,
                                                   mine, references, limits=limits,
                                                   sandbox=sandbox, unreadable=flag,
                                                   events=events)
            seconds[source.name] = round(time.monotonic() - began, 3)
        except SubmissionError as trouble:
            notebook_tests, error = grade_notebook_failed(source, mine, str(trouble), flag=flag)
        except Exception as trouble:  # a grader bug must not stop the batch or hide itself
            print(f"grading {student_id}/{source.filename} failed:\n{traceback.format_exc()}",
                  file=sys.stderr)
            flag = "grader failed"
            notebook_tests, error = grade_notebook_failed(source, mine, trouble, flag=flag)
        tests += notebook_tests
        if error and not problem:
            errors.append(f"{source.filename}: {error}")
            flags.append(flag)
    if problem:
        errors.insert(0, problem)
        flags.insert(0, "folder not graded")
    errors += [event.sentence for event in events]
    flags += ["cell left out"] if events else []
    score = round(sum(t.points for t in tests), 4)
    max_score = round(sum(t.max_points for t in tests), 4)
    return SubmissionResult(student_id, score, max_score, " ".join(errors) or None, tests,
                            list(dict.fromkeys(flags)), sandbox.name,
                            secret.digest(), events, seconds)


def grade_notebook_failed(source, exercises, problem, *, flag=GRADER_FAILED):
    """All-zero tests for a notebook that was not graded: ``problem`` is the student's
    (a sentence, with the ``flag`` that says what it is) or, with the flag "grader
    failed", the grader's own failure (an exception), said as such."""
    grader = flag == GRADER_FAILED
    message = _grader_failure(problem, "this notebook") if grader else problem
    tests = []
    for exercise in exercises:
        points = _case_points(exercise, source.points.get(exercise.grade_id, 0.0))
        for case in exercise.cases:
            tests.append(TestResult(source.name, f"{exercise.grade_id}:{case.case_id}",
                                    exercise.function, 0.0, round(points[case.case_id], 6),
                                    ("not graded: " if grader else "") + message, [flag]))
    return tests, message


def _grader_failure(problem, what):
    return (f"the grader failed on {what} ({type(problem).__name__}: {redact(problem)}); "
            f"this is not the student's fault: tell the course staff.")


def grader_failed(student_id, course, problem):
    """The result of a submission whose grading failed as a whole (an exception, a reply
    that does not answer what was asked): every test 0 and flagged, never kept."""
    tests = []
    for source in course.sources:
        mine = [e for e in course.exercises if e.notebook == source.name]
        tests += grade_notebook_failed(source, mine, problem)[0]
    return SubmissionResult(student_id, 0.0, round(sum(t.max_points for t in tests), 4),
                            _grader_failure(problem, "this submission"), tests,
                            [GRADER_FAILED])


@dataclass(frozen=True)
class Asked:
    """One unit of grading work: whose submission, and what its result must answer."""

    student: StudentFolder
    assignment: str
    fingerprint: str   # work_fingerprint; also the Dask task's key
    sandbox: str       # the sandbox the result must have been made in
    keep: bool = True  # False: the fingerprint is not the submission's, never cache it


def work_fingerprint(student, *, assignment, limits, grader, sandbox):
    """The hash that identifies one unit of grading work: the student, their files (what
    grading reads from the folder) and every other input of the result. The one place
    these inputs are listed: a new input (a course secret's digest, say) goes into
    ``inputs``, and both the cache and the cluster's task keys follow.

    grader -- ``Course.digest``: the grader's code, the runtime, the sources, cases and
              references
    sandbox -- the name of the sandbox the notebooks must run in
    """
    inputs = {"student": student.student_id, "assignment": assignment,
              "limits": asdict(limits), "grader": grader, "sandbox": sandbox,
              "problem": student.problem, "notes": list(student.notes),
              "secret": secret.digest()}
    return fingerprint(student.path, json.dumps(inputs, sort_keys=True), MAX_NOTEBOOK_BYTES)


def _asked(student, assignment, limits, grader, sandbox):
    try:
        return Asked(student, assignment, work_fingerprint(
            student, assignment=assignment, limits=limits, grader=grader, sandbox=sandbox),
            sandbox)
    except Exception as error:  # an odd folder costs its own caching, nothing else
        unique = hashlib.sha256(os.urandom(32)).hexdigest()
        print(f"warning: the submission of {student.student_id} could not be fingerprinted "
              f"({type(error).__name__}: {error}); it is graded, not kept.", file=sys.stderr)
        return Asked(student, assignment, unique, sandbox, keep=False)


def work_reply(asked_fingerprint, assignment, result):
    """What a unit of work returns (plain data): the result, and what it answers."""
    return {"fingerprint": asked_fingerprint, "assignment": assignment,
            "result": asdict(result)}


def _answer(asked, reply):
    """The SubmissionResult in ``reply`` if it answers exactly what was asked; else
    ValueError saying what is wrong with it."""
    if type(reply) is not dict or set(reply) != {"fingerprint", "assignment", "result"}:
        raise ValueError("the reply is not a grading result")
    if reply["fingerprint"] != asked.fingerprint or reply["assignment"] != asked.assignment:
        raise ValueError("the reply answers another piece of work (another submission, "
                         "assignment or grader)")
    result = result_from_data(reply["result"])
    if result.student_id != asked.student.student_id:
        raise ValueError("the reply is another student's result")
    if result.sandbox != asked.sandbox:
        raise ValueError(f"the result was made in the sandbox {result.sandbox[:20]!r}, not "
                         f"in {asked.sandbox!r} as required")
    if result.secret_digest != secret.digest():
        raise ValueError("the result was graded under another course secret (its hidden "
                         "inputs are not this course's)")
    return result


def _result_of(asked, reply, course):
    """The student's result from what a unit of work returned, or the exception it raised:
    the result if it answers what was asked, else that student's "grader failed"."""
    try:
        if isinstance(reply, BaseException):
            raise reply
        return _answer(asked, reply)
    except Exception as problem:
        print(f"grading {asked.student.student_id} failed: {type(problem).__name__}: "
              f"{problem}", file=sys.stderr)
        return grader_failed(asked.student.student_id, course, problem)


def _cache_path(cache_dir, student):
    digest = hashlib.sha256(student.encode()).hexdigest()[:16]
    return Path(cache_dir) / f"{file_safe(student)[:80]}-{digest}.json"


def _cached(cache_dir, asked):
    """The result kept for exactly this work, if any (checked as a reply is)."""
    if cache_dir is None or not asked.keep:
        return None
    try:
        data = json.loads(_cache_path(cache_dir, asked.student.student_id).read_text())
        if type(data) is not dict:
            return None
        result = _answer(asked, dict(data, assignment=asked.assignment))
        return None if GRADER_FAILED in result.flags else result
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None  # no usable result kept: grade again


def _store(cache_dir, asked, result):
    """Keep a result for a later run, unless the grader is to blame for it; a failure here
    (a full disk) costs only the keeping."""
    if cache_dir is None or not asked.keep or GRADER_FAILED in result.flags:
        return
    try:
        atomic_write(_cache_path(cache_dir, result.student_id),
                     json.dumps({"fingerprint": asked.fingerprint, "result": asdict(result)}))
    except OSError as error:
        print(f"warning: the result of {result.student_id} could not be kept for a later "
              f"run ({error.strerror}); it is in this run's outputs.", file=sys.stderr)


def read_notebook_files(folder):
    """{file name: bytes} of the notebooks in a student's folder (to send to a worker)."""
    return {path.name: read_bytes(path, MAX_NOTEBOOK_BYTES) for path in notebook_files(folder)}


def _sandbox_here(sandbox):
    """The sandbox of a local batch: this machine's, which must work, unless one is
    given; grading without one is said on every run."""
    if sandbox is None:
        sandbox = detect(required=True)
    if sandbox.name == Unsandboxed.name:
        print(f"warning: {sandbox.warning} Every result is marked sandbox \"none\".",
              file=sys.stderr)
    if tree_limits().reason:
        print(f"warning: the memory limit holds for each of a notebook's processes, "
              f"not for all of them together ({tree_limits().reason}).", file=sys.stderr)
    return sandbox


def _grade_here(asked, course, limits, sandbox):
    entry = asked.student
    result = grade_submission(entry.student_id, entry.path, asked.assignment, limits=limits,
                              sandbox=sandbox, sources=course.sources,
                              exercises=course.exercises, references=course.references,
                              problem=entry.problem, notes=entry.notes)
    return work_reply(asked.fingerprint, asked.assignment, result)


def grade(submissions_dir, *, assignment, workers=None, limits=Limits(), sandbox=None,
          progress=None, cache_dir=None, force=False, cluster=None, students=None,
          kept=None):
    """Grade every student folder in ``submissions_dir``; return SubmissionResults sorted by id.

    students -- the StudentFolders to grade instead of those of ``submissions_dir`` (as
                ``autograder.lms.collected`` makes them from an LMS's zip); one that
                handed nothing in (``StudentFolder.handed_in``) is never graded
    workers -- submissions graded at once on this machine (default: all cores)
    cache_dir -- where each student's result is kept as soon as it is done; a later
                 run reuses it while the work is the same (``work_fingerprint``), so a
                 stopped batch resumes where it stopped; a "grader failed" is never kept
    force -- regrade even unchanged submissions
    cluster -- address of a Dask scheduler: grade there instead of on local threads,
               after checking that every worker has a working sandbox and this same
               course (``autograder.cluster``; ``ClusterError`` if not)
    progress -- called with each SubmissionResult as it is done
    kept -- a set to which the ids of the results kept from an earlier run are added
    sandbox -- where the notebooks run, on this machine: by default its sandbox, which
               must work (``SandboxError`` says what to install); ``Unsandboxed()``
               given by name grades without one, for local development only (warned on
               every run, every result marked), and is refused with ``cluster``
    """
    course = load_course(assignment)
    if students is None:
        students, _ = student_folders(submissions_dir, assignment)
    students = [student for student in students if student.handed_in]
    if cluster:
        if sandbox is not None:
            raise SandboxError("A cluster grades in each worker's own sandbox, which it "
                               "always requires: leave out --no-sandbox (a sandbox) with "
                               "--cluster; grading without a sandbox is for local "
                               "development only.")
        kind = Bubblewrap.name
    else:
        sandbox = _sandbox_here(sandbox)
        kind = sandbox.name
    results, todo = [], []
    for student in students:
        asked = _asked(student, assignment, limits, course.digest, kind)
        cached = None if force else _cached(cache_dir, asked)
        if cached is not None:
            results.append(cached)
            if kept is not None:
                kept.add(cached.student_id)
            if progress:
                progress(cached)
        else:
            todo.append(asked)

    def done(asked, reply):
        result = _result_of(asked, reply, course)
        _store(cache_dir, asked, result)
        results.append(result)
        if progress:
            progress(result)

    if cluster and todo:
        from autograder.cluster import grade_on_cluster

        for asked, reply in grade_on_cluster(cluster, todo, limits=limits,
                                             digest=course.digest):
            done(asked, reply)
    elif todo:
        workers = max(1, workers or os.cpu_count() or 1)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_grade_here, asked, course, limits, sandbox): asked
                       for asked in todo}
            for future in as_completed(futures):
                try:
                    reply = future.result()
                except Exception as error:  # that student's "grader failed"; the batch goes on
                    traceback.print_exc()
                    reply = error
                done(futures[future], reply)
    return sorted(results, key=lambda r: r.student_id)


def results_json(assignment, results, skipped=(), missing=(), late=None):
    """Every result in full, each with its status (``autograder.gradesheet.status``) and,
    with ``late`` ({id: ``autograder.lateness.Lateness``}), its submitted_at and late;
    the ids with no submission, and the entries skipped."""
    from autograder.gradesheet import status

    late = late or {}

    def when(r):
        said = late.get(r.student_id)
        return {"submitted_at": said.submitted_at, "late": said.late} if said else {}

    return json.dumps({"assignment": assignment,
                       "submissions": [{**asdict(r), "status": status(r), **when(r)}
                                       for r in results],
                       "no_submission": list(missing),
                       "skipped": [asdict(s) for s in skipped]}, indent=2) + "\n"


def results_table(results, missing=(), late=None):
    """A plain-text table: one line per student (those with no submission too), errors
    in the last column; with ``late`` ({id: ``autograder.lateness.Lateness``}) where
    any is known, a late column; a last line when some were graded without a sandbox."""
    late = {s: said.late for s, said in (late or {}).items() if said.late}
    late_width = max([len("late")] + [len(said) for said in late.values()])
    column = (lambda s: f"{late.get(s, ''):<{late_width}}  ") if late else (lambda s: "")
    width = max([len("student")] + [len(r.student_id) for r in results]
                + [len(student) for student in missing])
    heading = f"{'late':<{late_width}}  " if late else ""
    lines = [f"{'student':<{width}}  {'score':>7}  {'max':>5}  {'%':>5}  {heading}problem"]
    for r in results:
        percent = 100.0 * r.score / r.max_score if r.max_score else 0.0
        problem = (r.error or "")[:100]
        lines.append(f"{r.student_id:<{width}}  {r.score:>7.2f}  {r.max_score:>5g}  "
                     f"{percent:>5.1f}  {column(r.student_id)}{problem}")
    for student in missing:
        lines.append(f"{student:<{width}}  {'-':>7}  {'-':>5}  {'-':>5}  {column(student)}"
                     f"no submission")
    lines[1:] = sorted(lines[1:])
    unsandboxed = sum(r.sandbox == Unsandboxed.name for r in results)
    if unsandboxed:
        lines.append(f"WITHOUT A SANDBOX: {unsandboxed} of these results were graded with "
                     f"student code unconfined (--no-sandbox): not for real grades.")
    return "\n".join(lines)


