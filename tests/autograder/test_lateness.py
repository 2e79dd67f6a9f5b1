"""Late work: Canvas's LATE_ mark, a zip's times, nbgrader's timestamp.txt, --due and
extensions, shown in the table, the CSV, the JSON and the report."""

import csv
import io
import json
import zipfile
from datetime import datetime, timedelta, timezone

import pytest

from autograder.__main__ import main
from autograder.grade import SubmissionResult, results_json, results_table
from autograder.gradesheet import grade_sheet
from autograder.intake import StudentFolder, student_folders
from autograder.lateness import LateWorkError, lateness, parse_due, read_extensions
from autograder.layouts import decide
from autograder.lms import collected
from autograder.report import class_report
from tests.autograder.conftest import ASSIGNMENT, solved

DUE = datetime(2026, 12, 7, 23, 59, tzinfo=timezone.utc)


def test_canvas_late_mark_is_read_from_its_prefix_only():
    decision = decide(["smithjohn_LATE_1001_5001_numpy_basics.ipynb",
                       "doejane_1002_5002_LATE_1001_5009_numpy_basics.ipynb"])
    claims = {claim.student: claim.late for claim in decision.claims.values()}
    assert claims == {"1001": True, "1002": False}  # a LATE_ in a file's own name is no mark


def test_a_zips_times_and_canvas_mark_reach_each_student(tmp_path):
    path = tmp_path / "class.zip"
    notebook = json.dumps(solved("numpy_basics")).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, when in [("smithjohn_LATE_1001_5001_numpy_basics.ipynb", (2026, 12, 8, 9, 0, 0)),
                           ("doejane_1002_5002_numpy_basics.ipynb", (2026, 12, 7, 12, 0, 0))]:
            archive.writestr(zipfile.ZipInfo(name, when), notebook)
    with collected(path, assignment=ASSIGNMENT) as (students, _):
        by_id = {s.student_id: s for s in students}
    assert by_id["1001"].late_mark and not by_id["1002"].late_mark
    assert by_id["1002"].submitted_at == datetime(2026, 12, 7, 12, 0).astimezone()
    assert lateness(by_id["1001"]).late == "late (Canvas's mark)"
    due = datetime(2026, 12, 7, 23, 59).astimezone()
    assert lateness(by_id["1001"], due).late == "late by 9 h 01 min"  # the time, with --due
    assert lateness(by_id["1002"], due).late == "on time"


def test_nbgraders_timestamp_is_kept_and_an_extension_replaces_the_due_date(tmp_path):
    submitted = tmp_path / "submitted"
    for student, stamp in [("ada", "2026-12-08 01:30:00.000000 UTC"), ("bob", "2026-12-10")]:
        (submitted / student / ASSIGNMENT).mkdir(parents=True)
        (submitted / student / ASSIGNMENT / "timestamp.txt").write_text(stamp)
    (submitted / "cyd" / ASSIGNMENT).mkdir(parents=True)
    (submitted / "cyd" / ASSIGNMENT / "timestamp.txt").write_text("not a time")
    by_id = {s.student_id: s for s in student_folders(submitted, ASSIGNMENT)[0]}
    assert lateness(by_id["ada"], DUE).late == "late by 1 h 31 min"
    extensions = tmp_path / "extensions.csv"
    extensions.write_text("student_id,due\nbob,2026-12-10T12:00+00:00\n")
    extended = read_extensions(extensions)
    assert lateness(by_id["bob"], DUE, extended).late == "on time"
    assert lateness(by_id["bob"], DUE).late == "late by 2 days 0 h"
    assert lateness(by_id["cyd"], DUE) == lateness(StudentFolder("cyd", tmp_path), DUE)
    assert lateness(by_id["cyd"], DUE).late == ""  # nothing says when: never called late


@pytest.mark.parametrize("content, words", [
    ("name,when\nbob,2026-12-10\n", "needs the columns student_id"),
    ("student_id,due\nbob,next friday\n", "line 2: 'next friday' is not a date and time"),
])
def test_bad_extensions_and_due_dates_are_refused_saying_the_format(tmp_path, capsys,
                                                                   content, words):
    path = tmp_path / "extensions.csv"
    path.write_text(content)
    with pytest.raises(LateWorkError, match=words):
        read_extensions(path)
    assert main(["grade", str(tmp_path), "--assignment", ASSIGNMENT, "--extensions",
                 str(path), "--gradebook", "none"]) == 2
    assert words in capsys.readouterr().err
    with pytest.raises(LateWorkError, match="ISO 8601"):
        parse_due("tomorrow")


def test_the_late_column_is_in_the_table_the_csv_the_json_and_the_report(tmp_path):
    student = StudentFolder("ada", tmp_path, submitted_at=DUE + timedelta(minutes=5))
    late = {"ada": lateness(student, DUE)}
    results = [SubmissionResult("ada", 1.0, 2.0, None)]
    table = results_table(results, ["bob"], late).splitlines()
    assert table[0].split()[4] == "late" and "late by 5 min" in table[1]
    (row, _) = csv.DictReader(io.StringIO(grade_sheet(ASSIGNMENT, results, ["bob"],
                                                      late=late)))
    assert row["late"] == "late by 5 min" and row["submitted_at"].startswith("2026-12-08T00:04")
    (entry,) = json.loads(results_json(ASSIGNMENT, results, late=late))["submissions"]
    assert entry["late"] == "late by 5 min"
    page = class_report(ASSIGNMENT, results, seconds=3, late=late, missing=["bob"])
    assert "<td>ada</td><td>late by 5 min</td>" in page and "1</strong> late" in page


