"""Collecting a class from an LMS's zip: Canvas's and Moodle's layouts, each student's newest
upload, and a hostile zip that never gets to write outside its scratch folder."""

import io
import json
import os
import stat
import zipfile

import nbformat
import pytest

import autograder.grade as grading
from autograder.__main__ import main
from autograder.lms import ArchiveError, ZipLimits, check_rule, collected, entry_name
from tests.autograder.conftest import ASSIGNMENT, CORPUS_DIR, solved

OLD, NEW = (2024, 3, 1, 9, 0, 0), (2024, 3, 2, 18, 30, 0)


def notebook(name, replacements=None):
    return nbformat.writes(solved(name, replacements)).encode()


def write_zip(path, entries):
    """A zip of (name, data, options): options may set "date" (a date_time), "link"
    (an entry marked as a symlink) and "raw" (the name's bytes, not UTF-8, without
    the zip's UTF-8 flag)."""
    buffer, patches = io.BytesIO(), []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data, options in entries:
            raw = options.get("raw")
            if raw is not None:  # an ASCII stand-in of the same length, patched below
                name = "".join(chr(b) if b < 128 else "#" for b in raw)
                patches.append((name.encode(), raw))
            info = zipfile.ZipInfo(name, date_time=options.get("date", OLD))
            info.compress_type = zipfile.ZIP_DEFLATED
            if options.get("link"):
                info.create_system = 3
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data)
    data = buffer.getvalue()
    for stand_in, raw in patches:
        data = data.replace(stand_in, raw)
    path.write_bytes(data)
    return path


def canvas_zip(path, notebook_names, wrong):
    first, second = notebook_names
    return write_zip(path, [
        # smithjohn hands in both notebooks once
        (f"smithjohn_1001_5001_{first}.ipynb", notebook(first), {}),
        (f"smithjohn_1001_5002_{second}.ipynb", notebook(second), {}),
        # doejane is late, hands in a wrong version, then the right one as "-1"
        (f"doejane_late_1002_5003_{second}.ipynb", notebook(second, wrong), {"date": OLD}),
        (f"doejane_late_1002_5004_{second}-1.ipynb", notebook(second), {"date": NEW}),
        (f"doejane_late_1002_5005_{first}.ipynb", notebook(first), {}),
        (f"doejane_late_1002_5006_notes.txt", b"my notes", {}),
        # mallory hands in a link to the grading machine's files
        (f"mallorym_1003_5007_{first}.ipynb", b"/etc/passwd", {"link": True}),
    ])


@pytest.fixture
def propagate_forgets_1_over_m():
    return {"propagate_answer": (CORPUS_DIR / "propagate_forgets_1_over_m.py").read_text()}


def files_of(students):
    return {s.student_id: {p.name: p.read_bytes() for p in s.path.iterdir()} for s in students}


def test_a_canvas_zip_keeps_each_students_newest_upload_under_its_own_name(
        tmp_path, notebook_names, propagate_forgets_1_over_m):
    first, second = notebook_names
    path = canvas_zip(tmp_path / "submissions.zip", notebook_names, propagate_forgets_1_over_m)
    with collected(path, assignment=ASSIGNMENT) as (students, skipped):
        files = files_of(students)
        by_id = {s.student_id: s for s in students}
        scratch = students[0].path.parent
        assert scratch.is_dir()
    assert not scratch.exists()  # the scratch folder goes with the context
    assert skipped == [] and set(files) == {"1001", "1002", "1003"}
    assert files["1002"] == {f"{first}.ipynb": notebook(first),
                             f"{second}.ipynb": notebook(second)}  # the newer, renamed back
    assert files["1001"].keys() == {f"{first}.ipynb", f"{second}.ipynb"}
    assert by_id["1001"].notes == () and by_id["1001"].problem is None
    assert files["1003"] == {}  # the link is never created
    assert "is a link in the zip" in by_id["1003"].notes[0]
    assert "no notebook" in by_id["1003"].problem


def test_of_two_uploads_on_the_same_date_the_higher_resubmission_wins(tmp_path, notebook_names):
    first = notebook_names[0]
    older, newer = notebook(first, {"sigmoid_answer": "x = 1"}), notebook(first)
    for entries in ([(f"a_7_1_{first}-2.ipynb", newer, {}), (f"a_7_2_{first}-1.ipynb", older, {})],
                    [(f"a_7_2_{first}-1.ipynb", older, {}), (f"a_7_1_{first}-2.ipynb", newer, {})]):
        with collected(write_zip(tmp_path / "same-date.zip", entries),
                       assignment=ASSIGNMENT) as (students, _):
            assert files_of(students) == {"7": {f"{first}.ipynb": newer}}


