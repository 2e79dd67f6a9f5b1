"""Collecting submissions from a learning-management system's zip, without trusting it.

Contract: ``collected(path, assignment=...)`` is a context manager that yields
``(students, skipped)`` as ``intake.student_folders`` gives them. For a folder it
is just that; for a zip file (Canvas's or Moodle's "download all submissions")
it reads the zip's entries in memory, decides once whose each entry is
(``autograder.layouts``: only from the prefix the LMS wrote, read from the left),
keeps each student's newest upload of each notebook, and writes the chosen
notebooks into a fresh temporary folder per student, which is removed on leaving
the context. Everything after that (grading, feedback pages, CSV, gradebook, the
resume cache) works on those folders unchanged. What needs a look but costs the
student nothing (an upload whose own name imitates another student's entry: it is
graded as the uploader's) is a remark on the student's folder
(``StudentFolder.remarks``), added to their result after grading. When a student
submitted is what the LMS recorded: the zip's date and time of their newest graded
notebook (``StudentFolder.submitted_at``) and Canvas's ``LATE_`` mark in its prefix
(``StudentFolder.late_mark``), for ``autograder.lateness``. Where the LMS's bulk
upload of feedback files will file the student's page is read from the same prefixes
(``StudentFolder.lms_address``, ``autograder.delivery``). The roster's column for the
LMS (``StudentFolder.id_source``, ``autograder.roster.identify``) may map its ids to the
course's; an anonymous download's or a ``--student-id`` rule's ids are mapped by none.

Student files are hostile, and so is a zip. Nothing is ever extracted by
``zipfile``: an entry is read into memory up to a size cap (``ZipLimits``; the
size a zip claims is not trusted) and only regular files are written, by this
module, under names it made safe. An entry whose name is absolute or holds
".." is not read; one marked as a link or a special file is left out and never
created; a name that is not UTF-8 (a zip written on Windows, decoded as cp437)
is kept as printable text. A student's entry that is left out becomes a note
on that student's result, so nothing is lost silently; an entry that belongs
to nobody is listed as ``Skipped``. A zip that cannot be read at all, that
holds more than the caps allow, or whose entries are named in two ways, raises
one ``ArchiveError`` that says what to do.
"""

import os
import re
import shutil
import stat
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from autograder.intake import (MAX_NAME_BYTES, NOTEBOOK_SUFFIX, Skipped, StudentFolder,
                               display_name, file_safe, student_folders)
from autograder.delivery import lms_address
from autograder.layouts import ArchiveError, decide, looks_like_an_entry, rule_layout

LOOKALIKE = "looks like another student's entry"  # the flag of grade.FLAGS it raises
RESUBMISSION = re.compile(r"^(?P<stem>.*)-(?P<number>\d+)$")  # Canvas's "name-1.ipynb"
IGNORED = ("__MACOSX/", ".DS_Store", "Thumbs.db")  # what zip tools add on their own
UTF8_NAME = 0x800  # the zip's flag bit: this entry's name is UTF-8


@dataclass(frozen=True)
class ZipLimits:
    """How much of a zip is read; the sizes are of what the entries unpack to."""

    entry_mb: int = 20       # MB, one notebook (the grader reads no more of a notebook)
    total_mb: int = 1024     # MB, all the notebooks taken from the zip together
    entries: int = 100_000   # entries the zip may list


@dataclass(frozen=True)
class _Upload:
    """One notebook entry of a student in the zip."""

    info: zipfile.ZipInfo
    shown: str          # the entry's name as printable text
    resubmission: int   # Canvas's "-1", "-2" before the suffix; 0 without
    order: int          # position in the zip
    imitates: str | None = None  # the part of its own name that imitates an LMS's prefix
    attachment: str = ""  # Canvas's attachment id in the entry's prefix

    @property
    def newness(self):
        return (self.info.date_time, self.resubmission, self.order)


def zip_time(info):
    """When an entry was written, as the zip records it: a datetime in this machine's
    time zone (a zip's times carry none; an LMS writes its server's local time)."""
    try:
        return datetime(*info.date_time).astimezone()
    except ValueError:  # a date the zip format allows but no calendar has
        return None


def check_rule(student_id):
    """ValueError, said plainly, for a --student-id pattern that cannot serve (see
    ``autograder.layouts.rule_layout``)."""
    rule_layout(student_id)


def is_archive(path):
    """Whether a SUBMISSIONS argument is a file (taken for a zip) rather than a folder."""
    return Path(path).is_file()


