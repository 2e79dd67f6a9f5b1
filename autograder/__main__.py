"""Command line of the course's autograder: ``python -m autograder VERB ...``.

Verbs: ``release`` (student versions), ``bundle`` (the students' copy of the
course), ``grade`` (a folder or an LMS's zip of submissions, with an optional
class report), ``check`` (a student's visible checks), ``references``
(regenerate the reference outputs), ``secret`` (make the course secret, or say
which is in use). Each verb is a function of its module; this file only
parses arguments. Exit status: 0 all well, 1 something failed (for ``grade``:
the grader could not grade a submission, an output could not be written, or
nothing was found to grade; a submission graded with a note, an entry skipped
or a student with no submission is said, and is no failure), 2 bad usage.
"""

import argparse
import contextlib
import os
import sys
import time
import traceback
from pathlib import Path

from autograder import secret
from autograder.bundle import BundleError
from autograder.cluster import ClusterError
from autograder.lateness import LateWorkError
from autograder.lms import ArchiveError
from autograder.notebooks import COURSE_DIR, SubmissionError
from autograder.references import ReferencesError
from autograder.roster import RosterError
from autograder.sandbox import SandboxError, Unsandboxed
from autograder.secret import SecretError
from autograder.session import Limits


def _release(args):
    from autograder.release import release

    for path in release(args.assignment, out_dir=args.out):
        print(f"released {path}")
    return 0


def _bundle(args):
    from autograder.bundle import bundle, give_away_warnings

    made = bundle(args.out_dir, args.assignments)
    for paragraph in give_away_warnings(made.give_aways):
        print(f"warning: {paragraph}\n", file=sys.stderr)
    size = sum((made.path / f).stat().st_size for f in made.files) / 2**20
    print(f"wrote the students' copy of {', '.join(made.notebooks)} to {made.path} "
          f"({len(made.files)} files, {size:.1f} MB): hand this folder out, never the "
          f"course's repository")
    return 0


def _references(args):
    from autograder.references import write_references

    with secret.public_inputs() if args.public else contextlib.nullcontext():
        path = write_references(args.assignment)
    print(f"wrote {path}")
    return 0


def _secret(args):
    if args.action == "init":
        digest = secret.init(force=args.force)
        print(f"wrote a new course secret to {secret.secret_file()} (digest {digest}); keep a "
              f"copy with the gradebook, and run `.venv/bin/python -m autograder references "
              f"ASSIGNMENT` for each assignment before grading.")
        return 0
    in_use, sentence = secret.status()
    print(sentence)
    return 0 if in_use else 1


def _check(args):
    from autograder.check import run

    return run(args.notebook)


def _grade(args):
    from autograder.lms import ZipLimits, collected, is_archive

    started = time.monotonic()
    if args.no_sandbox and args.cluster:
        raise SandboxError("--no-sandbox is for local development only and never goes with "
                           "--cluster: every worker must have a working sandbox.")
    if args.student_id is not None and not is_archive(args.submissions):
        raise FileNotFoundError(f"--student-id reads the entry names of a zip, and "
                                f"{args.submissions} is not a zip file: leave it out for a "
                                f"folder of student folders.")
    extensions_file = args.extensions
    if args.feedback_zip is not None and not is_archive(args.submissions):
        raise FileNotFoundError(f"--feedback-zip names each page as Canvas's or Moodle's "
                                f"bulk upload reads it, from the ids in the LMS's zip, and "
                                f"{args.submissions} is not a zip file: give the LMS's zip "
                                f"of submissions, or leave out --feedback-zip.")
    if args.extensions is not None:
        from autograder.lateness import read_extensions
        args.extensions = read_extensions(args.extensions)
    roster = None
    if args.roster is not None:
        from autograder.roster import read_roster
        roster = read_roster(args.roster)
        if args.extensions:
            from autograder.lateness import check_extensions
            check_extensions(args.extensions, extensions_file, roster)
    zip_limits = ZipLimits(entry_mb=args.zip_entry_mb, total_mb=args.zip_total_mb)
    with collected(args.submissions, assignment=args.assignment, student_id=args.student_id,
                   limits=zip_limits) as (students, skipped):
        if roster is not None:  # one id per student, whatever the intake
            from autograder.roster import identify
            students = identify(students, roster)
        return _grade_students(args, students, skipped, started, roster)


