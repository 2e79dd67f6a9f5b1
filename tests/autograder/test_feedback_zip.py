"""The zip of feedback pages an LMS's bulk upload files under each student, read back as
Canvas's and Moodle's own importers read the names, and only ever from the LMS's ids."""

import io
import os
import re
import stat
import zipfile

from autograder.__main__ import main
from autograder.delivery import feedback_zip
from autograder.lms import collected
from autograder.roster import read_roster
from tests.autograder.conftest import ASSIGNMENT
from tests.autograder.test_lms import write_zip


def _canvas_reads(name):
    """(user id, attachment id) as Canvas's re-upload reads an entry: the first two parts
    of its base name, split at '_', that are all digits."""
    digits = [part for part in os.path.basename(name).split("_") if re.fullmatch(r"\d+", part)]
    return tuple(digits[:2])


def _moodle_reads(name):
    """(participant id, plugin) as Moodle's feedback-zip import reads an entry: the first
    path part, exploded at '_' into at most five pieces."""
    first = name.split("/")[0]
    info = first.split("_", 4)
    return info[1], f"{info[2]}_{info[3]}"


def _entries(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info).decode() for info in archive.infolist()}


def _feedback_zip_of(path, roster=None):
    """({entry name: page}, ids left out) of the feedback zip for an LMS's zip, each
    student's page saying whose it is."""
    with collected(path, assignment=ASSIGNMENT) as (students, _):
        data, left_out = feedback_zip(
            ASSIGNMENT, {s.student_id: f"<p>the page of {s.student_id}</p>" for s in students},
            {s.student_id: s.lms_address for s in students},
            read_roster(roster) if roster else None)
    return _entries(data), left_out


def test_a_canvas_feedback_zip_is_filed_under_each_uploaders_user_and_attachment_ids(
        tmp_path):
    path = write_zip(tmp_path / "canvas.zip", [
        ("smithjohn_1001_5001_numpy_basics.ipynb", b"{}", {"date": (2026, 12, 7, 9, 0, 0)}),
        ("smithjohn_1001_5003_logistic_regression.ipynb", b"{}",
         {"date": (2026, 12, 7, 10, 0, 0)}),
        ("doejane_LATE_1002_5002_numpy_basics.ipynb", b"{}", {}),
        # an upload named after a classmate's entry is still the uploader's
        ("x_1003_5004_doejane_1002_5002_numpy_basics.ipynb", b"{}", {}),
    ])
    roster = tmp_path / "class.csv"
    roster.write_text("student_id,name\n1001,R2_D2 Smith\n1002,Jane Doe\n1003,Xi\n")
    entries, left_out = _feedback_zip_of(path, roster)
    assert left_out == []
    filed = {_canvas_reads(name): page for name, page in entries.items()}
    assert filed == {("1001", "5003"): "<p>the page of 1001</p>",  # the newest upload's
                     ("1002", "5002"): "<p>the page of 1002</p>",
                     ("1003", "5004"): "<p>the page of 1003</p>"}
    assert any(name.startswith("rdsmith_1001_5003_") for name in entries)


def test_a_moodle_feedback_zip_puts_each_page_in_the_participants_feedback_folder(tmp_path):
    path = write_zip(tmp_path / "moodle.zip", [
        ("Ada Lovelace_2001_assignsubmission_file_/numpy_basics.ipynb", b"{}", {}),
        ("Bo Li_2002_assignsubmission_file_/2003_assignsubmission_file_numpy_basics.ipynb",
         b"{}", {}),
    ])
    roster = tmp_path / "class.csv"
    roster.write_text("student_id,name\n2001,Ada_Lovelace/../x\n")
    entries, _ = _feedback_zip_of(path, roster)
    filed = {_moodle_reads(name): page for name, page in entries.items()}
    assert filed == {("2001", "assignsubmission_file"): "<p>the page of 2001</p>",
                     ("2002", "assignsubmission_file"): "<p>the page of 2002</p>"}
    assert all(name.count("/") == 1 and ".." not in name.split("/") for name in entries)


def test_an_anonymous_canvas_id_gets_no_entry_and_is_said(tmp_path):
    path = write_zip(tmp_path / "anon.zip", [("anon_Xy7Qz_5001_numpy_basics.ipynb", b"{}", {})])
    entries, left_out = _feedback_zip_of(path)
    assert left_out == ["anon_Xy7Qz"] and entries == {}


def test_the_grade_command_writes_the_feedback_zip_of_its_pages_readable_by_the_group(
        tmp_path, capsys):
    path = write_zip(tmp_path / "canvas.zip", [
        ("smithjohn_1001_5001_numpy_basics.ipynb", b"{}", {}),
        ("doejane_1002_5002_numpy_basics.ipynb", b"{}", {})])
    out = tmp_path / "out"
    mask = os.umask(0o077)
    try:
        code = main(["grade", str(path), "--assignment", ASSIGNMENT, "--gradebook", "none",
                     "--feedback-dir", str(out / "pages"), "--cache-dir", str(out / "cache"),
                     "--feedback-zip", str(out / "upload" / "feedback.zip")])
    finally:
        os.umask(mask)
    assert code == 0, capsys.readouterr().err
    data = (out / "upload" / "feedback.zip").read_bytes()
    filed = {_canvas_reads(name): page for name, page in _entries(data).items()}
    assert filed == {
        (student, attachment): (out / "pages" / student / ASSIGNMENT / "feedback.html"
                                ).read_text()
        for student, attachment in [("1001", "5001"), ("1002", "5002")]}
    assert stat.S_IMODE((out / "upload" / "feedback.zip").stat().st_mode) & 0o040


def test_a_feedback_zip_without_an_lms_zip_is_refused_before_grading(tmp_path, capsys):
    (tmp_path / "class" / "ada").mkdir(parents=True)
    assert main(["grade", str(tmp_path / "class"), "--assignment", ASSIGNMENT,
                 "--gradebook", "none", "--feedback-zip", str(tmp_path / "f.zip")]) == 2
    assert "is not a zip file" in capsys.readouterr().err
    path = write_zip(tmp_path / "anon.zip", [("anon_Xy7Qz_5001_numpy_basics.ipynb", b"{}", {})])
    assert main(["grade", str(path), "--assignment", ASSIGNMENT, "--gradebook", "none",
                 "--feedback-zip", str(tmp_path / "f.zip")]) == 2
    assert "leave out --feedback-zip" in capsys.readouterr().err
    assert not (tmp_path / "f.zip").exists()
