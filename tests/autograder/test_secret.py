"""The course secret: hidden inputs that the public repository does not give away.

A secret changes every hidden input that holds values, so a submission that recognises
the public inputs and returns the committed references earns nothing; it changes no
grade an honest or mistaken submission gets; and it never leaves its file. The random
secret of each run is in the test ids (see tests/autograder/course_secrets.py).
"""

import base64
import copy
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
from helpers.testing import _equal as _identical  # values equal exactly, and fast
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


def test_under_any_of_300_secrets_every_input_with_values_changes(tmp_path):
    """The suite's two random secrets a run catch a draw that repeats the public inputs
    only now and then: a case that drew its tolerance from three powers of two and its
    Bayes error from three multiples met the public pair under one secret in nine, and a
    lookup of the public references kept that case. Under 300 secrets no case of any
    assignment draws inputs equal to its public ones."""
    calls = [(a, e, c) for a in assignments() for e in exercises(a) if e.kind == "call"
             for c in e.cases]
    with secret.public_inputs():
        public = {(a, e.grade_id, c.case_id): c.inputs() for a, e, c in calls}
    repeated = []
    for n in range(300):
        (tmp_path / f"{n}").mkdir()
        with using(f"{n:04d}-every-input-of-a-case-changes-{n:04d}", tmp_path / f"{n}"):
            for assignment, exercise, case in calls:
                before, after = public[assignment, exercise.grade_id, case.case_id], \
                    case.inputs()
                sizes = all(isinstance(a, int) for a in before.args) \
                    and not before.kwargs and before.numpy_seed is None
                if not sizes and _identical((before.args, before.kwargs, before.numpy_seed),
                                            (after.args, after.kwargs, after.numpy_seed)):
                    repeated.append((n, assignment, exercise.function, case.case_id))
    assert len(calls) > 200
    assert not repeated, f"inputs that repeat the public ones: {repeated[:10]}"


# The exercises whose answers take few values (indices, labels, zeros of some shape), with
# the reference function that gives them: a draw under a secret can meet every public
# answer of such an exercise by chance.
FEW_VALUED = {
    ("week1_logistic_regression", "predict"): "logistic_regression.predict",
    ("week2_shallow_network", "predict"): "shallow_network.predict",
    ("week2_shallow_network", "relu_derivative"): "hidden_activations.relu_derivative",
    ("week4_practical_aspects", "diagnose"): "data_setup.diagnose",
    ("week4_practical_aspects", "early_stopping"): "regularization.early_stopping",
    ("week4_practical_aspects", "initialize_parameters_zeros"):
        "initializations.initialize_parameters_zeros",
    ("week5_optimization", "initialize_velocity"): "optimizers.initialize_velocity",
    ("week5_optimization", "initialize_rmsprop"): "optimizers.initialize_rmsprop",
    ("week5_optimization", "initialize_adam"): "optimizers.initialize_adam",
}


def _few_valued(value):
    if isinstance(value, dict):
        return all(_few_valued(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return all(_few_valued(v) for v in value)
    if isinstance(value, np.ndarray):
        return value.dtype.kind != "f" or bool(np.all(value == np.round(value)))
    return not isinstance(value, float) or value == round(value)


def test_under_any_of_300_secrets_an_exercise_with_few_valued_answers_changes_one(tmp_path):
    """Under a secret at least one case of every exercise has another expected answer than
    in public (else returning the public answers by position keeps its points). For an
    answer of a few values (early stopping's index from four cases of four values each) the
    suite's two secrets a run catch a draw that repeats them all only now and then; under
    300 secrets, computed with the reference functions, none does."""
    import importlib
    found = set()
    for assignment in assignments():
        for notebook, by_grade_id in public_outputs(assignment).items():
            for grade_id, cases in by_grade_id.items():
                answers = [v for k, v in cases.items() if "~" not in k]
                if (assignment, grade_id) not in SIZES_ONLY and grade_id != "concept_answers" \
                        and all(_few_valued(v) for v in answers):
                    found.add((assignment, grade_id))
    assert found == set(FEW_VALUED), "list in FEW_VALUED every exercise (and only those) " \
        f"whose public answers take few values: {sorted(found ^ set(FEW_VALUED))}"

    def reference(name):
        module, function = name.rsplit(".", 1)
        return getattr(importlib.import_module(f"helpers.reference.{module}"), function)

    def answers():
        out = []
        for (assignment, function), name in FEW_VALUED.items():
            exercise = next(e for e in exercises(assignment) if e.function == function)
            for case in exercise.cases:
                inputs = case.inputs()
                if inputs.numpy_seed is not None:
                    np.random.seed(inputs.numpy_seed)
                out.append(((assignment, function),
                            reference(name)(*copy.deepcopy(inputs.args),
                                            **copy.deepcopy(inputs.kwargs))))
        return out

    with secret.public_inputs():
        public = answers()
    for assignment, function in FEW_VALUED:  # the reference functions give the references
        exercise = next(e for e in exercises(assignment) if e.function == function)
        stored = public_outputs(assignment)[exercise.notebook][exercise.grade_id]
        mine = [a for key, a in public if key == (assignment, function)]
        assert all(matches(a, stored[c.case_id]) for a, c in zip(mine, exercise.cases))
    repeated = []
    for n in range(300):
        (tmp_path / f"{n}").mkdir()
        with using(f"{n:04d}-few-valued-answers-change-{n:04d}", tmp_path / f"{n}"):
            drawn = answers()
        for key in FEW_VALUED:
            pairs = [(a, b) for (k, a), (_, b) in zip(public, drawn) if k == key]
            if all(_identical(a, b) for a, b in pairs):
                repeated.append((n, *key))
    assert not repeated, f"exercises whose every answer repeats the public one: {repeated[:10]}"


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