def _remarked(results, students, roster):
    """Add the intake's remarks and the roster's flags to the results; return the ids
    with no submission (on the roster, or in nbgrader's folders without the assignment)."""
    from autograder.grade import remark
    from autograder.roster import check

    remarks = {student.student_id: student.remarks for student in students}
    for result in results:
        for flag, sentence in remarks.get(result.student_id, ()):
            remark(result, flag, sentence)
    absent = {student.student_id for student in students if not student.handed_in}
    on_roster = check(results, roster) if roster is not None else []
    return sorted(absent | set(on_roster))


def _grade_students(args, students, skipped, started, roster):
    from autograder.feedback import feedback_html
    from autograder.grade import GRADER_FAILED, grade, results_json, results_table
    from autograder.gradesheet import grade_sheet
    from autograder.intake import file_safe
    from autograder.lms import is_archive

    limits = Limits(cell_seconds=args.cell_seconds, call_seconds=args.call_seconds,
                    notebook_seconds=args.notebook_seconds, memory_mb=args.memory_mb,
                    cpu_seconds=args.cpu_seconds, processes=args.max_processes,
                    output_mb=args.output_mb, disk_mb=args.disk_mb)
    cache_dir = Path(args.cache_dir or COURSE_DIR / "grader-cache" / args.assignment)
    if args.feedback_zip and not any(s.lms_address for s in students):
        raise ArchiveError(f"--feedback-zip needs a zip in Canvas's or Moodle's own layout, "
                           f"whose ids their bulk upload of feedback reads; the ids of "
                           f"{args.submissions} are not such (an anonymous Canvas download or "
                           f"a --student-id rule): leave out --feedback-zip.")
    for entry in skipped:
        print(f"warning: {args.submissions}/{entry.name} was not graded: {entry.reason}.",
              file=sys.stderr)
    if not secret.in_use():
        print(f"warning: {secret.status()[1]}", file=sys.stderr)
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm
        bar = tqdm(total=sum(s.handed_in for s in students), unit="submission",
                   desc="grading", file=sys.stderr)
    kept = set()
    try:
        results = grade(args.submissions, assignment=args.assignment, workers=args.workers,
                        limits=limits, cache_dir=cache_dir, force=args.force,
                        cluster=args.cluster, students=students, kept=kept,
                        sandbox=Unsandboxed() if args.no_sandbox else None,
                        progress=(lambda result: bar.update()) if bar else None)
    finally:
        if bar:
            bar.close()
    if not results and not any(not student.handed_in for student in students):
        if is_archive(args.submissions):
            print(f"No entry of {args.submissions} says whose it is (warnings above): set "
                  f"--student-id to the rule its names follow.", file=sys.stderr)
        else:
            print(f"No student folders in {args.submissions}: expected "
                  f"{args.submissions}/<student_id>/<notebook>.ipynb.", file=sys.stderr)
        return 1
    missing = _remarked(results, students, roster)
    unmatched = sorted(set(args.extensions or {}) - {s.student_id for s in students})
    if unmatched and roster is None:
        print(f"warning: the extensions file gives an extension to {', '.join(unmatched)}, "
              f"who handed nothing in here: check the ids (--roster checks them against "
              f"the class list).", file=sys.stderr)
    from autograder.lateness import lateness
    late = {s.student_id: lateness(s, args.due, args.extensions) for s in students
            if s.handed_in}
    print(results_table(results, missing, late))
    if missing:
        print(f"\nno submission ({len(missing)}): {', '.join(missing)}")
    failed_outputs = []
    if args.json:
        failed_outputs += _write(args.json, lambda: results_json(args.assignment, results,
                                                                 skipped, missing, late))
    if args.csv:
        failed_outputs += _write(args.csv, lambda: grade_sheet(
            args.assignment, results, missing, layout=args.csv_format, roster=roster,
            late=late, column=args.grade_column))
    feedback_dir, pages = Path(args.feedback_dir), {}
    for result in results:  # one page that cannot be written costs only that page
        failed_outputs += _write(feedback_dir / file_safe(result.student_id) / args.assignment
                                 / "feedback.html", lambda: pages.setdefault(
                                     result.student_id, feedback_html(
                                         args.assignment, result,
                                         late.get(result.student_id))),
                                 shared_below=feedback_dir)
    if args.feedback_zip:
        failed_outputs += _write_feedback_zip(args, pages, students, roster)
    if args.gradebook != "none":
        from autograder.gradebook import record
        failed_outputs += record(results, args.assignment, args.gradebook, roster=roster,
                                 timestamps={s.student_id: s.submitted_at for s in students
                                             if s.submitted_at is not None},
                                 due=args.due, extensions=args.extensions)
        from autograder.autograded import write_autograded
        failed_outputs += write_autograded(results, students, args.assignment, args.gradebook)
    if args.report:
        failed_outputs += _write_report(args, results, skipped, missing, late, started,
                                        students, kept)
    if not args.cluster:
        import resource
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"graded {len(results)} submission(s); peak memory of one notebook's process: "
              f"{peak:.0f} MB", file=sys.stderr)
    noted = [r for r in results if r.error and GRADER_FAILED not in r.flags]
    not_graded = [r.student_id for r in results if GRADER_FAILED in r.flags]
    if noted or skipped:
        print(f"\n{len(noted)} submission(s) graded with a note: see the problem column"
              + (f"; {len(skipped)} folder entr(ies) were skipped (warnings above)."
                 if skipped else "."), file=sys.stderr)
    if not_graded:
        print(f"\nthe grader could not grade {len(not_graded)} submission(s) "
              f"({', '.join(not_graded[:10])}): no score was given for them; see the "
              f"messages above, then grade again (a failed result is never kept).",
              file=sys.stderr)
    if failed_outputs:
        print(f"\n{len(failed_outputs)} output(s) could not be written:", file=sys.stderr)
        for line in failed_outputs:
            print(f"  {line}", file=sys.stderr)
    return 1 if not_graded or failed_outputs else 0