def test_a_moodle_zip_in_folders_or_flat(tmp_path, notebook_names):
    first, second = notebook_names
    path = write_zip(tmp_path / "moodle.zip", [
        (f"Ada Lovelace_2001_assignsubmission_file_/{first}.ipynb", notebook(first), {}),
        (f"Ada Lovelace_2001_assignsubmission_file_/{second}.ipynb", notebook(second), {}),
        ("Ada Lovelace_2001_assignsubmission_onlinetext_/onlinetext.html", b"<p>hi</p>", {}),
        (f"Alan Turing_2002_assignsubmission_file_{first}.ipynb", notebook(first), {}),
        ("Grace Hopper_2003_assignsubmission_file_/report.pdf", b"%PDF", {}),
        ("__MACOSX/._Ada Lovelace_2001_assignsubmission_file_", b"\0", {}),
        ("README.txt", b"downloaded from Moodle", {}),
    ])
    with collected(path, assignment=ASSIGNMENT) as (students, skipped):
        files = files_of(students)
        problems = {s.student_id: s.problem for s in students}
    assert files == {"2001": {f"{first}.ipynb": notebook(first),
                              f"{second}.ipynb": notebook(second)},
                     "2002": {f"{first}.ipynb": notebook(first)}, "2003": {}}
    assert problems["2001"] is None and "only report.pdf" in problems["2003"]
    assert [s.name for s in skipped] == ["README.txt"]  # __MACOSX is the zip tool's own
    assert "does not say whose it is" in skipped[0].reason


def test_names_that_are_not_utf8_are_read_as_the_zip_format_says(tmp_path, notebook_names):
    first = notebook_names[0]
    # a Windows zip: cp437 bytes (0x82 is an e-acute) and no UTF-8 flag
    path = write_zip(tmp_path / "windows.zip", [
        (None, notebook(first), {"raw": f"Caf\x82 Dupont_2004_assignsubmission_file_/"
                                        f"{first} copi\x82.ipynb".encode("latin-1")}),
    ])
    with zipfile.ZipFile(path) as archive:
        assert not archive.infolist()[0].flag_bits & 0x800
        assert entry_name(archive.infolist()[0]).startswith("Café Dupont")
    with collected(path, assignment=ASSIGNMENT) as (students, _):
        assert files_of(students) == {"2004": {f"{first} copié.ipynb": notebook(first)}}
    rule = r"^(?P<student>[^_/]+)_\d+_assignsubmission"
    with collected(path, assignment=ASSIGNMENT, student_id=rule) as (students, _):
        assert [s.student_id for s in students] == ["Café Dupont"]


def test_a_hostile_zip_never_writes_outside_its_scratch_folder(tmp_path, monkeypatch,
                                                              notebook_names):
    first = notebook_names[0]
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "deep" / "scratch"))
    (tmp_path / "deep" / "scratch").mkdir(parents=True)
    big = b"{" + b" " * (2 * 2**20) + b"}"  # 2 MB that deflate to almost nothing
    path = write_zip(tmp_path / "hostile.zip", [
        (f"../../{first}.ipynb", notebook(first), {}),
        (f"/tmp/evil_1_2_{first}.ipynb", notebook(first), {}),
        (f"x_1_2_..\\..\\{first}.ipynb", notebook(first), {}),
        (f"eve_1004_5008_{first}.ipynb", b"../../../etc/passwd", {"link": True}),
        (f"eve_1004_5009_logistic_regression.ipynb", big, {}),
        (f"sam_1005_5010_{first}.ipynb", notebook(first), {}),
    ])
    before = set(tmp_path.rglob("*"))
    with collected(path, assignment=ASSIGNMENT, limits=ZipLimits(entry_mb=1)) as (students,
                                                                                   skipped):
        scratch = students[0].path.parent
        written = [p for p in scratch.rglob("*")]
        assert all(p.is_dir() or (p.is_file() and not p.is_symlink()) for p in written)
        assert sorted(p.relative_to(scratch).as_posix() for p in written) == \
            ["1004", "1005", f"1005/{first}.ipynb"]
        eve = next(s for s in students if s.student_id == "1004")
    assert set(tmp_path.rglob("*")) == before
    assert len(skipped) == 3 and all("'..'" in s.reason for s in skipped)
    assert "is a link" in eve.notes[0] and "over the 1 MB limit" in eve.notes[1]


