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
secret per escape to run the suite again under (``COURSE_TEST_SECRETS=...``).
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
from autograder.hidden import score_exercise  # noqa: E402
from autograder.notebooks import source_notebooks  # noqa: E402
from helpers import checklist  # noqa: E402
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--secrets", type=int, default=50)
    parser.add_argument("--assignment", action="append", choices=ASSIGNMENTS)
    parser.add_argument("--slow", type=float, default=1.0,
                        help="leave out the samples whose exercise takes longer than this "
                             "many seconds to score (training runs), and name them")
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
        samples = namespaces(assignment)
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
            for name, (nb, grade_id, partly, namespace) in samples.items():
                checklist._records.clear()
                checklist._records.update(records)
                with contextlib.redirect_stdout(io.StringIO()):
                    earned = score_exercise(assignment, nb, grade_id, namespace)
                if earned != full[name] if partly else earned > 0:
                    escapes[name] += 1
                    example.setdefault(name, (key, earned))
        print(f"{assignment}: {len(samples)} samples that lose points, {args.secrets} secrets, "
              f"{time.monotonic() - started:.0f} s; left out as slow: {', '.join(slow) or 'none'}; "
              f"left out as graded by the notebook's state, which only a whole run has: "
              f"{', '.join(stateful) or 'none'}")
        for name, count in sorted(escapes.items(), key=lambda item: -item[1]):
            key, earned = example[name]
            print(f"  {name}: kept {earned} points under {count} of {args.secrets} secrets "
                  f"(e.g. COURSE_TEST_SECRETS={key})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