def _write_feedback_zip(args, pages, students, roster):
    """Write the zip of feedback pages for the LMS's bulk upload; say who is not in it."""
    from autograder.delivery import feedback_zip

    made, left_out = feedback_zip(args.assignment, pages,
                                  {s.student_id: s.lms_address for s in students}, roster)
    failed = _write(args.feedback_zip, lambda: made,
                    shared_below=Path(args.feedback_zip).parent)
    if left_out:
        print(f"warning: the feedback zip has no page for {', '.join(left_out[:20])}: the "
              f"LMS's zip gives no file of theirs to attach it to; give them their page "
              f"from {args.feedback_dir}.", file=sys.stderr)
    if not failed:
        print(f"wrote {len(pages) - len(left_out)} feedback page(s) for the LMS's bulk upload "
              f"to {args.feedback_zip}", file=sys.stderr)
    return failed


def _write_report(args, results, skipped, missing, late, started, students, kept):
    """Write the class report and, beside it, the instructor-only list (``instructor_file``);
    a failure to make them costs only them."""
    from autograder.course import load_course
    from autograder.report import class_report, instructor_list
    from autograder.similarity import class_similarity

    private = instructor_file(args.report)
    try:
        similarity = class_similarity(students, load_course(args.assignment).sources)
        regraded = {r.student_id: r.student_id not in kept for r in results}
        listed = instructor_list(args.assignment, results, similarity=similarity,
                                 report_file=Path(args.report).name)
        page = class_report(args.assignment, results, seconds=time.monotonic() - started,
                            skipped=skipped, source=args.submissions, missing=missing,
                            late=late, similarity=similarity, instructor_file=private.name,
                            regraded=regraded)
    except Exception as error:  # the grades are written: never lose them to a plot
        print(f"making the class report failed:\n{traceback.format_exc()}", file=sys.stderr)
        return [f"{args.report}: the class report could not be made "
                f"({type(error).__name__}: {error})"]
    failed = _write(private, lambda: listed) + _write(args.report, lambda: page)
    if not failed:
        print(f"wrote the class report to {args.report} and the instructor-only list of who "
              f"made which mistake to {private} (keep it to the course staff)",
              file=sys.stderr)
    return failed


