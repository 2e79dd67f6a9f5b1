"""The students' copy of the course (``python -m autograder bundle``) holds no solution,
and works on its own.

A bundle of weeks 1-5 is made once, from a copy of the course (so that the secret it
plants in the course's folders is never where a grader running beside it would find it).
Its files are checked for what must never be in it (solution and hidden-test text, the
sources, the hidden cases, the references, the sample submissions, a file planted in the
course's folders) and for what must be: the
reference modules its notebooks import and no other, each exercise they give away said
in a warning, the grader modules ``check`` imports, the packages its code imports.

Then each released notebook, filled in with the source's solutions, is checked by the
bundle's own ``./check`` in a copy of the bundle whose Python sees only that copy: a
fresh virtual environment with the bundle on its path in place of an install (no
network here; ``pip install -e .`` would do the same) and the repository's packages
but not the repository's own editable install. Each notebook gets one more check cell
asserting that every ``helpers`` and ``autograder`` module its process loaded comes
from the bundle. ``check`` runs every code cell of the notebook (its visible checks
included) except those marked ``skip_when_grading`` (training runs, plots, explorers
and "try your own" pictures), as it does for a student: those take minutes and check
nothing. JupyterLab itself is not started: the bundle's ``open-course`` is the
repository's own file (tests/test_open_course.py runs it) and the environment it
installs is the ``pyproject.toml`` checked here. The whole file takes about a minute
on two cores shared with other test runs (under 30 s of CPU).
"""

import ast
import errno
import hashlib
import importlib
import importlib.metadata
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import nbformat
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import autograder.bundle as bundle_module
from autograder.bundle import MARKERS, BundleError, bundle, give_away_warnings
from autograder.cases import exercises
from autograder.helpers_view import answers, plain_python, reference_modules
from autograder.notebooks import COURSE_DIR, nbgrader_meta
from autograder.references import load_references
from tests.autograder.conftest import TESTS_DIR, notebook_names_of, solved

REPO = COURSE_DIR.parent
WEEKS = ("week1_logistic_regression", "week2_shallow_network", "week3_deep_network",
         "week4_practical_aspects", "week5_optimization")
NOTEBOOKS = [(week, name) for week in WEEKS for name in notebook_names_of(week)]
PLANTED = ("autograder/course-secret", "helpers/course-secret")
SECRET = b"course secret 7f3a: never for students"
GUIDES = ("README.md", "docs/students.md")


def _instructor_files():
    """Every file only the instructor may hold: sources, cases, references, samples."""
    found = [*(COURSE_DIR / "source").rglob("*"), *(COURSE_DIR / "cases").glob("week*.py"),
             *(COURSE_DIR / "references").rglob("*"), *(TESTS_DIR / "submissions").rglob("*")]
    return [p for p in found if p.is_file()]


def _copy_of_the_course(target):
    """The repository's files as they stand (git's list of them), copied to ``target``: the
    planted secret goes into the copy, never into the course's own folders, where a grader
    or a refresh running beside this test would find it."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for relative in filter(None, listed):
        if (REPO / relative).is_file():
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / relative, target / relative)
    return target


MAKE_BUNDLE = """
import json, os, sys
from dataclasses import asdict
import autograder.bundle
from autograder.bundle import bundle
assert autograder.bundle.__file__.startswith(os.getcwd()), autograder.bundle.__file__
made = bundle(sys.argv[1], sys.argv[2:])
print(json.dumps({**asdict(made), "path": str(made.path)}))
"""


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A bundle of weeks 1-5, made from a copy of the course in which a secret lies planted
    in the course's folders (where ``python -m autograder secret init`` writes it)."""
    copy = _copy_of_the_course(tmp_path_factory.mktemp("repository"))
    for relative in PLANTED:
        path = copy / relative
        path.write_bytes(SECRET)
        path.chmod(0o600)
    made = subprocess.run([sys.executable, "-c", MAKE_BUNDLE,
                           str(tmp_path_factory.mktemp("bundle") / "course"), *WEEKS],
                          cwd=copy, env=dict(os.environ, PYTHONPATH=str(copy)),
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    data = json.loads(made.stdout.splitlines()[-1])
    Bundle = bundle_module.Bundle
    yield Bundle(Path(data["path"]), tuple(data["notebooks"]), tuple(data["files"]),
                 tuple(bundle_module.GiveAway(**{k: tuple(v) if isinstance(v, list) else v
                                                 for k, v in g.items()})
                       for g in data["give_aways"]))


def _bundle_files(course):
    return {path.relative_to(course.path).as_posix(): path
            for path in sorted(course.path.rglob("*")) if path.is_file()}


def test_the_bundle_holds_no_solution_hidden_test_source_case_or_reference(course):
    files = _bundle_files(course)
    assert set(files) == set(course.files)
    assert "notebooks/week3_deep_network/deep_network_application.ipynb" in files
    for relative, path in files.items():
        data = path.read_bytes()
        for marker in MARKERS:
            assert marker.encode() not in data, f"{relative} holds {marker!r}"
        assert not relative.startswith(("autograder/source/", "autograder/references/",
                                        "tests/")), relative
        assert not re.fullmatch(r"autograder/cases/(?!__init__\.py$).*", relative), relative
    instructor = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in _instructor_files()}
    assert len(instructor) > 20, "no instructor files found: the test would prove nothing"
    for relative, path in files.items():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest not in instructor, f"{relative} is a copy of {instructor[digest]}"


