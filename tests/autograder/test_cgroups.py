"""The memory and process limits hold for a student's whole process tree."""

import os
import subprocess
import sys

import pytest

from autograder.cgroups import PerProcessOnly, _mounts, _own_path, tree_limits

MOUNTINFO = """\
31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
"""


def test_v1_hierarchies_and_the_unified_one_are_found(tmp_path):
    (tmp_path / "mountinfo").write_text(MOUNTINFO)
    v1, v2 = _mounts(tmp_path / "mountinfo")
    assert v1 == {"memory": "/sys/fs/cgroup/memory", "pids": "/sys/fs/cgroup/pids"}
    assert v2 == "/sys/fs/cgroup/unified"


def test_the_graders_own_group_is_read_per_controller(tmp_path):
    (tmp_path / "cgroup").write_text("8:pids:/\n4:memory:/process_api/abc\n0::/user.slice\n")
    assert _own_path("memory", tmp_path / "cgroup") == "process_api/abc"
    assert _own_path("pids", tmp_path / "cgroup") == ""
    assert _own_path("", tmp_path / "cgroup") == "user.slice"


def test_without_cgroups_the_grader_says_why():
    limits = PerProcessOnly("no cgroup memory controller is mounted")
    assert limits.new_group(64, 8) is None and "mounted" in limits.reason


@pytest.mark.skipif(isinstance(tree_limits(), PerProcessOnly),
                    reason=f"no cgroup to limit a process tree here: {tree_limits().reason}")
def test_a_group_holds_its_processes_together_and_goes_away():
    group = tree_limits().new_group(memory_mb=200, processes=16)
    # a child and its grandchild each allocate 150 MB: fine alone, too much together
    code = ("import os, time\n"
            "pid = os.fork()\n"
            "held = bytearray(150 * 1024 * 1024)\n"
            "for i in range(0, len(held), 4096): held[i] = 1\n"
            "time.sleep(3)\n")
    child = subprocess.Popen([sys.executable, "-c", code], preexec_fn=group.enter)
    child.wait(timeout=30)
    assert group.out_of_memory()
    group.close()
    assert not any(os.path.exists(folder) for folder in group.folders)
