"""Collecting submissions from a learning-management system's zip, without trusting it.

Contract: ``collected(path, assignment=...)`` is a context manager that yields
``(students, skipped)`` as ``intake.student_folders`` gives them. For a folder it
is just that; for a zip file (Canvas's or Moodle's "download all submissions")
it reads the zip's entries in memory, maps each to a student with a rule
(``rules``), keeps each student's newest upload of each notebook, and writes
the chosen notebooks into a fresh temporary folder per student, which is
removed on leaving the context. Everything after that (grading, feedback
pages, CSV, gradebook, the resume cache) works on those folders unchanged.

Student files are hostile, and so is a zip. Nothing is ever extracted by
``zipfile``: an entry is read into memory up to a size cap (``ZipLimits``; the
size a zip claims is not trusted) and only regular files are written, by this
module, under names it made safe. An entry whose name is absolute or holds
".." is not read; one marked as a link or a special file is left out and never
created; a name that is not UTF-8 (a zip written on Windows, decoded as cp437)
is kept as printable text. A student's entry that is left out becomes a note
on that student's result, so nothing is lost silently; an entry that belongs
to nobody is listed as ``Skipped``. A zip that cannot be read at all, or holds
more than the caps allow, raises one ``ArchiveError`` that says what to do.
"""

import os
import re
import shutil
import stat
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from autograder.intake import (MAX_NAME_BYTES, NOTEBOOK_SUFFIX, Skipped, StudentFolder,
                               display_name, file_safe, student_folders)

# Moodle: "<Full Name>_<participant id>_assignsubmission_file_/<file>" (in folders) or
# "<Full Name>_<participant id>_assignsubmission_file_<file>" (without)
MOODLE = (r"(?:^|/)(?P<name>[^/]+)_(?P<student>\d+)_assignsubmission_[a-z]+_"
          r"(?:/(?:[^/]+/)*)?(?P<file>[^/]+)$")
# Canvas: "<name>_<late_>?<user id>_<submission id>_<original file name>"
CANVAS = (r"(?:^|/)(?P<name>[^/]+?)_(?i:late_)?(?P<student>\d+)_(?P<submission>\d+)_"
          r"(?P<file>[^/]+)$")
DEFAULT_RULES = (MOODLE, CANVAS)
RESUBMISSION = re.compile(r"^(?P<stem>.*)-(?P<number>\d+)$")  # Canvas's "name-1.ipynb"
IGNORED = ("__MACOSX/", ".DS_Store", "Thumbs.db")  # what zip tools add on their own
UTF8_NAME = 0x800  # the zip's flag bit: this entry's name is UTF-8


class ArchiveError(Exception):
    """A zip of submissions that cannot be used at all, with what to do about it."""


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

    @property
    def newness(self):
        return (self.info.date_time, self.resubmission, self.order)


def rules(student_id=None):
    """The compiled rules that map a zip entry's path to a student: ``student_id`` (a
    regular expression with a group named 'student'), or the defaults for Moodle and
    Canvas. ValueError, said plainly, for a pattern that cannot serve."""
    if student_id is None:
        return tuple(re.compile(rule) for rule in DEFAULT_RULES)
    try:
        rule = re.compile(student_id)
    except re.error as error:
        raise ValueError(f"{student_id!r} is not a regular expression ({error}).") from None
    if "student" not in rule.groupindex:
        raise ValueError(f"{student_id!r} has no group named 'student': write the part "
                         f"that is the student's id as (?P<student>...).")
    return (rule,)


def is_archive(path):
    """Whether a SUBMISSIONS argument is a file (taken for a zip) rather than a folder."""
    return Path(path).is_file()


