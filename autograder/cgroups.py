"""Limits on a student's whole process tree (memory, number of processes), with cgroups.

Contract: ``tree_limits()`` returns the ``TreeLimits`` this machine supports:
``CgroupV2`` or ``CgroupV1`` (the memory and pids controllers, writable by the
grader), else ``PerProcessOnly``, whose ``reason`` says why. ``new_group(memory_mb,
processes)`` makes a fresh group for one student's process; ``group.enter()``
runs in the child before it starts the worker, so that everything the
student's code forks is counted together; ``group.out_of_memory()`` says whether
the kernel stopped something at the limit; ``group.close()`` kills whatever is
left in the group and removes it.

Resource limits (``RLIMIT_AS``) cap each process on its own; a student who forks
could otherwise hold the limit once per process.
"""

import functools
import itertools
import os
import signal
import threading
import time
from pathlib import Path

MOUNTINFO = "/proc/self/mountinfo"
_names = itertools.count()
_lock = threading.Lock()


def _write(path, text):
    with open(path, "w") as f:
        f.write(text)


def _read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


def _mounts(mountinfo=MOUNTINFO):
    """{"cgroup2": mount point} and {controller: mount point} of the v1 hierarchies."""
    v1, v2 = {}, None
    for line in _read(mountinfo).splitlines():
        left, _, right = line.partition(" - ")
        fields, rest = left.split(), right.split()
        if len(fields) < 5 or len(rest) < 3:
            continue
        point, kind, options = fields[4], rest[0], rest[2].split(",")
        if kind == "cgroup2":
            v2 = v2 or point
        elif kind == "cgroup":
            for option in options:
                if option not in ("rw", "ro"):
                    v1[option] = point
    return v1, v2


def _own_path(controller, cgroup_file="/proc/self/cgroup"):
    """This process's cgroup path for a v1 controller ("" for v2's unified line)."""
    for line in _read(cgroup_file).splitlines():
        number, controllers, path = line.split(":", 2)
        if controllers.split(",") == [""] and controller == "" or \
                controller in controllers.split(","):
            return path.lstrip("/")
    return None


def _group_name():
    with _lock:
        return f"autograder-{os.getpid()}-{next(_names)}"


class Group:
    """One student's process tree: one folder per controller hierarchy."""

    def __init__(self, folders, memory_file, oom_file):
        self.folders = folders          # every folder the process joins
        self.memory_file = memory_file  # where the kernel counts OOM kills
        self.oom_file = oom_file

    def enter(self):
        """In the child, before exec: move this process into the group."""
        pid = str(os.getpid())
        for folder in self.folders:
            _write(os.path.join(folder, "cgroup.procs"), pid)

    def out_of_memory(self):
        """Whether the kernel killed a process of the group for exceeding its memory."""
        for line in _read(self.oom_file).splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill" and value.strip().isdigit():
                return int(value) > 0
        return False

    def close(self):
        """Kill every process left in the group and remove it."""
        for folder in self.folders:
            kill = os.path.join(folder, "cgroup.kill")
            if os.path.exists(kill):
                try:
                    _write(kill, "1")
                except OSError:
                    pass
        deadline = time.monotonic() + 5
        for folder in self.folders:
            while True:
                pids = [int(p) for p in _read(os.path.join(folder, "cgroup.procs")).split()]
                for pid in pids:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
                try:
                    os.rmdir(folder)
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        break  # left for the kernel; never stop the batch for it
                    time.sleep(0.01)


class PerProcessOnly:
    """No usable cgroups: each process is limited on its own (``RLIMIT_AS``)."""

    name = "per-process"

    def __init__(self, reason):
        self.reason = reason

    def new_group(self, memory_mb, processes):
        return None


class CgroupV1:
    """The v1 memory and pids hierarchies, under this process's own groups."""

    name = "cgroup v1"
    reason = None

    def __init__(self, memory_parent, pids_parent):
        self.memory_parent = Path(memory_parent)
        self.pids_parent = Path(pids_parent) if pids_parent else None

    def new_group(self, memory_mb, processes):
        name = _group_name()
        memory = self.memory_parent / name
        memory.mkdir(mode=0o700)
        folders = [str(memory)]
        try:
            limit = str(memory_mb * 1024 * 1024)
            _write(memory / "memory.limit_in_bytes", limit)
            if (memory / "memory.memsw.limit_in_bytes").exists():  # no escape into swap
                _write(memory / "memory.memsw.limit_in_bytes", limit)
            if self.pids_parent is not None:
                pids = self.pids_parent / name
                pids.mkdir(mode=0o700)
                folders.append(str(pids))
                _write(pids / "pids.max", str(processes))
        except OSError:
            Group(folders, None, "").close()
            raise
        return Group(folders, str(memory), str(memory / "memory.oom_control"))


class CgroupV2:
    """The unified hierarchy, with memory and pids enabled for the grader's children."""

    name = "cgroup v2"
    reason = None

    def __init__(self, parent):
        self.parent = Path(parent)

    def new_group(self, memory_mb, processes):
        group = self.parent / _group_name()
        group.mkdir(mode=0o700)
        try:
            _write(group / "memory.max", str(memory_mb * 1024 * 1024))
            if (group / "memory.swap.max").exists():
                _write(group / "memory.swap.max", "0")
            if (group / "pids.max").exists():
                _write(group / "pids.max", str(processes))
        except OSError:
            Group([str(group)], None, "").close()
            raise
        return Group([str(group)], str(group), str(group / "memory.events"))


def _v2(mount, own):
    """A v2 parent folder whose children get the memory and pids controllers."""
    here = Path(mount) / own
    if "memory" not in _read(here / "cgroup.controllers").split():
        raise OSError("the memory controller is not available in this cgroup")
    wanted = [c for c in ("memory", "pids") if c in _read(here / "cgroup.controllers").split()]
    enabled = _read(here / "cgroup.subtree_control").split()
    if all(c in enabled for c in wanted):
        return here
    try:
        _write(here / "cgroup.subtree_control", " ".join(f"+{c}" for c in wanted))
    except OSError:
        # "no internal processes": move this process into a leaf of its own first
        leaf = here / f"autograder-grader-{os.getpid()}"
        leaf.mkdir(exist_ok=True)
        for pid in _read(here / "cgroup.procs").split():
            if int(pid) == os.getpid():
                _write(leaf / "cgroup.procs", pid)
        _write(here / "cgroup.subtree_control", " ".join(f"+{c}" for c in wanted))
    return here


@functools.cache
def tree_limits():
    """The best way this machine offers to limit a whole process tree."""
    if os.getuid() != 0:
        return PerProcessOnly("the grader is not running as root, so it cannot create "
                              "cgroups")
    v1, v2 = _mounts()
    problems = []
    if "memory" in v1:
        try:
            memory = Path(v1["memory"]) / (_own_path("memory") or "")
            pids = Path(v1["pids"]) / (_own_path("pids") or "") if "pids" in v1 else None
            limits = CgroupV1(memory, pids)
            limits.new_group(64, 16).close()  # probe: writable?
            return limits
        except (OSError, ValueError) as error:
            problems.append(f"cgroup v1: {error}")
    if v2:
        try:
            limits = CgroupV2(_v2(v2, _own_path("") or ""))
            limits.new_group(64, 16).close()
            return limits
        except (OSError, ValueError) as error:
            problems.append(f"cgroup v2: {error}")
    if not problems:
        problems.append("no cgroup memory controller is mounted")
    return PerProcessOnly("; ".join(problems))
