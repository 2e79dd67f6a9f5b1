"""The ``check`` verb: a student runs a notebook's visible checks and sees its checklist.

Contract: ``check_notebook(path)`` runs the notebook's code cells in a fresh
process (cells marked as not needed for grading are left out, so no model is
retrained), including its check cells, and returns one ``CheckResult`` per
exercise, in notebook order: passed, failed with its first hint, or not
attempted yet, and the points at stake. ``summary`` words them as the
checklist a notebook's last cell shows (``helpers.checklist``), in colour on a
terminal. ``main`` is the students' command (``./check NOTEBOOK``, that is
``python -m autograder.check NOTEBOOK``): it needs none of the instructor's
files (sources, hidden cases, references), so it works in the students' copy
of the course (``autograder.bundle``).
"""

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from autograder.execution import GraderError, NotebookRun
from autograder.notebooks import (SubmissionError, is_grade_cell, nbgrader_meta, read_submission,
                                  skip_when_grading)
from autograder.session import Limits, WorkerFailure
from helpers.checklist import FAILED, NOT_ATTEMPTED, PASSED, checklist_lines

RECORDS = ("from helpers.checklist import records as _course_checklist_records\n"
           "_course_checklist = _course_checklist_records()")
NOT_WRITTEN = ("NotImplementedError", "not written yet", "not answered yet")


@dataclass(frozen=True)
class CheckResult:
    grade_id: str
    points: float
    status: str    # "passed", "failed" or "not attempted"
    message: str   # the first hint of a failure, or why it was not attempted

    @property
    def passed(self):
        return self.status == PASSED


def _status_of_cell(problem):
    """(status, first line) of a check cell that stopped with ``problem`` (or did not)."""
    if problem is None:
        return PASSED, ""
    lines = [line.strip().removeprefix("- ") for line in problem.splitlines() if line.strip()]
    if any(words in problem for words in NOT_WRITTEN):
        return NOT_ATTEMPTED, "it still raises NotImplementedError"
    return FAILED, lines[0] if lines else problem


def check_notebook(path, *, limits=Limits()):
    """Run a notebook's visible checks; return a list of CheckResult in notebook order."""
    nb = read_submission(path)
    cells, checks = [], {}
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code" or skip_when_grading(cell):
            continue
        cells.append((number, cell.source))
        if is_grade_cell(cell):
            meta = nbgrader_meta(cell)
            checks[number] = (str(meta.get("grade_id", f"cell {number}")),
                              float(meta.get("points", 0)))
    cells.append((len(nb.cells) + 1, RECORDS))
    with NotebookRun(cells, limits=limits) as run:
        try:
            run.ensure_started()
        except (WorkerFailure, GraderError) as failure:
            return [CheckResult(grade_id, points, FAILED, str(failure))
                    for grade_id, points in checks.values()]
        found = run.get("_course_checklist")
        recorded = found.value if found.failure is None and isinstance(found.value, dict) else {}
        results = []
        for number, (grade_id, points) in checks.items():
            problem = run.bad_cells.get(number)
            if problem is None and number in run.cell_errors:
                problem = run.cell_errors[number] + run.limit_hit(run.cell_errors[number])
            status, hint = _status_of_cell(problem)
            mine = recorded.get(grade_id)
            if status != NOT_ATTEMPTED and isinstance(mine, list) and len(mine) == 2 \
                    and mine[0] in (PASSED, FAILED, NOT_ATTEMPTED):
                status, hint = mine[0], mine[1] or hint
            results.append(CheckResult(grade_id, points, status, hint))
    return results


def use_colour(stream=sys.stdout):
    """Colours on a terminal, unless NO_COLOR is set."""
    return stream.isatty() and "NO_COLOR" not in os.environ


def summary(path, results, colour=False):
    """The text printed by ``./check`` (and ``python -m autograder check``)."""
    rows = [(r.grade_id, r.points, r.status, r.message) for r in results]
    lines = checklist_lines(rows, colour=colour)
    lines[0] = f"{Path(path).name}: {lines[0]}"
    lines.append("The hidden tests run other inputs as well: a passing check is a good sign, "
                 "not a grade.")
    return "\n".join(lines)


def run(path):
    """Check a notebook and print its checklist; return the exit status (0: all pass)."""
    results = check_notebook(path)
    print(summary(path, results, colour=use_colour()))
    return 0 if all(r.passed for r in results) else 1


def main(argv=None):
    parser = argparse.ArgumentParser(prog="./check", description="Run a notebook's visible "
                                     "checks and print its checklist.")
    parser.add_argument("notebook")
    args = parser.parse_args(argv)
    try:
        return run(args.notebook)
    except SubmissionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
