"""A notebook's checklist: every exercise passed, failed with its first hint, not attempted,
or not checked yet, with the points at stake."""

import numpy as np
import pytest

from helpers import checklist
from helpers.checklist import checklist_lines, show_checklist
from helpers.testing import check_answers, check_function


@pytest.fixture(autouse=True)
def fresh_records():
    checklist._records.clear()
    yield
    checklist._records.clear()


def _stub(x):
    raise NotImplementedError()


def test_the_checks_record_what_they_found():
    def doubles(x):
        return 2 * x

    def triples(x):
        return 3 * x
    check_function(doubles, (np.ones(2),), 2 * np.ones(2))
    with pytest.raises(AssertionError):
        check_function(triples, (np.ones(2),), 2 * np.ones(2), output_names="y")
    with pytest.raises(AssertionError):
        check_function(_stub, (1,), 1)
    check_answers({"q1": "a"}, {"q1": "abcd"})
    found = checklist.records()
    assert found["doubles"] == ["passed", ""]
    assert found["triples"][0] == "failed" and found["triples"][1].startswith("y has wrong")
    assert found["_stub"][0] == "not attempted"
    assert found["concept_answers"] == ["passed", ""]


def test_the_table_lists_every_exercise_in_order_with_its_points():
    def doubles(x):
        return 2 * x
    check_function(doubles, (1.0,), 2.0)
    table = show_checklist({"doubles": 1, "never_checked": 2.5})
    text = repr(table)
    assert text.splitlines()[0] == ("1 of 2 visible checks pass, worth 1 of the 3.5 points "
                                    "at stake")
    assert "✓ doubles" in text and "? never_checked" in text and "not checked" in text
    assert "<code>never_checked</code>" in table._repr_html_()


def test_colours_only_when_asked():
    rows = [("f", 1.0, "failed", "f is wrong")]
    assert "\033[31m" in checklist_lines(rows, colour=True)[1]
    assert "\033[" not in "".join(checklist_lines(rows))


def test_the_checklist_names_the_called_function_that_failed_as_the_first_hint():
    namespace = {"np": np}
    exec("def forward(x):\n    return -x\n\ndef predict(x):\n    return forward(x) > 0\n",
         namespace)
    with pytest.raises(AssertionError):
        check_function(namespace["forward"], (np.ones(2),), np.ones(2))
    with pytest.raises(AssertionError):
        check_function(namespace["predict"], (np.ones(2),), np.ones(2),
                       hints={"values": "Use A2 > 0.5."})
    assert checklist.records()["predict"] == [
        "failed", "predict calls your forward, which did not pass its own check when you last "
                  "ran it: fix forward first, then run this check again."]
