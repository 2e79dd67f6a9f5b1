"""nbgrader's autograde and this course's grader agree on week 5's grade cells.

The tests, and why neither grader gets the long training cells, are in
tests/autograder/nbgrader_agreement.py; a file per week spreads the weeks over pytest-xdist's
workers.
"""

from tests.autograder.nbgrader_agreement import shared_tests_for

globals().update(shared_tests_for("week5_optimization"))
