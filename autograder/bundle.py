"""The ``bundle`` verb: the students' copy of the course, with no solution in it.

Contract: ``bundle(out_dir, selections)`` writes a new folder for students
holding the released notebooks of the selected assignments (an item is
``ASSIGNMENT`` or ``ASSIGNMENT/NOTEBOOK``), the helpers modules they import
(of ``helpers.reference`` only those: ``autograder.helpers_view``), the data
sets, ``open-course`` with the environment it sets up (a ``pyproject.toml``
with only the students' packages), ``check`` with the grader modules it needs,
the students' guide and a README. It returns a ``Bundle``: the files written
and the ``GiveAway`` of every exercise of a bundled notebook whose correct
version the bundle holds because another bundled notebook imports it (stage
such a notebook for after the other is due).

Every file is taken by name from an allow-list, so nothing else that lies in
the course's folders (the sources, the hidden cases, the references, a
course secret) can slip in, and a file holding solution or hidden-test
markers stops the bundle. Links are never followed. ``out_dir`` must be new
or empty; the bundle is built next to it and renamed into place, so it
appears whole or not at all. ``BundleError`` says what to do.
"""

import importlib
import inspect
import json
import os
import re
import shutil
import stat
import tempfile
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.helpers_view import HELPERS_DIR, answers, helpers_files, helpers_modules, \
    reference_modules
from autograder.intake import UnreadableFile, read_bytes
from autograder.notebooks import COURSE_DIR, assignments, source_notebooks

REPO_DIR = COURSE_DIR.parent
MAX_FILE_BYTES = 64 * 1024 * 1024
# The grader's modules that ``check`` imports (tests/autograder/test_bundle.py checks
# that they import no other): never the sources, the cases of an assignment or the
# references.
CHECK_FILES = tuple(f"autograder/{name}" for name in (
    "__init__.py", "check.py", "execution.py", "notebooks.py", "session.py", "sandbox.py",
    "cgroups.py", "helpers_view.py", "intake.py", "lateness.py", "replies.py", "scoring.py",
    "standins.py", "secret.py",
    "cases/__init__.py", "runtime/__init__.py", "runtime/codec.py", "runtime/worker.py"))
COURSE_FILES = ("open-course", "check", "scripts/setup-environment.sh",
                "scripts/jupyter-student/README.md",
                "scripts/jupyter-student/jupyter_server_config.json",
                "scripts/jupyter-student/labconfig/page_config.json")
GUIDE = "docs/students.md"
DATASET_FILES = tuple(f"datasets/{name}" for name in (
    "README.md", "build_cat_pictures.py", "train_cat_pictures.h5", "test_cat_pictures.h5",
    "try_your_own/drawn_cat.png", "try_your_own/drawn_fox.png"))
# What students install: the notebooks' and check's packages, and JupyterLab to open them.
STUDENT_PACKAGES = ("numpy", "matplotlib", "h5py", "pillow", "scikit-learn", "tqdm",
                    "threadpoolctl", "ipywidgets", "nbformat", "jupyterlab")
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


class BundleError(Exception):
    """The students' copy cannot be made: the sentence says why and what to do."""


@dataclass(frozen=True)
class GiveAway:
    """An exercise of a bundled notebook whose correct version the bundle holds."""

    importers: tuple   # the bundled notebooks that import it ("assignment/notebook")
    notebook: str      # the notebook whose exercise it answers ("assignment/notebook")
    exercise: str      # the exercise's function
    answer: str        # the correct version: "helpers.reference.<module>.<function>"


@dataclass(frozen=True)
class Bundle:
    path: Path
    notebooks: tuple   # "assignment/notebook", in course order
    files: tuple       # every file written, relative to path, sorted
    give_aways: tuple  # GiveAway


def chosen_notebooks(selections):
    """The source notebooks of ``ASSIGNMENT`` or ``ASSIGNMENT/NOTEBOOK`` items, in course
    order; LookupError names an unknown one."""
    chosen, rank = {}, {}
    for item in selections:
        assignment, _, name = item.strip("/").partition("/")
        sources = source_notebooks(assignment)
        picked = [s for s in sources if not name or s.name == name.removesuffix(".ipynb")]
        if not picked:
            raise LookupError(f"{assignment} has no notebook called {name!r} (it has: "
                              f"{', '.join(s.name for s in sources)}).")
        rank |= {label(s): (assignments().index(assignment), n) for n, s in enumerate(sources)}
        chosen |= {label(s): s for s in picked}
    return sorted(chosen.values(), key=lambda s: rank[label(s)])


def label(source):
    return f"{source.assignment}/{source.name}"


