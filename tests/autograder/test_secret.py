"""The course secret: hidden inputs that the public repository does not give away.

A secret changes every hidden input that holds values, so a submission that recognises
the public inputs and returns the committed references earns nothing; it changes no
grade an honest or mistaken submission gets; and it never leaves its file. The random
secret of each run is in the test ids (see tests/autograder/course_secrets.py).
"""

import base64
import inspect
import json
import os
import pickle
import subprocess
import sys

import numpy as np
import pytest

from autograder import secret
from autograder.cases import exercises
from autograder.feedback import feedback_html
from autograder.grade import grade
from autograder.notebooks import assignments
from autograder.references import (REFERENCE_DIR, ReferencesError, load_references,
                                   reference_path)
from autograder.runtime import codec
from helpers.diagnosis import matches
from tests.autograder.conftest import (corpus, corpus_dir, notebook_names_of,
                                       off_its_declared_loss, released, solved, solution_cells,
                                       write_submission)
from tests.autograder.course_secrets import SECRETS, using

SECRET = SECRETS[0]
# Exercises whose result is fixed by sizes alone, which their case names state ("dim_3",
# "two_outputs"): a secret draws other values, never other sizes, so their expected
# outputs stay the public ones.
SIZES_ONLY = {("week1_logistic_regression", "initialize_with_zeros"),
              ("week2_shallow_network", "layer_sizes")}


def run_cli(*args, secret_file):
    env = dict(os.environ, COURSE_SECRET_FILE=str(secret_file))
    return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True,
                          text=True, env=env)


@pytest.fixture(scope="module")
def under_the_secret(tmp_path_factory):
    with using(SECRET, tmp_path_factory.mktemp("secret")) as graded:
        yield graded


def public_outputs(assignment):
    data = json.loads((REFERENCE_DIR / f"{assignment}.json").read_text())
    return codec.decode(data["outputs"])


def test_secret_init_writes_a_file_only_its_owner_reads_and_never_replaces_it_unasked(
        tmp_path):
    path = tmp_path / "course-secret"
    made = run_cli("secret", "init", secret_file=path)
    assert made.returncode == 0, made.stderr
    text = path.read_text()
    assert oct(path.stat().st_mode & 0o777) == "0o600" and len(text.strip()) == 64
    status = run_cli("secret", "status", secret_file=path)
    assert status.returncode == 0 and "digest" in status.stdout
    assert text.strip() not in made.stdout + made.stderr + status.stdout + status.stderr

    again = run_cli("secret", "init", secret_file=path)
    assert again.returncode == 2 and "--force" in again.stderr and "stale" in again.stderr
    assert path.read_text() == text
    forced = run_cli("secret", "init", "--force", secret_file=path)
    assert forced.returncode == 0 and path.read_text() != text
    assert run_cli("secret", "status", secret_file=path).stdout != status.stdout


def test_a_secret_other_users_can_read_is_refused_saying_how_to_fix_it(tmp_path):
    path = tmp_path / "course-secret"
    path.write_text("ab" * 32)
    path.chmod(0o644)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(secret.ENVIRONMENT, str(path))
        with pytest.raises(secret.SecretError, match="chmod 600"):
            secret.digest()


def test_no_secret_says_so_and_grading_warns_that_the_inputs_are_public(tmp_path):
    status = run_cli("secret", "status", secret_file="")
    assert status.returncode == 1 and "secret init" in status.stdout
    process = run_cli("grade", str(tmp_path), "--assignment", "week1_logistic_regression",
                      "--gradebook", "none", secret_file="")
    assert "public repository" in process.stderr


def test_the_digest_names_a_secret_without_giving_away_its_inputs(tmp_path):
    """The digest and the seeds are hashed from the secret apart: neither holds the other."""
    with using(SECRET, tmp_path):
        digest, words = secret.digest(), secret._mixed().words
        assert digest and SECRET not in digest
        assert all(f"{w:08x}" not in digest for w in words)
        with secret.public_inputs():
            assert secret.digest() == "" and secret.numpy_seed(11) == 11


