"""Command line of the course's autograder: ``python -m autograder VERB ...``.

Verbs: ``release`` (student versions), ``grade`` (a folder of submissions),
``check`` (a student's visible checks), ``references`` (regenerate the
reference outputs). Each verb is a function of its module; this file only
parses arguments. Exit status: 0 all well, 1 something needs a look (a
submission that could not be graded, a failing check), 2 bad usage.
"""

import argparse
import os
import sys
from pathlib import Path

from autograder.notebooks import COURSE_DIR, SubmissionError
from autograder.references import ReferencesError


def _release(args):
    from autograder.release import release

    for path in release(args.assignment, out_dir=args.out):
        print(f"released {path}")
    return 0


def _references(args):
    from autograder.references import write_references

    path = write_references(args.assignment)
    print(f"wrote {path}")
    return 0


def _check(args):
    from autograder.check import check_notebook, summary

    results = check_notebook(args.notebook)
    print(summary(args.notebook, results))
    return 0 if all(r.passed for r in results) else 1


def _grade(args):
    from autograder.feedback import feedback_html
    from autograder.grade import (atomic_write, grade, print_progress, results_csv,
                                  results_json, results_table)

    progress = print_progress if sys.stderr.isatty() else None
    results = grade(args.submissions, assignment=args.assignment, workers=args.workers,
                    progress=progress)
    if not results:
        print(f"No student folders in {args.submissions}: expected "
              f"{args.submissions}/<student_id>/<notebook>.ipynb.", file=sys.stderr)
        return 1
    print(results_table(results))
    if args.json:
        atomic_write(args.json, results_json(args.assignment, results))
    if args.csv:
        atomic_write(args.csv, results_csv(results))
    feedback_dir = Path(args.feedback_dir)
    for result in results:
        atomic_write(feedback_dir / result.student_id / args.assignment / "feedback.html",
                     feedback_html(args.assignment, result))
    if args.gradebook != "none":
        from autograder.gradebook import record
        record(results, args.assignment, args.gradebook)
    problems = [r for r in results if r.error]
    if problems:
        print(f"\n{len(problems)} submission(s) need a look: see the problem column.",
              file=sys.stderr)
        return 1
    return 0


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m autograder",
                                     description="Release, grade and check the course's "
                                                 "notebooks.")
    verbs = parser.add_subparsers(dest="verb", required=True)

    p = verbs.add_parser("release", help="generate the student notebooks with nbgrader")
    p.add_argument("assignment")
    p.add_argument("--out", help="folder for the student notebooks "
                                 "(default: notebooks/<assignment>)")
    p.set_defaults(run=_release)

    p = verbs.add_parser("grade", help="grade a folder with one folder per student")
    p.add_argument("submissions", help="folder holding <student_id>/<notebook>.ipynb")
    p.add_argument("--assignment", required=True)
    p.add_argument("--json", help="write every test's result to this JSON file")
    p.add_argument("--csv", help="write one line per student to this CSV file")
    p.add_argument("--workers", type=int, default=None,
                   help="submissions graded at once (default: all cores)")
    p.add_argument("--feedback-dir", default=str(COURSE_DIR / "feedback"),
                   help="where the feedback pages go: DIR/<student>/<assignment>/"
                        "feedback.html (default: autograder/feedback)")
    p.add_argument("--gradebook", default=f"sqlite:///{COURSE_DIR / 'gradebook.db'}",
                   help="SQLAlchemy URL of nbgrader's gradebook, or 'none' "
                        "(default: autograder/gradebook.db)")
    p.set_defaults(run=_grade)

    p = verbs.add_parser("check", help="run a notebook's visible checks and summarise them")
    p.add_argument("notebook")
    p.set_defaults(run=_check)

    p = verbs.add_parser("references", help="regenerate the reference outputs from the "
                                            "source solutions")
    p.add_argument("assignment")
    p.set_defaults(run=_references)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (LookupError, FileNotFoundError, ReferencesError, SubmissionError) as error:
        message = error.args[0] if error.args else str(error)
        print(f"error: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