@contextmanager
def collected(path, *, assignment, student_id=None, limits=ZipLimits()):
    """Yield (list of StudentFolder, list of Skipped) for a folder or a zip of submissions.

    student_id -- the rule for a zip's entry names (``autograder.layouts``); default:
                  the layout of Moodle or Canvas that the zip's entries follow
    limits -- how much of a zip is read (ZipLimits)
    """
    if not is_archive(path):
        yield student_folders(path, assignment)
        return
    from autograder.notebooks import source_notebooks

    notebooks = {s.name for s in source_notebooks(assignment)}
    scratch = Path(tempfile.mkdtemp(prefix="submissions-"))
    try:
        yield _unpack(Path(path), scratch, notebooks, student_id, limits)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _open(path, limits):
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
            NotImplementedError) as error:
        reason = str(error) or type(error).__name__
        raise ArchiveError(f"{path} cannot be read as a zip file ({reason}): download it "
                           f"again from the LMS, or unpack it and give the folder.") from None
    if len(archive.infolist()) > limits.entries:
        archive.close()
        raise ArchiveError(f"{path} lists more than {limits.entries} entries: that is no "
                           f"class's submissions; unpack what you trust and give the folder.")
    return archive


def entry_name(info):
    """A zip entry's name as text: UTF-8 when the zip says so or when the bytes are UTF-8,
    else as the zip format defines it (cp437, as a zip written on Windows has it)."""
    if info.flag_bits & UTF8_NAME:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except UnicodeError:
        return info.filename


def _unsafe(name):
    parts = re.split(r"[/\\]", name)
    return (name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) is not None
            or ".." in parts)


def _special(info):
    """What a non-regular entry is ("a link", ...), or None for a regular file."""
    mode = info.external_attr >> 16
    if stat.S_IFMT(mode) in (0, stat.S_IFREG):  # many zip tools store no file type
        return None
    return {stat.S_IFLNK: "a link", stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket",
            stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}.get(stat.S_IFMT(mode),
                                                                   "not a regular file")


def safe_file_name(name):
    """A file name to write: printable, short enough, never '.' or '..', and keeping its
    .ipynb suffix."""
    stem, suffix = (name[:-len(NOTEBOOK_SUFFIX)], NOTEBOOK_SUFFIX) \
        if name.endswith(NOTEBOOK_SUFFIX) else (name, "")
    stem = file_safe(stem or "_")[:MAX_NAME_BYTES - len(suffix)]
    return stem + suffix


def graded_name(name, notebooks):
    """(the name to grade a notebook under, its resubmission number): Canvas's "-1",
    "-2" before the suffix is dropped when what is left is a notebook of the assignment."""
    stem = name[:-len(NOTEBOOK_SUFFIX)]
    found = RESUBMISSION.match(stem)
    if found and found["stem"] in notebooks:
        return found["stem"] + NOTEBOOK_SUFFIX, int(found["number"])
    return name, 0


def _unpack(path, scratch, notebooks, student_id, limits):
    archive = _open(path, limits)
    with archive:
        entries = _sort_entries(archive, path, notebooks, student_id)
        return _write_students(archive, path, scratch, entries, limits)


@dataclass
class _Entries:
    """A zip's entries by student, as ``_sort_entries`` found them (keys: raw ids)."""

    uploads: dict   # {student: {graded name: [_Upload, ...]}}
    notes: dict     # {student: [what was left out, a sentence each]}
    others: dict    # {student: [names of their files that are not notebooks]}
    names: dict     # {student: {the names the LMS wrote with the id}}
    late: set       # the students an entry of whose the LMS marked late
    skipped: list   # [Skipped] for the entries that belong to nobody
    lms: str = ""   # the LMS whose layout the zip follows ("canvas", "moodle", '')


def _named_entries(archive, skipped):
    """[(order, info, name)] of the entries that may be a student's (not the zip tool's
    own, not a folder); an unsafe one is added to ``skipped``."""
    named = []
    for order, info in enumerate(archive.infolist()):
        name = entry_name(info)
        if _unsafe(name):
            skipped.append(Skipped(display_name(name), "its name is absolute or holds '..', "
                                   "so it could land outside any folder; it was not read"))
            continue
        if info.is_dir() or name.startswith(IGNORED[0]) or \
                re.split(r"[/\\]", name)[-1] in IGNORED[1:]:
            continue
        named.append((order, info, name))
    return named