@pytest.mark.parametrize("assignment", assignments())
def test_under_a_secret_every_input_with_values_and_every_expected_output_changes(
        assignment, under_the_secret):
    mine, public = under_the_secret.references(assignment), public_outputs(assignment)
    with secret.public_inputs():
        public_inputs = {(e.grade_id, c.case_id): c.inputs() for e in exercises(assignment)
                         for c in e.cases}
    unchanged_inputs, unchanged_outputs, sizes_changed = [], [], []
    for exercise in exercises(assignment):
        if exercise.kind != "call":
            continue
        for case in exercise.cases:
            before, after = public_inputs[exercise.grade_id, case.case_id], case.inputs()
            sizes = all(isinstance(a, int) for a in before.args) and not before.kwargs \
                and before.numpy_seed is None
            if not sizes and _same((before.args, before.kwargs, before.numpy_seed),
                                   (after.args, after.kwargs, after.numpy_seed)):
                unchanged_inputs.append(f"{exercise.function}/{case.case_id}")
        ours = mine[exercise.notebook][exercise.grade_id]
        theirs = public[exercise.notebook][exercise.grade_id]
        same = all(matches(ours[key], theirs[key]) for key in theirs)
        if (assignment, exercise.function) in SIZES_ONLY:
            if not same:
                sizes_changed.append(exercise.function)
        elif same:
            unchanged_outputs.append(exercise.function)
    assert not unchanged_inputs, f"the secret leaves these inputs public: {unchanged_inputs}"
    assert not unchanged_outputs, f"these exercises' outputs are public: {unchanged_outputs}"
    assert not sizes_changed, f"no longer fixed by sizes alone: take out of SIZES_ONLY " \
                              f"{sizes_changed}"


def _same(a, b):
    try:
        return matches(a, b, rtol=0, atol=0)
    except Exception:
        return False


def test_references_of_another_secret_or_none_are_refused_saying_which_command_to_run(
        tmp_path, under_the_secret):
    assignment = "week1_logistic_regression"
    under_the_secret.references(assignment)
    made = reference_path(assignment)
    with using("0123456789abcdef" * 4, tmp_path):
        with pytest.raises(ReferencesError, match=f"autograder references {assignment}"):
            load_references(assignment)  # none made for this secret yet
        reference_path(assignment).parent.mkdir(parents=True)
        reference_path(assignment).write_bytes(made.read_bytes())  # another secret's
        with pytest.raises(ReferencesError, match="another course secret"):
            load_references(assignment)
    with using(None, tmp_path), pytest.raises(ReferencesError, match="another course secret"):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("autograder.references.reference_path", lambda a: made)
            load_references(assignment)  # a secret's references taken for the public ones


def _graded(root, assignment, submissions):
    """{student: SubmissionResult} of a batch of {student: {notebook: nb}}."""
    for student, notebooks in submissions.items():
        write_submission(root / student, notebooks)
    return {r.student_id: r for r in grade(root, assignment=assignment, workers=2)}


def _points(result):
    return {t.test_id: t.points for t in result.tests}


def _class(assignment):
    names = notebook_names_of(assignment)
    submissions = {"all_correct": {n: solved(n) for n in names}}
    for name, sample in corpus(corpus_dir(assignment)).items():
        submissions[name] = {sample["notebook"]: solved(sample["notebook"],
                                                        {sample["cell"]: sample["code"]})}
    return submissions


@pytest.mark.parametrize("assignment", assignments())
def test_the_corpus_of_mistakes_grades_the_same_under_a_secret(assignment, under_the_secret,
                                                               tmp_path):
    """Graded under the secret, every named mistake loses exactly the exercise its header
    declares, which is what it loses without one (test_grading proves that, so the corpus
    is not graded twice), and a correct submission keeps every point. A mistake that loses
    only part of an exercise is graded without the secret too: the part must be the same."""
    under_the_secret.references(assignment)
    samples = corpus(corpus_dir(assignment))
    submissions = _class(assignment)
    secret_grades = _graded(tmp_path / "secret", assignment, submissions)
    assert secret_grades.keys() == submissions.keys()
    kept = secret_grades["all_correct"]
    assert kept.score == kept.max_score > 0, [t.test_id for t in kept.tests
                                              if t.points != t.max_points]
    off = {name: off_its_declared_loss(sample, secret_grades[name].tests)
           for name, sample in samples.items()}
    assert {name: found for name, found in off.items() if found} == {}
    partly = {name: submissions[name] for name, sample in samples.items() if sample["partly"]}
    with using(None, tmp_path):
        public_grades = _graded(tmp_path / "public", assignment, partly)
    differ = {name: [(test, points, _points(secret_grades[name])[test])
                     for test, points in _points(public_grades[name]).items()
                     if points != _points(secret_grades[name])[test]]
              for name in partly}
    assert {name: tests for name, tests in differ.items() if tests} == {}


