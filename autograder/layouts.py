"""Whose each entry of an LMS's zip is: only from the part of its name that the LMS wrote.

Contract: ``decide(paths, rule=None)`` reads the paths of a zip's entries (every entry
that is not the zip tool's own) and returns a ``Decision``: the ``Layout`` that the
whole zip follows, a ``Claim`` for each path that layout reads (the student id, the
name the LMS wrote with it, and the file after the LMS's prefix), and the reason for
each path it does not read. ``looks_like_an_entry(file)`` says whether a file's own
name imitates an LMS's prefix.

An LMS writes a prefix before each student's file and the student chooses the rest,
so the prefix is read from the LEFT of an entry's path and everything after it is an
opaque file name that is never read for identity again:

- Moodle: in folders, the first path component is the LMS's
  (``<Full Name>_<participant id>_assignsubmission_<plugin>``, with a trailing ``_``
  before Moodle 4.1) and the rest of the path is the student's file; flat, an entry
  is ``<Full Name>_<participant id>_assignsubmission_<plugin>_<file>``. Moodle turns
  every ``_`` of a full name into a space, so the name holds none, and no file name
  holds a ``/``: whether an entry is in a folder is Moodle's doing, so the two forms
  are one layout (a zip of both is read, as a merged download would be).
- Canvas: ``<name>_[LATE_]<user id>_<attachment id>_<file>``, or
  ``<name>_[LATE_]<user id>_text.html`` / ``_link.html`` for a text or a link. The
  name is the student's sortable name lower-cased with everything but letters, digits
  and ``_`` removed, and Canvas joins a ``_<digits>_`` inside it, so the first
  ``[LATE_]<digits>_<digits>_`` from the left ends the prefix, as Canvas's own
  re-upload of graded files reads it. Its ``LATE_`` is Canvas's mark of a late
  submission (``Claim.late``), read there and nowhere else; its attachment id
  (``Claim.attachment``) is what Canvas's bulk upload of feedback files needs with the
  user id (``autograder.delivery``).
- Canvas, anonymous grading: ``[LATE_]anon_<anonymous id>_<attachment id>_<file>``;
  the student id is ``anon_<anonymous id>``.
- The instructor's ``--student-id`` rule: a regular expression searched in the path,
  whose group ``student`` is the id and group ``file``, if any, the file.

The layout is decided once, from all the entries: the one that reads every entry that
some layout reads (of two that both do, the first in the list above). An LMS writes
one prefix for every entry of a download, a student's upload included, so a student
cannot make their own entries fit another layout only. When no layout reads them all,
the zip is not one LMS's download as it came: the layout that reads the most entries
is used and each entry it does not read is skipped, with the layout it looks like
(someone added files to the zip: they are listed, never graded as anyone's). When two
layouts read equally many, nothing says which is meant, and ``ArchiveError`` asks for
a zip per download or a ``--student-id`` rule.
"""

import re
from dataclasses import dataclass, field
from typing import Callable

DIGITS = "[0-9]+"
# (re.S: a name may hold any character, a line break too)
MOODLE_FOLDER = re.compile(rf"(?P<name>.*)_(?P<student>{DIGITS})_assignsubmission_[a-z]+_?",
                           re.S)
MOODLE_FLAT = re.compile(rf"(?P<name>[^_]*)_(?P<student>{DIGITS})_assignsubmission_[a-z]+_"
                         rf"(?P<file>.+)", re.S)
# the file after Canvas's prefix: an upload after its attachment id, or a text or a link
_CANVAS_FILE = rf"_(?:(?P<attachment>{DIGITS})_(?P<file>.+)|(?P<online>(?:text|link)\.html))"
CANVAS = re.compile(rf"(?P<name>(?:[^_]*_)*?)(?P<late>(?i:LATE_))?(?P<student>{DIGITS})"
                    rf"{_CANVAS_FILE}", re.S)
CANVAS_ANONYMOUS = re.compile(rf"(?P<late>(?i:LATE_))?(?P<student>anon_[A-Za-z0-9]+)"
                              rf"{_CANVAS_FILE}", re.S)
# what an LMS writes before a student's file, found inside a file's own name
LOOKS_LIKE_AN_ENTRY = re.compile(
    rf"(?:^|[_/\\]){DIGITS}_assignsubmission_"                       # Moodle's
    rf"|(?:^|[_/\\])(?i:LATE_)?(?:{DIGITS}|anon_[A-Za-z0-9]+)_{DIGITS}_")  # Canvas's


class ArchiveError(Exception):
    """A zip of submissions that cannot be used at all, with what to do about it."""


@dataclass(frozen=True)
class Claim:
    """What the LMS's part of an entry's path says."""

    student: str   # the id the LMS wrote (raw text of the zip)
    name: str      # the name the LMS wrote with it ('' where it writes none)
    file: str      # the rest of the path, as the student named it: never read for identity
    late: bool = False  # Canvas's LATE_ mark, in the LMS's own prefix
    attachment: str = ""  # Canvas's attachment id of an upload ('' elsewhere)


@dataclass(frozen=True)
class Layout:
    """One way an LMS names the entries of its download."""

    title: str                        # e.g. "Moodle's, in folders"
    example: str                      # how one of its entries is named
    read: Callable = field(repr=False)  # path -> Claim, or None when it is not so named
    opaque_files: bool = True         # whether Claim.file is exactly the student's part
    lms: str = ""                     # "canvas" or "moodle": whose bulk feedback upload
                                      # reads the ids this layout gives ('' for none)


