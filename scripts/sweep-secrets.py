"""Grade the corpus of mistakes under many random course secrets, in this process, and
list every named mistake that keeps points of the exercise it loses under some secret.

The suite grades the corpus under two random secrets per run (``test_secret.py``), so a
hidden case that lets a mistake through under one secret in a hundred fails CI now and
then. This sweep finds such cases before CI does: it draws ``--secrets`` secrets, builds
each one's references, and scores every sample's exercise with the grader's own judge
(``autograder.hidden.score_exercise``) on the namespace a student's notebook would have.
The samples are the course's own code, so they run here, outside any sandbox. A sample
that keeps points here even without a secret is left out and named: its grade hangs on
the state of the student's whole notebook (a sample that reads the notebook's variables),
which only the suite's sandboxed runs have.

    .venv/bin/python scripts/sweep-secrets.py --secrets 200 [--assignment week3_deep_network]

Prints, per assignment, the samples that escaped and under how many secrets, and one
secret per escape to run the suite again under (``COURSE_TEST_SECRETS=...``). It also
names every hint whose variant call (the defaults instead of the arguments, the other
activation) gave the right result under some secret: such a hint names a mistake that
keeps full marks on that case, and ``test_hidden_cases.py`` fails on it under that secret.
``--variants-only`` checks only that, without the corpus (one to three minutes a week
for 50 secrets instead of up to an hour).
"""

import argparse
import contextlib
import io
import os
import secrets as random_secrets
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from autograder import hidden, references  # noqa: E402
from autograder.cases import exercises, variant_key  # noqa: E402
from autograder.hidden import score_exercise  # noqa: E402
from autograder.notebooks import source_notebooks  # noqa: E402
from helpers import checklist  # noqa: E402
from helpers.diagnosis import matches  # noqa: E402
from tests.autograder.conftest import ASSIGNMENTS, corpus, corpus_dir  # noqa: E402
from tests.autograder.test_visible_checks import Notebook  # noqa: E402


def namespaces(assignment):
    """{sample name: (notebook, grade_id, namespace)} of every sample that loses points,
    its namespace as the student's notebook has it just before the exercise's check."""
    found = {}
    for source in source_notebooks(assignment):
        with contextlib.chdir(tempfile.mkdtemp()):
            run = Notebook(assignment, source.name)
        keys = [cell.key for cell in run.cells]
        for name, sample in run.samples.items():
            if not sample["loses"]:
                continue
            grade_id = sample["loses"][0]
            namespace = dict(run.before[grade_id])
            for cell in run.cells[keys.index(sample["cell"]):keys.index(grade_id)]:
                if cell.key == sample["cell"]:
                    run.run(sample["code"], namespace)
                elif cell.answer or cell.defines:
                    run.run(cell.code, namespace)
            found[name] = (source.name, grade_id, sample["partly"], namespace)
    return found


def _right_variants(assignment, loaded):
    """'function/case: kind' of each hint whose variant call gives the right result."""
    found = []
    for exercise in exercises(assignment):
        expected = loaded[exercise.notebook][exercise.grade_id]
        for case in exercise.cases:
            for n, hint in enumerate(case.hints):
                if hint.like is not None and matches(expected[variant_key(case.case_id, n)],
                                                     expected[case.case_id],
                                                     exercise.rtol, exercise.atol):
                    found.append(f"hint {exercise.function}/{case.case_id}: {hint.kind}")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--secrets", type=int, default=50)
    parser.add_argument("--assignment", action="append", choices=ASSIGNMENTS)
    parser.add_argument("--slow", type=float, default=1.0,
                        help="leave out the samples whose exercise takes longer than this "
                             "many seconds to score (training runs), and name them")
    parser.add_argument("--variants-only", action="store_true",
                        help="check only that every hint's variant call gives a wrong result")
    args = parser.parse_args()
    os.environ.setdefault("MPLBACKEND", "Agg")
    folder = Path(tempfile.mkdtemp(prefix="sweep-secrets-"))
    references.PRIVATE_DIR = folder / "references"
    records = checklist.records()
    sources = {a: source_notebooks(a) for a in ASSIGNMENTS}
    hidden.source_notebooks = sources.__getitem__  # parsed once, not per score
    for assignment in args.assignment or ASSIGNMENTS:
        started = time.monotonic()
        os.environ["COURSE_SECRET_FILE"] = ""
        hidden.load_references = references.load_references
        samples = {} if args.variants_only else namespaces(assignment)
        full, slow, stateful = {}, [], []
        for name, (nb, grade_id, _, namespace) in list(samples.items()):
            began = time.monotonic()
            with contextlib.redirect_stdout(io.StringIO()):
                full[name] = score_exercise(assignment, nb, grade_id, namespace)
            if time.monotonic() - began > args.slow:
                slow.append(name)
                del samples[name]
            elif full[name] > 0 and not samples[name][2]:
                # it keeps points here even without a secret: its grade hangs on notebook
                # state that only the whole notebook's run has (the notebook's variables)
                stateful.append(name)
                del samples[name]
        print(f"{assignment}: namespaces ready in {time.monotonic() - started:.0f} s",
              flush=True)
        escapes, example = defaultdict(int), {}
        for n in range(args.secrets):
            key = random_secrets.token_hex(16)
            path = folder / f"secret-{n}"
            path.write_text(key + "\n")
            path.chmod(0o600)
            os.environ["COURSE_SECRET_FILE"] = str(path)
            references.write_references(assignment)
            loaded = references.load_references(assignment)  # read once, not per sample
            hidden.load_references = lambda _assignment: loaded
            for name in _right_variants(assignment, loaded):
                escapes[name] += 1
                example.setdefault(name, (key, "full marks on the case"))
            for name, (nb, grade_id, partly, namespace) in samples.items():
                checklist._records.clear()
                checklist._records.update(records)
                with contextlib.redirect_stdout(io.StringIO()):
                    earned = score_exercise(assignment, nb, grade_id, namespace)
                if earned != full[name] if partly else earned > 0:
                    escapes[name] += 1
                    example.setdefault(name, (key, earned))
        print(f"{assignment}: {len(samples)} samples that lose points and every hint's "
              f"variant, {args.secrets} secrets, {time.monotonic() - started:.0f} s; "
              f"left out as slow: {', '.join(slow) or 'none'}; "
              f"left out as graded by the notebook's state, which only a whole run has: "
              f"{', '.join(stateful) or 'none'}")
        for name, count in sorted(escapes.items(), key=lambda item: -item[1]):
            key, earned = example[name]
            kept = earned if isinstance(earned, str) else f"{earned} points"
            print(f"  {name}: kept {kept} under {count} of {args.secrets} secrets "
                  f"(e.g. COURSE_TEST_SECRETS={key})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
