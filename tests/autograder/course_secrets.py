"""Course secrets for the tests: the hidden cases' properties must hold under any secret.

``SECRETS`` are the secrets the random-secret tests run under: two drawn for each run
(the same in every pytest-xdist worker of a run, which must collect the same tests), or
those of ``COURSE_TEST_SECRETS`` (comma-separated) to run again under the secret a
failure names in its test id, e.g.
``COURSE_TEST_SECRETS=0123...cdef pytest tests/autograder/test_hidden_cases.py``.
``using(secret, folder)`` grades under one: it writes the secret to a file of its own and
keeps the references made for it in ``folder``, never in the course's folders.
"""

import contextlib
import hashlib
import os
import secrets as random_secrets

import pytest

from autograder import references as course_references
from autograder.secret import ENVIRONMENT


def _drawn(count=2):
    named = os.environ.get("COURSE_TEST_SECRETS")
    if named:
        return [s.strip() for s in named.split(",") if s.strip()]
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or random_secrets.token_hex(16)
    return [hashlib.sha256(f"{run}:{n}".encode()).hexdigest()[:32] for n in range(count)]


SECRETS = _drawn()
PUBLIC_AND_SECRETS = [None, *SECRETS]  # None: no secret, the committed references
IDS = ["public" if s is None else f"secret={s}" for s in PUBLIC_AND_SECRETS]


class Graded:
    """The secret in use (None for none) and the references made for it, per assignment."""

    def __init__(self, secret):
        self.secret, self._references = secret, {}

    def references(self, assignment):
        if assignment not in self._references:
            if self.secret is not None and not course_references.reference_path(
                    assignment).exists():
                course_references.write_references(assignment)
            self._references[assignment] = course_references.load_references(assignment)
        return self._references[assignment]


@contextlib.contextmanager
def using(secret, folder):
    """Grade under ``secret`` (None: no secret) within the block; yields a ``Graded``."""
    with pytest.MonkeyPatch.context() as patch:
        if secret is not None:
            path = folder / "course-secret"
            path.write_text(secret + "\n")
            path.chmod(0o600)
            patch.setenv(ENVIRONMENT, str(path))
            patch.setattr(course_references, "PRIVATE_DIR", folder / "references")
        else:
            patch.setenv(ENVIRONMENT, "")
        yield Graded(secret)
