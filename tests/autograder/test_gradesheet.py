"""Grade sheets an LMS imports, read back by the column names each LMS documents."""

import csv
import io

import pytest

from autograder.grade import GRADER_FAILED, SubmissionResult
from autograder.grade import TestResult as Case
from autograder.gradesheet import grade_sheet, status
from autograder.roster import read_roster
from tests.autograder.conftest import ASSIGNMENT


def cases(propagate, concept):
    """Two cases of propagate and two concept questions, with the points earned."""
    return [Case("logistic_regression", "propagate:a", "propagate", propagate[0], 2.0,
                       ""),
            Case("logistic_regression", "propagate:b", "propagate", propagate[1], 2.0,
                       ""),
            Case("logistic_regression", "concepts:q1", "concept_answers", concept[0],
                       1.0, ""),
            Case("logistic_regression", "concepts:q2", "concept_answers", concept[1],
                       1.0, "")]


def result(student, propagate=(2.0, 2.0), concept=(1.0, 1.0), error=None, flags=()):
    found = cases(propagate, concept)
    return SubmissionResult(student, sum(t.points for t in found),
                            sum(t.max_points for t in found), error, found, list(flags))


@pytest.fixture
def batch():
    return [result("1001", propagate=(2.0, 1.0 / 3.0)),
            result("1002", error="numpy_basics.ipynb is missing.", flags=["missing notebook"]),
            result("1003", propagate=(0.0, 0.0), concept=(0.0, 0.0),
                   error="the grader failed: MemoryError", flags=[GRADER_FAILED])]


def rows(text):
    return {row[list(row)[0]]: row for row in csv.DictReader(io.StringIO(text))}


def test_a_status_tells_a_graded_note_from_work_the_grader_could_not_grade(batch):
    assert [status(r) for r in batch] == ["graded", "graded with a note", "not graded"]
    sheet = rows(grade_sheet(ASSIGNMENT, batch, ["1004"]))
    assert {s: row["status"] for s, row in sheet.items()} == {
        "1001": "graded", "1002": "graded with a note", "1003": "not graded",
        "1004": "no submission"}
    assert sheet["1002"]["error"] == "numpy_basics.ipynb is missing."
    assert sheet["1002"]["score"] == "6.00"
    # neither the grader's failure nor an absence becomes a 0 that an import would keep
    assert sheet["1003"]["score"] == sheet["1004"]["score"] == sheet["1004"]["percent"] == ""


def test_a_canvas_sheet_has_the_columns_of_canvas_gradebook_import(batch, tmp_path):
    roster = tmp_path / "class.csv"
    roster.write_text("student_id,name,email\n1001,Ada Lovelace,ada@x.org\n1002,Bo,b@x\n"
                      "1003,Cy,c@x\n1004,Di,d@x\n")
    text = grade_sheet(ASSIGNMENT, batch, ["1004"], layout="canvas",
                       roster=read_roster(roster))
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                                 ASSIGNMENT]
    named = grade_sheet(ASSIGNMENT, batch, layout="canvas", column="Week 1 (4127)")
    assert rows(named)["1001"]["Week 1 (4127)"] == "4.33"  # Student is the id here
    points, *students = list(reader)
    assert points["Student"].strip() == "Points Possible" and points["ID"] == ""
    assert points[ASSIGNMENT] == "6.00"  # the assignment's maximum, as Canvas exports it
    by_id = {row["ID"]: row for row in students}
    assert by_id["1001"]["Student"] == "Ada Lovelace"
    assert by_id["1001"][ASSIGNMENT] == "4.33"  # 2 + 1/3 + 1 + 1, two decimals
    assert by_id["1003"][ASSIGNMENT] == by_id["1004"][ASSIGNMENT] == ""


def test_a_moodle_sheet_maps_an_id_number_and_an_email_to_a_grade(batch, tmp_path):
    roster = tmp_path / "class.csv"
    roster.write_text("id,first_name,last_name,email\n1001,Ada,Lovelace,ada@x.org\n")
    text = grade_sheet(ASSIGNMENT, batch, ["1004"], layout="moodle",
                       roster=read_roster(roster))
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == ["ID number", "Email address", ASSIGNMENT, "Feedback"]
    by_id = {row["ID number"]: row for row in reader}
    assert by_id["1001"]["Email address"] == "ada@x.org"
    assert by_id["1001"][ASSIGNMENT] == "4.33" and by_id["1001"]["Feedback"] == "graded"
    assert by_id["1002"]["Feedback"] == "graded with a note: numpy_basics.ipynb is missing."
    assert by_id["1003"][ASSIGNMENT] == "" and by_id["1003"]["Feedback"].startswith(
        "not graded: the grader failed")
    assert by_id["1004"]["Feedback"] == "no submission"


def test_a_wide_sheet_has_a_column_per_exercise_and_per_concept_question(batch):
    reader = csv.DictReader(io.StringIO(grade_sheet(ASSIGNMENT, batch, ["1004"],
                                                    layout="wide")))
    assert reader.fieldnames == ["student_id", "score", "max_score", "percent", "propagate",
                                 "concept_answers: q1", "concept_answers: q2", "status",
                                 "submitted_at", "late", "error"]
    by_id = {row["student_id"]: row for row in reader}
    assert by_id["1001"]["propagate"] == "2.33" and by_id["1001"]["concept_answers: q2"] == "1.00"
    assert by_id["1003"]["propagate"] == "" and by_id["1004"]["concept_answers: q1"] == ""


def test_an_unknown_sheet_layout_is_refused_saying_the_choices(batch):
    with pytest.raises(ValueError, match="use one of plain, wide, canvas, moodle"):
        grade_sheet(ASSIGNMENT, batch, layout="blackboard")


def test_no_students_row_of_a_canvas_sheet_reads_as_canvas_points_possible_row(tmp_path):
    import re

    roster = tmp_path / "class.csv"
    roster.write_text("student_id,name\n1001,Points Possible\n")
    batch = [result("1001"), result("Points Possible 2")]
    text = grade_sheet(ASSIGNMENT, batch, layout="canvas", roster=read_roster(roster))
    first_cells = [row[0] for row in csv.reader(io.StringIO(text))][1:]
    # Canvas's import takes every row whose first cell matches /Points Possible/ for it
    assert [cell for cell in first_cells if re.search("Points Possible", cell)] == [
        "    Points Possible"]
    assert len(first_cells) == 3


def test_an_id_off_the_roster_is_flagged_in_the_table_the_csv_the_json_and_the_report(
        tmp_path):
    import json

    from autograder.grade import results_json, results_table
    from autograder.report import class_report
    from autograder.roster import check

    roster = tmp_path / "class.txt"
    roster.write_text("1001\n1004\n")
    batch = [result("1001"), result("6666")]
    missing = check(batch, read_roster(roster))
    assert missing == ["1004"]
    (line,) = [line for line in results_table(batch, missing).splitlines() if "6666" in line]
    assert "6666 is not on the roster (class.txt)" in line
    sheet = rows(grade_sheet(ASSIGNMENT, batch, missing))
    assert sheet["6666"]["status"] == "graded with a note"
    assert "not on the roster" in sheet["6666"]["error"] and sheet["1001"]["error"] == ""
    by_id = {s["student_id"]: s for s in
             json.loads(results_json(ASSIGNMENT, batch, missing=missing))["submissions"]}
    assert by_id["6666"]["flags"] == ["not on the roster"] and by_id["1001"]["flags"] == []
    page = class_report(ASSIGNMENT, batch, seconds=1, missing=missing)
    assert "its student id is not on the roster" in page
