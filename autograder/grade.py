"""The ``grade`` verb: grade a folder of submissions, one process per notebook.

Contract: ``grade(submissions_dir, assignment=...)`` finds one folder per
student (``DIR/<student>/<notebook>.ipynb``, or nbgrader's
``DIR/<student>/<assignment>/<notebook>.ipynb``), grades each with
``grade_submission`` in parallel, and returns a list of ``SubmissionResult``.
A student's code runs only in its own process; this process decides every
score by comparing plain data with the reference outputs. A submission that
cannot be graded gets an ``error`` and the batch goes on: every step done for
one student (reading, fingerprinting, grading, storing) turns any failure into
that student's own error. Each result says in short labels what it holds:
``TestResult.mistakes``, the kinds of mistake a case's feedback names, and
``SubmissionResult.flags``, what needs a look in the submission as a whole
(``FLAGS``); the class report (``autograder.report``) counts them.
"""

import csv
import hashlib
import io
import json
import os
import sys
import tempfile
import traceback
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from autograder import secret
from autograder.cases import exercises as assignment_exercises
from autograder.cgroups import tree_limits
from autograder.execution import NotebookRun, run_cases
from autograder.intake import (file_safe, fingerprint, notebook_files, read_bytes,
                               student_folders)
from autograder.notebooks import (MAX_NOTEBOOK_BYTES, SubmissionError, assignment_of,
                                  cells_to_run, locate, read_submission, source_notebooks,
                                  sources_digest)
from autograder.references import load_references
from autograder.sandbox import detect
from autograder.scoring import judge, redact
from autograder.session import Limits

FLAGS = (
    "folder not graded",    # the student's folder as a whole (a link, empty)
    "missing notebook",     # no file by the notebook's name, and no renamed copy
    "unreadable notebook",  # a file that is not a notebook of this assignment
    "renamed notebook",     # graded under its own name, flagged
    "upload left out",      # the intake left a file out (e.g. a link in a zip)
    "grader failed",        # not the student's fault
)


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


@dataclass
class SubmissionResult:
    """One student's grade for an assignment.

    flags -- what needs a look in the submission as a whole, as labels from FLAGS, in
             the order found (the ``error`` says it in words)
    secret_digest -- the digest of the course secret its hidden inputs were drawn with
                     ("" for none, the public inputs); never the secret itself
    """

    student_id: str
    score: float
    max_score: float
    error: str | None
    tests: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    secret_digest: str = ""


def find_submissions(submissions_dir, assignment):
    """Map student id -> folder holding that student's notebooks (links included, flagged
    when graded)."""
    students, _ = student_folders(submissions_dir, assignment)
    return {s.student_id: s.path for s in students}


def _case_points(exercise, points):
    total = sum(case.weight for case in exercise.cases)
    return {case.case_id: points * case.weight / total for case in exercise.cases}


