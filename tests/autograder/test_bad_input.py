"""Bad submissions get a clear error of their own; the rest of the class is graded."""

import copy
import csv
import json
import os
import sqlite3

import nbformat
import pytest

from autograder.__main__ import main
from autograder.grade import grade
from tests.autograder.conftest import (ASSIGNMENT, ASSIGNMENTS, notebook_names_of, solved,
                                       write_submission)


def _write(folder, name, data):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def _another_assignment(assignment):
    """The week a notebook of ``assignment`` claims to belong to in "other_assignment"."""
    return "week5_optimization" if assignment != "week5_optimization" else ASSIGNMENT


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def graded(tmp_path_factory, request):
    assignment = request.param
    root = tmp_path_factory.mktemp(f"bad-input-{assignment}")
    names = notebook_names_of(assignment)
    good = {n: solved(n) for n in names}
    write_submission(root / "honest", good)
    first = names[0]

    def others(student):
        """The student's other notebooks, and a file of notes: the folder is not empty."""
        write_submission(root / student, {n: good[n] for n in names[1:]})
        _write(root / student, "notes.txt", "my notes")

    others("not_a_notebook")
    _write(root / "not_a_notebook", f"{first}.ipynb", b"%PDF-1.4\n\x00\x01\x02binary")
    others("invalid_json")
    _write(root / "invalid_json", f"{first}.ipynb", '{"cells": [')
    others("json_but_not_a_notebook")
    _write(root / "json_but_not_a_notebook", f"{first}.ipynb", '{"answer": 42}')
    others("old_format")
    old = nbformat.convert(copy.deepcopy(good[first]), 3)
    _write(root / "old_format", f"{first}.ipynb", nbformat.writes(old, version=3))
    others("other_assignment")
    foreign = solved(first)
    foreign.metadata["autograder"] = {"assignment": _another_assignment(assignment),
                                      "notebook": first}
    nbformat.write(foreign, root / "other_assignment" / f"{first}.ipynb")
    others("missing_notebook")
    others("renamed_notebook")
    nbformat.write(good[first], root / "renamed_notebook" / f"{first} (1).ipynb")
    (root / "empty_folder").mkdir()
    others("huge_file")
    with open(root / "huge_file" / f"{first}.ipynb", "wb") as f:
        f.truncate(25 * 1024 * 1024)
    others("deeply_nested_json")
    _write(root / "deeply_nested_json", f"{first}.ipynb",
           '{"cells": ' + "[" * 100_000 + "]" * 100_000 + "}")
    others("folder_named_like_the_notebook")
    (root / "folder_named_like_the_notebook" / f"{first}.ipynb").mkdir()
    others("fifo_named_like_the_notebook")
    os.mkfifo(root / "fifo_named_like_the_notebook" / f"{first}.ipynb")
    results = {r.student_id: r for r in grade(root, assignment=assignment, workers=2)}
    return results, first, assignment


@pytest.mark.parametrize("student, words", [
    ("not_a_notebook", "is not a notebook"),
    ("invalid_json", "not valid notebook JSON"),
    ("json_but_not_a_notebook", "JSON but not a notebook"),
    ("old_format", "old notebook format 3"),
    ("other_assignment", "a notebook of {other}, not of {assignment}"),
    ("missing_notebook", "is missing"),
    ("empty_folder", "folder is empty"),
    ("huge_file", "over the 20 MB limit"),
    ("deeply_nested_json", "nested too deeply"),
    ("folder_named_like_the_notebook", "is a folder, not a notebook file"),
    ("fifo_named_like_the_notebook", "is a FIFO, not a notebook file"),
])
def test_bad_notebook_gets_a_clear_error_and_the_rest_is_graded(graded, student, words):
    results, first, assignment = graded
    words = words.format(other=_another_assignment(assignment), assignment=assignment)
    result = results[student]
    assert result.error and words in result.error, result.error
    assert "not the student's fault" not in result.error
    for test in result.tests:
        if test.notebook == first or student == "empty_folder":
            assert test.points == 0
        else:
            assert test.points == test.max_points, test


def test_a_renamed_notebook_is_graded_and_flagged(graded):
    results, first, _ = graded
    result = results["renamed_notebook"]
    assert result.score == result.max_score
    assert "was graded as" in result.error and "rename it back" in result.error
    assert result.flags == ["renamed notebook"]


