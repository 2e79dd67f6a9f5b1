"""The ``check`` verb: a student runs a notebook's visible checks and sees a summary.

Contract: ``check_notebook(path)`` runs the notebook's code cells in a fresh
process (cells marked as not needed for grading are left out, so no model is
retrained), including its check cells, and returns one ``CheckResult`` per
check cell: passed, or the message its check gave.
"""

from dataclasses import dataclass
from pathlib import Path

from autograder.execution import GraderError, NotebookRun
from autograder.notebooks import is_grade_cell, nbgrader_meta, read_submission, skip_when_grading
from autograder.session import Limits, WorkerFailure


@dataclass(frozen=True)
class CheckResult:
    grade_id: str
    points: float
    passed: bool
    message: str


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
    with NotebookRun(cells, limits=limits) as run:
        try:
            run.ensure_started()
        except (WorkerFailure, GraderError) as failure:
            return [CheckResult(grade_id, points, False, str(failure))
                    for grade_id, points in checks.values()]
        results = []
        for number, (grade_id, points) in checks.items():
            problem = run.bad_cells.get(number)
            if problem is None and number in run.cell_errors:
                problem = run.cell_errors[number] + run.limit_hit(run.cell_errors[number])
            results.append(CheckResult(grade_id, points, problem is None, problem or ""))
    return results


def summary(path, results):
    """The text printed by ``python -m autograder check``."""
    passed = sum(r.passed for r in results)
    lines = [f"{Path(path).name}: {passed} of {len(results)} visible checks pass"]
    for r in results:
        if r.passed:
            lines.append(f"  ✓ {r.grade_id}")
        else:
            message = r.message.replace("\n", "\n      ")
            if "NotImplementedError" in message:
                message = "not written yet (it still raises NotImplementedError)"
            lines.append(f"  ✗ {r.grade_id}: {message}")
    lines.append("The hidden tests run other inputs as well: a passing check is a good sign, "
                 "not a grade.")
    return "\n".join(lines)