def grade_notebook(path, source, exercises, references, *, limits=Limits(), sandbox=None,
                   unreadable="unreadable notebook"):
    """Grade one notebook file.

    unreadable -- the flag of a file that cannot be read as this notebook (the tests'
                  mistake then)

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
                     reference_modules=source.reference_modules) as run:
        for exercise, case, outcome in run_cases(run, exercises):
            # judged at once: a value the student's process sent is never kept
            points = _case_points(exercise, source.points.get(exercise.grade_id, 0.0))
            mine = references[source.name][exercise.grade_id]
            feedback = judge(exercise, case, outcome, mine[case.case_id], mine)
            earned = 0.0 if feedback else points[case.case_id]
            tests.append(TestResult(source.name, f"{exercise.grade_id}:{case.case_id}",
                                    exercise.function, round(earned, 6),
                                    round(points[case.case_id], 6), str(feedback) or "passed",
                                    list(getattr(feedback, "kinds", ()))))
    return tests, None


def grade_submission(student_id, folder, assignment, *, limits=Limits(), sandbox=None,
                     sources=None, exercises=None, references=None, problem=None, notes=()):
    """Grade every notebook of one student's submission; never raises for bad input.

    problem -- why the folder cannot be graded at all (e.g. it is a link), if so
    notes -- sentences on what the intake left out of the folder (``StudentFolder.notes``)
    """
    sources = sources or source_notebooks(assignment)
    exercises = exercises or assignment_exercises(assignment)
    references = references or load_references(assignment)
    tests, errors = [], list(notes)
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
            notebook_tests, error = grade_notebook(path or folder / source.filename, source,
                                                   mine, references, limits=limits,
                                                   sandbox=sandbox, unreadable=flag)
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
    score = round(sum(t.points for t in tests), 4)
    max_score = round(sum(t.max_points for t in tests), 4)
    return SubmissionResult(student_id, score, max_score, " ".join(errors) or None, tests,
                            list(dict.fromkeys(flags)), secret.digest())


def grade_notebook_failed(source, exercises, problem, *, flag="grader failed"):
    """All-zero tests for a notebook that was not graded: ``problem`` is the student's
    (a sentence, with the ``flag`` that says what it is) or, with the flag "grader
    failed", the grader's own failure (an exception), said as such."""
    grader = flag == "grader failed"
    if grader:
        message = (f"the grader failed on this notebook ({type(problem).__name__}: "
                   f"{redact(problem)}); this is not the student's fault: tell the course "
                   f"staff.")
    else:
        message = problem
    tests = []
    for exercise in exercises:
        points = _case_points(exercise, source.points.get(exercise.grade_id, 0.0))
        for case in exercise.cases:
            tests.append(TestResult(source.name, f"{exercise.grade_id}:{case.case_id}",
                                    exercise.function, 0.0, round(points[case.case_id], 6),
                                    ("not graded: " if grader else "") + message, [flag]))
    return tests, message


def _cache_path(cache_dir, student):
    digest = hashlib.sha256(student.encode()).hexdigest()[:16]
    return Path(cache_dir) / f"{file_safe(student)[:80]}-{digest}.json"


def _cached(cache_dir, student, fingerprint):
    if cache_dir is None:
        return None
    try:
        data = json.loads(_cache_path(cache_dir, student).read_text())
        if data.get("fingerprint") != fingerprint:
            return None
        result = data["result"]
        result["tests"] = [TestResult(**t) for t in result["tests"]]
        return SubmissionResult(**result)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no usable result kept: grade again


def _store(cache_dir, result, fingerprint):
    """Keep a result for a later run; a failure here (a full disk) costs only the keeping."""
    if cache_dir is None:
        return
    try:
        atomic_write(_cache_path(cache_dir, result.student_id),
                     json.dumps({"fingerprint": fingerprint, "result": asdict(result)}))
    except OSError as error:
        print(f"warning: the result of {result.student_id} could not be kept for a later "
              f"run ({error.strerror}); it is in this run's outputs.", file=sys.stderr)


def grade_files(student_id, files, assignment, limits=Limits(), problem=None, notes=()):
    """Grade a submission sent as {file name: bytes} (for workers on other machines);
    ``problem`` and ``notes`` as for ``grade_submission``."""
    with tempfile.TemporaryDirectory(prefix="submission-") as scratch:
        folder = Path(scratch) / "student"
        folder.mkdir()
        for name, data in files.items():
            (folder / os.path.basename(name)).write_bytes(data)
        return grade_submission(student_id, folder, assignment, limits=limits,
                                sandbox=detect(), problem=problem, notes=notes)


def _read_notebook_files(folder):
    return {path.name: read_bytes(path, MAX_NOTEBOOK_BYTES) for path in notebook_files(folder)}


