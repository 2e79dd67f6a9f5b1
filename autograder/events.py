"""Silent events made visible: the top-level cells of a notebook the grader left out.

Contract: a cell that raises an error, runs past its time limit or kills its
notebook's process costs no points (``autograder.execution`` runs the next cells,
starting the process again without it), but the student is told, once:
``cell_events(notebook, run)`` turns a ``NotebookRun``'s record of such cells into
``CellEvent``s, each with one sentence ("numpy_basics.ipynb: cell 14 did not finish
within 60 s and was left out: ...") made from the cell's number, the kind of event
and the grader's own limit, never from the student's text. ``autograder.grade``
puts them in the result (its ``events``, and its ``error``: the table's note and
the JSON), the feedback page says each on a line, and the class report counts them.
"""

from dataclasses import dataclass

UNWRITTEN = "NotImplementedError"  # the error of a cell as it was handed out


EVENTS = {  # what became of a top-level cell the grader left out: how it is said
    "error": "raised an error, so the cells after it ran without what it defines",
    "timeout": "did not finish within {seconds:g} s and was left out",
    "died": "stopped the notebook's process (a crash or a limit) and was left out",
    "protocol": "broke the grader's rules and was left out",
}


@dataclass
class CellEvent:
    """A top-level cell of a student's notebook that erred, timed out or killed its
    process: it costs no points, and is said once (``sentence``, made by the grader
    from these fields alone, never from the student's text)."""

    notebook: str
    cell: int
    event: str         # a key of EVENTS
    seconds: float = 0.0  # the cell's time limit, for "timeout"
    sentence: str = ""


def event_sentence(notebook, cell, event, seconds=0.0):
    """One event in one sentence, for the student's page, the table and the report."""
    return (f"{notebook}.ipynb: cell {cell} {EVENTS[event].format(seconds=seconds)}: your "
            f"notebook does not run top to bottom (this costs no points by itself).")


def cell_events(notebook, run):
    """The CellEvents of a NotebookRun, by cell: its left-out cells and those that erred
    (with another error than the NotImplementedError of an exercise not written yet)."""
    events = []
    for cell, (kind, seconds) in sorted(run.left_out.items()):
        kind = kind if kind in EVENTS else "died"
        events.append(CellEvent(notebook, cell, kind, round(seconds, 3),
                                event_sentence(notebook, cell, kind, round(seconds, 3))))
    for cell in sorted(set(run.cell_errors) - set(run.left_out)):
        if run.cell_errors[cell].startswith(UNWRITTEN):
            continue  # an exercise not written yet: its feedback says so
        events.append(CellEvent(notebook, cell, "error", 0.0,
                                event_sentence(notebook, cell, "error")))
    return sorted(events, key=lambda event: event.cell)


def error_without_events(result):
    """A result's error without the sentences of its CellEvents: what else it says."""
    error = result.error or ""
    for event in result.events:
        error = error.replace(event.sentence, "")
    return " ".join(error.split())