def _sort_entries(archive, path, notebooks, student_id):
    """Read the zip's list of entries (never their contents) into _Entries."""
    found = _Entries({}, {}, {}, {}, set(), [])
    named = _named_entries(archive, found.skipped)
    decision = decide([name for _, _, name in named], rule=student_id, source=str(path))
    found.lms = decision.layout.lms
    for order, info, name in named:
        claim = decision.claims.get(name)
        if claim is None:
            found.skipped.append(Skipped(display_name(name), decision.skipped[name]))
            continue
        student, file = claim.student, re.split(r"[/\\]", claim.file)[-1]
        found.uploads.setdefault(student, {})
        found.names.setdefault(student, set()).add(claim.name)
        if claim.late:
            found.late.add(student)
        if not file.endswith(NOTEBOOK_SUFFIX):
            found.others.setdefault(student, []).append(display_name(file))
            continue
        special = _special(info)
        if special:
            found.notes.setdefault(student, []).append(
                f"{display_name(file)} is {special} in the zip, not a notebook file"
                + ("; links are not followed: submit the notebook itself." if special == "a link"
                   else "."))
            continue
        name_to_grade, resubmission = graded_name(safe_file_name(file), notebooks)
        imitates = looks_like_an_entry(claim.file) if decision.layout.opaque_files else None
        found.uploads[student].setdefault(name_to_grade, []).append(
            _Upload(info, display_name(file), resubmission, order, imitates,
                    claim.attachment))
    return found


def _read(archive, info, cap):
    """At most cap + 1 bytes of an entry (what the zip says of its size is not trusted)."""
    with archive.open(info) as entry:
        return entry.read(cap + 1)


def _write(folder, name, data):
    """Write a new regular file; never through a link, never over an existing file."""
    fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                 | os.O_CLOEXEC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def _remarks(student_id, names, written):
    """(flag, sentence) pairs of what needs a look in a student's entries, though it costs
    them nothing: their names as the LMS wrote them, and their graded uploads."""
    remarks = []
    if len(names) > 1:  # an LMS writes one name with an id
        shown = ", ".join(sorted(display_name(name)[:60] for name in names))
        remarks.append((LOOKALIKE, f"the zip gives the id {student_id} under more than one "
                                   f"name ({shown}): an entry may be named to look like "
                                   f"another student's; check whose uploads these are."))
    for upload in written:
        if upload.imitates:
            remarks.append((LOOKALIKE, f"the file name {upload.shown[:120]} looks like "
                                       f"another student's entry (it holds "
                                       f"'{display_name(upload.imitates)[:60]}'): it was "
                                       f"graded as {student_id}'s own work, and no other "
                                       f"student's submission was changed."))
    return tuple(remarks)


def _write_students(archive, path, scratch, entries, limits):
    """Write each student's newest upload of each notebook into a folder of its own."""
    entry_cap, total_cap = limits.entry_mb * 2**20, limits.total_mb * 2**20
    students, shown_ids, folders, total = [], set(), set(), 0
    for raw in sorted(entries.uploads, key=lambda s: (display_name(s), s)):
        student_id = display_name(raw)
        while student_id in shown_ids:  # two ids that print alike
            student_id += "_"
        shown_ids.add(student_id)
        folder_name = file_safe(student_id)
        while folder_name in folders:
            folder_name += "_"
        folders.add(folder_name)
        folder = scratch / folder_name
        folder.mkdir(mode=0o700)
        said, written = list(entries.notes.get(raw, [])), []
        for name, candidates in sorted(entries.uploads[raw].items()):
            newest = max(candidates, key=lambda upload: upload.newness)
            try:
                data = _read(archive, newest.info, entry_cap)
            except Exception as error:  # one broken entry costs its own notebook
                said.append(f"{newest.shown} could not be read from the zip "
                            f"({type(error).__name__}: {error}).")
                continue
            if len(data) > entry_cap:
                said.append(f"{newest.shown} is over the {limits.entry_mb} MB limit per "
                            f"notebook: clear its outputs and hand it in again.")
                continue
            total += len(data)
            if total > total_cap:
                raise ArchiveError(f"{path} holds more than {limits.total_mb} MB of "
                                   f"notebooks: raise --zip-total-mb if you trust it, or "
                                   f"split the class into smaller zips.")
            _write(folder, name, data)
            written.append(newest)
        problem = None
        if not written:
            found = entries.others.get(raw, [])
            problem = ("the zip holds no notebook (.ipynb) of this student's that could be "
                       "graded" + (f"; only {', '.join(found[:5])}" if found else "") + ".")
        students.append(StudentFolder(
            student_id, folder, problem, tuple(said),
            _remarks(student_id, entries.names.get(raw, ()), written),
            submitted_at=max((zip_time(upload.info) for upload in written), default=None),
            late_mark=raw in entries.late,
            lms_address=lms_address(entries.lms, raw, written),
            id_source=f"{entries.lms}_id" if entries.lms else ""))
    return students, entries.skipped
