"""The course secret: hidden inputs that the public repository does not give away.

Contract: a course secret is a random string (``init`` writes 64 hex digits) kept in a
file that git ignores and the students' bundle never holds, ``autograder/course-secret``
(readable by its owner only), or in the file the environment variable
``COURSE_SECRET_FILE`` names ("" means no secret, whatever file there is). Every hidden
case draws its inputs from its seed mixed with the secret (``rng``), and a case that seeds
numpy's global generator seeds it with its number mixed with the secret (``numpy_seed``).
Without a secret both are exactly the public ones, so the committed references and the
test suite do not depend on any secret.

The secret itself never leaves this module: it is not printed, stored with a result or
sent to a student's process. What names it is ``digest()``, a short one-way hash ("" for
no secret) kept in its references, the cache fingerprint and every result. The inputs and
the digest are hashed from the secret with different prefixes, so the digest says nothing
about the inputs; ``MIXING`` is part of both, so a change in how the secret is mixed makes
the stored references of every secret stale rather than silently wrong.
"""

import contextlib
import functools
import hashlib
import os
import secrets
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from autograder.notebooks import COURSE_DIR

ENVIRONMENT = "COURSE_SECRET_FILE"
DEFAULT_FILE = COURSE_DIR / "course-secret"
MIN_CHARACTERS = 32  # of a secret written by hand: 128 bits as hex digits
MIXING = b"course-secret-v1"
_NUMPY_SEED_KEY = (1,)  # numpy seeds and the cases' generators come from separate streams
_public_only = []  # set by public_inputs(): the public cases whatever the secret


class SecretError(Exception):
    """A course secret that cannot be used, with what to do about it."""


@dataclass(frozen=True)
class _Mixed:
    """What the rest of the grader may know of a secret."""

    digest: str
    words: tuple  # eight 32-bit words, mixed into every seed


def secret_file():
    """The file the course secret is read from, or None when ``COURSE_SECRET_FILE`` is ""."""
    named = os.environ.get(ENVIRONMENT)
    if named is None:
        return DEFAULT_FILE
    return Path(named) if named else None


def _mixed():
    if _public_only:
        return None
    path = secret_file()
    if path is None:
        return None
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.environ.get(ENVIRONMENT):
            raise SecretError(f"{ENVIRONMENT} names {path}, which does not exist: make it "
                              f"with `.venv/bin/python -m autograder secret init`, or set "
                              f"{ENVIRONMENT} "
                              f"to \"\" to grade without a secret.") from None
        return None  # no secret made: the public cases
    except OSError as error:
        raise SecretError(f"The course secret {path} cannot be read ({error.strerror}).") \
            from None
    return _read(str(path), info.st_mode, info.st_mtime_ns, info.st_size, info.st_ino)


@functools.lru_cache(maxsize=8)
def _read(path, mode, *stamp):
    """The digest and seed words of a secret file (read again when the file changes)."""
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SecretError(f"The course secret {path} can be read by other users of this "
                          f"machine (a student's process among them): run `chmod 600 {path}`.")
    try:
        text = Path(path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeError) as error:
        raise SecretError(f"The course secret {path} cannot be read ({error}).") from None
    if len(text) < MIN_CHARACTERS or any(c.isspace() for c in text):
        raise SecretError(f"{path} does not hold a course secret (one line of at least "
                          f"{MIN_CHARACTERS} characters): make one with `.venv/bin/python -m "
                          f"autograder "
                          f"secret init --force`, or put back the one you kept.")
    key = text.encode()
    digest = hashlib.sha256(MIXING + b"\0digest\0" + key).hexdigest()[:16]
    words = np.frombuffer(hashlib.sha256(MIXING + b"\0inputs\0" + key).digest(), dtype="<u4")
    return _Mixed(digest, tuple(int(w) for w in words))


def digest():
    """A short name of the secret in use ("" without one): safe to show and store."""
    mixed = _mixed()
    return mixed.digest if mixed else ""


def in_use():
    return _mixed() is not None


def rng(seed):
    """The generator a hidden case draws its inputs from: its seed, mixed with the secret."""
    mixed = _mixed()
    return np.random.default_rng(seed if mixed is None else [seed, *mixed.words])


def numpy_seed(seed):
    """The seed of numpy's global generator for a case that asks for ``seed`` (None stays
    None): the same number without a secret, a valid 32-bit seed mixed with one."""
    mixed = _mixed()
    if seed is None or mixed is None:
        return seed
    sequence = np.random.SeedSequence([seed, *mixed.words], spawn_key=_NUMPY_SEED_KEY)
    return int(sequence.generate_state(1)[0])


@contextlib.contextmanager
def public_inputs():
    """Within it, the hidden cases are the public ones whatever the secret (to make the
    committed references on a machine that has a secret)."""
    _public_only.append(True)
    try:
        yield
    finally:
        _public_only.pop()


def init(*, force=False):
    """Write a new random secret to ``secret_file()``; return its digest.

    Refuses to replace an existing secret unless ``force``: a new one changes every hidden
    input, and the references stored for the old one no longer apply.
    """
    path = secret_file()
    if path is None:
        raise SecretError(f"{ENVIRONMENT} is set to \"\" (no secret): unset it to use "
                          f"{DEFAULT_FILE}, or set it to the file to write.")
    if path.exists() and not force:
        try:
            named = f" (digest {digest()})"
        except SecretError:
            named = ""
        raise SecretError(f"{path} already holds a course secret{named}. A new one would "
                          f"change every hidden input and make the references stored for "
                          f"this one stale; results graded with it could then be regraded "
                          f"only with a copy of it. If that is what you want, keep a copy and "
                          f"run `.venv/bin/python -m autograder secret init --force`.")
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, prefix=".secret-",
                                     encoding="utf-8") as f:  # made readable by us only
        f.write(secrets.token_hex(32) + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.chmod(f.name, 0o600)
    os.replace(f.name, path)
    return digest()


def status():
    """(in use, a sentence saying which secret is in use, by its digest)."""
    mixed = _mixed()
    if mixed is None:
        return False, ("No course secret: the hidden inputs are those of the public "
                       "repository, which a student can read. Make one with "
                       "`.venv/bin/python -m autograder secret init`, then "
                       "`.venv/bin/python -m autograder references ASSIGNMENT` for each "
                       "assignment.")
    return True, f"Course secret {secret_file()} is in use: digest {mixed.digest}."
