"""Reading what students handed in, without trusting the files they made.

Contract: ``student_folders(root, assignment)`` lists the students of a
submissions folder as ``StudentFolder``s (a folder that cannot be graded, such
as a link, carries a ``problem``; what an intake left out of a folder, its
``notes``; what needs a look but costs nothing, its ``remarks``) and the entries
it skips, each with the reason (``Skipped``: hidden folders, plain files).
``autograder.lms`` makes the same from an LMS's zip. In nbgrader's layout
(``root/<student>/<assignment>/``: at least one student folder holds the
assignment's folder), a student folder with neither the assignment's folder nor a
notebook is a student who handed nothing in (``StudentFolder.handed_in`` false):
listed as "no submission", never graded as a 0. There, nbgrader's
``timestamp.txt`` gives ``StudentFolder.submitted_at`` (``autograder.lateness``). ``notebook_files(folder)`` lists the
regular ``.ipynb`` files in a student's folder; ``read_bytes(path, limit)``
reads a regular file without following a link or blocking on a FIFO;
``fingerprint(folder, digest)`` hashes what grading reads from a folder. A student's
id is the folder's name; ``autograder.roster.identify`` maps it to the course's id when
the roster has a column for folder names (``StudentFolder.id_source``).

Links are never followed: archives (tar, zip) restore them, and a link to a
classmate's notebook or to the instructor's source is not a submission. File
and folder names are kept as they are on disk; ``display_name`` shows one as
printable text (bytes that are not UTF-8 and control characters escaped), so
that a name never breaks an output or the instructor's terminal.
"""

import hashlib
import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path

NOTEBOOK_SUFFIX = ".ipynb"
MAX_NAME_BYTES = 200
FOLDER_IDS = "nbgrader_id"  # the roster's column that maps a folder's names (roster.py)


class UnreadableFile(Exception):
    """A submitted path that is not a regular file we can read, with the reason."""


@dataclass(frozen=True)
class StudentFolder:
    student_id: str        # printable; unique in the batch
    path: Path             # the folder to read notebooks from
    problem: str | None = None
    notes: tuple = ()      # sentences on what was left out of the folder (e.g. from a zip)
    remarks: tuple = ()    # (flag, sentence) pairs: what needs a look but costs no points,
                           # added to the student's result after grading
    handed_in: bool = True  # False: nothing of this assignment (nbgrader's layout), so
                            # the student is "no submission", not graded
    submitted_at: object = None  # datetime of the submission as its LMS or nbgrader
                                 # recorded it (``autograder.lateness``), None unknown
    late_mark: bool = False      # the LMS marked it late (Canvas's LATE_)
    lms_address: object = None   # where the LMS's bulk feedback upload files this
                                 # student's page (``autograder.delivery.LmsAddress``),
                                 # from the LMS's own prefix in its zip; None: nowhere
    id_source: str = ""  # the roster's column that maps this intake's ids to the course's
                         # (``autograder.roster.identify``): "nbgrader_id" for a folder's
                         # names, "canvas_id" or "moodle_id" for an LMS's zip; '' none


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


def display_name(name):
    """A file or folder name as printable text: undecodable bytes and control
    characters escaped (``caf\\xe9``), everything else as it is."""
    text = os.fsencode(name).decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)


def file_safe(name):
    """A printable name short enough to be a file or folder name."""
    shown = display_name(name)
    if len(shown.encode()) <= MAX_NAME_BYTES and shown not in (".", ".."):
        return shown
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:12]
    return shown.encode()[:MAX_NAME_BYTES - 13].decode("utf-8", "ignore") + "-" + digest


def _kind(mode):
    if stat.S_ISLNK(mode):
        return "a link"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a file"


