#!/usr/bin/env python
"""What grading one notebook costs, next to the floor of starting Python with numpy.

Measures, in one run on this machine:

* the floor: the CPU time of ``python -I -c "import numpy, helpers.testing,
  helpers.data"``, the least a process that runs a student's notebook must do;
* grading: the CPU time that the notebooks' processes of a batch of honest
  submissions used (every assignment, in the sandbox the grader would use),
  divided by the number of notebooks graded; and the wall time per notebook.

Both are CPU times of child processes (``RUSAGE_CHILDREN``), so the grader's own
process (reading notebooks, judging) is not counted in either. bubblewrap does not
pass its children's CPU time up, so the CPU time is measured with the notebooks'
processes started directly (no sandbox), and the wall time both ways. The target
is grading at most twice the floor. Not a test: it prints figures.

    .venv/bin/python benchmarks/grading_cost.py --students 4
"""

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from autograder.grade import grade  # noqa: E402
from autograder.notebooks import assignments  # noqa: E402
from autograder.sandbox import Unsandboxed, detect  # noqa: E402
from tests.autograder.conftest import notebook_names_of, solved, write_submission  # noqa: E402

FLOOR = "import numpy, helpers.testing, helpers.data"


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def floor(repeats):
    """CPU seconds of one start of Python with numpy and the helpers (the median)."""
    costs = []
    for _ in range(repeats):
        before = children_cpu()
        subprocess.run([sys.executable, "-I", "-c", FLOOR], check=True, cwd="/")
        costs.append(children_cpu() - before)
    return sorted(costs)[len(costs) // 2]


def grading(students, sandbox):
    """(CPU seconds, wall seconds) per notebook graded, over every assignment."""
    cpu = wall = 0.0
    notebooks = 0
    with tempfile.TemporaryDirectory(prefix="grading-cost-") as scratch:
        for assignment in assignments():
            names = notebook_names_of(assignment)
            root = Path(scratch) / assignment
            for i in range(students):
                write_submission(root / f"s{i:02d}", {n: solved(n) for n in names})
            before, start = children_cpu(), time.perf_counter()
            results = grade(root, assignment=assignment, workers=1, sandbox=sandbox)
            wall += time.perf_counter() - start
            cpu += children_cpu() - before
            notebooks += students * len(names)
            assert all(r.score == r.max_score for r in results), "an honest student lost points"
    return cpu / notebooks, wall / notebooks


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    sandbox = detect()
    grading(1, Unsandboxed())  # warm the caches (font list, byte code) as a batch would
    base = floor(args.repeats)
    cpu, wall = grading(args.students, Unsandboxed())
    _, sandboxed_wall = grading(args.students, sandbox)
    print(f"floor, python -I -c '{FLOOR}': {1000 * base:7.0f} ms CPU")
    print(f"grading, per notebook ({args.students} students of every assignment): "
          f"{1000 * cpu:7.0f} ms CPU, {1000 * wall:7.0f} ms wall without a sandbox, "
          f"{1000 * sandboxed_wall:7.0f} ms wall in {sandbox.name}")
    print(f"grading / floor: {cpu / base:.2f}x (target: at most 2x)")


if __name__ == "__main__":
    main()
