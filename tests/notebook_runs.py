"""How the test suite runs notebooks (a pytest plugin, loaded with ``-p``).

Output must be the same on every run: ``COURSE_PLAIN_OUTPUT=1`` (set here, before
any kernel starts) turns off progress bars and interactive widgets
(``helpers.progress``, ``helpers.explorers``), as it does when
``scripts/refresh-assignment.sh`` stores the outputs.

And nbval compares printed numbers within a tolerance:

A source notebook's stored outputs were computed on one machine; nbval recomputes
them on another, where floating-point results can differ in the last bits
(another CPU, another BLAS kernel), and a number printed with six decimals can
then differ by one in its last digit. Where nbval finds an output that differs,
this plugin compares it again, number by number: the text around the numbers
must be the same, and each number may differ by at most one unit of its last
printed digit (and 1e-9 of its size). A real change, such as an accuracy of 82.0
instead of 80.0 or a cost off in its fourth decimal, still fails.

A few cells print results of training that is chaotic (week 2's wide networks at
learning rate 1.2 overshoot on a third of their steps, so last-bit differences grow
until the final weights differ): such a cell says so in its metadata,
``{"course": {"numbers_vary_by": 5}}``, and the notebook says so to the student; its
numbers may then differ by that much, while its text must still be the same. The
lessons those cells teach are checked by thresholds in ``tests/lessons``.
"""

import os
import re

from nbval import plugin

os.environ["COURSE_PLAIN_OUTPUT"] = "1"

NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def _unit(text):
    """One unit of the last printed digit of a number, e.g. 1e-6 for "0.154367"."""
    mantissa, _, exponent = text.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 10.0 ** (int(exponent or 0) - decimals)


def close_text(reference, computed, vary_by=0.0):
    """Whether two outputs are the same text with numbers equal up to printing precision
    (or, where a cell's numbers are known to vary between CPUs, within ``vary_by``)."""
    if not isinstance(reference, str) or not isinstance(computed, str):
        return reference == computed
    if NUMBER.sub("#", reference) != NUMBER.sub("#", computed):
        return False
    for a, b in zip(NUMBER.findall(reference), NUMBER.findall(computed)):
        x, y = float(a), float(b)
        allowed = max(_unit(a), _unit(b), vary_by)
        if abs(x - y) > allowed * 1.000001 + 1e-9 * max(abs(x), abs(y)):
            return False
    return True


def _flattened(cell, outputs):
    """nbval's view of a cell's outputs: {output key: [sanitized values]}."""
    found = {}
    for output in plugin.transform_streams_for_comparison(outputs):
        for key, value in output.items():
            if key in cell.parent.skip_compare:
                continue
            if key == "data":
                for data_key, data in value.items():
                    if data_key not in cell.parent.skip_compare:
                        found.setdefault(data_key, []).append(cell.sanitize(data))
            else:
                found.setdefault(key, []).append(cell.sanitize(value))
    return found


_exact = plugin.IPyNbCell.compare_outputs


def compare_outputs(self, test, ref, skip_compare=None):
    if _exact(self, test, ref, skip_compare):
        return True
    computed, stored = _flattened(self, test), _flattened(self, ref)
    if computed.keys() != stored.keys() or any(len(computed[k]) != len(stored[k])
                                                for k in stored):
        return False
    vary_by = float(self.cell.metadata.get("course", {}).get("numbers_vary_by", 0.0))
    if all(close_text(s, c, vary_by) for key in stored
           for s, c in zip(stored[key], computed[key])):
        self.comparison_traceback = []
        return True
    return False


plugin.IPyNbCell.compare_outputs = compare_outputs
