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
from autograder.notebooks import (SubmissionError, assignment_of, cells_to_run,
                                  read_submission, source_notebooks)
from autograder.references import load_references
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
    for source in sources:
        mine = [e for e in exercises if e.notebook == source.name]
        try:
            notebook_tests, error = grade_notebook(folder / source.filename, source, mine,
                                                   references, limits=limits, sandbox=sandbox)
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


def grade(submissions_dir, *, assignment, workers=None, limits=Limits(), sandbox=None,
          progress=None):
    """Grade every student folder in ``submissions_dir``; return SubmissionResults sorted by id.

    ``progress``, if given, is called with each SubmissionResult as it is done.
    """
    sources = source_notebooks(assignment)
    exercises = assignment_exercises(assignment)
    references = load_references(assignment)
    submissions = find_submissions(submissions_dir, assignment)
    workers = max(1, workers or os.cpu_count() or 1)
    results = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(grade_submission, student, folder, assignment, limits=limits,
                               sandbox=sandbox, sources=sources, exercises=exercises,
                               references=references): student
                   for student, folder in submissions.items()}
        for future in as_completed(futures):
            result = future.result()
            results.append(result)
            if progress:
                progress(result)
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


def print_progress(result, stream=sys.stderr):
    stream.write(f"graded {result.student_id}: {result.score:g}/{result.max_score:g}\n")
