#!/usr/bin/env python
"""What a notebook with a huge cell and many missing functions costs the grader itself.

Grades one submission of week 1 whose numpy_basics notebook has one answer cell of
about 2 MB (lists of numbers, no function) and every other answer cell emptied, so
that each hidden case of the notebook finds its function missing and the grader must
say why. Prints the peak memory (``ru_maxrss``) of the grading process itself, before
and after grading, and the wall time of grading. The notebook's own processes are not
counted: they are the student's, under the sandbox's limits.

Run it on another checkout's code (for a before/after comparison) with ``--repo``:

    .venv/bin/python benchmarks/missing_functions_in_a_huge_cell.py
    PYTHONDONTWRITEBYTECODE=1 /work/main/.venv/bin/python \
        benchmarks/missing_functions_in_a_huge_cell.py --repo /work/main

Not a test: it prints figures.
"""

import argparse
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def huge_cell(megabytes):
    """Notebook code of about ``megabytes`` MB that defines no graded function."""
    line = "filler_{0} = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\n"  # many tokens to the byte
    lines, size, i = [], 0, 0
    while size < megabytes * 1024 * 1024:
        lines.append(line.format(i))
        size += len(lines[-1])
        i += 1
    return "".join(lines)


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, default=HERE,
                        help="the checkout whose grader to measure (default: this one)")
    parser.add_argument("--megabytes", type=float, default=2.0)
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo.resolve()))

    from autograder.grade import grade
    from autograder.sandbox import detect
    from tests.autograder.conftest import solution_cells, solved, write_submission

    answers = sorted(grade_id for grade_id in solution_cells("numpy_basics")
                     if grade_id.endswith("_answer"))
    replacements = {grade_id: "# left out\n" for grade_id in answers}
    replacements[answers[0]] = huge_cell(args.megabytes)
    with tempfile.TemporaryDirectory(prefix="huge-cell-") as scratch:
        root = Path(scratch)
        write_submission(root / "huge_cell", {"numpy_basics": solved("numpy_basics",
                                                                     replacements)})
        sandbox = detect()
        before = peak_mb()
        start = time.perf_counter()
        result, = grade(root, assignment="week1_logistic_regression", workers=1,
                        sandbox=sandbox)
        wall = time.perf_counter() - start
    missing = sum("not defined" in t.feedback for t in result.tests)
    kinds = Counter(k for t in result.tests for k in t.mistakes)
    print(f"grader: {args.repo.resolve()}")
    print(f"one numpy_basics notebook, a {args.megabytes:g} MB cell, {len(answers) - 1} "
          f"answer cells emptied; {missing} of {len(result.tests)} cases 'not defined'; "
          f"sandbox: {sandbox.name}")
    print(f"mistakes said: {dict(kinds)}")
    print(f"grading process peak RSS: {before:7.0f} MB before grading, {peak_mb():7.0f} MB "
          f"after")
    print(f"wall time of grading: {wall:7.1f} s")


if __name__ == "__main__":
    main()