def instructor_file(report):
    """The instructor-only list's file, beside the class report: "<report>.instructor-only.html"."""
    report = Path(report)
    return report.with_name(f"{report.stem}.instructor-only.html")


def _write(path, render, shared_below=None):
    """Write one output atomically; return [] or [what failed and why]. With
    ``shared_below`` (a folder above it), the output and its folders up to that one are
    made readable by the group too (``autograder.outputs.group_readable``)."""
    from autograder.grade import atomic_write
    from autograder.outputs import group_readable

    try:
        atomic_write(path, render())
        if shared_below is not None:
            group_readable(path, shared_below)
        return []
    except (OSError, UnicodeError, ValueError) as error:
        return [f"{path}: {error}"]


def _due(text):
    from autograder.lateness import parse_due

    try:
        return parse_due(text)
    except LateWorkError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _student_id_rule(text):
    from autograder.lms import check_rule

    try:
        check_rule(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def build_parser():
    from autograder.gradesheet import LAYOUTS
    from autograder.lms import ZipLimits

    parser = argparse.ArgumentParser(prog="python -m autograder",
                                     description="Release, grade and check the course's "
                                                 "notebooks.")
    verbs = parser.add_subparsers(dest="verb", required=True)

    p = verbs.add_parser("release", help="generate the student notebooks with nbgrader")
    p.add_argument("assignment")
    p.add_argument("--out", help="folder for the student notebooks "
                                 "(default: notebooks/<assignment>)")
    p.set_defaults(run=_release)

    p = verbs.add_parser("bundle", help="write the students' copy of the course: released "
                                        "notebooks, helpers, data, open-course and check",
                         description="Write a new folder for students with the released "
                                     "notebooks of the given assignments and what they need, "
                                     "and nothing of the sources, hidden cases or references.")
    p.add_argument("out_dir", metavar="OUT_DIR", help="a new or empty folder")
    p.add_argument("assignments", metavar="ASSIGNMENT", nargs="+",
                   help="an assignment, or ASSIGNMENT/NOTEBOOK for one of its notebooks")
    p.set_defaults(run=_bundle)

    p = verbs.add_parser("grade", help="grade a folder with one folder per student, or an "
                                       "LMS's zip of submissions",
                         description="Grade a class: SUBMISSIONS is a folder holding "
                                     "<student_id>/<notebook>.ipynb, or a zip of submissions "
                                     "as Canvas or Moodle download them (read in memory, never "
                                     "unpacked by hand).")
    p.add_argument("submissions", metavar="SUBMISSIONS",
                   help="folder holding <student_id>/<notebook>.ipynb, or an LMS's .zip")
    p.add_argument("--assignment", required=True)
    p.add_argument("--json", help="write every test's result to this JSON file")
    p.add_argument("--csv", help="write one line per student to this CSV file")
    p.add_argument("--csv-format", choices=LAYOUTS, default="plain",
                   help="the CSV's columns: plain (score, percent, status, error), wide "
                        "(plain with one column per exercise and per concept question), "
                        "canvas (Canvas's gradebook import), moodle (Moodle's grade import "
                        "from CSV); default: %(default)s")
    p.add_argument("--grade-column", metavar="NAME",
                   help="with --csv-format canvas or moodle: the grade column's header, the "
                        "LMS's name for the assignment as its own grade export shows it "
                        "(e.g. 'Week 1 (4127)' for Canvas; default: the assignment)")
    p.add_argument("--due", metavar="WHEN", type=_due,
                   help="the due date, ISO 8601 (e.g. 2026-12-07T23:59, this machine's "
                        "time zone unless it names one): each submission's time, as the "
                        "LMS's zip or nbgrader's timestamp.txt records it, is compared with "
                        "it (without --due, only Canvas's LATE_ mark says late)")
    p.add_argument("--extensions", metavar="FILE",
                   help="per-student due dates: a CSV with the columns student_id (or id) "
                        "and due; a student's replaces --due for them")
    p.add_argument("--report", metavar="FILE",
                   help="write a class report to this self-contained HTML file: score "
                        "distribution per exercise, the most common mistakes, the "
                        "submissions that need a look, the time the batch took")
    p.add_argument("--workers", type=int, default=None,
                   help="submissions graded at once (default: all cores)")
    p.add_argument("--feedback-dir", default=str(COURSE_DIR / "feedback-pages"),
                   help="where the feedback pages go: DIR/<student>/<assignment>/"
                        "feedback.html, readable by your group too (default: "
                        "autograder/feedback-pages; autograder/feedback is nbgrader's "
                        "generate_feedback's)")
    p.add_argument("--feedback-zip", metavar="FILE",
                   help="with Canvas's or Moodle's zip of submissions: also write FILE, a zip "
                        "of the feedback pages named as that LMS's bulk upload of feedback "
                        "files reads them (Canvas: the gradebook's Upload Submissions; "
                        "Moodle: Upload multiple feedback files in a zip)")
    p.add_argument("--gradebook", default=f"sqlite:///{COURSE_DIR / 'gradebook.db'}",
                   help="SQLAlchemy URL of nbgrader's gradebook, or 'none' "
                        "(default: autograder/gradebook.db)")
    p.add_argument("--cluster", metavar="ADDRESS",
                   help="grade on this Dask scheduler (e.g. tcp://host:8786) instead of here")
    p.add_argument("--no-sandbox", action="store_true",
                   help="run student code WITHOUT a sandbox, for trying the grader on your "
                        "own notebooks where bubblewrap is missing: warned on every run, "
                        "every result marked; never for real submissions, never with "
                        "--cluster")
    p.add_argument("--force", action="store_true",
                   help="regrade submissions that have not changed since the last run")
    p.add_argument("--roster", metavar="FILE",
                   help="the class list: a CSV with a student_id column (or nbgrader's id "
                        "column), nbgrader's gradebook.db, or one id per line; its students "
                        "with nothing handed in are listed as 'no submission', an id not on "
                        "it is flagged and kept out of the gradebook; a CSV's canvas_id, "
                        "moodle_id and nbgrader_id columns map a Canvas zip's user ids, a "
                        "Moodle zip's participant ids and a folder's names to its student_id")
    p.add_argument("--cache-dir", help="where each student's result is kept as it is done, "
                                       "so a stopped batch resumes (default: "
                                       "autograder/grader-cache/<assignment>)")
    lms = p.add_argument_group(
        "reading an LMS's zip",
        "Whose each entry is comes only from the prefix the LMS wrote, read from the left "
        "of the entry's path; the rest is only a file name (one that imitates an LMS's "
        "prefix is graded as the uploader's and flagged). One layout is decided for the "
        "whole zip: Moodle's '<Full Name>_<participant id>_assignsubmission_file/<file>' "
        "(or flat, '..._file_<file>') gives the participant id (unique within one "
        "assignment), Canvas's '<name>_[LATE_]<user id>_<attachment id>_<file>' the "
        "Canvas user id and, under anonymous grading, 'anon_<id>_<attachment id>_<file>' "
        "the id 'anon_<id>'. Of two uploads of one notebook the newer is graded (by the entry's "
        "date and time, then by Canvas's '-1', '-2' resubmission number, which is dropped "
        "from the name). Links, names with '..' and oversized entries are left out, and "
        "said so.")
    lms.add_argument("--student-id", metavar="REGEX", type=_student_id_rule,
                     help="instead of the LMS's layouts: a regular expression searched in "
                          "each entry's path, whose group 'student' is the student id (and "
                          "group 'file', if any, the notebook's name), e.g. "
                          "'^(?P<student>[^_/]+)_' for Canvas's name part")
    lms.add_argument("--zip-entry-mb", type=int, default=ZipLimits().entry_mb,
                     help="largest notebook taken from the zip, unpacked (default: "
                          "%(default)s)")
    lms.add_argument("--zip-total-mb", type=int, default=ZipLimits().total_mb,
                     help="most the zip's notebooks may unpack to, together (default: "
                          "%(default)s)")
    defaults = Limits()
    limits = p.add_argument_group("limits for each notebook's process")
    limits.add_argument("--cell-seconds", type=float, default=defaults.cell_seconds,
                        help="wall clock for one notebook cell (default: %(default)s)")
    limits.add_argument("--call-seconds", type=float, default=defaults.call_seconds,
                        help="wall clock for one hidden test (default: %(default)s)")
    limits.add_argument("--notebook-seconds", type=float, default=defaults.notebook_seconds,
                        help="wall clock for a whole notebook (default: %(default)s)")
    limits.add_argument("--memory-mb", type=int, default=defaults.memory_mb,
                        help="address space (default: %(default)s)")
    limits.add_argument("--cpu-seconds", type=int, default=defaults.cpu_seconds,
                        help="CPU time (default: %(default)s)")
    limits.add_argument("--max-processes", type=int, default=defaults.processes,
                        help="processes and threads (default: %(default)s)")
    limits.add_argument("--output-mb", type=int, default=defaults.output_mb,
                        help="largest file written or value returned (default: %(default)s)")
    limits.add_argument("--disk-mb", type=int, default=defaults.disk_mb,
                        help="what the notebook's home folder and /tmp may hold, each "
                             "(default: %(default)s)")
    p.set_defaults(run=_grade)

    p = verbs.add_parser("check", help="run a notebook's visible checks and summarise them")
    p.add_argument("notebook")
    p.set_defaults(run=_check)

    p = verbs.add_parser("references", help="regenerate the reference outputs from the "
                                            "source solutions")
    p.add_argument("assignment")
    p.add_argument("--public", action="store_true",
                   help="the committed, public references (the inputs without a course "
                        "secret), whatever secret this machine has")
    p.set_defaults(run=_references)

    p = verbs.add_parser("secret", help="make the course secret, or say which one is in use",
                         description="The course secret mixes every hidden case's seed, so "
                                     "the hidden inputs cannot be read off the public "
                                     "repository. It lives in autograder/course-secret (or "
                                     "the file COURSE_SECRET_FILE names), which git ignores.")
    p.add_argument("action", choices=("init", "status"),
                   help="init: write a new random secret; status: say which secret is in "
                        "use, by its digest (exit status 1 when there is none)")
    p.add_argument("--force", action="store_true",
                   help="with init: replace an existing secret (every hidden input changes "
                        "and its stored references no longer apply)")
    p.set_defaults(run=_secret)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (LookupError, FileNotFoundError, ReferencesError, SubmissionError,
            ArchiveError, RosterError, BundleError, SandboxError, ClusterError,
            SecretError, LateWorkError) as error:
        message = error.args[0] if error.args else str(error)
        print(f"error: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
