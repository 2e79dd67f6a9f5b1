"""The ``grade`` verb: grade a folder of submissions, one process per notebook.

Contract: ``grade(submissions_dir, assignment=...)`` finds one folder per
student (``DIR/<student>/<notebook>.ipynb``, or nbgrader's
``DIR/<student>/<assignment>/<notebook>.ipynb``), grades each with
``grade_submission`` in parallel, and returns a list of ``SubmissionResult``.
A student's code runs only in its own process; this process decides every
score by comparing plain data with the reference outputs. A submission that
cannot be graded gets an ``error`` and the batch goes on.
"""

import csv
import hashlib
import io
import json
import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from autograder.cases import exercises as assignment_exercises
from autograder.execution import NotebookRun
from autograder.notebooks import (MAX_NOTEBOOK_BYTES, SubmissionError, assignment_of,
                                  cells_to_run, locate, read_submission, source_notebooks,
                                  sources_digest)
from autograder.references import load_references
from autograder.sandbox import detect
from autograder.scoring import Outcome, judge
from autograder.session import Limits


@dataclass
class TestResult:
    """One hidden case of one exercise."""

    notebook: str
    test_id: str
    function: str
    points: float
    max_points: float
    feedback: str


@dataclass
class SubmissionResult:
    """One student's grade for an assignment."""

    student_id: str
    score: float
    max_score: float
    error: str | None
    tests: list = field(default_factory=list)


def find_submissions(submissions_dir, assignment):
    """Map student id -> folder holding that student's notebooks."""
    root = Path(submissions_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a folder: give the folder that holds one "
                                f"folder per student.")
    found = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        nested = folder / assignment
        found[folder.name] = nested if nested.is_dir() else folder
    return found


def _case_points(exercise, points):
    total = sum(case.weight for case in exercise.cases)
    return {case.case_id: points * case.weight / total for case in exercise.cases}


def grade_notebook(path, source, exercises, references, *, limits=Limits(), sandbox=None):
    """Grade one notebook file.

    Returns:
    tests -- list of TestResult, one per hidden case of the notebook's exercises
    error -- None, or why the notebook could not be graded (then every test is 0)
    """
    tests, error = [], None
    try:
        nb = read_submission(path)
        released_for = assignment_of(nb)
        if released_for and released_for != source.assignment:
            raise SubmissionError(f"{source.filename} is a notebook of {released_for}, not "
                                  f"of {source.assignment}.")
    except SubmissionError as problem:
        error = str(problem)
        nb = None
    outcomes = {}
    if nb is not None:
        with NotebookRun(cells_to_run(nb, source), limits=limits, sandbox=sandbox) as run:
            for exercise in exercises:
                if exercise.kind == "answers":
                    answers = run.get(exercise.function)
                    for case in exercise.cases:
                        outcomes[exercise.grade_id, case.case_id] = answers
                    continue
                for case in exercise.cases:
                    outcomes[exercise.grade_id, case.case_id] = run.call(
                        exercise.function, case.inputs(), exercise.stand_ins)
    for exercise in exercises:
        points = _case_points(exercise, source.points.get(exercise.grade_id, 0.0))
        for case in exercise.cases:
            outcome = outcomes.get((exercise.grade_id, case.case_id),
                                   Outcome(failure="not_run", message=error or "not graded"))
            expected = references[source.name][exercise.grade_id][case.case_id]
            feedback = judge(exercise, case, outcome, expected)
            earned = 0.0 if feedback else points[case.case_id]
            tests.append(TestResult(source.name, f"{exercise.grade_id}:{case.case_id}",
                                    exercise.function, round(earned, 6),
                                    round(points[case.case_id], 6), feedback or "passed"))
    return tests, error


def grade_submission(student_id, folder, assignment, *, limits=Limits(), sandbox=None,
                     sources=None, exercises=None, references=None):
    """Grade every notebook of one student's submission; never raises for bad input."""
    sources = sources or source_notebooks(assignment)
    exercises = exercises or assignment_exercises(assignment)
    references = references or load_references(assignment)
    tests, errors = [], []
    folder = Path(folder)
    try:
        if not folder.is_dir() or not any(folder.iterdir()):
            errors.append("the submission folder is empty.")
    except OSError as problem:
        errors.append(f"the submission folder cannot be read ({problem}).")
    claimed = {s.filename for s in sources}
    for source in sources:
        mine = [e for e in exercises if e.notebook == source.name]
        path, note = locate(folder, source, claimed)
        if note:
            errors.append(note)
            claimed.add(path.name)
        try:
            notebook_tests, error = grade_notebook(path or folder / source.filename, source,
                                                   mine, references, limits=limits,
                                                   sandbox=sandbox)
        except Exception as problem:  # a grader bug must not stop the batch or hide itself
            notebook_tests, error = grade_notebook_failed(source, mine, problem)
        tests += notebook_tests
        if error and not (errors and errors[-1].startswith("the submission folder is empty")):
            errors.append(f"{source.filename}: {error}")
    score = round(sum(t.points for t in tests), 4)
    max_score = round(sum(t.max_points for t in tests), 4)
    return SubmissionResult(student_id, score, max_score, " ".join(errors) or None, tests)