def bundle(out_dir, selections):
    """Write the students' copy of the selected notebooks to ``out_dir``; return a Bundle."""
    sources = chosen_notebooks(selections)
    if not sources:
        raise LookupError("Name at least one assignment to bundle.")
    out_dir = Path(out_dir)
    _refuse_unless_new(out_dir)
    files = {}
    cells = {}
    for source in sources:
        relative = f"notebooks/{source.assignment}/{source.filename}"
        files[relative] = _read(relative, f"run `.venv/bin/python -m autograder release "
                                          f"{source.assignment}` first")
        nb = nbformat.reads(files[relative][0].decode("utf-8"), as_version=4)
        cells[label(source)] = [c.source for c in nb.cells if c.cell_type == "code"]
    for relative in (*CHECK_FILES, *COURSE_FILES, GUIDE, *_guide_images(), *DATASET_FILES):
        files[relative] = _read(relative)
    grader_code = [files[relative][0].decode("utf-8") for relative in CHECK_FILES]
    notebook_code = [code for notebook in cells.values() for code in notebook]
    for path in helpers_files(helpers_modules(notebook_code + grader_code)):
        files[path.relative_to(HELPERS_DIR.parent).as_posix()] = _read_path(path)
    files["pyproject.toml"] = (_pyproject().encode(), 0o644)
    files["README.md"] = (_readme(sources).encode(), 0o644)
    files[".gitignore"] = (b".venv/\n__pycache__/\n*.egg-info/\n.ipynb_checkpoints/\n", 0o644)
    _refuse_markers(files)
    found = give_aways(sources, cells)
    _write_tree(out_dir, files)
    return Bundle(out_dir, tuple(label(s) for s in sources), tuple(sorted(files)),
                  tuple(found))


def give_aways(sources, cells):
    """Every exercise of ``sources`` that a reference module some bundled notebook imports
    answers (``helpers_view.answers`` on the exercise's hidden cases); ``cells`` maps each
    notebook's label to its code."""
    from autograder.cases import exercises
    from autograder.references import load_references

    importers = defaultdict(list)  # reference module -> labels of the notebooks importing it
    for name, code in cells.items():
        for module in reference_modules(code):
            importers[module].append(name)
    functions = []
    for module_name in sorted(importers):
        module = importlib.import_module(module_name)
        functions += [(module_name, f) for _, f in inspect.getmembers(module, inspect.isfunction)
                      if f.__module__ == module_name]
    references = {a: load_references(a) for a in dict.fromkeys(s.assignment for s in sources)}
    found = []
    for source in sources:
        expected = references[source.assignment][source.name]
        for exercise in exercises(source.assignment):
            if exercise.notebook != source.name or exercise.kind != "call":
                continue
            for module_name, function in functions:
                if answers(function, exercise, expected[exercise.grade_id]):
                    found.append(GiveAway(tuple(importers[module_name]), label(source),
                                          exercise.function,
                                          f"{module_name}.{function.__name__}"))
    return found


def give_away_warnings(found):
    """One paragraph per (importing notebooks, notebook given away), in plain words."""
    grouped = defaultdict(lambda: defaultdict(list))
    for give_away in found:
        module, _, _ = give_away.answer.rpartition(".")
        grouped[give_away.importers, give_away.notebook][module].append(give_away.exercise)
    paragraphs = []
    for (importers, notebook), modules in grouped.items():
        names = [name.partition("/")[2] for name in importers]
        one = len(names) == 1
        who = names[0] if one else f"{', '.join(names[:-1])} and {names[-1]}"
        holds = "; and ".join(f"{module}, which holds the correct {', '.join(exercises)}"
                              for module, exercises in modules.items())
        mine = notebook.partition("/")[2]
        paragraphs.append(
            f"{who} give{'s' if one else ''} away exercises of {notebook}: "
            f"{'it needs' if one else 'they need'} {holds}. Anyone with this bundle can "
            f"import them. Hand out {who} only after {mine} is due: bundle {mine} without "
            f"{'it' if one else 'them'} first.")
    return paragraphs


def _read(relative, missing_hint=None):
    path = REPO_DIR / relative
    if missing_hint and not os.path.lexists(path):
        raise FileNotFoundError(f"{relative} is missing: {missing_hint}.")
    return _read_path(path)


def _read_path(path):
    """(bytes, mode) of a course file; a link or a special file is refused, never followed."""
    shown = path.relative_to(REPO_DIR) if REPO_DIR in path.parents else path
    try:
        data = read_bytes(path, MAX_FILE_BYTES)
        info = os.lstat(path)
    except (UnreadableFile, OSError):
        raise BundleError(f"{shown} cannot go into the bundle: it is missing, a link or not "
                          f"a regular file (links are never followed). Restore the file "
                          f"itself.") from None
    if len(data) > MAX_FILE_BYTES:
        raise BundleError(f"{shown} is over {MAX_FILE_BYTES // 2**20} MB: too large to "
                          f"bundle.")
    return data, 0o755 if info.st_mode & stat.S_IXUSR else 0o644


