"""Reference outputs: what the source solutions return on every hidden case.

Contract: ``build_references(assignment)`` runs each source notebook (its
solutions) exactly as the grader runs a student's, calls every exercise on its
hidden cases and returns the outputs; ``write_references`` stores them with a
fingerprint of the sources and cases; ``load_references`` reads them back and
refuses stale ones, saying which command regenerates them. The file never goes
into a student release.

Where they live depends on the course secret in use (``autograder.secret``):
without one, the public references, ``autograder/references/<assignment>.json``,
committed with the sources; with one, ``autograder/references/private/<digest>/
<assignment>.json``, which git ignores. Each file records the digest of its secret
("" for none) and is refused under another.
"""

import json
import os
import tempfile
from pathlib import Path

import nbformat

from autograder import secret
from autograder.cases import exercises
from autograder.execution import NotebookRun, run_cases
from autograder.notebooks import COURSE_DIR, cells_to_run, source_notebooks, sources_digest
from autograder.runtime import codec
from autograder.sandbox import detect

REFERENCE_DIR = COURSE_DIR / "references"


class ReferencesError(Exception):
    """Missing or stale reference outputs, with the command that fixes it."""


PRIVATE_DIR = REFERENCE_DIR / "private"


def reference_path(assignment):
    """The references file for the course secret in use."""
    digest = secret.digest()
    return (PRIVATE_DIR / digest if digest else REFERENCE_DIR) / f"{assignment}.json"


def build_references(assignment, sandbox=None):
    """Run the source solutions on every hidden case (in ``sandbox``, by default the best
    this machine has, so that they see exactly what a student's notebook sees).

    Returns:
    outputs -- dict notebook -> grade_id -> case_id -> output (plain data); the keys
               ``case_id~n`` hold the results of the variant calls of case hints
    """
    all_exercises = exercises(assignment)
    sandbox = sandbox or detect()
    outputs = {}
    for source in source_notebooks(assignment):
        nb = nbformat.read(source.path, as_version=4)
        mine = [e for e in all_exercises if e.notebook == source.name]
        outputs[source.name] = {}
        # the solutions run as a student's notebook does: only the reference modules
        # the notebook imports are there
        with NotebookRun(cells_to_run(nb, source), sandbox=sandbox,
                         reference_modules=source.reference_modules) as run:
            for exercise, case, outcome in run_cases(run, mine):
                if run.cell_errors or run.bad_cells:
                    raise ReferencesError(f"{source.filename}: cells failed while building "
                                          f"the references: {run.cell_errors or run.bad_cells}")
                _require(outcome, source, exercise, case)
                value = outcome.value[case.case_id] if exercise.kind == "answers" \
                    else outcome.value
                outputs[source.name].setdefault(exercise.grade_id, {})[case.case_id] = value
            for exercise in mine:  # what the hints compare with (Hint.like)
                for case in exercise.cases:
                    for key, inputs in case.variants().items():
                        outcome = run.call(exercise.function, inputs, exercise.stand_ins)
                        _require(outcome, source, exercise, case)
                        outputs[source.name][exercise.grade_id][key] = outcome.value
    return outputs


def _require(outcome, source, exercise, case=None):
    if outcome.failure is not None:
        where = f", case {case.case_id}" if case else ""
        raise ReferencesError(f"The solution of {exercise.function} in {source.filename} "
                              f"failed{where}: {outcome.failure}: {outcome.message}")


def write_references(assignment, outputs=None, path=None):
    """Build (unless given) and store the references atomically; return the path."""
    outputs = build_references(assignment) if outputs is None else outputs
    path = Path(path or reference_path(assignment))
    data = {"assignment": assignment, "sources_digest": sources_digest(assignment),
            "outputs": codec.encode(outputs)}
    if secret.digest():  # the public file stays as it was before there were secrets
        data["secret_digest"] = secret.digest()
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, suffix=".tmp") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(f.name, path)
    return path


def load_references(assignment):
    """The stored references of an assignment; ReferencesError if missing or stale."""
    path, digest = reference_path(assignment), secret.digest()
    if digest:
        fix = (f"run `.venv/bin/python -m autograder references {assignment}` (they are "
               f"kept out of git, in {path.parent})")
        whose = f" for the course secret in use (digest {digest})"
    else:
        fix = (f"run `.venv/bin/python -m autograder references {assignment}` and commit "
               f"the result")
        whose = ""
    if not path.exists():
        raise ReferencesError(f"No reference outputs of {assignment}{whose}: {fix}.")
    data = json.loads(path.read_text())
    if data.get("secret_digest", "") != digest:
        raise ReferencesError(f"{path} holds the reference outputs of another course secret "
                              f"(digest {data.get('secret_digest') or 'none'}), not of the "
                              f"one in use (digest {digest or 'none'}): {fix}.")
    if data.get("sources_digest") != sources_digest(assignment):
        raise ReferencesError(f"The reference outputs of {assignment} are older than its "
                              f"source notebooks or hidden cases: {fix}.")
    return codec.decode(data["outputs"])