def grade(submissions_dir, *, assignment, workers=None, limits=Limits(), sandbox=None,
          progress=None, cache_dir=None, force=False, cluster=None, students=None):
    """Grade every student folder in ``submissions_dir``; return SubmissionResults sorted by id.

    students -- the StudentFolders to grade instead of those of ``submissions_dir`` (as
                ``autograder.lms.collected`` makes them from an LMS's zip)
    workers -- submissions graded at once on this machine (default: all cores)
    cache_dir -- where each student's result is kept as soon as it is done; a later
                 run reuses it while the submission and the grader's inputs are
                 unchanged (so a stopped batch resumes where it stopped)
    force -- regrade even unchanged submissions
    cluster -- address of a Dask scheduler: grade there instead of on local threads
    progress -- called with each SubmissionResult as it is done
    sandbox -- defaults to the best this machine has (``autograder.sandbox.detect``);
               a warning is printed when that is no sandbox at all
    """
    sources = source_notebooks(assignment)
    exercises = assignment_exercises(assignment)
    references = load_references(assignment)
    if students is None:
        students, _ = student_folders(submissions_dir, assignment)
    digest = sources_digest(assignment) + repr(limits) + secret.digest()
    results, todo = [], {}
    for student in students:
        said = repr(student.problem) + (repr(student.notes) if student.notes else "")
        try:
            print_ = fingerprint(student.path, digest + said, MAX_NOTEBOOK_BYTES)
        except Exception as error:  # an odd folder costs its own caching, nothing else
            print_ = f"unfingerprinted-{type(error).__name__}"
        cached = None if force else _cached(cache_dir, student.student_id, print_)
        if cached is not None:
            results.append(cached)
            if progress:
                progress(cached)
        else:
            todo[student.student_id] = (student, print_)

    def done(result):
        _store(cache_dir, result, todo[result.student_id][1])
        results.append(result)
        if progress:
            progress(result)

    if cluster and todo:
        from dask.distributed import Client, as_completed as dask_completed

        with Client(cluster) as client:
            futures = [client.submit(grade_files, student,
                                     {} if entry.problem else _read_notebook_files(entry.path),
                                     assignment, limits, entry.problem, entry.notes, pure=False,
                                     key=f"grade-{hashlib.sha256(student.encode()).hexdigest()}")
                       for student, (entry, _) in todo.items()]
            for future in dask_completed(futures):
                done(future.result())
    elif todo:
        if sandbox is None:
            sandbox = detect()
            if sandbox.warning:
                print(f"warning: {sandbox.warning}", file=sys.stderr)
            if tree_limits().reason:
                print(f"warning: the memory limit holds for each of a notebook's processes, "
                      f"not for all of them together ({tree_limits().reason}).",
                      file=sys.stderr)
        workers = max(1, workers or os.cpu_count() or 1)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(grade_submission, student, entry.path, assignment,
                                   limits=limits, sandbox=sandbox, sources=sources,
                                   exercises=exercises, references=references,
                                   problem=entry.problem, notes=entry.notes)
                       for student, (entry, _) in todo.items()]
            for future in as_completed(futures):
                done(future.result())
    return sorted(results, key=lambda r: r.student_id)


def atomic_write(path, text):
    """Write a file so that a reader sees the old or the new content, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, suffix=".tmp",
                                     encoding="utf-8") as f:
        f.write(text)
    os.replace(f.name, path)


def results_json(assignment, results, skipped=()):
    return json.dumps({"assignment": assignment,
                       "submissions": [asdict(r) for r in results],
                       "skipped": [asdict(s) for s in skipped]}, indent=2) + "\n"


def results_csv(results):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["student_id", "score", "max_score", "percent", "error"])
    for r in results:
        percent = 100.0 * r.score / r.max_score if r.max_score else 0.0
        writer.writerow([r.student_id, f"{r.score:g}", f"{r.max_score:g}", f"{percent:.1f}",
                         r.error or ""])
    return out.getvalue()


def results_table(results):
    """A plain-text table: one line per student, errors in the last column."""
    width = max([len("student")] + [len(r.student_id) for r in results])
    lines = [f"{'student':<{width}}  {'score':>7}  {'max':>5}  {'%':>5}  problem"]
    for r in results:
        percent = 100.0 * r.score / r.max_score if r.max_score else 0.0
        problem = (r.error or "")[:100]
        lines.append(f"{r.student_id:<{width}}  {r.score:>7.2f}  {r.max_score:>5g}  "
                     f"{percent:>5.1f}  {problem}")
    return "\n".join(lines)


