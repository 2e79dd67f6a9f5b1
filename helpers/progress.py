"""Progress bars for long loops, and when a notebook's output must stay plain.

The contract: ``progress(iterable, desc=..., total=...)`` yields the items of
``iterable`` and shows a tqdm bar while it does: a bar in the notebook where
the front end can draw one, text elsewhere. ``plain_output()`` says whether
output must be the same on every run (no bars, no widgets): the course's own
test runs and stored outputs set ``COURSE_PLAIN_OUTPUT=1``.
"""

import os

__all__ = ["progress", "plain_output"]


def plain_output():
    """Whether output must be plain and the same on every run (no bars, no widgets)."""
    return os.environ.get("COURSE_PLAIN_OUTPUT", "") not in ("", "0")


def progress(iterable, desc=None, total=None):
    """``iterable``, with a progress bar while it is consumed (none for plain output)."""
    if plain_output():
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, desc=desc, total=total, leave=False)
