"""Where a student's process runs: a bubblewrap sandbox, or plain isolation.

Contract: ``sandbox.spawn(worker_args, env=, limits=, pass_fds=, reference_modules=)``
starts the worker for one notebook and returns a ``Spawned`` (the process, and
``close()`` that kills what is left and removes what it made). Every start gets
a fresh, empty home folder: nothing a previous process of the notebook left
behind (a planted link, a FIFO, a file of another user) is ever touched by the
grader again, and the student's code never sees a file of a previous start.

With bubblewrap (``detect()`` finds it), the worker sees a fresh filesystem:
read-only system files, Python and its site-packages, the helpers package
(of ``helpers.reference`` only the modules in ``reference_modules``), the
datasets and the worker itself; its home and /tmp are size-limited tmpfs that
exist only in memory (``limits.disk_mb`` each), so nothing it writes reaches
the grader's disk. No network, its own process tree (killed with the grader:
``--die-with-parent``) and, when the grader runs as root, an unprivileged user
id of its own and a cgroup holding the memory and process limits of the whole
tree (``autograder.cgroups``).

``Unsandboxed`` runs the worker directly in a fresh folder of the grader's
temporary directory; as root it still drops to an unprivileged user, but the
student's code can then read every file that user can read, use the network
(reach a Dask scheduler, say) and see every process. It is for local
development only, chosen by name: grading asks ``detect(required=True)``, which
raises ``SandboxError`` saying what to install rather than fall back. Each
sandbox has a ``name`` that every result records ("bubblewrap", or "none").
"""

import contextlib
import fcntl
import functools
import itertools
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import autograder
import helpers
from autograder.cgroups import tree_limits
from autograder.helpers_view import HELPERS_DIR, reference_files
from helpers.data import datasets_dir

RUNTIME_DIR = Path(__file__).resolve().parent / "runtime"
SANDBOX_HOME = "/home/student"
SANDBOX_GRADER = "/grader"
MPL_DIR = ".matplotlib"
FIRST_UID = 61000
UID_COUNT = 1000
UID_LOCKS = Path("/run/autograder-uids")

_rotation = itertools.count()
_rotation_lock = threading.Lock()