def student_folders(root, assignment):
    """The students of a submissions folder: (list of StudentFolder, list of Skipped)."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a folder: give the folder that holds one "
                                f"folder per student.")
    students, skipped, shown = [], [], set()
    for name in sorted(os.listdir(root), key=os.fsencode):
        path = root / name
        try:
            mode = os.lstat(path).st_mode
        except OSError as error:
            skipped.append(Skipped(display_name(name), f"cannot be read ({error.strerror})"))
            continue
        if name.startswith("."):
            skipped.append(Skipped(display_name(name), "its name starts with '.', so it is "
                                   "taken for a hidden folder: rename it if it is a student's"))
            continue
        if not (stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
            skipped.append(Skipped(display_name(name),
                                   f"it is {_kind(mode)}, not a student's folder"))
            continue
        student_id = display_name(name)
        while student_id in shown:  # two names that print alike
            student_id += "_"
        shown.add(student_id)
        if stat.S_ISLNK(mode):
            students.append(StudentFolder(student_id, path, "the student's folder is a link to "
                                          "another place; links are not followed: put the "
                                          "notebooks themselves in the folder."))
        else:
            nested = path / assignment
            try:
                nested_mode = os.lstat(nested).st_mode
            except OSError:
                nested_mode = None
            if nested_mode is not None and stat.S_ISLNK(nested_mode):
                students.append(StudentFolder(student_id, path, f"{assignment} in the "
                                              f"student's folder is a link; links are not "
                                              f"followed."))
            elif nested_mode is not None and stat.S_ISDIR(nested_mode):
                from autograder.lateness import nbgrader_timestamp
                students.append(StudentFolder(student_id, nested,
                                              submitted_at=nbgrader_timestamp(nested)))
            else:
                students.append(StudentFolder(student_id, path))
    if any(s.path.parent != root for s in students):  # nbgrader's layout
        students = [s if s.problem or s.path.parent != root or notebook_files(s.path) else
                    StudentFolder(s.student_id, s.path, handed_in=False) for s in students]
    return [replace(s, id_source=FOLDER_IDS) for s in students], skipped


def entries(folder):
    """{name: kind} of what a student's folder holds ("a file", "a link", ...)."""
    found = {}
    try:
        names = os.listdir(folder)
    except OSError:
        return found
    for name in names:
        try:
            found[name] = _kind(os.lstat(Path(folder) / name).st_mode)
        except OSError:
            found[name] = "unreadable"
    return found


def notebook_files(folder):
    """The regular .ipynb files directly in a folder, sorted by name (bytes)."""
    return [Path(folder) / name for name, kind in sorted(entries(folder).items(),
                                                          key=lambda item: os.fsencode(item[0]))
            if kind == "a file" and name.endswith(NOTEBOOK_SUFFIX)]


def read_bytes(path, limit):
    """At most ``limit + 1`` bytes of a regular file; UnreadableFile for anything else."""
    shown = display_name(Path(path).name)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise UnreadableFile(f"{shown} is missing from the submission.") from None
    except OSError as error:
        try:
            kind = _kind(os.lstat(path).st_mode)
        except OSError:
            kind = "unreadable"
        if kind == "a link":
            raise UnreadableFile(f"{shown} is a link to another file, not a notebook; links "
                                 f"are not followed: submit the notebook itself.") from None
        raise UnreadableFile(f"{shown} cannot be read ({error.strerror}).") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"{shown} is {_kind(info.st_mode)}, not a notebook file.")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def fingerprint(folder, digest, limit):
    """A hash of what grading reads from a student's folder (its notebooks, and what
    stands where a notebook could be) and of what grading depends on (``digest``)."""
    hasher = hashlib.sha256(digest.encode())
    for name, kind in sorted(entries(folder).items(), key=lambda item: os.fsencode(item[0])):
        if not name.endswith(NOTEBOOK_SUFFIX):
            continue
        hasher.update(os.fsencode(name) + b"\0" + kind.encode() + b"\0")
        if kind == "a file":
            try:
                data = read_bytes(Path(folder) / name, limit)
            except UnreadableFile as problem:
                data = str(problem).encode()
            hasher.update(hashlib.sha256(data).digest())
    return hasher.hexdigest()