def test_a_corrupt_entry_costs_only_its_own_notebook(tmp_path, notebook_names):
    first = notebook_names[0]
    path = write_zip(tmp_path / "crc.zip", [(f"kim_1006_1_{first}.ipynb", notebook(first), {}),
                                            (f"lee_1007_2_{first}.ipynb", notebook(first), {})])
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        kim = archive.infolist()[0]
        start = kim.header_offset + 30 + len(kim.filename.encode())
    data[start + 10] ^= 0xFF  # a byte of kim's compressed notebook
    path.write_bytes(bytes(data))
    with collected(path, assignment=ASSIGNMENT) as (students, _):
        by_id = {s.student_id: s for s in students}
        assert "could not be read from the zip" in by_id["1006"].notes[0]
        assert by_id["1007"].notes == () and (by_id["1007"].path / f"{first}.ipynb").exists()


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not really a zip", b"\x89PNG\r\n"])
def test_a_broken_zip_is_one_clear_error(tmp_path, content):
    path = tmp_path / "submissions.zip"
    path.write_bytes(content)
    with pytest.raises(ArchiveError, match="cannot be read as a zip file.*download it again"):
        with collected(path, assignment=ASSIGNMENT):
            pass


def test_a_truncated_zip_and_a_zip_over_its_caps_are_refused(tmp_path, notebook_names):
    first, second = notebook_names
    path = write_zip(tmp_path / "class.zip", [(f"a_1_1_{first}.ipynb", notebook(first), {}),
                                              (f"b_2_2_{second}.ipynb", notebook(second), {})])
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(path.read_bytes()[:-30])
    with pytest.raises(ArchiveError, match="cannot be read as a zip file"):
        with collected(truncated, assignment=ASSIGNMENT):
            pass
    with pytest.raises(ArchiveError, match="more than 0 MB of notebooks.*--zip-total-mb"):
        with collected(path, assignment=ASSIGNMENT, limits=ZipLimits(total_mb=0)):
            pass
    with pytest.raises(ArchiveError, match="more than 1 entries"):
        with collected(path, assignment=ASSIGNMENT, limits=ZipLimits(entries=1)):
            pass


@pytest.mark.parametrize("rule, words", [("(unclosed", "is not a regular expression"),
                                         (r"(?P<name>\w+)_", "no group named 'student'")])
def test_a_student_id_rule_that_cannot_serve_is_refused_plainly(tmp_path, capsys, rule, words):
    with pytest.raises(ValueError, match=words):
        check_rule(rule)
    with pytest.raises(SystemExit) as stopped:
        main(["grade", str(tmp_path), "--assignment", ASSIGNMENT, "--student-id", rule])
    assert stopped.value.code == 2 and words in capsys.readouterr().err


def test_grading_a_zip_from_the_command_line_and_again_from_the_cache(
        tmp_path, monkeypatch, capsys, notebook_names, propagate_forgets_1_over_m):
    path = canvas_zip(tmp_path / "submissions.zip", notebook_names, propagate_forgets_1_over_m)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "scratch"))
    (tmp_path / "scratch").mkdir()
    out = tmp_path / "out"
    command = ["grade", str(path), "--assignment", ASSIGNMENT, "--workers", "2",
               "--json", str(out / "results.json"), "--feedback-dir", str(out / "feedback"),
               "--cache-dir", str(out / "cache"), "--gradebook", "none"]
    assert main(command) == 0  # mallory's link is a note on a graded submission
    data = json.loads((out / "results.json").read_text())
    by_id = {s["student_id"]: s for s in data["submissions"]}
    assert set(by_id) == {"1001", "1002", "1003"}
    assert by_id["1001"]["score"] == by_id["1002"]["score"] == by_id["1001"]["max_score"] > 0
    assert by_id["1002"]["error"] is None  # the newer upload, under its own name
    assert by_id["1003"]["score"] == 0 and "is a link in the zip" in by_id["1003"]["error"]
    assert "upload left out" in by_id["1003"]["flags"]
    assert (out / "feedback" / "1002" / ASSIGNMENT / "feedback.html").exists()
    assert list((tmp_path / "scratch").iterdir()) == []  # nothing left behind
    calls = []
    real = grading.grade_submission
    monkeypatch.setattr(grading, "grade_submission",
                        lambda student, *a, **k: calls.append(student) or real(student, *a, **k))
    capsys.readouterr()
    assert main(command) == 0 and calls == []  # the same zip again: every result kept
    assert json.loads((out / "results.json").read_text()) == data


