"""Running one notebook's code and calling its functions, whatever the code does.

Contract: ``NotebookRun(cells, ...)`` runs the given cells in a fresh
``StudentProcess`` the first time it is needed. A cell that raises is noted and
the next cells still run (as in Jupyter). A cell that hangs or kills the
process is noted, left out, and the process is started again from the first
cell. A call that hangs or crashes costs that call only: the next call starts
a fresh process. The whole notebook has a time budget; past it, every
remaining call is reported as not run.
"""

import functools
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from autograder.runtime import codec
from autograder.scoring import Outcome
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


@functools.cache
def _matplotlib_font_cache():
    """matplotlib's font list, built once here, so that no student's process rebuilds it."""
    try:
        import matplotlib
        import matplotlib.font_manager  # noqa: F401 -- builds the list if missing
    except ImportError:
        return []
    return sorted(Path(matplotlib.get_cachedir()).glob("fontlist-*.json"))


class GraderError(RuntimeError):
    """The grader itself failed (not the student's code): never to be scored as a 0."""


class NotebookRun:
    """One notebook's cells, run on demand, with calls into its namespace."""

    def __init__(self, cells, *, limits=Limits(), scratch=None, sandbox=None):
        self.cells = list(cells)          # [(cell number, code)]
        self.limits = limits
        self.sandbox = sandbox
        self._own_scratch = scratch is None
        self.scratch = Path(scratch or tempfile.mkdtemp(prefix="grading-"))
        self.cell_errors = {}             # cell number -> error text
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
            for cache in _matplotlib_font_cache():
                shutil.copyfile(cache, self.scratch / cache.name)
            process = StudentProcess(self.scratch, limits=self.limits,
                                     env=child_environment(), sandbox=self.sandbox)
            try:
                process.start()
            except WorkerFailure as failure:  # before any student code ran: our fault
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
                    error = str(reply.get("error"))[:2000]
                    self.cell_errors[number] = error + self.limit_hit(error)
            else:
                self.process = process
                return
            # a cell hung or killed the process: start again without it

    def ensure_started(self):
        if self.process is None or self.process.process is None:
            self.process = None
            self._start()

    def call(self, function, inputs, stand_ins):
        """Call ``function`` in the notebook on ``inputs``; return an Outcome."""
        message = {"op": "call", "name": function, "args": codec.encode(tuple(inputs.args)),
                   "kwargs": codec.encode(dict(inputs.kwargs)),
                   "stand_ins": {k: list(v) for k, v in stand_ins.items()}}
        return self._ask(message, function, f"calling {function}")

    def get(self, name):
        """Read a variable of the notebook; return an Outcome."""
        return self._ask({"op": "get", "name": name}, name, f"reading {name}")

    def _ask(self, message, name, doing):
        try:
            self.ensure_started()
            reply = self.process.request(message, self._time_left(self.limits.call_seconds),
                                         doing)
            if not reply.get("ok"):
                kind = str(reply.get("kind", "exception"))
                text = str(reply.get("error", ""))[:500]
                if kind == "missing":
                    text = self.explain_missing(name)
                text += self.limit_hit(text)
                return Outcome(failure=kind, message=text, origin=str(reply.get("origin", "")))
            value = self.process.decode_value(reply)
            return Outcome(value=value, changed=[str(c) for c in reply.get("changed") or []],
                           globals_read=[str(g) for g in reply.get("globals_read") or []],
                           origin=str(reply.get("origin", "notebook")))
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
        if error.startswith("OSError: [Errno 27]") or "File too large" in error:
            return f" (the output limit is {self.limits.output_mb} MB)"
        return ""

    def explain_missing(self, name):
        """Why a name is not defined: the cell meant to define it failed, or none does."""
        pattern = re.compile(rf"^\s*(def\s+{re.escape(name)}\s*\(|{re.escape(name)}\s*=)", re.M)
        for number, code in self.cells:
            if pattern.search(code):
                if number in self.bad_cells:
                    return (f"The cell that defines it (cell {number}) was stopped: "
                            f"{self.bad_cells[number]}.")
                if number in self.cell_errors:
                    return (f"The cell that defines it (cell {number}) stopped with "
                            f"{self.cell_errors[number]}")
        return "Keep the answer cell that defines it, with its name unchanged."

    def close(self):
        if self.process is not None:
            self.process.close()
            self.process = None
        if self._own_scratch:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