@pytest.mark.parametrize("student, flag", [
    ("missing_notebook", "missing notebook"),
    ("invalid_json", "unreadable notebook"),
    ("fifo_named_like_the_notebook", "unreadable notebook"),
    ("empty_folder", "folder not graded"),
    ("honest", None),
])
def test_what_needs_a_look_is_flagged_by_its_kind(graded, student, flag):
    results, _, _ = graded
    result = results[student]
    assert result.flags == ([flag] if flag else [])
    failed = [t for t in result.tests if t.points < t.max_points]
    assert all(t.mistakes == [flag] for t in failed) and bool(failed) == bool(flag)


def test_the_honest_submission_is_untouched_by_the_others(graded):
    results, _, _ = graded
    assert results["honest"].error is None
    assert results["honest"].score == results["honest"].max_score


def test_grading_never_modifies_submitted_files(tmp_path, notebook_names):
    write_submission(tmp_path / "ada", {n: solved(n) for n in notebook_names})
    before = {p: p.read_bytes() for p in tmp_path.rglob("*")
              if p.is_file()}
    grade(tmp_path, assignment=ASSIGNMENT, workers=1)
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert before == after


class BrokenSandbox:
    """A sandbox that cannot start anything, as on a misconfigured grading machine."""

    name = "broken"
    warning = None

    def spawn(self, worker_args, **options):
        raise OSError("the sandbox tool is missing")


def test_a_grader_failure_is_flagged_never_a_silent_zero(tmp_path, notebook_names):
    write_submission(tmp_path / "ada", {n: solved(n) for n in notebook_names})
    result = grade(tmp_path, assignment=ASSIGNMENT, workers=1, sandbox=BrokenSandbox())[0]
    assert "not the student's fault" in result.error
    assert all(t.feedback.startswith("not graded:") for t in result.tests)
    assert result.flags == ["grader failed"]
    assert all(t.mistakes == ["grader failed"] for t in result.tests)


def test_one_odd_name_or_special_file_never_stops_the_batch(tmp_path, notebook_names, capsys):
    """Names that are not UTF-8 (a Windows zip's accented names), links to /proc, FIFOs,
    folders named like notebooks, a hidden folder: every output is written for everyone."""
    root = tmp_path / "class"
    good = {n: solved(n) for n in notebook_names}
    write_submission(root / "honest", good)
    odd = root / "odd_files"
    write_submission(odd, good)
    (odd / os.fsdecode(b"notes-\xff\xfe.ipynb")).write_bytes(b"\xff not json")
    os.symlink("/proc/self/mem", odd / "memory.ipynb")
    os.mkfifo(odd / "pipe.ipynb")
    (odd / "folder.ipynb").mkdir()
    os.symlink("/proc/self/mem", odd / "not-a-notebook")
    write_submission(root / os.fsdecode(b"caf\x82 \x1b[2J"), good)  # cp437 e-acute, an escape
    write_submission(root / ".hidden_student", good)
    out = tmp_path / "out"
    code = main(["grade", str(root), "--assignment", ASSIGNMENT, "--workers", "2",
                 "--json", str(out / "results.json"), "--csv", str(out / "grades.csv"),
                 "--feedback-dir", str(out / "feedback"), "--cache-dir", str(out / "cache"),
                 "--gradebook", f"sqlite:///{out / 'gradebook.db'}"])
    err = capsys.readouterr().err
    assert code == 0 and ".hidden_student was not graded" in err  # graded, with notes
    data = json.loads((out / "results.json").read_text())
    scores = {s["student_id"]: s["score"] for s in data["submissions"]}
    full = data["submissions"][0]["max_score"]
    assert scores == {"honest": full, "odd_files": full, "caf\\x82 \\x1b[2J": full}
    assert [s["name"] for s in data["skipped"]] == [".hidden_student"]
    with open(out / "grades.csv", newline="", encoding="utf-8") as f:
        assert {row["student_id"] for row in csv.DictReader(f)} == set(scores)
    pages = sorted(p.parent.parent.name for p in (out / "feedback").rglob("feedback.html"))
    assert pages == sorted(scores)
    with sqlite3.connect(out / "gradebook.db") as db:
        assert {r[0] for r in db.execute("select id from student")} == set(scores)
