# nbgrader's settings for this course, for instructors who run nbgrader's own commands
# (formgrader, autograde, generate_feedback, release_feedback, export) from this folder.
# `python -m autograder ...` sets the same values itself.
import os
import sys

from autograder.nbgrader_autograde import AUTOGRADE_PREPROCESSORS

c = get_config()  # noqa: F821 -- provided by nbgrader when it reads this file
# nbgrader runs the `alembic` command of its own environment to set up the gradebook:
# found without activating the environment (`../.venv/bin/nbgrader ...` as written)
_bin = os.path.dirname(sys.executable)
if _bin not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _bin + os.pathsep + os.environ.get("PATH", "")
c.CourseDirectory.root = "."
c.CourseDirectory.db_url = "sqlite:///gradebook.db"
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
# `nbgrader autograde` and the formgrader's Autograde button grade in the course's sandbox:
# nbgrader's Execute step (the hidden tests in the student's own kernel) is replaced.
c.Autograde.autograde_preprocessors = AUTOGRADE_PREPROCESSORS
# The sandbox's limits there, by the names of autograder.session.Limits, e.g.
# c.SandboxedGrading.limits = {"cell_seconds": 120, "memory_mb": 8192}

# The exchange, where release_assignment, submit, collect, release_feedback and
# fetch_feedback meet: a folder `exchange/` beside this file, made on first use, so no
# administrator is needed. A course whose students log in as other users of a shared
# machine names a folder every user can reach, in the students' config as well, e.g.
# c.Exchange.root = "/srv/nbgrader/exchange" (made by root, mode 1777).
c.CourseDirectory.course_id = "deep-learning-from-scratch"
c.Exchange.root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "exchange")
try:
    os.mkdir(c.Exchange.root)
    # a drop box between users, as nbgrader's exchange is: anyone may add, only an
    # entry's owner may remove it (the sticky bit, as on /tmp)
    os.chmod(c.Exchange.root, 0o1777)
except FileExistsError:  # made before: its mode is the instructor's to keep
    pass