def _guide_images():
    text = (REPO_DIR / GUIDE).read_text(encoding="utf-8")
    return sorted({f"docs/{link}" for link in re.findall(r"\]\((images/[^)\s]+)\)", text)})


def _refuse_markers(files):
    for relative, (data, _) in sorted(files.items()):
        for marker in MARKERS:
            if marker.encode() in data:
                hint = (" Release the assignment again (python -m autograder release ...)."
                        if relative.startswith("notebooks/") else "")
                raise BundleError(f"{relative} holds {marker!r}, which only the instructor's "
                                  f"sources may hold; nothing was written.{hint}")


def _refuse_unless_new(out_dir):
    if os.path.islink(out_dir):
        raise BundleError(f"{out_dir} is a link; links are never followed: give a new "
                          f"folder for the bundle.")
    if out_dir.exists():
        if not out_dir.is_dir():
            raise BundleError(f"{out_dir} is a file: give a new folder for the bundle.")
        if any(out_dir.iterdir()):
            raise BundleError(f"{out_dir} exists and is not empty: give a new or empty folder "
                              f"for the bundle, so that nothing in it is overwritten.")


def _write_tree(out_dir, files):
    """Write ``{relative path: (bytes, mode)}`` into a fresh folder beside ``out_dir``, then
    rename it to ``out_dir``: the bundle appears whole, or not at all."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", suffix=".partial",
                                    dir=out_dir.parent))
    try:
        for relative, (data, mode) in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
            _write_file(target, data, mode)
        os.chmod(staging, 0o755)
        try:
            os.rename(staging, out_dir)  # replaces an empty folder, never a full one
        except OSError as error:
            raise BundleError(f"{out_dir} could not be made ({error.strerror}): give a new "
                              f"or empty folder for the bundle.") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _write_file(target, data, mode):
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(target, mode)  # whatever the umask


def _pyproject():
    """The students' pyproject.toml: the course's own pins of STUDENT_PACKAGES only."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    with open(REPO_DIR / "pyproject.toml", "rb") as f:
        course = tomllib.load(f)
    pins = {canonicalize_name(Requirement(spec).name): spec
            for spec in course["project"]["dependencies"]}
    missing = [name for name in STUDENT_PACKAGES if name not in pins]
    if missing:
        raise BundleError(f"pyproject.toml no longer lists {', '.join(missing)}: update "
                          f"STUDENT_PACKAGES in autograder/bundle.py.")
    dependencies = "".join(f"    {json.dumps(pins[name])},\n" for name in STUDENT_PACKAGES)
    build = course["build-system"]
    return (f"# The students' copy of the course: what the notebooks and ./check need.\n"
            f"[build-system]\nrequires = {json.dumps(build['requires'])}\n"
            f"build-backend = {json.dumps(build['build-backend'])}\n\n"
            f"[project]\nname = \"{course['project']['name']}-students\"\n"
            f"version = {json.dumps(course['project']['version'])}\n"
            f"requires-python = {json.dumps(course['project']['requires-python'])}\n"
            f"dependencies = [\n{dependencies}]\n\n"
            f"[tool.setuptools.packages.find]\ninclude = [\"helpers*\", \"autograder*\"]\n")


README = """# Deep learning from scratch, in numpy: your copy of the course

This folder holds the notebooks your instructor has handed out so far:

| folder | notebooks |
| --- | --- |
{table}

## Getting started

On a machine with Python 3.11 or newer, in this folder:

```
./open-course
```

The first time, this creates the course's Python environment in `.venv` (a few
minutes); then JupyterLab opens on `notebooks/`. Start with
`notebooks/{first}.ipynb`. Your work is saved in the notebooks themselves: hand
them in as your instructor asks.

## Checking your work

Every exercise has a check cell under it, and the last cell of each notebook is
your checklist. The same checklist from a terminal, for a saved notebook:

```
./check notebooks/{first}.ipynb
```

A passing check is a good sign, not a grade: the grader calls your functions on
other inputs, which are not in this folder.

## What is here

- `notebooks/`: the notebooks, one folder per week.
- `docs/students.md`: the guide: the checks and the checklist, the explorers, how
  your work is graded, what "your own function" means, asking for help.
- `helpers/`: the code the notebooks import (data loading, plots, the checks, the
  correct versions of earlier exercises that later notebooks build on).
- `datasets/`: the pictures the notebooks load.
- `autograder/`: only what `./check` needs to run a notebook's checks.
"""


def _readme(sources):
    weeks = defaultdict(list)
    for source in sources:
        weeks[source.assignment].append(f"`{source.name}`")
    table = "\n".join(f"| `{week}` | {', '.join(names)} |" for week, names in weeks.items())
    return README.format(table=table, first=label(sources[0]))