def _key(value):
    """What a lookup recognises inputs by: their numbers, exactly (functions by kind)."""
    if isinstance(value, dict):
        return tuple((k, _key(value[k])) for k in sorted(value))
    if isinstance(value, (list, tuple)):
        return tuple(_key(v) for v in value)
    if isinstance(value, str) or callable(value):
        return value if isinstance(value, str) else "function"
    return tuple(np.asarray(value, dtype=float).ravel().tolist())


def _lookup_cell(function, table):
    """An answer that recognises the inputs it was made for and returns their stored
    output, as a student could write it from the public repository."""
    data = base64.b64encode(pickle.dumps(table)).decode()
    return (f"import base64, pickle\nimport numpy as np\n\n{inspect.getsource(_key)}\n"
            f"_TABLE_{function} = pickle.loads(base64.b64decode('{data}'))\n\n"
            f"def {function}(*args, **kwargs):\n"
            f"    return _TABLE_{function}.get(_key((args, kwargs)))\n")


def _lookup_submission(assignment):
    """Every call exercise answered by a lookup of the public inputs and references."""
    public = public_outputs(assignment)
    answers = {}
    with secret.public_inputs():
        for exercise in exercises(assignment):
            if exercise.kind != "call":
                continue
            table = {_key((c.inputs().args, c.inputs().kwargs)):
                     public[exercise.notebook][exercise.grade_id][c.case_id]
                     for c in exercise.cases}
            cell = next(grade_id for grade_id, code in solution_cells(exercise.notebook).items()
                        if f"def {exercise.function}(" in code)
            answers.setdefault(exercise.notebook, {})[cell] = _lookup_cell(exercise.function,
                                                                           table)
    return {notebook: _replaced(notebook, cells) for notebook, cells in answers.items()}


def _replaced(notebook, cells):
    """The released notebook with the given answer cells (the others left blank)."""
    from autograder.notebooks import nbgrader_meta

    nb = released(notebook)
    for cell in nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id in cells:
            cell.source = cells[grade_id]
    return nb


@pytest.mark.parametrize("assignment", assignments())
def test_returning_the_public_references_earns_nothing_under_a_secret(assignment,
                                                                      under_the_secret,
                                                                      tmp_path):
    under_the_secret.references(assignment)
    submission = {"looks_up": _lookup_submission(assignment)}
    under_secret = _points(_graded(tmp_path / "secret", assignment, submission)["looks_up"])
    with using(None, tmp_path):
        in_public = _points(_graded(tmp_path / "public", assignment, submission)["looks_up"])
    calls = {e.grade_id: e.function for e in exercises(assignment) if e.kind == "call"}

    def earned(grades):
        found = {}
        for test_id, points in grades.items():
            grade_id = test_id.split(":")[0]
            if grade_id in calls:
                found[calls[grade_id]] = found.get(calls[grade_id], 0.0) + points
        return found

    public_points, secret_points = earned(in_public), earned(under_secret)
    # the control: the lookup works on the public inputs
    assert all(points > 0 for points in public_points.values()), public_points
    sizes = {f for a, f in SIZES_ONLY if a == assignment}
    kept = {f: p for f, p in secret_points.items() if p and f not in sizes}
    assert not kept, f"a lookup of the public references keeps these points: {kept}"


def test_the_feedback_names_the_secret_by_its_digest_and_the_cache_regrades_under_another(
        tmp_path, under_the_secret):
    assignment = "week1_logistic_regression"
    under_the_secret.references(assignment)
    names = notebook_names_of(assignment)
    write_submission(tmp_path / "class" / "ada", {n: solved(n) for n in names})
    cache = tmp_path / "cache"
    first, = grade(tmp_path / "class", assignment=assignment, workers=1, cache_dir=cache)
    assert first.secret_digest == secret.digest() != ""
    page = feedback_html(assignment, first)
    assert secret.digest() in page and SECRET not in page
    stored = json.loads(next(cache.iterdir()).read_text())
    assert stored["result"]["secret_digest"] == secret.digest()
    assert SECRET not in json.dumps(stored)
    with using(None, tmp_path):  # another secret (none): graded again, not taken from the cache
        again, = grade(tmp_path / "class", assignment=assignment, workers=1, cache_dir=cache)
        assert again.secret_digest == "" and "course secret" not in feedback_html(assignment,
                                                                                   again)
