"""Grade the corpus of mistakes and print, per week, what the feedback names for each.

Usage (from the repository's root):

    .venv/bin/python scripts/corpus-kinds.py [ASSIGNMENT ...] [--markdown FILE]

For every sample of tests/submissions/<assignment>/ that loses points, one row: the
sample, the exercise it loses, the kind of mistake it declares (its `# kind:` header),
whether the feedback on that exercise names that kind as the class report counts it
("yes"), and the kinds the report counts for it. A maintainer adding a sample or a
recogniser reads here what the feedback says of every known mistake;
tests/autograder/test_grading.py asserts the same, sample by sample.
"""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # a script run from a checkout: the tests' corpus helpers

from autograder.grade import grade  # noqa: E402
from autograder.report import exercise_kinds  # noqa: E402
from tests.autograder.conftest import (ASSIGNMENTS, corpus, corpus_dir, solved,  # noqa: E402
                                       write_submission)


def rows(assignment, workers=2):
    """[(sample, exercise, declared kind, named, counted kinds)] of the corpus's mistakes."""
    samples = {name: s for name, s in corpus(corpus_dir(assignment)).items() if s["loses"]}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, sample in samples.items():
            write_submission(root / name, {sample["notebook"]: solved(
                sample["notebook"], {sample["cell"]: sample["code"]})})
        results = {r.student_id: r for r in grade(root, assignment=assignment,
                                                  workers=workers)}
    table = []
    for name, sample in samples.items():
        exercise = sample["loses"][0]
        counted = exercise_kinds(results[name].tests).get((sample["notebook"], exercise), [])
        table.append((name, exercise, sample["kind"] or "(none)",
                      "yes" if sample["kind"] in counted else "NO", ", ".join(counted)))
    return table


def markdown(assignment, table):
    named = sum(row[3] == "yes" for row in table)
    lines = [f"### {assignment}: {named} of {len(table)} mistakes named by their kind", "",
             "| sample | exercise | declared kind | named | kinds the feedback names |",
             "| --- | --- | --- | --- | --- |"]
    lines += [f"| {' | '.join(row)} |" for row in table]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*", default=ASSIGNMENTS)
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    args = parser.parse_args(argv)
    text = "\n".join(markdown(a, rows(a)) for a in args.assignments)
    print(text)
    if args.markdown:
        args.markdown.write_text(text)
    return 0 if "| NO |" not in text else 1


if __name__ == "__main__":
    sys.exit(main())