def grade_notebook_failed(source, exercises, problem):
    """All-zero tests for a notebook the grader itself failed on, flagged as such."""
    message = (f"the grader failed on this notebook ({type(problem).__name__}: {problem}); "
               f"this is not the student's fault: tell the course staff.")
    tests = []
    for exercise in exercises:
        points = _case_points(exercise, source.points.get(exercise.grade_id, 0.0))
        for case in exercise.cases:
            tests.append(TestResult(source.name, f"{exercise.grade_id}:{case.case_id}",
                                    exercise.function, 0.0, round(points[case.case_id], 6),
                                    "not graded: " + message))
    return tests, message


def submission_fingerprint(folder, digest):
    """A hash of every file in a student's folder and of what grading depends on."""
    hasher = hashlib.sha256(digest.encode())
    folder = Path(folder)
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            hasher.update(str(path.relative_to(folder)).encode() + b"\0")
            with open(path, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    hasher.update(block)
    return hasher.hexdigest()


def _cached(cache_dir, student, fingerprint):
    if cache_dir is None:
        return None
    path = Path(cache_dir) / f"{student}.json"
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if data.get("fingerprint") != fingerprint:
        return None
    result = data["result"]
    result["tests"] = [TestResult(**t) for t in result["tests"]]
    return SubmissionResult(**result)


def _store(cache_dir, result, fingerprint):
    if cache_dir is not None:
        atomic_write(Path(cache_dir) / f"{result.student_id}.json",
                     json.dumps({"fingerprint": fingerprint, "result": asdict(result)}))


def grade_files(student_id, files, assignment, limits=Limits()):
    """Grade a submission sent as {file name: bytes} (for workers on other machines)."""
    with tempfile.TemporaryDirectory(prefix="submission-") as scratch:
        folder = Path(scratch) / student_id
        folder.mkdir()
        for name, data in files.items():
            (folder / Path(name).name).write_bytes(data)
        return grade_submission(student_id, folder, assignment, limits=limits,
                                sandbox=detect())


def _read_notebook_files(folder):
    files = {}
    for path in sorted(Path(folder).glob("*.ipynb")):
        with open(path, "rb") as f:
            files[path.name] = f.read(MAX_NOTEBOOK_BYTES + 1)
    return files


def grade(submissions_dir, *, assignment, workers=None, limits=Limits(), sandbox=None,
          progress=None, cache_dir=None, force=False, cluster=None):
    """Grade every student folder in ``submissions_dir``; return SubmissionResults sorted by id.

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
    submissions = find_submissions(submissions_dir, assignment)
    digest = sources_digest(assignment) + repr(limits)
    results, todo = [], {}
    for student, folder in submissions.items():
        fingerprint = submission_fingerprint(folder, digest)
        cached = None if force else _cached(cache_dir, student, fingerprint)
        if cached is not None:
            results.append(cached)
            if progress:
                progress(cached)
        else:
            todo[student] = (folder, fingerprint)

    def done(result):
        _store(cache_dir, result, todo[result.student_id][1])
        results.append(result)
        if progress:
            progress(result)

    if cluster and todo:
        from dask.distributed import Client, as_completed as dask_completed

        with Client(cluster) as client:
            futures = [client.submit(grade_files, student, _read_notebook_files(folder),
                                     assignment, limits, pure=False, key=f"grade-{student}")
                       for student, (folder, _) in todo.items()]
            for future in dask_completed(futures):
                done(future.result())
    elif todo:
        if sandbox is None:
            sandbox = detect()
            if sandbox.warning:
                print(f"warning: {sandbox.warning}", file=sys.stderr)
        workers = max(1, workers or os.cpu_count() or 1)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(grade_submission, student, folder, assignment,
                                   limits=limits, sandbox=sandbox, sources=sources,
                                   exercises=exercises, references=references)
                       for student, (folder, _) in todo.items()]
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


def results_json(assignment, results):
    return json.dumps({"assignment": assignment,
                       "submissions": [asdict(r) for r in results]}, indent=2) + "\n"


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


