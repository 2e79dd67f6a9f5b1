"""Running one notebook's code and calling its functions, whatever the code does.

Contract: ``NotebookRun(cells, ...)`` runs the given cells in a fresh
``StudentProcess`` the first time it is needed. A cell that raises is noted and
the next cells still run (as in Jupyter). A cell that hangs or kills the
process is noted, left out, and the process is started again from the first
cell, in a fresh home folder. A call that hangs or crashes costs that call
only: the next call starts a fresh process. The whole notebook has a time
budget; past it, every remaining call is reported as not run.

The grader never reads a student's code itself (a huge cell would cost it the
memory and time of parsing it): what each cell binds is what the student's process
says in its reply to running the cell (checked by ``autograder.replies`` against the
cell's text), and a cell stopped before it could reply is read by the process on
demand ("names"), under the cell's time limit. What the grader keeps of a notebook
besides its cells is bounded: the errors' text and the names bound, each by a budget.
"""

import os
import time

from autograder import standins
from autograder.replies import (ChannelError, CellReport, Known, cell_report, limit_note,
                                names_report, outcome as reply_outcome)
from autograder.runtime import codec
from autograder.scoring import DELEGATION, REFERENCE_UNAVAILABLE, Outcome
from helpers.diagnosis import Problem
from autograder.session import Limits, StudentProcess, WorkerFailure

MAX_KEPT_ERRORS = 1_000_000  # characters of cells' errors one notebook's run keeps
MAX_KEPT_NAMES = 10_000      # names bound by cells one notebook's run keeps
NOT_KEPT = CellReport(error="an error (not kept: too many cells failed)",
                      shown="an error (not kept: too many cells failed)")
BROKE_THE_RULES = "a reply that breaks the grader's rules"


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

    def __init__(self, cells, *, limits=Limits(), sandbox=None, reference_modules=None,
                 variables=frozenset()):
        self.cells = list(cells)          # [(cell number, code)]
        self.limits = limits
        self.sandbox = sandbox
        self.reference_modules = reference_modules  # None: all of helpers.reference
        self.variables = frozenset(variables)  # the source notebook's own variables
        self.cell_errors = {}             # cell number -> its error, as the process said it
        self.cell_reports = {}            # cell number -> its CellReport, if it failed
        self.cell_names = {}              # cell number -> the names it binds, once known
        self.unread = set()               # stopped cells whose names the process could not read
        self.bad_cells = {}               # cell number -> why it was left out
        self.left_out = {}                # cell number -> (WorkerFailure.kind, its time limit)
        self.bound = set()                # every name the cells bind, as far as known
        self._names_kept = self._errors_kept = 0
        self.lines = max((code.count("\n") + 1 for _, code in self.cells), default=1)
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
            self.cell_errors, self.cell_reports, self._errors_kept = {}, {}, 0
            for number, code in self.cells:
                if number in self.bad_cells:
                    continue
                budget = self._time_left(self.limits.cell_seconds)
                try:
                    reply = process.request({"op": "run", "code": code}, budget,
                                            f"running cell {number}")
                except WorkerFailure as failure:
                    self.bad_cells[number] = str(failure)
                    self.left_out[number] = (failure.kind, budget)
                    break
                self._note_cell(number, code, reply)
            else:
                self.process = process
                return
            # a cell hung or killed the process: start again without it

    def _note_cell(self, number, code, reply):
        """Keep what a cell's run says: the names it binds (once) and its error, if any,
        within the budgets."""
        try:
            report = cell_report(reply, code, self.limits)
        except ChannelError:
            report = CellReport(error=BROKE_THE_RULES, shown=BROKE_THE_RULES)
        self._remember_names(number, report.names)
        if not report.error:
            return
        size = len(report.error) + len(report.shown)
        if self._errors_kept + size > MAX_KEPT_ERRORS:
            report, size = NOT_KEPT, 0
        self._errors_kept += size
        self.cell_errors[number] = report.error
        self.cell_reports[number] = report

    def _remember_names(self, number, names):
        """The names a cell binds, from its first report (its code does not change)."""
        if number in self.cell_names or self._names_kept + len(names) > MAX_KEPT_NAMES:
            return
        self.cell_names[number] = tuple(names)
        self._names_kept += len(names)
        self.bound.update(names)

    def known(self):
        """What this notebook's replies are checked against (``replies.Known``)."""
        return Known(names=self.bound, lines=self.lines, limits=self.limits,
                     variables=self.variables)

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
                result = reply_outcome(reply, inputs, self.known())
            except ChannelError as error:
                self.process.kill()
                raise WorkerFailure("protocol", f"{doing}, your code sent back {error}") \
                    from None
            if result.failure == "missing":
                explained = self.explain_missing(name)
                result.message, result.recognised = str(explained), explained.kind
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
        return limit_note(error, self.limits)

    def explain_missing(self, name):
        """Why a name is not defined: the cell meant to define it failed, or none does.
        A Problem whose kind is DELEGATION when that cell reached for the helpers'
        reference code, else ""."""
        unread = []
        for number, code in self.cells:
            names = self.cell_names.get(number)
            if names is None and number in self.bad_cells:
                names = self._read_names(number, code)
            if names is None:
                unread += [number] if number in self.bad_cells else []
                continue
            if name not in names:
                continue
            if number in self.bad_cells:
                return Problem(f"The cell that defines it (cell {number}) was stopped: "
                               f"{self.bad_cells[number]}")
            if number in self.cell_reports:
                report = self.cell_reports[number]
                said = f"The cell that defines it (cell {number}) stopped with {report.shown}"
                if report.delegation:
                    return Problem(f"{said} {REFERENCE_UNAVAILABLE}", DELEGATION)
                return Problem(said)
        if unread:
            return Problem(f"Cell {unread[0]} was stopped before the grader could tell what "
                           f"it defines ({self.bad_cells[unread[0]]}): if it is the cell "
                           f"that defines it, make it finish.")
        return Problem("Keep the answer cell that defines it, with its name unchanged.")

    def _read_names(self, number, code):
        """The names a stopped cell binds, read (not run) by the notebook's process; None
        if it cannot tell in the cell's time limit. Asked once per cell."""
        if number in self.unread or self.process is None or self.process.process is None:
            return None
        try:
            reply = self.process.request({"op": "names", "code": code},
                                         self._time_left(self.limits.cell_seconds),
                                         f"reading cell {number}")
            names = names_report(reply, code)
        except (WorkerFailure, ChannelError):
            self.process.kill()
            self.process = None
            self.unread.add(number)
            return None
        self._remember_names(number, names)
        return self.cell_names.get(number)

    def close(self):
        if self.process is not None:
            self.process.close()
            self.process = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
