"""Running one notebook's code and calling its functions, whatever the code does.

Contract: ``NotebookRun(cells, ...)`` runs the given cells in a fresh
``StudentProcess`` the first time it is needed. A cell that raises is noted and
the next cells still run (as in Jupyter). A cell that hangs or kills the
process is noted, left out, and the process is started again from the first
cell, in a fresh home folder. A call that hangs or crashes costs that call
only: the next call starts a fresh process. The whole notebook has a time
budget; past it, every remaining call is reported as not run.
"""

import ast
import os
import time

from autograder import standins
from autograder.replies import ChannelError, outcome as reply_outcome
from autograder.runtime import codec
from autograder.scoring import DELEGATION, REFERENCE_UNAVAILABLE, Outcome, redact
from helpers.diagnosis import Problem
from autograder.session import Limits, StudentProcess, WorkerFailure


def child_environment():
    """The environment of a student's process: nothing from ours but the basics."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "MPLBACKEND": "Agg",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "LANG": "C.UTF-8",
    }
    for name in ("COURSE_DATASETS_DIR", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


class GraderError(RuntimeError):
    """The grader itself failed (not the student's code): never to be scored as a 0."""


def call_message(function, inputs, stand_ins):
    """The message that asks a notebook to call ``function`` on ``inputs`` (plain data)."""
    return {"op": "call", "name": function, "args": codec.encode(tuple(inputs.args)),
            "kwargs": codec.encode(dict(inputs.kwargs)), "numpy_seed": inputs.numpy_seed,
            "stand_ins": standins.bundle(stand_ins)}


def check_stand_ins(exercise, exercises, graded):
    """Refuse to send a correct stand-in for a function whose own cases are still to come
    (a caller could keep it and answer with it later): a course bug, never the student's."""
    pending = {e.function for e in exercises if e.kind == "call"} - graded
    early = standins.carried(standins.bundle(exercise.stand_ins)) & pending
    if early:
        raise GraderError(f"the hidden cases of {exercise.function} would place a correct "
                          f"{', '.join(sorted(early))} in the notebook before its own cases "
                          f"ran: list the exercises in dependency order")


def run_cases(run, exercises):
    """Run every hidden case of a notebook's exercises in order; yield
    (exercise, case, Outcome) one at a time, so that a caller can judge each and let
    its value go. A function's stand-in is sent only after its own cases
    (``check_stand_ins``)."""
    graded = set()
    for exercise in exercises:
        check_stand_ins(exercise, exercises, graded)
        if exercise.kind == "answers":
            answers = run.get(exercise.function)
            for case in exercise.cases:
                yield exercise, case, answers
            continue
        for case in exercise.cases:
            yield exercise, case, run.call(exercise.function, case.inputs(), exercise.stand_ins)
        graded.add(exercise.function)


class NotebookRun:
    """One notebook's cells, run on demand, with calls into its namespace."""

    def __init__(self, cells, *, limits=Limits(), sandbox=None, reference_modules=None):
        self.cells = list(cells)          # [(cell number, code)]
        self.limits = limits
        self.sandbox = sandbox
        self.reference_modules = reference_modules  # None: all of helpers.reference
        self.cell_errors = {}             # cell number -> its error, as the process said it
        self.bad_cells = {}               # cell number -> why it was left out
        self.process = None
        self.deadline = time.monotonic() + limits.notebook_seconds
        self.out_of_time = False

    def _time_left(self, wanted):
        return max(0.0, min(wanted, self.deadline - time.monotonic()))

    def _start(self):
        """Start the process and run every cell that has not failed badly."""
        while True:
            if self.deadline - time.monotonic() <= 0:
                self.out_of_time = True
                raise WorkerFailure("timeout", f"the notebook used up its time limit of "
                                    f"{self.limits.notebook_seconds:g} s")
            process = StudentProcess(limits=self.limits, env=child_environment(),
                                     sandbox=self.sandbox,
                                     reference_modules=self.reference_modules)
            try:
                process.start()
            except (WorkerFailure, OSError, RuntimeError) as failure:  # no student code ran yet
                raise GraderError(f"could not start a process for the notebook: "
                                  f"{failure}") from None
            self.cell_errors = {}
            for number, code in self.cells:
                if number in self.bad_cells:
                    continue
                budget = self._time_left(self.limits.cell_seconds)
                try:
                    reply = process.request({"op": "run", "code": code}, budget,
                                            f"running cell {number}")
                except WorkerFailure as failure:
                    self.bad_cells[number] = str(failure)
                    break
                if not reply.get("ok"):
                    self.cell_errors[number] = str(reply.get("error"))[:2000]
            else:
                self.process = process
                return
            # a cell hung or killed the process: start again without it

    def ensure_started(self):
        if self.process is None or self.process.process is None:
            self.process = None
            self._start()

    def call(self, function, inputs, stand_ins):
        """Call ``function`` in the notebook on ``inputs``; return an Outcome.

        stand_ins -- {name: (module, attribute)}: correct versions of the other
                     graded functions it may call, sent as source for this call
        """
        return self._ask(call_message(function, inputs, stand_ins), function,
                         f"calling {function}", inputs)

    def get(self, name):
        """Read a variable of the notebook; return an Outcome."""
        return self._ask({"op": "get", "name": name}, name, f"reading {name}")

    def _ask(self, message, name, doing, inputs=None):
        try:
            self.ensure_started()
            reply = self.process.request(message, self._time_left(self.limits.call_seconds),
                                         doing)
            try:
                result = reply_outcome(reply, inputs)
            except ChannelError as error:
                self.process.kill()
                raise WorkerFailure("protocol", f"{doing}, your code sent back {error}") \
                    from None
            if result.failure == "missing":
                explained = self.explain_missing(name)
                result.message, result.recognised = str(explained), explained.kind
            elif result.failure is not None:
                result.note = self.limit_hit(result.message)
                if "helpers.reference" in result.message:  # imported where it is called
                    result.recognised = DELEGATION
            return result
        except WorkerFailure as failure:
            if self.process is not None:
                self.process.kill()
            self.process = None
            if failure.kind == "timeout" and "time limit" not in str(failure):
                message = f"{failure} (the limit for one test)"
            else:
                message = str(failure)
            return Outcome(failure=failure.kind, message=message)

    def limit_hit(self, error):
        """Words naming the limit behind an error raised inside the process, if any."""
        if error.startswith("MemoryError"):
            return f" (the memory limit is {self.limits.memory_mb} MB)"
        if error.startswith("BlockingIOError") or "Resource temporarily unavailable" in error:
            return f" (the limit is {self.limits.processes} processes)"
        if "[Errno 27]" in error or "File too large" in error:
            return f" (the output limit is {self.limits.output_mb} MB)"
        if "[Errno 28]" in error or "No space left on device" in error:
            return f" (the disk limit is {self.limits.disk_mb} MB)"
        return ""

    def explain_missing(self, name):
        """Why a name is not defined: the cell meant to define it failed, or none does.
        A Problem whose kind is DELEGATION when that cell reached for the helpers'
        reference code, else ""."""
        for number, code in self.cells:
            if name in _names_bound(code):
                if number in self.bad_cells:
                    said = f"The cell that defines it (cell {number}) was stopped: "
                    problem = self.bad_cells[number]
                    said += problem
                elif number in self.cell_errors:
                    said = f"The cell that defines it (cell {number}) stopped with "
                    problem = self.cell_errors[number]
                    said += redact(problem) + self.limit_hit(problem)
                else:
                    continue
                if "helpers.reference" in problem:
                    return Problem(f"{said} {REFERENCE_UNAVAILABLE}", DELEGATION)
                return Problem(said)
        return Problem("Keep the answer cell that defines it, with its name unchanged.")

    def close(self):
        if self.process is not None:
            self.process.close()
            self.process = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _names_bound(code):
    """Names a cell defines at its top level (functions, assignments, imports)."""
    from autograder.helpers_view import plain_python

    try:
        tree = ast.parse(plain_python(code))
    except SyntaxError:
        return set()
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names
