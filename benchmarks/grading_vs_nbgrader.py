"""Grade the same class with ``nbgrader autograde`` and with this course's grader.

Builds N submissions of week 1 from the released notebooks (mostly correct,
some with the classic mistakes of tests/submissions/, some that crash), grades
them both ways on this machine in this run, and prints both wall-clock times,
their ratio, the peak memory of one worker process, and whether the two agree
on the honest submissions' scores.

    .venv/bin/python benchmarks/grading_vs_nbgrader.py --students 40 --workers 2

nbgrader runs every cell of every notebook in the student's own kernel, one
notebook after another; this grader runs each notebook in its own sandboxed
process, skips the cells marked as only training or plotting, and grades
several submissions at once. Not a test: it prints figures.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from autograder.notebooks import source_notebooks  # noqa: E402
from tests.autograder.conftest import ASSIGNMENT, corpus, solved  # noqa: E402
from tests.autograder.nbgrader_course import (nbgrader_command, nbgrader_course,  # noqa: E402
                                              nbgrader_env, nbgrader_scores)

CRASHES = {
    "crashes_with_os_exit": ("logistic_regression", "propagate_answer",
                             "import os\nos._exit(1)"),
    "crashes_with_an_exception": ("numpy_basics", "softmax_answer",
                                  "raise RuntimeError('half-finished notebook')"),
}


def build_class(root, students):
    """Write N submissions; return the ids of the honest ones (no crash)."""
    names = [s.name for s in source_notebooks(ASSIGNMENT)]
    mistakes = sorted(corpus().items())
    honest = []
    for i in range(students):
        student = f"s{i:03d}"
        notebooks = {n: solved(n) for n in names}
        if i % 10 == 9:
            notebook, cell, code = list(CRASHES.values())[(i // 10) % len(CRASHES)]
            notebooks[notebook] = solved(notebook, {cell: code})
        else:
            if i % 2 == 1:
                _, sample = mistakes[(i // 2) % len(mistakes)]
                notebooks[sample["notebook"]] = solved(sample["notebook"],
                                                      {sample["cell"]: sample["code"]})
            honest.append(student)
        folder = root / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        for name, nb in notebooks.items():
            nbformat.write(nb, folder / f"{name}.ipynb")
    return honest


MEASURE = ("import resource, subprocess, sys; "
           "done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
           "sys.stdout.write(done.stdout); sys.stderr.write(done.stderr); "
           "print('PEAK_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
           "file=sys.stderr); sys.exit(done.returncode)")


def measured(command, cwd, env=None):
    """Run a command; return (seconds, completed process, peak RSS in MB of its tree)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=cwd, env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = [int(l.split()[1]) for l in done.stderr.splitlines() if l.startswith("PEAK_KB")]
    return seconds, done, (peak[-1] / 1024 if peak else float("nan"))


def run_nbgrader(root, students):
    nbgrader_course(root, students)
    seconds, done, peak = measured(nbgrader_command("autograde", ASSIGNMENT, "--force"),
                                   cwd=root, env=nbgrader_env())
    if done.returncode != 0:
        said = [l for l in done.stderr.splitlines() if l.strip() and "PEAK_KB" not in l]
        print("nbgrader autograde reported problems (crashing submissions):", said[-1:])
    scores = {}
    for (student, _, _), (score, _) in nbgrader_scores(root, students).items():
        scores[student] = scores.get(student, 0.0) + score
    return seconds, {s: round(v, 3) for s, v in scores.items()}, peak


def run_ours(root, workers):
    results = root / "results.json"
    seconds, done, _ = measured([sys.executable, "-m", "autograder", "grade",
                                 str(root / "submitted"), "--assignment", ASSIGNMENT,
                                 "--workers", str(workers), "--json", str(results),
                                 "--gradebook", "none", "--force", "--cache-dir",
                                 str(root / "cache"), "--feedback-dir", str(root / "feedback")],
                                cwd=REPO)
    worker_peak = [l.rsplit(":", 1)[1].strip() for l in done.stderr.splitlines()
                   if "peak memory of one notebook" in l]
    data = json.loads(results.read_text())
    scores = {s["student_id"]: round(s["score"], 3) for s in data["submissions"]}
    return seconds, scores, worker_peak[-1] if worker_peak else "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="benchmark-") as scratch:
        root = Path(scratch)
        honest = build_class(root, args.students)
        students = sorted(p.name for p in (root / "submitted").iterdir())
        print(f"{args.students} submissions of {ASSIGNMENT} ({len(honest)} honest, "
              f"{args.students - len(honest)} crashing), {args.workers} workers")

        ours_seconds, ours, ours_peak = run_ours(root, args.workers)
        print(f"python -m autograder grade: {ours_seconds:8.1f} s  "
              f"(peak memory of one worker process: {ours_peak})")

        nbgrader_seconds, theirs, nbgrader_peak = run_nbgrader(root, students)
        print(f"nbgrader autograde:         {nbgrader_seconds:8.1f} s  "
              f"(peak memory of its largest process: {nbgrader_peak:.0f} MB)")
        print(f"speed-up: {nbgrader_seconds / ours_seconds:.1f}x")
        disagree = [s for s in honest if ours.get(s) != theirs.get(s)]
        print(f"honest submissions with the same score both ways: "
              f"{len(honest) - len(disagree)} of {len(honest)}")
        for student in disagree:
            print(f"  {student}: ours {ours.get(student)}, nbgrader {theirs.get(student)}")


if __name__ == "__main__":
    main()
