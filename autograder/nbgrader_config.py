# nbgrader's settings for this course, for instructors who run nbgrader's own commands
# (formgrader, autograde, export) from this folder. `python -m autograder ...` sets the
# same values itself.
from autograder.nbgrader_autograde import AUTOGRADE_PREPROCESSORS

c = get_config()  # noqa: F821 -- provided by nbgrader when it reads this file
c.CourseDirectory.root = "."
c.CourseDirectory.db_url = "sqlite:///gradebook.db"
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
# `nbgrader autograde` and the formgrader's Autograde button grade in the course's sandbox:
# nbgrader's Execute step (the hidden tests in the student's own kernel) is replaced.
c.Autograde.autograde_preprocessors = AUTOGRADE_PREPROCESSORS
