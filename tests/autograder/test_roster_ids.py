"""One id per student across intakes: the roster's canvas_id, moodle_id and nbgrader_id
columns map the ids an intake gives (an LMS's own prefix, a folder's name) to the
course's student id, and nothing else does (``autograder.roster.identify``)."""

import json
import sqlite3

import pytest

from autograder.__main__ import main
from autograder.roster import RosterError, read_roster
from tests.autograder.conftest import ASSIGNMENT
from tests.autograder.test_lms import write_zip

ROSTER = ("student_id,name,canvas_id,nbgrader_id\n"
          "ada,Ada Lovelace,1001,ada-nb\n"
          "bob,Bob Lee,1002,\n")  # bob's nbgrader folder is named as his course id


def grade(tmp_path, submissions, roster_text, run):
    """Grade without running any student code (the entries hold no notebook) into the
    folder ``run``: (exit status, the JSON results or None)."""
    roster = tmp_path / "class.csv"
    roster.write_text(roster_text)
    out = tmp_path / run
    status = main(["grade", str(submissions), "--assignment", ASSIGNMENT,
                   "--roster", str(roster), "--json", str(out / "results.json"),
                   "--gradebook", f"sqlite:///{tmp_path / 'gradebook.db'}",
                   "--cache-dir", str(out / "cache"), "--feedback-dir", str(out / "pages")])
    results = out / "results.json"
    return status, json.loads(results.read_text()) if results.exists() else None


def canvas(tmp_path, *user_ids):
    return write_zip(tmp_path / "canvas.zip", [
        (f"student_{user}_{5000 + n}_notes.txt", b"no notebook", {})
        for n, user in enumerate(user_ids)])


def graded(results):
    return {s["student_id"]: s for s in results["submissions"]}


def test_a_student_keeps_one_id_across_a_canvas_zip_and_nbgraders_folders(tmp_path):
    status, week = grade(tmp_path, canvas(tmp_path, 1001, 1002), ROSTER, "canvas")
    assert status == 0 and set(graded(week)) == {"ada", "bob"}
    assert week["no_submission"] == []
    submitted = tmp_path / "submitted"
    for folder in ("ada-nb", "bob"):
        (submitted / folder / ASSIGNMENT).mkdir(parents=True)
    status, week = grade(tmp_path, submitted, ROSTER, "nbgrader")
    assert status == 0 and set(graded(week)) == {"ada", "bob"}
    assert not any("not on the roster" in s["flags"] for s in week["submissions"])
    with sqlite3.connect(tmp_path / "gradebook.db") as db:
        students = {row[0] for row in db.execute("SELECT id FROM student")}
    assert students == {"ada", "bob"}  # no 1001, 1002 or ada-nb beside them


def test_an_id_no_roster_row_maps_is_flagged_and_never_taken_for_a_classmates(tmp_path):
    # Canvas user 1003 is no one in this class, though 1003 is carl's course id
    roster = ROSTER + "1003,Carl,9003,\n"
    status, week = grade(tmp_path, canvas(tmp_path, 1001, 1003), roster, "canvas")
    assert status == 0
    stranger = graded(week)["canvas:1003"]
    assert stranger["flags"].count("not on the roster") == 1
    assert "no row's canvas_id column" in stranger["error"]
    assert "add 1003 to the student's row (canvas_id)" in stranger["error"]
    assert "is not on the roster (" not in stranger["error"]  # said once, not by check()
    assert sorted(week["no_submission"]) == ["1003", "bob"]
    with sqlite3.connect(tmp_path / "gradebook.db") as db:
        students = {row[0] for row in db.execute("SELECT id FROM student")}
    assert "canvas:1003" not in students and "1003" not in students


def test_two_accounts_of_one_student_in_a_batch_stop_before_grading_naming_both(
        tmp_path, capsys):
    roster = ROSTER + "ada,Ada Lovelace,1009,\n"  # a second Canvas account of ada's
    status, week = grade(tmp_path, canvas(tmp_path, 1001, 1009), roster, "canvas")
    assert status == 2 and week is None  # nothing graded, nothing written
    said = capsys.readouterr().err
    assert "1001 and 1009 are both ada's" in said and "Keep in the student's rows" in said
    # either account alone is ada's
    status, week = grade(tmp_path, canvas(tmp_path, 1009), roster, "canvas")
    assert status == 0 and set(graded(week)) == {"ada"}


def test_a_folder_that_handed_nothing_in_does_not_hide_the_students_other_folder(tmp_path):
    submitted = tmp_path / "submitted"
    (submitted / "ada-nb" / ASSIGNMENT).mkdir(parents=True)
    (submitted / "bob" / ASSIGNMENT).mkdir(parents=True)
    roster = ROSTER + "ada,Ada Lovelace,,ada\n"  # ada's old folder, empty this week
    (submitted / "ada").mkdir()
    status, week = grade(tmp_path, submitted, roster, "nbgrader")
    assert status == 0 and set(graded(week)) == {"ada", "bob"}
    assert week["no_submission"] == []


@pytest.mark.parametrize("rows, words", [
    ("ada,1001\nbob,1001\n", "gives the canvas_id 1001 to two students, ada (line 2) and "
                             "bob (line 3)"),
    ("ada,bob\nbob,\n", "gives the canvas_id bob to two students"),  # bob's own id
])
def test_a_roster_that_gives_one_intake_id_to_two_students_is_refused(tmp_path, rows,
                                                                       words):
    path = tmp_path / "class.csv"
    path.write_text("student_id,canvas_id\n" + rows)
    with pytest.raises(RosterError, match="correct one of the rows") as refused:
        read_roster(path)
    assert words in str(refused.value)


def test_without_a_column_for_the_intake_its_ids_are_the_courses(tmp_path):
    roster = "student_id,canvas_id\n1001,77\n"  # maps Canvas ids only
    submitted = tmp_path / "submitted"
    (submitted / "1001").mkdir(parents=True)
    status, week = grade(tmp_path, submitted, roster, "folders")
    assert status == 0 and set(graded(week)) == {"1001"}
    assert read_roster(tmp_path / "class.csv").aliases == {"canvas_id": {"77": "1001"}}
