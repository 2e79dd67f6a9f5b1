"""The students' feedback pages in one zip, named as the LMS's bulk upload reads them.

Contract: ``lms_address(lms, student, uploads)`` is where an LMS files a student's
feedback (an ``LmsAddress``), made only from what the LMS wrote in its own prefix of its
zip's entries (``autograder.layouts``): never from a file name or a name a student
chose. ``feedback_zip(assignment, pages, addresses, roster=None)`` is the bytes of a zip
holding each page under the name that LMS's upload reads:

- Canvas ("Upload Submissions" in the assignment's gradebook menu, which attaches each
  file as a submission comment): ``<name>_<user id>_<attachment id>_<file>``, as its own
  download names a submission. Canvas takes the first two parts of the name that are
  all digits for the user id and the id of one of that student's submitted files, so
  ``<name>`` is letters only (from the roster's name, else "student"), and the attachment
  is that of the newest notebook graded. Canvas shows the attached page under the name
  of that submitted file.
- Moodle ("Upload multiple feedback files in a zip", with feedback files enabled):
  ``<Full Name>_<participant id>_assignsubmission_file_/<file>``, the folder its download
  gives a submission; Moodle reads the participant id after the first ``_`` and the
  plugin after it, and the name before it only for people to read (here the roster's
  name without ``_`` or ``/``, else "Participant").

The page in each entry is ``<assignment>-feedback.html``. Each student has one entry; a
student without an address (an anonymous Canvas id, a ``--student-id`` rule) has none,
and ``feedback_zip`` returns their ids beside the zip.
"""

import io
import re
import time
import zipfile
from dataclasses import dataclass

LMSES = ("canvas", "moodle")
ENTRY_MODE = 0o100640  # a regular file readable by its owner's group, as the pages are


@dataclass(frozen=True)
class LmsAddress:
    """Where an LMS files one student's feedback (all digits, as the LMS wrote them)."""

    lms: str              # "canvas" or "moodle"
    student: str          # Canvas's user id, Moodle's participant id
    attachment: str = ""  # Canvas: the id of a file the student submitted


def lms_address(lms, student, uploads):
    """The LmsAddress of a student of a zip in ``lms``'s layout, or None: ``uploads`` are
    their graded entries (each with the ``attachment`` id of Canvas's prefix and a
    ``newness``), the newest of which Canvas's comment is attached to."""
    if lms not in LMSES or not student.isdigit():
        return None
    if lms == "moodle":
        return LmsAddress(lms, student)
    attached = [u for u in uploads if u.attachment.isdigit()]
    if not attached:
        return None  # nothing submitted that Canvas could attach a comment to
    return LmsAddress(lms, student, max(attached, key=lambda u: u.newness).attachment)


def _name(roster, student_id):
    person = roster.people.get(student_id, {}) if roster is not None else {}
    return person.get("name", "")


def entry_name(address, assignment, name=""):
    """The zip entry of one student's page (see the module's docstring)."""
    page = f"{assignment}-feedback.html"
    if address.lms == "canvas":
        letters = re.sub(r"[^a-z]", "", name.lower()) or "student"
        return f"{letters}_{address.student}_{address.attachment}_{page}"
    shown = " ".join(re.sub(r"[_/\\\x00-\x1f\x7f]", " ", name).split()) or "Participant"
    return f"{shown}_{address.student}_assignsubmission_file_/{page}"


def feedback_zip(assignment, pages, addresses, roster=None):
    """(the zip's bytes, the ids left out for want of an address).

    pages -- {student id: the page's HTML}
    addresses -- {student id: LmsAddress or None}
    roster -- ``autograder.roster.Roster``, for the names shown in the entries
    """
    buffer, left_out = io.BytesIO(), []
    now = time.localtime()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for student_id in sorted(pages):
            address = addresses.get(student_id)
            if address is None:
                left_out.append(student_id)
                continue
            info = zipfile.ZipInfo(entry_name(address, assignment, _name(roster, student_id)),
                                   now)
            info.external_attr = ENTRY_MODE << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, pages[student_id])
    return buffer.getvalue(), left_out
