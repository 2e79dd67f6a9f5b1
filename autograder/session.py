"""One student's notebook, running in its own process, seen from the grader.

Contract: ``StudentProcess`` starts ``runtime/worker.py`` through a sandbox
(``autograder.sandbox``) with resource limits, sends it requests and waits for
each reply at most a given number of seconds. A reply that does not come in
time, a process that dies, or a reply line that breaks the channel's rules
(``autograder.replies``) raises ``WorkerFailure`` with a ``kind`` ("timeout",
"died", "protocol") and the process is killed with everything it started.
What the student's code prints goes to /dev/null; the grader reads only the
reply pipe, and decodes nothing from it but plain data.
"""

import json
import os
import secrets
import selectors
import signal
import subprocess
import time
from dataclasses import dataclass

from autograder.replies import ChannelError, parse_line

MAX_REPLY_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Resource limits for one student's process; every time is in seconds."""

    cell_seconds: float = 60.0        # wall clock for one notebook cell
    call_seconds: float = 20.0        # wall clock for one test call
    notebook_seconds: float = 300.0   # wall clock for all of one notebook
    memory_mb: int = 4096             # address space
    cpu_seconds: int = 600            # CPU time of the whole process
    output_mb: int = 64               # largest file it may write, and its reply size
    disk_mb: int = 256                # what its home folder and /tmp may hold, each
    processes: int = 64               # processes and threads it may start
    startup_seconds: float = 60.0     # time to start the worker


class WorkerFailure(Exception):
    """The student's process did not answer: kind is "timeout", "died" or "protocol"."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


class StudentProcess:
    """A running worker for one notebook. Use as a context manager."""

    def __init__(self, *, limits=Limits(), env=None, sandbox=None, reference_modules=None):
        from autograder.sandbox import Unsandboxed

        self.limits = limits
        self.env = env
        self.sandbox = sandbox or Unsandboxed()
        self.reference_modules = reference_modules
        self.spawned = None
        self.process = None
        self._buffer, self._scanned = bytearray(), 0

    def start(self):
        command_r, command_w = os.pipe()
        reply_r, reply_w = os.pipe()
        try:
            self.spawned = self.sandbox.spawn(
                [str(command_r), str(reply_w)], env=dict(self.env or {}), limits=self.limits,
                pass_fds=(command_r, reply_w), reference_modules=self.reference_modules)
        except BaseException:
            os.close(command_w)
            os.close(reply_r)
            raise
        finally:
            os.close(command_r)
            os.close(reply_w)
        self.process = self.spawned.process
        self._commands = os.fdopen(command_w, "wb")
        self._replies = reply_r
        self._buffer, self._scanned = bytearray(), 0
        reply = self._read_reply(self.limits.startup_seconds, "starting the notebook's process")
        if not reply.get("ready"):
            raise WorkerFailure("protocol", "the notebook's process did not start properly")
        return self

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()

    def request(self, message, timeout, doing):
        """Send one message and return the decoded reply (a dict)."""
        if self.process is None:
            raise WorkerFailure("died", "the notebook's process is not running")
        # a fresh id a reply must carry: lines the student's code writes to the pipe
        # itself are skipped, so they cannot answer in the worker's place
        message = dict(message, id=secrets.token_hex(16))
        try:
            self._commands.write(json.dumps(message, allow_nan=False).encode() + b"\n")
            self._commands.flush()
        except (BrokenPipeError, OSError):
            self.kill()
            raise WorkerFailure("died", f"the notebook's process ended before {doing}") from None
        return self._read_reply(timeout, doing, message["id"])

    def _read_reply(self, timeout, doing, expected_id=None):
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_line(deadline, timeout, doing)
            if expected_id is None or reply.get("id") == expected_id:
                return reply

    def _read_line(self, deadline, timeout, doing):
        with selectors.DefaultSelector() as selector:
            selector.register(self._replies, selectors.EVENT_READ)
            while self._buffer.find(b"\n", self._scanned) < 0:
                self._scanned = len(self._buffer)
                left = deadline - time.monotonic()
                if left <= 0:
                    self.kill()
                    raise WorkerFailure("timeout", f"{doing} took longer than {timeout:g} s")
                if not selector.select(left):
                    continue
                chunk = os.read(self._replies, 1 << 20)
                if not chunk:
                    code = self.process.wait() if self.process else None
                    out_of_memory = self.spawned.out_of_memory()
                    self.kill()
                    raise WorkerFailure("died", f"the notebook's process ended while {doing}"
                                        + _exit_reason(code, self.limits, out_of_memory))
                self._buffer += chunk  # a bytearray: appending does not copy it all
                if len(self._buffer) > self.limits.output_mb * 1024 * 1024:
                    self.kill()
                    raise WorkerFailure("protocol", f"{doing} sent back more than "
                                        f"{self.limits.output_mb} MB")
        end = self._buffer.index(b"\n", self._scanned)
        line = bytes(self._buffer[:end])
        del self._buffer[:end + 1]
        self._scanned = 0
        try:
            return parse_line(line) or {}  # {}: not from the worker, skipped
        except ChannelError as error:
            self.kill()
            raise WorkerFailure("protocol", f"{doing}, your code wrote {error} to the "
                                f"grader's channel") from None

    def kill(self):
        """Kill the process and everything it started (its whole process tree)."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.process.kill()
        except ProcessLookupError:
            pass
        self.process.wait()
        self.process = None
        self.spawned.close()
        for closer in (self._commands.close, lambda: os.close(self._replies)):
            try:
                closer()
            except OSError:
                pass

    def close(self):
        if self.process is not None:
            try:
                self._commands.write(b'{"op": "exit"}\n')
                self._commands.flush()
                self.process.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                pass
            self.kill()


def _exit_reason(code, limits, out_of_memory=False):
    """Why a process ended, naming the limit it hit where the signal tells."""
    if out_of_memory:
        return (f": together, its processes used more than the memory limit of "
                f"{limits.memory_mb} MB")
    if code is None:
        return ""
    if code < 0:
        number = -code
    elif code > 128 and code - 128 in (signal.SIGXCPU, signal.SIGXFSZ, signal.SIGKILL,
                                        signal.SIGSEGV):
        number = code - 128  # the sandbox reports its child's signal as 128 + n
    else:
        return f" (exit status {code})"
    if number == signal.SIGXCPU:
        return f": it used up the CPU-time limit of {limits.cpu_seconds} s"
    if number == signal.SIGXFSZ:
        return f": it wrote more than the output limit of {limits.output_mb} MB"
    if number in (signal.SIGKILL, signal.SIGSEGV):
        return (f" (killed by {signal.Signals(number).name}: out of memory? the memory "
                f"limit is {limits.memory_mb} MB)")
    try:
        name = signal.Signals(number).name
    except ValueError:
        name = f"signal {number}"
    return f" (killed by {name})"