def test_student_id_is_for_a_zip_only(tmp_path, capsys):
    code = main(["grade", str(tmp_path), "--assignment", ASSIGNMENT, "--student-id",
                 "(?P<student>.+)", "--gradebook", "none"])
    assert code == 2 and "is not a zip file" in capsys.readouterr().err
    assert not os.listdir(tmp_path)


def grade_zip(tmp_path, path, *options):
    """Grade a zip from the command line; (exit status, {student id: result as JSON})."""
    out = tmp_path / "out"
    code = main(["grade", str(path), "--assignment", ASSIGNMENT, "--workers", "2",
                 "--json", str(out / "results.json"), "--feedback-dir", str(out / "feedback"),
                 "--cache-dir", str(out / "cache"), *options])
    data = json.loads((out / "results.json").read_text())
    return code, {s["student_id"]: s for s in data["submissions"]}


def attacked_batch(layout, notebook_names, wrong):
    """(entries, victim, control, attacker): the attacker uploads a wrong notebook named
    after the victim's entry (with "-9", which won a date tie) and a correct one named
    after a made-up id's entry; victim and control hand in correct notebooks."""
    first, second = notebook_names
    if layout == "Moodle flat":
        prefix = {"2001": "Ada Lovelace_2001_assignsubmission_file_",
                  "2002": "Grace Hopper_2002_assignsubmission_file_",
                  "2003": "Eve Mallory_2003_assignsubmission_file_"}
        imitations = [f"x_2001_assignsubmission_file_{second}-9.ipynb",
                      f"x_9999_assignsubmission_file_{first}-9.ipynb"]
    else:
        prefix = {"1001": "smithjohn_1001_5001_", "1002": "doejane_1002_5002_",
                  "1003": "mallorym_1003_5003_"}
        imitations = [f"x_1001_assignsubmission_file_{second}-9.ipynb",  # Moodle's words
                      f"x_9999_assignsubmission_file_{first}-9.ipynb"]
    victim, control, attacker = prefix
    entries = [(prefix[s] + f"{n}.ipynb", notebook(n), {}) for s in (victim, control)
               for n in notebook_names]
    entries += [(prefix[attacker] + imitations[0], notebook(second, wrong), {}),
                (prefix[attacker] + imitations[1], notebook(first), {})]
    return entries, victim, control, attacker


@pytest.mark.parametrize("layout", ["Moodle flat", "Canvas"])
def test_an_upload_named_after_a_classmate_stays_the_uploaders(
        tmp_path, notebook_names, propagate_forgets_1_over_m, layout):
    entries, victim, control, attacker = attacked_batch(layout, notebook_names,
                                                        propagate_forgets_1_over_m)
    path = write_zip(tmp_path / "attacked.zip", entries)
    code, by_id = grade_zip(tmp_path, path, "--gradebook", "none")
    assert code == 0 and set(by_id) == {victim, control, attacker}  # no ghost of 9999
    for honest in (victim, control):  # their own notebooks, their full marks
        assert by_id[honest]["score"] == pytest.approx(by_id[honest]["max_score"])
        assert by_id[honest]["error"] is None and by_id[honest]["flags"] == []
    mine = by_id[attacker]  # graded on the uploads, as the uploader's own
    assert {t["function"]: t["mistakes"] for t in mine["tests"]
            if t["mistakes"]} == {"propagate": ["forgot 1/m"]}
    assert "looks like another student's entry" in mine["flags"]
    assert mine["error"].count("looks like another student's entry") == 2
    assert f"graded as {attacker}'s own work" in mine["error"]


