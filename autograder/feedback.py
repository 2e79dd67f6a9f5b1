"""Feedback pages for students: what passed, what failed and why.

Contract: ``feedback_html(assignment, result)`` renders one SubmissionResult
as a self-contained HTML page (jinja2, autoescaped). It shows only the
feedback sentences, which never contain hidden inputs or test code.
"""

from collections import OrderedDict

from jinja2 import Environment, PackageLoader, select_autoescape

_environment = Environment(loader=PackageLoader("autograder", "templates"),
                           autoescape=select_autoescape(["html"]))


def feedback_html(assignment, result):
    notebooks = OrderedDict()
    for test in result.tests:
        notebooks.setdefault(test.notebook, []).append(test)
    template = _environment.get_template("feedback.html")
    return template.render(assignment=assignment, result=result, notebooks=notebooks)
