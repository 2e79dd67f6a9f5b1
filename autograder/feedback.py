"""Feedback pages for students: what passed, what failed and why.

Contract: ``feedback_html(assignment, result)`` renders one SubmissionResult
as a self-contained HTML page (jinja2, autoescaped): the notebooks in course
order, each exercise with its subtotal, then its hidden cases, points to two
decimals. It shows only the feedback sentences, which never contain hidden
inputs or test code, and in its footer the digest of the course secret that drew
the hidden inputs (a one-way hash, which names the inputs without giving them away).
"""

from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, select_autoescape

_environment = Environment(loader=PackageLoader("autograder", "templates"),
                           autoescape=select_autoescape(["html"]))


@dataclass
class ExerciseFeedback:
    """One exercise of a notebook on the page: its hidden cases and their subtotal."""

    function: str
    tests: list = field(default_factory=list)

    @property
    def points(self):
        return sum(t.points for t in self.tests)

    @property
    def max_points(self):
        return sum(t.max_points for t in self.tests)


def feedback_html(assignment, result):
    notebooks = {}  # the tests come in course order
    for test in result.tests:
        exercises = notebooks.setdefault(test.notebook, {})
        grade_id = test.test_id.split(":", 1)[0]
        exercises.setdefault(grade_id, ExerciseFeedback(test.function)).tests.append(test)
    template = _environment.get_template("feedback.html")
    return template.render(assignment=assignment, result=result, notebooks=notebooks)