@contextmanager
def collected(path, *, assignment, student_id=None, limits=ZipLimits()):
    """Yield (list of StudentFolder, list of Skipped) for a folder or a zip of submissions.

    student_id -- the rule for a zip's entry names (see ``rules``); default: Moodle's
                  participant id or Canvas's user id
    limits -- how much of a zip is read (ZipLimits)
    """
    if not is_archive(path):
        yield student_folders(path, assignment)
        return
    from autograder.notebooks import source_notebooks

    notebooks = {s.name for s in source_notebooks(assignment)}
    scratch = Path(tempfile.mkdtemp(prefix="submissions-"))
    try:
        yield _unpack(Path(path), scratch, notebooks, rules(student_id), limits)
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


def _whose(name, compiled):
    """(raw student id, file name) of an entry's path, or None if no rule names one."""
    for rule in compiled:
        found = rule.search(name)
        if found and found["student"]:
            file = found.groupdict().get("file") or re.split(r"[/\\]", name)[-1]
            return found["student"], re.split(r"[/\\]", file)[-1]
    return None


def _unpack(path, scratch, notebooks, compiled, limits):
    archive = _open(path, limits)
    with archive:
        uploads, notes, others, skipped = _sort_entries(archive, notebooks, compiled)
        return _write_students(archive, path, scratch, uploads, notes, others, skipped, limits)


def _sort_entries(archive, notebooks, compiled):
    """Read the zip's list of entries (never their contents).

    Returns:
    uploads -- {raw student id: {graded name: [_Upload, ...]}}
    notes -- {raw student id: [what was left out, a sentence each]}
    others -- {raw student id: [names of their files that are not notebooks]}
    skipped -- [Skipped] for the entries that belong to nobody
    """
    uploads, notes, others, skipped = {}, {}, {}, []
    for order, info in enumerate(archive.infolist()):
        name = entry_name(info)
        shown = display_name(name)
        if _unsafe(name):
            skipped.append(Skipped(shown, "its name is absolute or holds '..', so it could "
                                   "land outside any folder; it was not read"))
            continue
        if info.is_dir() or name.startswith(IGNORED[0]) or \
                re.split(r"[/\\]", name)[-1] in IGNORED[1:]:
            continue
        whose = _whose(name, compiled)
        if whose is None:
            skipped.append(Skipped(shown, "its name does not say whose it is (neither "
                                   "Moodle's <Full Name>_<id>_assignsubmission_file_/<file> "
                                   "nor Canvas's <name>_<user id>_<submission id>_<file>); "
                                   "set --student-id to the rule your zip follows"))
            continue
        student, file = whose
        uploads.setdefault(student, {})
        if not file.endswith(NOTEBOOK_SUFFIX):
            others.setdefault(student, []).append(display_name(file))
            continue
        special = _special(info)
        if special:
            notes.setdefault(student, []).append(
                f"{display_name(file)} is {special} in the zip, not a notebook file"
                + ("; links are not followed: submit the notebook itself." if special == "a link"
                   else "."))
            continue
        name_to_grade, resubmission = graded_name(safe_file_name(file), notebooks)
        uploads[student].setdefault(name_to_grade, []).append(
            _Upload(info, display_name(file), resubmission, order))
    return uploads, notes, others, skipped


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


def _write_students(archive, path, scratch, uploads, notes, others, skipped, limits):
    """Write each student's newest upload of each notebook into a folder of its own."""
    entry_cap, total_cap = limits.entry_mb * 2**20, limits.total_mb * 2**20
    students, shown_ids, folders, total = [], set(), set(), 0
    for raw in sorted(uploads, key=lambda s: (display_name(s), s)):
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
        said, written = list(notes.get(raw, [])), 0
        for name, candidates in sorted(uploads[raw].items()):
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
            written += 1
        problem = None
        if not written:
            found = others.get(raw, [])
            problem = ("the zip holds no notebook (.ipynb) of this student's that could be "
                       "graded" + (f"; only {', '.join(found[:5])}" if found else "") + ".")
        students.append(StudentFolder(student_id, folder, problem, tuple(said)))
    return students, skipped
