"""Grading on a Dask cluster: the same units of work as on local threads, on other machines.

Contract: ``grade_on_cluster(address, asked, limits=, digest=)`` yields
``(Asked, reply or exception)`` for every unit of work (``autograder.grade``),
as each is done; the caller turns each into that student's result, so a task
that raises, a worker that dies (``KilledWorker``) or a lost connection costs
only the students whose work it was.

Before anything is submitted, ``preflight`` runs ``worker_report`` on every
worker: each must have a working sandbox (``detect(required=True)``) and the
same ``Course.digest`` (grader code, runtime, sources, cases, references) as
this machine; otherwise ``ClusterError`` refuses the batch in one sentence
naming the workers and what to install. Each task then checks the same on the
worker that runs it (a worker that joined after the preflight), and the result
records its sandbox, which the caller checks again.

A task's key is ``grade-<work fingerprint>``: it names the work (student,
files, assignment, limits, grader, sandbox), so two batches share a task only
when they ask for exactly the same work (Dask gives a key's result to every
client that asks for it).
"""

import os
import tempfile
from pathlib import Path

from autograder.course import load_course
from autograder.grade import grade_submission, read_notebook_files, work_reply
from autograder.sandbox import INSTALL, Bubblewrap, SandboxError, detect

WAIT_FOR_WORKERS_SECONDS = 60
CONNECT_SECONDS = 30


class ClusterError(Exception):
    """A cluster that cannot grade a batch safely; the message says what to do."""


def task_key(fingerprint):
    return f"grade-{fingerprint}"


def _this_worker():
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return "this machine"


def worker_report(assignment):
    """Run on every worker by the preflight: {"sandbox": name, "digest": Course.digest},
    or {"problem": why this worker cannot grade, "sandbox": name or None}."""
    try:
        sandbox = detect(required=True)
    except SandboxError as error:
        return {"sandbox": None, "problem": f"no sandbox ({error.reason})"}
    try:
        digest = load_course(assignment).digest
    except Exception as error:  # e.g. stale references on that machine
        return {"sandbox": sandbox.name, "problem": f"it cannot load {assignment} "
                f"({type(error).__name__}: {error})"}
    return {"sandbox": sandbox.name, "digest": digest}


def preflight(client, address, assignment, digest):
    """Check every worker before anything is sent; ClusterError if one cannot grade.

    Returns the addresses of the workers checked.
    """
    try:
        client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS_SECONDS)
    except TimeoutError:
        raise ClusterError(f"The Dask scheduler at {address} has no workers (none joined "
                           f"in {WAIT_FOR_WORKERS_SECONDS} s): start some with `dask worker "
                           f"{address}` on machines where this course is installed.") from None
    reports = client.run(worker_report, assignment, on_error="return")
    unsafe, other = {}, []
    for worker, report in sorted(reports.items()):
        if isinstance(report, BaseException):
            unsafe[worker] = f"the check failed ({type(report).__name__}: {report})"
        elif type(report) is not dict:
            unsafe[worker] = "the check gave no report"
        elif report.get("problem"):
            unsafe[worker] = str(report["problem"])
        elif report.get("sandbox") != Bubblewrap.name:
            unsafe[worker] = f"no sandbox (it would grade in {str(report.get('sandbox'))!r})"
        elif report.get("digest") != digest:
            other.append(worker)
    if not unsafe and not other:
        return sorted(reports)
    said = [f"{worker}: {problem}" for worker, problem in unsafe.items()]
    said += [f"{worker}: other course or grader code (or Python, numpy) than this machine"
             for worker in other]
    fixes = []
    if any(p.startswith("no sandbox") for p in unsafe.values()):
        fixes.append(INSTALL)
    if other or any(not p.startswith("no sandbox") for p in unsafe.values()):
        fixes.append("install this same course (commit, Python and packages) on every "
                     "worker and restart them")
    raise ClusterError(f"Nothing was sent to the Dask scheduler at {address}: "
                       f"{len(said)} of {len(reports)} worker(s) cannot grade safely "
                       f"({'; '.join(said)}); {' and '.join(fixes)}, or take those workers "
                       f"out of the cluster.")


def grade_files(student_id, files, assignment, limits, problem, notes, *, fingerprint,
                digest):
    """A unit of work on a worker: grade a submission sent as {file name: bytes}, in this
    worker's sandbox (required), with this worker's Course, which must be the one asked
    for (``digest``). Returns ``work_reply``; raises when this worker cannot grade as
    asked, which the client makes that student's "grader failed"."""
    try:
        sandbox = detect(required=True)
    except SandboxError as error:
        raise SandboxError(f"the Dask worker {_this_worker()} has no sandbox: "
                           f"{error.reason}") from None
    course = load_course(assignment)
    if course.digest != digest:
        raise RuntimeError(f"the Dask worker {_this_worker()} has other course or grader "
                           f"code than the grading machine: restart it with the same course")
    with tempfile.TemporaryDirectory(prefix="submission-") as scratch:
        folder = Path(scratch) / "student"
        folder.mkdir()
        for name, data in files.items():
            (folder / os.path.basename(name)).write_bytes(data)
        result = grade_submission(student_id, folder, assignment, limits=limits,
                                  sandbox=sandbox, sources=course.sources,
                                  exercises=course.exercises, references=course.references,
                                  problem=problem, notes=notes)
    return work_reply(fingerprint, assignment, result)


def grade_on_cluster(address, asked, *, limits, digest):
    """Grade every unit of work ``asked`` on the Dask scheduler at ``address``; yield
    (Asked, reply or the exception that stands for it) as each is done."""
    from dask.distributed import Client, as_completed

    try:
        client = Client(address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError) as error:
        raise ClusterError(f"The Dask scheduler at {address} cannot be reached ({error}): "
                           f"is it running, and is the address right?") from None
    with client:
        preflight(client, address, asked[0].assignment, digest)
        futures = {}
        for unit in asked:
            entry = unit.student
            try:
                files = {} if entry.problem else read_notebook_files(entry.path)
                future = client.submit(grade_files, entry.student_id, files, unit.assignment,
                                       limits, entry.problem, entry.notes,
                                       fingerprint=unit.fingerprint, digest=digest,
                                       key=task_key(unit.fingerprint), pure=False)
            except Exception as error:  # this student's "grader failed"; the batch goes on
                yield unit, error
                continue
            futures[future] = unit
        for future in as_completed(futures):
            try:
                reply = future.result()
            except Exception as error:  # KilledWorker, a task's exception, a lost connection
                reply = error
            yield futures[future], reply
            future.release()