def test_timestamps_due_date_and_extensions_reach_nbgraders_gradebook(tmp_path, capsys):
    from nbgrader.api import Gradebook

    submitted = tmp_path / "submitted"
    for student, stamp in [("ada", "2026-12-08 01:30:00 UTC"), ("bob", "2026-12-08 01:30:00 UTC")]:
        (submitted / student / ASSIGNMENT).mkdir(parents=True)
        (submitted / student / ASSIGNMENT / "timestamp.txt").write_text(stamp)
    extensions = tmp_path / "extensions.csv"
    extensions.write_text("id,due\nbob,2026-12-09T23:59Z\n")
    out, db = tmp_path / "out", f"sqlite:///{tmp_path / 'gradebook.db'}"
    code = main(["grade", str(submitted), "--assignment", ASSIGNMENT, "--gradebook", db,
                 "--due", "2026-12-07T23:59Z", "--extensions", str(extensions),
                 "--json", str(out / "results.json"), "--cache-dir", str(out / "cache"),
                 "--feedback-dir", str(out / "feedback")])
    assert code == 0, capsys.readouterr().err  # empty folders: graded with a note
    by_id = {s["student_id"]: s for s in json.loads((out / "results.json").read_text())[
        "submissions"]}
    assert (by_id["ada"]["late"], by_id["bob"]["late"]) == ("late by 1 h 31 min", "on time")
    page = (out / "feedback" / "ada" / ASSIGNMENT / "feedback.html").read_text()
    assert page.count("late by 1 h 31 min") == 1  # the student's page says it, once
    with Gradebook(db) as gb:
        ada = gb.find_submission(ASSIGNMENT, "ada")
        bob = gb.find_submission(ASSIGNMENT, "bob")
        assert ada.timestamp == datetime(2026, 12, 8, 1, 30)
        assert ada.total_seconds_late == pytest.approx(91 * 60)  # what nbgrader's plugins read
        assert bob.extension == timedelta(days=2) and bob.total_seconds_late == 0


def test_a_result_the_grader_could_not_grade_is_never_a_score_in_the_gradebook(tmp_path):
    from nbgrader.api import Gradebook

    from autograder.grade import GRADER_FAILED
    from autograder.gradebook import record

    db = f"sqlite:///{tmp_path / 'gradebook.db'}"
    results = [SubmissionResult("ada", 0.0, 0.0, "empty", flags=["folder not graded"]),
               SubmissionResult("bob", 0.0, 0.0, "the grader failed", flags=[GRADER_FAILED])]
    assert record(results, ASSIGNMENT, db) == []
    with Gradebook(db) as gb:
        assert [s.id for s in gb.students] == ["ada"]


def test_a_students_page_says_in_one_line_when_the_work_came_in_and_whether_late(tmp_path):
    from autograder.feedback import feedback_html

    result = SubmissionResult("ada", 1.0, 2.0, None)
    late = lateness(StudentFolder("ada", tmp_path, submitted_at=DUE + timedelta(minutes=5)),
                    DUE)
    (line,) = [line for line in feedback_html(ASSIGNMENT, result, late).splitlines()
               if "Handed in" in line]
    assert "2026-12-08T00:04:00+00:00" in line and line.endswith(": late by 5 min.</p>")
    on_time = lateness(StudentFolder("ada", tmp_path, submitted_at=DUE), DUE)
    assert "Handed in 2026-12-07T23:59:00+00:00: on time." in feedback_html(
        ASSIGNMENT, result, on_time)
    unknown = lateness(StudentFolder("ada", tmp_path), DUE)  # a plain folder: no time
    assert "Handed in" not in feedback_html(ASSIGNMENT, result, unknown)
    assert "Handed in" not in feedback_html(ASSIGNMENT, result)


def test_an_extension_for_an_id_off_the_roster_is_an_error_saying_what_to_fix(tmp_path,
                                                                             capsys):
    extensions = tmp_path / "extensions.csv"
    extensions.write_text("student_id,due\nada,2026-12-09T23:59Z\nadda,2026-12-09T23:59Z\n")
    roster = tmp_path / "class.csv"
    roster.write_text("student_id\nada\nbob\n")
    (tmp_path / "submissions" / "ada").mkdir(parents=True)
    code = main(["grade", str(tmp_path / "submissions"), "--assignment", ASSIGNMENT,
                 "--roster", str(roster), "--extensions", str(extensions),
                 "--gradebook", "none", "--due", "2026-12-07T23:59Z"])
    err = capsys.readouterr().err
    assert code == 2
    assert "gives an extension to adda, not on the roster (class.csv): correct the id" in err


@pytest.mark.parametrize("text", ["2026-12-07 14:03:11.250000 UTC", "2026-12-07 14:03:11 Europe/Paris",
                                  "2026-12-07 14:03:11 3600", "2026-12-07T14:03:11+05:30",
                                  "2026-12-07T14:03:11"])
def test_a_timestamp_is_read_as_nbgraders_own_parser_reads_it(text):
    # the students' copy imports autograder.lateness without nbgrader, so it has its own
    # port of nbgrader's parse_utc: they must agree
    from nbgrader.utils import parse_utc

    from autograder.lateness import _parse_utc

    assert _parse_utc(text) == parse_utc(text).replace(tzinfo=timezone.utc)