class UidPool:
    """Unprivileged user ids for students' processes, one per running process.

    A uid is held with a lock on a file of its own, so that two graders on one
    machine (parallel test workers, a second batch) never share one.
    """

    def __init__(self, first=FIRST_UID, count=UID_COUNT, folder=UID_LOCKS):
        self.first, self.count, self.folder = first, count, Path(folder)

    def _folder(self):
        try:
            self.folder.mkdir(mode=0o700, exist_ok=True)
        except OSError:
            return None
        info = os.lstat(self.folder)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() \
                or info.st_mode & 0o077:
            return None  # not ours alone: do not trust it
        return self.folder

    def acquire(self):
        """Return (uid, lock) of a uid no other process of ours is using."""
        folder = self._folder()
        with _rotation_lock:
            start = next(_rotation)
        for i in range(self.count):
            uid = self.first + (os.getpid() * 7 + start + i) % self.count
            if folder is None:
                return uid, None
            fd = os.open(folder / str(uid), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return uid, fd
            except OSError:
                os.close(fd)
        raise RuntimeError(f"all {self.count} student user ids are in use")

    @staticmethod
    def release(lock):
        if lock is not None:
            os.close(lock)


UIDS = UidPool()


@dataclass
class Spawned:
    """A started worker and what to undo when it ends."""

    process: subprocess.Popen
    group: object = None      # the cgroup of its process tree, or None
    uid_lock: int | None = None
    home: Path | None = None  # a folder on the grader's disk (no sandbox only)

    def out_of_memory(self):
        return self.group is not None and self.group.out_of_memory()

    def close(self):
        """Kill what is left of its process tree and remove what was made for it."""
        if self.group is not None:
            self.group.close()
            self.group = None
        UidPool.release(self.uid_lock)
        self.uid_lock = None
        if self.home is not None:
            _remove_tree(self.home.parent)
            self.home = None


def _remove_tree(folder):
    """Remove a folder the student's code could write into, never following a link in it."""
    try:
        shutil.rmtree(folder)  # the fd-based version: links are removed, not followed
    except FileNotFoundError:
        pass
    except (OSError, RecursionError):  # e.g. thousands of nested folders
        subprocess.run(["rm", "-rf", "--one-file-system", "--", str(folder)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@functools.cache
def font_cache_files():
    """matplotlib's font list, built once here, so that no student's process rebuilds it."""
    try:
        import matplotlib
        import matplotlib.font_manager  # noqa: F401 -- builds the list if missing
    except ImportError:
        return ()
    return tuple(sorted(Path(matplotlib.get_cachedir()).glob("fontlist-*.json")))


def _limit_resources(limits, group, uid):
    """What the child runs before exec: its own session, limits, cgroup, user."""
    import resource

    def apply():
        os.setsid()
        memory = limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
        size = limits.output_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if uid is not None or os.getuid() != 0:
            resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))
        if group is not None:
            group.enter()
    return apply


class SandboxError(RuntimeError):
    """No working sandbox where one is required: the message says what to install,
    ``reason`` only why there is none."""

    def __init__(self, message, reason=""):
        super().__init__(message)
        self.reason = reason or message


INSTALL = ("install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap) where student "
           "code runs")


class Unsandboxed:
    """Run the worker directly: no sandbox (local development only)."""

    name = "none"
    warning = ("student code runs WITHOUT a sandbox: it can read any file the grading user "
               "can read, use the network (a Dask scheduler too), see every process and fill "
               "the disk. This is for trying the grader on your own notebooks only: "
               f"{INSTALL} before grading real submissions.")

    def __init__(self):
        if os.getuid() == 0 and not self.others_can_run_python():
            self.warning += (" Python is installed where other users cannot run it, so "
                             "student code also runs as root.")

    def _uid(self):
        if os.getuid() != 0 or not self.others_can_run_python():
            return None, None
        return UIDS.acquire()

    @staticmethod
    def others_can_run_python():
        """Whether an unprivileged user can run this Python (every folder on the way open)."""
        for path in (Path(os.path.realpath(sys.executable)), Path(sys.prefix)):
            for folder in path.parents:
                if not os.stat(folder).st_mode & stat.S_IXOTH:
                    return False
        return True

    def spawn(self, worker_args, *, env, limits, pass_fds=(), reference_modules=None):
        uid, lock = self._uid()
        group = None
        parent = Path(tempfile.mkdtemp(prefix="grading-"))
        try:
            os.chmod(parent, 0o711)
            home = parent / "home"
            home.mkdir(mode=0o700)
            (home / MPL_DIR).mkdir()
            for cache in font_cache_files():
                shutil.copyfile(cache, home / MPL_DIR / cache.name)
            if uid is not None:  # a fresh folder that only we have written to so far
                for path in [home, *home.rglob("*")]:
                    os.lchown(path, uid, uid)
            env = dict(env, HOME=str(home), TMPDIR=str(home), MPLCONFIGDIR=str(home / MPL_DIR))
            group = tree_limits().new_group(limits.memory_mb, limits.processes)
            command = [sys.executable, "-I", str(RUNTIME_DIR / "worker.py"), *worker_args]
            process = subprocess.Popen(
                command, cwd=home, env=env, stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=pass_fds,
                preexec_fn=_demoted(_limit_resources(limits, group, uid), uid), close_fds=True)
        except BaseException:
            Spawned(None, group, lock, parent / "home").close()
            raise
        return Spawned(process, group, lock, home)


def _demoted(apply, uid):
    def run():
        apply()
        if uid is not None:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
    return run


class Bubblewrap(Unsandboxed):
    """Run the worker inside a bubblewrap sandbox."""

    name = "bubblewrap"
    warning = None

    def __init__(self, bwrap):
        self.bwrap = bwrap

    def _read_only_paths(self):
        paths = {Path(sys.base_prefix), Path(sys.prefix), *_helpers_dirs()}
        data = datasets_dir()
        if data.is_dir():
            paths.add(data.resolve())
        real = {Path(os.path.realpath(p)) for p in paths}
        return sorted(paths | real)

    def command(self, worker_args, *, uid, limits, fonts, reference_modules):
        """The bwrap command line; ``fonts`` maps file descriptors to font-list names."""
        args = [self.bwrap, "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
                "--unshare-cgroup-try", "--die-with-parent", "--new-session",
                "--hostname", "sandbox"]
        root = os.getuid() == 0
        if not root:
            args.append("--unshare-user")
        disk = str(limits.disk_mb * 1024 * 1024)
        args += ["--proc", "/proc", "--dev", "/dev",
                 "--size", disk, "--perms", "1777", "--tmpfs", "/tmp"]
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
        args += self._reference_view(reference_modules)
        args += ["--size", disk, "--perms", "0777", "--tmpfs", SANDBOX_HOME,
                 "--perms", "0777", "--dir", f"{SANDBOX_HOME}/{MPL_DIR}"]
        for fd, name in fonts.items():
            args += ["--perms", "0644", "--file", str(fd), f"{SANDBOX_HOME}/{MPL_DIR}/{name}"]
        args += ["--chdir", SANDBOX_HOME]
        python = [sys.executable, "-I", f"{SANDBOX_GRADER}/worker.py", *worker_args]
        if root and uid is not None:
            python = ["/usr/bin/setpriv", f"--reuid={uid}", f"--regid={uid}",
                      "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", *python]
        return args + ["--", *python]

    @staticmethod
    def _reference_view(modules):
        """Hide helpers/reference/ but for the given modules (None: show it all)."""
        if modules is None:
            return []
        args = []
        for helpers_dir in _helpers_dirs():  # the real path, and the one Python imports from
            folder = helpers_dir / "reference"
            args += ["--perms", "0755", "--tmpfs", str(folder)]
            for path in reference_files(modules):
                target = helpers_dir / path.relative_to(HELPERS_DIR)
                for parent in reversed(target.parents):
                    if folder in parent.parents:
                        args += ["--perms", "0755", "--dir", str(parent)]
                args += ["--ro-bind", str(path), str(target)]
            args += ["--remount-ro", str(folder)]
        return args

    def spawn(self, worker_args, *, env, limits, pass_fds=(), reference_modules=None):
        uid, lock = UIDS.acquire() if os.getuid() == 0 else (None, None)
        group = None
        with contextlib.ExitStack() as fonts_open:
            try:
                fonts = {}
                for cache in font_cache_files():
                    fd = os.open(cache, os.O_RDONLY)
                    fonts_open.callback(os.close, fd)
                    fonts[fd] = cache.name
                env = dict(env, HOME=SANDBOX_HOME, TMPDIR="/tmp",
                           MPLCONFIGDIR=f"{SANDBOX_HOME}/{MPL_DIR}")
                group = tree_limits().new_group(limits.memory_mb, limits.processes) \
                    if os.getuid() == 0 else None
                command = self.command(worker_args, uid=uid, limits=limits, fonts=fonts,
                                       reference_modules=reference_modules)
                process = subprocess.Popen(
                    command, cwd="/", env=env, stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    pass_fds=(*pass_fds, *fonts), close_fds=True,
                    preexec_fn=_limit_resources(limits, group, uid))
            except BaseException:
                Spawned(None, group, lock).close()
                raise
        return Spawned(process, group, lock)


def _helpers_dirs():
    return sorted({HELPERS_DIR, Path(helpers.__file__).parent})


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

    With ``required``, raise SandboxError (why there is none, and what to do) instead of
    falling back.
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
        reason = "bubblewrap (bwrap) is not installed (not found on the PATH)"
    if required:
        raise SandboxError(f"There is no sandbox for student code here: {reason}. "
                           f"To grade, {INSTALL}; where bwrap is installed but cannot create "
                           f"namespaces, allow unprivileged user namespaces or grade as root. "
                           f"(Only to try the grader on your own notebooks: --no-sandbox.)",
                           reason)
    fallback = Unsandboxed()
    fallback.warning = f"{reason}, so {fallback.warning}"
    return fallback
