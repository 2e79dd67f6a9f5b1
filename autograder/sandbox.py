"""Where a student's process runs: a bubblewrap sandbox, or plain isolation.

Contract: ``Sandbox.command(scratch, fds)`` returns the command that starts the
worker for one notebook, and ``Sandbox.prepare(scratch)`` readies the scratch
folder. With bubblewrap (``Sandbox.detect()`` finds it), the worker sees a
fresh filesystem: read-only system files, Python and its site-packages, the
helpers package, the datasets and the worker itself, plus its own scratch
folder (read-write) and a private /tmp. No network, its own process tree
(killed with the grader: ``--die-with-parent``), and, when the grader runs as
root, an unprivileged user id of its own. The grader's sources, cases,
references, gradebook and the other students' files are not in it.

Without bubblewrap, ``Unsandboxed`` runs the worker directly; as root it still
drops to an unprivileged user, but the student's code can then read every
file that user can read. ``detect`` says so plainly.
"""

import itertools
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import autograder
import helpers
from helpers.data import datasets_dir

RUNTIME_DIR = Path(__file__).resolve().parent / "runtime"
SANDBOX_HOME = "/home/student"
SANDBOX_GRADER = "/grader"
FIRST_UID = 61000
UID_COUNT = 1000

_uids = itertools.cycle(range(FIRST_UID, FIRST_UID + UID_COUNT))
_uid_lock = threading.Lock()


def next_uid():
    """An unprivileged user id for the next student's process (root only)."""
    with _uid_lock:
        return next(_uids)


class Unsandboxed:
    """Run the worker directly (no sandbox tool on this machine)."""

    name = "none"
    warning = ("bubblewrap (bwrap) is not installed, so student code runs without a "
               "sandbox: it can read any file the grading user can read and use the network. "
               "Install it (Debian/Ubuntu: apt-get install bubblewrap) before grading real "
               "submissions.")

    def prepare(self, scratch):
        """Ready the scratch folder; return the user id the process will run as (or None)."""
        if os.getuid() != 0 or not self.others_can_run_python():
            return None
        uid = next_uid()
        os.chown(scratch, uid, uid)
        return uid

    def command(self, scratch, worker_args, uid):
        return [sys.executable, "-I", str(RUNTIME_DIR / "worker.py"), *worker_args]

    def home(self, scratch):
        return str(scratch)

    @staticmethod
    def others_can_run_python():
        """Whether an unprivileged user can run this Python (every folder on the way open)."""
        for path in (Path(os.path.realpath(sys.executable)), Path(sys.prefix)):
            for folder in path.parents:
                if not os.stat(folder).st_mode & stat.S_IXOTH:
                    return False
        return True

    def demote(self, uid):
        """Run in the child before exec: drop root for the student's process."""
        if uid is not None:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)


class Bubblewrap(Unsandboxed):
    """Run the worker inside a bubblewrap sandbox."""

    name = "bubblewrap"
    warning = None

    def __init__(self, bwrap):
        self.bwrap = bwrap

    def prepare(self, scratch):
        """Ready the scratch folder; as root, pick the unprivileged user id to run as."""
        if os.getuid() != 0:
            return None
        uid = next_uid()
        os.chown(scratch, uid, uid)
        return uid

    def demote(self, uid):
        """Nothing to do before exec: the sandbox drops root itself (setpriv)."""

    def home(self, scratch):
        return SANDBOX_HOME

    def _read_only_paths(self):
        paths = {Path(sys.base_prefix), Path(sys.prefix), Path(helpers.__file__).parent}
        data = datasets_dir()
        if data.is_dir():
            paths.add(data.resolve())
        real = {Path(os.path.realpath(p)) for p in paths}
        return sorted(paths | real)

    def command(self, scratch, worker_args, uid):
        args = [self.bwrap, "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
                "--unshare-cgroup-try", "--die-with-parent", "--new-session",
                "--hostname", "sandbox"]
        root = os.getuid() == 0
        if not root:
            args.append("--unshare-user")
        args += ["--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev"]
        for system in ("/usr", "/bin", "/lib", "/lib64", "/sbin", "/etc/ld.so.cache",
                       "/etc/localtime", "/etc/fonts"):
            args += ["--ro-bind-try", system, system]
        binds = [(p, p) for p in self._read_only_paths()]
        binds.append((RUNTIME_DIR, Path(SANDBOX_GRADER)))
        made = set()
        for _, target in binds + [(None, Path(SANDBOX_HOME))]:
            for parent in reversed(target.parents):
                if str(parent) not in ("/", "/tmp") and parent not in made \
                        and not _is_system(parent):
                    args += ["--perms", "0755", "--dir", str(parent)]
                    made.add(parent)
        for source, target in binds:
            args += ["--ro-bind", str(source), str(target)]
        # a non-editable install puts the grader next to helpers: hide it
        package = Path(autograder.__file__).resolve().parent
        if any(_within(package, p) for p in self._read_only_paths()):
            args += ["--tmpfs", str(package)]
        args += ["--bind", str(scratch), SANDBOX_HOME, "--chdir", SANDBOX_HOME]
        python = [sys.executable, "-I", f"{SANDBOX_GRADER}/worker.py", *worker_args]
        if root and uid is not None:
            python = ["/usr/bin/setpriv", f"--reuid={uid}", f"--regid={uid}",
                      "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", *python]
        return args + ["--", *python]


def _within(path, folder):
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def _is_system(path):
    return str(path) in ("/usr", "/bin", "/lib", "/lib64", "/sbin", "/etc")


def detect(required=False):
    """The best isolation this machine offers: Bubblewrap if bwrap works, else Unsandboxed.

    With ``required``, raise RuntimeError instead of falling back.
    """
    bwrap = shutil.which("bwrap")
    if bwrap:
        probe = subprocess.run([bwrap, "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid",
                                *([] if os.getuid() == 0 else ["--unshare-user"]),
                                "--dev", "/dev", "--proc", "/proc", "true"],
                               capture_output=True, text=True)
        if probe.returncode == 0:
            return Bubblewrap(bwrap)
        reason = (f"bwrap is installed but cannot create a sandbox here: "
                  f"{probe.stderr.strip()[:200]}")
    else:
        reason = Unsandboxed.warning
    if required:
        raise RuntimeError(reason)
    fallback = Unsandboxed()
    if os.getuid() == 0 and not fallback.others_can_run_python():
        reason += (" Python is installed where other users cannot run it, so student code "
                   "also runs as root.")
    fallback.warning = reason
    return fallback
