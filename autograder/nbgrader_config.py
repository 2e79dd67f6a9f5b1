# nbgrader's settings for this course, for instructors who run nbgrader's own commands
# (formgrader, export) from this folder. `python -m autograder ...` sets the same values itself.
c = get_config()  # noqa: F821 -- provided by nbgrader when it reads this file
c.CourseDirectory.root = "."
c.CourseDirectory.db_url = "sqlite:///gradebook.db"
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
