"""Writing the grader's outputs: whole or not at all, and readable by whom they are for.

Contract: ``atomic_write(path, text)`` writes a file (text or bytes) so that a reader
sees its old or its new content, never half, with the mode ``open()`` would give a new
file (0666 less the process's umask; a temporary file's 0600 is not kept), making its
folders as needed.
``group_readable(path, top)`` makes a written output readable by its group as well, and
the folders from ``top`` down to it searchable by the group (files at least 0640, folders
0750; whatever more the umask allows is kept), so that the course staff who share the
instructor's group can read the feedback. ``process_umask()`` is the umask, read without
changing it.
"""

import os
import stat
import tempfile
from pathlib import Path

GROUP_FILE = stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP                    # 0640
GROUP_FOLDER = stat.S_IRWXU | stat.S_IRGRP | stat.S_IXGRP                  # 0750


def process_umask():
    """The process's umask, from /proc where there is one: setting it to read it back
    would race with the grading threads that make files."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path, text):
    """Write a file (``text``: str, written as UTF-8, or bytes) so that a reader sees the
    old or the new content, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    binary = isinstance(text, bytes)
    with tempfile.NamedTemporaryFile("wb" if binary else "w", dir=path.parent, delete=False,
                                     suffix=".tmp", encoding=None if binary else "utf-8") as f:
        f.write(text)
        os.fchmod(f.fileno(), 0o666 & ~process_umask())
    os.replace(f.name, path)


def group_readable(path, top):
    """Add group read to a written file, and group search to its folders up to ``top``
    (``top`` included; nothing above it is changed)."""
    path, top = Path(path), Path(top)
    os.chmod(path, stat.S_IMODE(os.stat(path).st_mode) | GROUP_FILE)
    folder = path.parent
    while True:
        os.chmod(folder, stat.S_IMODE(os.stat(folder).st_mode) | GROUP_FOLDER)
        if folder == top or folder == folder.parent or top not in folder.parents:
            break
        folder = folder.parent