@dataclass
class Decision:
    """What ``decide`` made of a zip's entries."""

    layout: Layout
    claims: dict      # path -> Claim, for the entries the layout reads
    skipped: dict     # path -> why it is not graded as anyone's


def _parts(path):
    return re.split(r"[/\\]", path)


def _read_moodle(path):
    parts = _parts(path)
    if len(parts) == 1:
        found = MOODLE_FLAT.fullmatch(path)
        return found and Claim(found["student"], found["name"], found["file"])
    found = MOODLE_FOLDER.fullmatch(parts[0])
    if not found or not parts[-1]:
        return None
    return Claim(found["student"], found["name"], "/".join(parts[1:]))


def _canvas(pattern):
    def read(path):
        if len(_parts(path)) != 1:
            return None
        found = pattern.fullmatch(path)
        if not found:
            return None
        groups = found.groupdict()
        name = groups.get("name") or ""
        return Claim(found["student"], name[:-1],
                     groups.get("file") or groups.get("online"), bool(groups.get("late")),
                     groups.get("attachment") or "")
    return read


LAYOUTS = (  # in the order that settles a tie
    Layout("Moodle's", "<Full Name>_<id>_assignsubmission_file/<file>, or _<file> when flat",
           _read_moodle, lms="moodle"),
    Layout("Canvas's, anonymous", "anon_<anonymous id>_<attachment id>_<file>",
           _canvas(CANVAS_ANONYMOUS)),
    Layout("Canvas's", "<name>_[LATE_]<user id>_<attachment id>_<file>", _canvas(CANVAS),
           lms="canvas"),
)


def rule_layout(student_id):
    """The instructor's rule as a Layout: ``student_id`` is a regular expression with a
    group named 'student' (and, if wanted, 'file' and 'name'). ValueError, said plainly,
    for a pattern that cannot serve."""
    try:
        rule = re.compile(student_id)
    except re.error as error:
        raise ValueError(f"{student_id!r} is not a regular expression ({error}).") from None
    if "student" not in rule.groupindex:
        raise ValueError(f"{student_id!r} has no group named 'student': write the part "
                         f"that is the student's id as (?P<student>...).")

    def read(path):
        found = rule.search(path)
        if not found or not found["student"]:
            return None
        groups = found.groupdict()
        return Claim(found["student"], groups.get("name") or "",
                     groups.get("file") or _parts(path)[-1])

    # without a 'file' group, where the LMS's part ends is not known
    return Layout("your --student-id rule's", student_id, read,
                  opaque_files="file" in rule.groupindex)


def decide(paths, rule=None, source="the zip"):
    """The Decision for a zip's entry paths (see the module's docstring).

    rule -- the instructor's --student-id pattern, which then is the only layout
    source -- the zip, as an ArchiveError names it
    """
    layouts = (rule_layout(rule),) if rule is not None else LAYOUTS
    read = {layout: {} for layout in layouts}
    for path in paths:
        for layout in layouts:
            claim = layout.read(path)
            if claim is not None:
                read[layout][path] = claim
    named = {path for claims in read.values() for path in claims}
    ranked = sorted(layouts, key=lambda layout: -len(read[layout]))  # stable: ties keep order
    chosen = ranked[0]
    if len(read[chosen]) < len(named) and len(read[ranked[1]]) == len(read[chosen]):
        raise ArchiveError(
            f"{source}'s entries are named in more than one way ({len(read[chosen])} as "
            f"{chosen.title} {chosen.example}, {len(read[ranked[1]])} as {ranked[1].title} "
            f"{ranked[1].example}), so whose each one is cannot be told: give each LMS "
            f"download its own run, or set --student-id to the rule the zip follows.")
    skipped = {}
    for path in paths:
        if path in read[chosen]:
            continue
        other = next((layout for layout in layouts if path in read[layout]), None)
        if other is not None:
            skipped[path] = (f"it is named as {other.title} entries are ({other.example}), "
                             f"while {len(read[chosen])} of the zip's entries are named as "
                             f"{chosen.title} ({chosen.example}); an entry that does not "
                             f"follow the zip's own layout was added to it, so it is not "
                             f"graded as anyone's: grade it on its own if it is a student's")
        elif rule is not None:
            skipped[path] = ("its name does not say whose it is by your --student-id rule "
                             f"{rule!r}")
        elif read[chosen]:
            skipped[path] = (f"its name does not say whose it is: the zip's entries are "
                             f"named as {chosen.title} ({chosen.example}) and this one is "
                             f"not; set --student-id if the zip follows another rule")
        else:
            skipped[path] = ("its name does not say whose it is (neither Moodle's "
                             "<Full Name>_<id>_assignsubmission_file_/<file> nor Canvas's "
                             "<name>_<user id>_<attachment id>_<file>); set --student-id to "
                             "the rule your zip follows")
    return Decision(chosen, read[chosen], skipped)


def looks_like_an_entry(file):
    """The part of a file's own name that imitates an LMS's prefix, or None."""
    found = LOOKS_LIKE_AN_ENTRY.search(file)
    return found.group(0).lstrip("_/\\") if found else None
