"""Where a notebook stands: each exercise passed, failed (with its first hint), not
attempted yet, or not checked yet, and the points at stake.

The contract: the visible checks (``helpers.testing``) call ``record`` each time
they judge a function; ``records()`` returns what they found, as plain data;
``show_checklist(points)`` shows the notebook's exercises as a table (HTML in a
notebook, text elsewhere), and ``checklist_lines(rows, colour=)`` is the same
table as lines of text, which ``python -m autograder check`` prints too.
A passing visible check is a good sign, not a grade: the hidden tests use
other inputs.
"""

__all__ = ["record", "records", "checklist_lines", "show_checklist"]

PASSED, FAILED, NOT_ATTEMPTED, NOT_CHECKED = "passed", "failed", "not attempted", "not checked"
MARKS = {PASSED: "✓", FAILED: "✗", NOT_ATTEMPTED: "·", NOT_CHECKED: "?"}
COLOURS = {PASSED: "\033[32m", FAILED: "\033[31m", NOT_ATTEMPTED: "\033[33m",
           NOT_CHECKED: "\033[2m"}
RESET = "\033[0m"

_records = {}  # name -> [status, first hint] of the last check of that name in this session


def record(name, status, hint=""):
    """Note the outcome of the latest visible check of ``name`` (a function or answer set)."""
    first = str(hint).strip().splitlines()[0] if str(hint).strip() else ""
    _records[name] = [status, first.removeprefix("- ")]


def records():
    """{name: [status, first hint]} of every check run in this session (plain data)."""
    return {name: list(found) for name, found in _records.items()}


def last_status(name):
    """The status of the latest check of ``name``, or None if it has not run."""
    found = _records.get(name)
    return found[0] if found else None


def checklist_lines(rows, colour=False):
    """The checklist as text.

    rows -- list of (exercise, points, status, hint)
    colour -- mark the statuses with terminal colours
    """
    width = max([len("exercise")] + [len(row[0]) for row in rows])
    passed = [row for row in rows if row[2] == PASSED]
    at_stake = sum(row[1] for row in rows)
    earned = sum(row[1] for row in passed)
    lines = [f"{len(passed)} of {len(rows)} visible checks pass, worth {earned:g} of the "
             f"{at_stake:g} points at stake"]
    for exercise, points, status, hint in rows:
        mark = MARKS[status]
        if colour:
            mark = f"{COLOURS[status]}{mark}{RESET}"
        said = status if not hint or status == PASSED else f"{status}: {hint}"
        lines.append(f"  {mark} {exercise:<{width}}  {points:>4g} pt  {said}")
    return lines


class Checklist:
    """The table ``show_checklist`` shows: HTML in a notebook, text anywhere else."""

    def __init__(self, rows):
        self.rows = rows

    def __repr__(self):
        return "\n".join(checklist_lines(self.rows))

    def _repr_html_(self):
        from html import escape

        left = "style='text-align:left'"
        cells = "".join(
            f"<tr><td {left}>{MARKS[status]}</td><td {left}><code>{escape(name)}</code></td>"
            f"<td style='text-align:right'>{points:g}</td><td {left}>{escape(status)}</td>"
            f"<td {left}>{escape(hint if status != PASSED else '')}</td></tr>"
            for name, points, status, hint in self.rows)
        heads = "".join(f"<th {left}>{head}</th>" for head in
                        ("", "exercise", "points", "status", "first hint"))
        return (f"<p>{escape(checklist_lines(self.rows)[0])}</p><table><tr>{heads}</tr>"
                f"{cells}</table>")


def show_checklist(points):
    """The notebook's exercises as a table: passed, failed with its first hint, not
    attempted, or not checked yet in this session (run its check cell), with the points
    at stake. A notebook shows the returned table as HTML.

    points -- {exercise: points}, in the notebook's order
    """
    return Checklist([(name, float(worth), last_status(name) or NOT_CHECKED,
                       _records.get(name, ["", ""])[1]) for name, worth in points.items()])