def test_a_file_planted_in_the_course_folders_never_reaches_the_bundle(course):
    for relative, path in _bundle_files(course).items():
        assert "course-secret" not in relative
        assert SECRET not in path.read_bytes(), relative


def _released_code(course, label):
    nb = nbformat.read(course.path / "notebooks" / f"{label}.ipynb", as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


def test_the_bundle_holds_only_the_reference_modules_its_notebooks_import(course):
    wanted = set().union(*(reference_modules(_released_code(course, n)) for n in course.notebooks))
    held = {f"helpers.reference.{Path(r).stem}" for r in course.files
            if r.startswith("helpers/reference/") and not r.endswith("__init__.py")}
    assert held == wanted and "helpers.reference.deep_network" in held
    assert not any(r.startswith("helpers/reference/") and "data_setup" in r
                   for r in course.files)  # no bundled notebook imports it


def test_every_exercise_a_bundled_reference_module_answers_is_warned_about(course):
    warned = {(g.notebook, g.exercise, g.answer) for g in course.give_aways}
    references = {week: load_references(week) for week in WEEKS}
    for relative in course.files:
        if not relative.startswith("helpers/reference/") or relative.endswith("__init__.py"):
            continue
        name = f"helpers.reference.{Path(relative).stem}"
        assert (course.path / relative).read_bytes() == (REPO / relative).read_bytes()
        functions = [f for _, f in inspect.getmembers(importlib.import_module(name),
                                                      inspect.isfunction)
                     if f.__module__ == name]
        for label in course.notebooks:
            week, notebook = label.split("/")
            expected = references[week][notebook]
            for exercise in exercises(week):
                if exercise.notebook != notebook or exercise.kind != "call":
                    continue
                for function in functions:
                    if answers(function, exercise, expected[exercise.grade_id]):
                        assert (label, exercise.function, f"{name}.{function.__name__}") \
                            in warned
    # the case the course is built on: week 3's application imports the step by step's
    application = {g.exercise for g in course.give_aways
                   if g.notebook == "week3_deep_network/deep_network_step_by_step"
                   and "week3_deep_network/deep_network_application" in g.importers}
    assert {"L_model_forward", "L_model_backward", "update_parameters"} <= application
    said = "\n".join(give_away_warnings(course.give_aways))
    assert ("deep_network_application, initialization and optimization_methods give away "
            "exercises of week3_deep_network/deep_network_step_by_step") in said
    # week 5 trains from week 4's He start: it goes out once initialization is due
    assert ("optimization_methods gives away exercises of week4_practical_aspects/initialization"
            in said)
    assert "only after deep_network_step_by_step is due" in said
    # week 3's application starts from Xavier's scale, week 4's exercise: said, not hidden
    assert ("week3_deep_network/deep_network_application", "initialize_parameters_xavier",
            "helpers.reference.scaled_initialization.initialize_parameters_deep_scaled") in {
        (g.importers[0], g.exercise, g.answer) for g in course.give_aways}


def test_a_staged_release_gives_nothing_away(tmp_path):
    first = bundle(tmp_path / "first", ["week3_deep_network/deep_network_step_by_step"])
    assert first.notebooks == ("week3_deep_network/deep_network_step_by_step",)
    assert first.give_aways == ()
    assert "helpers/reference/deep_network.py" not in first.files
    week1 = bundle(tmp_path / "week1", ["week1_logistic_regression"])
    assert week1.give_aways == ()
    assert not any(r.startswith("helpers/reference/") for r in week1.files)


def test_the_grader_modules_in_the_bundle_import_only_what_it_holds(course):
    files = set(course.files)

    def held(module):
        base = module.replace(".", "/")
        return f"{base}.py" in files or f"{base}/__init__.py" in files

    checked = 0
    for relative in files:
        if not relative.startswith(("autograder/", "helpers/")) or not relative.endswith(".py"):
            continue
        package = relative.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
        if not relative.endswith("__init__.py"):
            package = package.rpartition(".")[0]
        for node in ast.walk(ast.parse((course.path / relative).read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module if not node.level else
                         ".".join([*package.split(".")[:len(package.split(".")) - node.level + 1],
                                   *([node.module] if node.module else [])])]
            else:
                continue
            for name in names:
                if name.split(".")[0] in ("autograder", "helpers"):
                    assert held(name), f"{relative} imports {name}, which the bundle lacks"
                    checked += 1
    assert checked > 20


def _imported_top_names(course):
    code = [(course.path / r).read_text() for r in course.files if r.endswith(".py")]
    for label in course.notebooks:
        code += [plain_python(c) for c in _released_code(course, label)]
    names = set()
    for text in code:
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names.add(node.module.split(".")[0])
    local = {"autograder", "helpers", "codec", "__future__"}
    return {n for n in names - local if n not in sys.stdlib_module_names}


def _requirement_closure(names):
    seen, todo = set(), list(names)
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        for text in requires:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


def test_the_students_pyproject_installs_what_the_bundle_imports_and_nothing_more(course):
    with open(course.path / "pyproject.toml", "rb") as f:
        project = tomllib.load(f)
    declared = {canonicalize_name(Requirement(s).name) for s in project["project"]["dependencies"]}
    providers = importlib.metadata.packages_distributions()
    imported = set()
    for name in _imported_top_names(course):
        assert name in providers, f"the bundle imports {name}, which no package provides"
        imported |= {canonicalize_name(d) for d in providers[name]}
    assert imported <= _requirement_closure(declared), imported - _requirement_closure(declared)
    assert declared <= imported | {"jupyterlab"}, declared - imported  # nothing more
    assert not declared & {"nbgrader", "pytest", "dask", "distributed", "playwright"}
    assert project["tool"]["setuptools"]["packages"]["find"]["include"] == ["helpers*",
                                                                           "autograder*"]


def test_every_file_the_guide_readme_and_notebooks_name_is_in_the_bundle(course):
    texts = {guide: (course.path / guide).read_text() for guide in GUIDES}
    for label in course.notebooks:
        nb = nbformat.read(course.path / "notebooks" / f"{label}.ipynb", as_version=4)
        texts[label] = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    commands = 0
    for name, text in texts.items():
        for link in re.findall(r"\]\(([^)#\s]+)\)", text) if name in GUIDES else ():
            if "://" not in link:
                assert (course.path / name).parent.joinpath(link).is_file(), (name, link)
        for path in re.findall(r"(?:^|`)\./check (notebooks/\S+\.ipynb)", text, re.M):
            assert (course.path / path).is_file(), (name, path)
            commands += 1
    assert commands >= len(course.notebooks) + 2


@pytest.fixture(scope="module")
def student_copy(course, tmp_path_factory):
    """A copy of the bundle with a Python of its own that sees only it (see the docstring)."""
    copy = tmp_path_factory.mktemp("student") / "course"
    shutil.copytree(course.path, copy, symlinks=True)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(copy / ".venv")],
                   check=True)
    python = copy / ".venv" / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()"
                                         "['purelib'])"], capture_output=True, text=True,
                          check=True).stdout.strip()
    ours = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    Path(site, "course.pth").write_text("\n".join([str(copy), *ours]) + "\n")
    # what scripts/setup-environment.sh leaves after installing this pyproject.toml
    digest = hashlib.sha256((copy / "pyproject.toml").read_bytes()).hexdigest()[:16]
    (copy / ".venv" / f".installed-{digest}").touch()
    seen = subprocess.run([python, "-I", "-c", "import helpers, autograder\n"
                                              "print(helpers.__file__, autograder.__file__)"],
                          capture_output=True, text=True, cwd=REPO, check=True).stdout.split()
    assert seen == [str(copy / "helpers" / "__init__.py"), str(copy / "autograder" /
                                                                   "__init__.py")]
    return copy


