"""Whether a source notebook's stored outputs are still what executing it would give.

Contract: ``outputs_digest(path, assignment)`` fingerprints everything a source
notebook's outputs depend on: its code cells (not its markdown), every file of the
helpers, the data sets and the grader's code (the grade cells run it), the notebook's
own public reference outputs, and the versions of Python, numpy and matplotlib. Another
notebook of the same assignment changing leaves it fresh.
``mark(path, assignment)`` records that digest in the notebook's metadata
(``metadata.autograder.outputs_digest``; the release replaces that key, so it never
reaches students) once the notebook has been executed; ``stale(path, assignment)``
says whether it must be executed again: no digest, or another one.

``scripts/refresh-assignment.sh`` uses it through the command line, to execute only
the notebooks that changed:

    python -m autograder.stored_outputs stale ASSIGNMENT NOTEBOOK  # exit 0: stale, 1: fresh
    python -m autograder.stored_outputs mark ASSIGNMENT NOTEBOOK
"""

import hashlib
import json
import platform
import sys
from pathlib import Path

import nbformat

from autograder.notebooks import COURSE_DIR
from autograder.runtime import codec

REPO_DIR = COURSE_DIR.parent
KEY = "outputs_digest"


def _files(repo):
    """The files besides the notebook that its outputs depend on, in a fixed order."""
    repo = Path(repo)
    found = list((repo / "helpers").rglob("*.py"))
    found += [p for p in (repo / "datasets").rglob("*") if p.is_file()]
    found += (repo / "autograder").rglob("*.py")
    return sorted((p for p in found if "__pycache__" not in p.parts and p.is_file()),
                  key=lambda p: p.relative_to(repo).as_posix())


def _references(repo, assignment, notebook):
    """The notebook's own part of the assignment's public references (what its grade cells
    compare with), as JSON; the file's other parts change with the other notebooks."""
    path = Path(repo) / "autograder" / "references" / f"{assignment}.json"
    if not path.is_file():
        return None
    outputs = codec.decode(json.loads(path.read_text())["outputs"])
    return codec.encode(outputs[notebook]) if notebook in outputs else None


def _versions():
    import matplotlib
    import numpy

    return [platform.python_version(), numpy.__version__, matplotlib.__version__]


def outputs_digest(path, assignment, repo=REPO_DIR):
    """The fingerprint of what the outputs of the notebook at ``path`` depend on."""
    nb = nbformat.read(path, as_version=4)
    digest = hashlib.sha256()
    digest.update(json.dumps({
        "code": [c.source for c in nb.cells if c.cell_type == "code"],
        "references": _references(repo, assignment, Path(path).stem),
        "versions": _versions()}, sort_keys=True).encode())
    for file in _files(repo):
        digest.update(file.relative_to(repo).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def stale(path, assignment, repo=REPO_DIR):
    """Whether the notebook must be executed again for its stored outputs to be current."""
    nb = nbformat.read(path, as_version=4)
    stored = (nb.metadata.get("autograder") or {}).get(KEY)
    return stored != outputs_digest(path, assignment, repo)


def mark(path, assignment, repo=REPO_DIR):
    """Record in the notebook that its stored outputs are those of its current digest."""
    digest = outputs_digest(path, assignment, repo)
    nb = nbformat.read(path, as_version=4)
    nb.metadata.setdefault("autograder", {})[KEY] = digest
    Path(path).write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 3 or argv[0] not in ("stale", "mark"):
        print("usage: python -m autograder.stored_outputs stale|mark ASSIGNMENT NOTEBOOK",
              file=sys.stderr)
        return 2
    verb, assignment, path = argv
    if verb == "mark":
        mark(path, assignment)
        return 0
    return 0 if stale(path, assignment) else 1


if __name__ == "__main__":
    sys.exit(main())