def test_a_zips_layout_is_decided_once_from_all_its_entries(tmp_path, notebook_names):
    first = notebook_names[0]
    # a Canvas zip whose file names hold Moodle's words stays a Canvas zip
    path = write_zip(tmp_path / "canvas.zip", [
        (f"smithjohn_1001_5001_{first}.ipynb", notebook(first), {}),
        (f"mallorym_LATE_1003_5002_Eve_2001_assignsubmission_file_{first}.ipynb",
         notebook(first), {}),
        ("mallorym_LATE_1003_text.html", b"<p>done</p>", {}),
    ])
    with collected(path, assignment=ASSIGNMENT) as (students, skipped):
        files = files_of(students)
        remarks = {s.student_id: s.remarks for s in students}
    assert skipped == [] and set(files) == {"1001", "1003"}
    assert list(files["1003"]) == [f"Eve_2001_assignsubmission_file_{first}.ipynb"]
    assert remarks["1001"] == () and [flag for flag, _ in remarks["1003"]] == \
        ["looks like another student's entry"]
    # a Moodle zip with an entry added in Canvas's layout: that entry is no one's
    path = write_zip(tmp_path / "moodle.zip", [
        (f"Ada Lovelace_2001_assignsubmission_file/{first}.ipynb", notebook(first), {}),
        (f"Alan Turing_2002_assignsubmission_file/{first}.ipynb", notebook(first), {}),
        (f"smithjohn_1001_5001_{first}.ipynb", notebook(first), {}),
    ])
    with collected(path, assignment=ASSIGNMENT) as (students, skipped):
        assert [s.student_id for s in students] == ["2001", "2002"]
    assert [s.name for s in skipped] == [f"smithjohn_1001_5001_{first}.ipynb"]
    assert "named as Canvas's entries are" in skipped[0].reason
    # as many entries of each layout: whose each one is cannot be told
    path = write_zip(tmp_path / "mixed.zip", [
        (f"Ada Lovelace_2001_assignsubmission_file_{first}.ipynb", notebook(first), {}),
        (f"smithjohn_1001_5001_{first}.ipynb", notebook(first), {}),
    ])
    with pytest.raises(ArchiveError, match="named in more than one way.*--student-id"):
        with collected(path, assignment=ASSIGNMENT):
            pass


def test_an_lms_prefix_is_read_from_the_left_as_the_lms_writes_it(tmp_path, notebook_names):
    first = notebook_names[0]
    path = write_zip(tmp_path / "anonymous.zip", [  # Canvas's anonymous grading
        (f"anon_ab1Cd_5001_{first}.ipynb", notebook(first), {}),
        (f"LATE_anon_Zz9Q2_5002_{first}.ipynb", notebook(first), {}),
    ])
    with collected(path, assignment=ASSIGNMENT) as (students, _):
        assert sorted(files_of(students)) == ["anon_Zz9Q2", "anon_ab1Cd"]
    path = write_zip(tmp_path / "moodle41.zip", [  # Moodle 4.1's folders: no trailing "_"
        (f"Ada Lovelace_2001_assignsubmission_file/sub/{first}.ipynb", notebook(first), {}),
        (f"Ada Lovelace_2001_assignsubmission_file/{first}_2002_3_x.ipynb", b"{}", {}),
    ])
    with collected(path, assignment=ASSIGNMENT) as (students, _):
        assert list(files_of(students)) == ["2001"]
        assert "it holds '2002_3_'" in students[0].remarks[0][1]


def test_one_id_under_two_names_is_flagged(tmp_path, notebook_names):
    first, second = notebook_names
    # a Canvas name ending in "_1001" would make Canvas's prefix read as 1001's
    path = write_zip(tmp_path / "names.zip", [
        (f"smithjohn_1001_5001_{first}.ipynb", notebook(first), {}),
        (f"x_1001_1003_5002_{second}.ipynb", notebook(second), {}),
    ])
    with collected(path, assignment=ASSIGNMENT) as (students, _):
        (student,) = students
        assert "under more than one name (smithjohn, x)" in student.remarks[0][1]


def test_an_id_off_the_roster_is_flagged_and_kept_out_of_the_gradebook(tmp_path, capsys,
                                                                       notebook_names):
    from nbgrader.api import Gradebook

    first = notebook_names[0]
    path = write_zip(tmp_path / "class.zip", [
        (f"smithjohn_1001_5001_{first}.ipynb", notebook(first), {}),
        (f"madeup_6666_5002_{first}.ipynb", notebook(first), {}),  # no such student
    ])
    roster = tmp_path / "roster.txt"
    roster.write_text("# week 1's class\n1001\n\n1002\n")
    db = f"sqlite:///{tmp_path / 'gradebook.db'}"
    code, by_id = grade_zip(tmp_path, path, "--roster", str(roster), "--gradebook", db)
    assert code == 0 and set(by_id) == {"1001", "6666"}  # shown, so nothing is lost
    assert by_id["6666"]["flags"] == ["missing notebook", "not on the roster"]
    assert "6666 is not on the roster (roster.txt)" in by_id["6666"]["error"]
    assert "not on the roster" not in by_id["1001"]["flags"]
    assert "no submission (1): 1002" in capsys.readouterr().out
    with Gradebook(db) as gb:
        assert [s.id for s in gb.students] == ["1001"]