PROOF = """import sys
from pathlib import Path
loaded = {{name: module.__file__ for name, module in list(sys.modules.items())
          if name.split(".")[0] in ("helpers", "autograder")
          and getattr(module, "__file__", None)}}
assert "helpers.testing" in loaded, sorted(loaded)
outside = {{name: path for name, path in loaded.items()
           if not Path(path).resolve().is_relative_to({copy!r})}}
assert not outside, outside
"""


@pytest.mark.parametrize("week, notebook", NOTEBOOKS, ids=[n for _, n in NOTEBOOKS])
def test_every_released_notebook_passes_its_checks_with_the_bundles_own_code(student_copy,
                                                                           week, notebook):
    nb = solved(notebook)
    proof = nbformat.v4.new_code_cell(PROOF.format(copy=str(student_copy.resolve())))
    proof.metadata["nbgrader"] = {"grade": True, "grade_id": "loaded_from_the_bundle",
                                  "points": 0, "solution": False, "locked": True}
    nb.cells.insert(len(nb.cells) - 1, proof)  # before the checklist
    path = student_copy / "notebooks" / week / f"{notebook}.ipynb"
    nbformat.write(nb, path)
    checks = sum(1 for c in nb.cells if nbgrader_meta(c).get("grade"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    process = subprocess.run([str(student_copy / "check"), f"notebooks/{week}/{notebook}.ipynb"],
                             capture_output=True, text=True, cwd=student_copy, env=env,
                             timeout=300)
    assert process.returncode == 0, process.stdout + process.stderr
    assert process.stdout.startswith(f"{notebook}.ipynb: {checks} of {checks} visible checks "
                                     f"pass"), process.stdout
    rows = [line for line in process.stdout.splitlines() if line.startswith("  ✓ ")]
    assert len(rows) == checks and any("loaded_from_the_bundle" in row for row in rows)


def test_bundle_refuses_a_folder_that_is_not_empty_a_link_or_a_file(tmp_path):
    full = tmp_path / "full"
    full.mkdir()
    (full / "mine.txt").write_text("keep me")
    with pytest.raises(BundleError, match="exists and is not empty"):
        bundle(full, ["week1_logistic_regression"])
    assert [p.name for p in full.iterdir()] == ["mine.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    (tmp_path / "link").symlink_to(empty)
    with pytest.raises(BundleError, match="is a link"):
        bundle(tmp_path / "link", ["week1_logistic_regression"])
    assert list(empty.iterdir()) == []
    (tmp_path / "file").write_text("")
    with pytest.raises(BundleError, match="is a file"):
        bundle(tmp_path / "file", ["week1_logistic_regression"])
    with pytest.raises(LookupError, match="has no notebook called 'no_such_notebook'"):
        bundle(tmp_path / "other", ["week3_deep_network/no_such_notebook"])
    assert not (tmp_path / "other").exists()
    made = bundle(empty, ["week1_logistic_regression"])  # an empty folder is fine
    assert (empty / "notebooks" / "week1_logistic_regression" / "numpy_basics.ipynb").is_file()
    assert len(made.files) == len(list(p for p in empty.rglob("*") if p.is_file()))


def test_a_bundle_cut_short_leaves_nothing_behind(tmp_path, monkeypatch):
    written = []

    def full_disk(target, data, mode):
        if len(written) == 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(target)
        target.write_bytes(data)

    monkeypatch.setattr(bundle_module, "_write_file", full_disk)
    with pytest.raises(OSError, match="No space"):
        bundle(tmp_path / "course", ["week1_logistic_regression"])
    assert list(tmp_path.iterdir()) == []


def test_a_course_file_with_solution_text_stops_the_bundle(tmp_path, monkeypatch):
    real = bundle_module._read_path

    def leaky(path):
        data, mode = real(path)
        if path.name == "numpy_basics.ipynb":
            data = data.replace(b"# YOUR CODE HERE", b"### BEGIN SOLUTION", 1)
        return data, mode

    monkeypatch.setattr(bundle_module, "_read_path", leaky)
    with pytest.raises(BundleError, match="numpy_basics.ipynb holds 'BEGIN SOLUTION'"):
        bundle(tmp_path / "course", ["week1_logistic_regression"])
    assert list(tmp_path.iterdir()) == []


def test_a_linked_course_file_is_refused_not_followed(tmp_path, monkeypatch):
    (tmp_path / "guide.md").write_text("a file outside the course")
    (tmp_path / "students.md").symlink_to(tmp_path / "guide.md")
    monkeypatch.setattr(bundle_module, "GUIDE", str(tmp_path / "students.md"))  # absolute
    monkeypatch.setattr(bundle_module, "_guide_images", lambda: [])
    with pytest.raises(BundleError, match="links are never followed"):
        bundle(tmp_path / "out", ["week1_logistic_regression"])
    assert not (tmp_path / "out").exists()


def test_the_bundle_command_warns_of_each_give_away_and_refuses_to_overwrite(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "autograder", "bundle", *args],
                              capture_output=True, text=True, cwd=tmp_path)

    process = run("course", "week3_deep_network")
    assert process.returncode == 0, process.stderr
    assert "wrote the students' copy of week3_deep_network/deep_network_step_by_step, " \
           "week3_deep_network/deep_network_application" in process.stdout
    assert re.search(r"warning: deep_network_application gives away exercises of "
                     r"week3_deep_network/deep_network_step_by_step: it needs "
                     r"helpers\.reference\.deep_network, which holds the correct [^.]*"
                     r"L_model_forward", process.stderr)
    assert "bundle deep_network_step_by_step without it first" in process.stderr
    again = run("course", "week3_deep_network")
    assert again.returncode == 2 and "exists and is not empty" in again.stderr
