"""Every command the guides show runs as written from a fresh clone, and every link
between them reaches a file and heading.

The guides are README.md and docs/*.md. A fenced code block without a language (or
``sh``, ``bash``, ``shell``) is a list of commands; a block of program output is
labelled ``text``. An inline command is a code span whose first word is a program
path (``./run-tests ...``, ``.venv/bin/python ...``, ``scripts/...``) or ``python -m``.
For each command (after ``VAR=value`` words, split at ``&&`` and ``;``):

- the program is one a fresh clone has once ``./open-course`` or ``./run-tests`` made
  ``.venv``: ``.venv/bin/X`` with X installed in the course's environment, an executable
  file of the repository (``./open-course``, ``./check``, ``scripts/...``), reached from
  the folder the block's ``cd`` lines lead to; a program of the environment by its bare
  name (``nbgrader``, ``python``, ``jupyter``, ...) only after a line of the same block
  that activates ``.venv``; or a system tool of ``SYSTEM``;
- ``python -m autograder VERB ...`` is accepted by the grader's own argument parser
  (``autograder.__main__.build_parser``, parsed, never run); a span that only names a
  verb, or asks for ``--help``, must name a verb and options the parser has;
- ``nbgrader SUBCOMMAND`` names one of nbgrader's subcommands, and ``python -m MODULE``
  or ``python SCRIPT`` a module of the environment or a script of the repository.
"""

import contextlib
import importlib.util
import io
import os
import re
import shlex
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
GUIDES = ["README.md", *sorted(f"docs/{p.name}" for p in (REPO / "docs").glob("*.md"))]
SHELL = {"", "sh", "bash", "shell"}
SYSTEM = {"cd", "apt-get", "conda", "git"}  # tools a guide may ask for besides the course's
ENVIRONMENT = {"python", "python3", "nbgrader", "jupyter", "pytest", "pip"}
ACTIVATE = ("source", ".")
FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>[\w-]*)\s*$")
INLINE = re.compile(r"`([^`\n]+)`")
ENV_WORD = re.compile(r"^[A-Z_][A-Z0-9_]*=")


def fenced_blocks(text):
    """[(line number of the fence, language, [(line number, line), ...])] and the text
    with every block blanked out (for the inline spans)."""
    blocks, outside, block = [], [], None
    for number, line in enumerate(text.splitlines(), 1):
        fence = FENCE.match(line)
        if block is None and fence:
            block = (number, fence["lang"], [])
            outside.append("")
        elif block is not None and line.strip() == "```":
            blocks.append(block)
            block = None
            outside.append("")
        elif block is not None:
            block[2].append((number, line.strip()))
            outside.append("")
        else:
            outside.append(line)
    return blocks, outside


def block_commands(lines):
    """[(line number, command)] of a shell block: continuation lines joined."""
    commands, pending, first = [], "", None
    for number, line in lines:
        if pending == "":
            first = number
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        pending += line
        if pending.strip():
            commands.append((first, pending))
        pending = ""
    return commands


def simple_commands(command):
    """The word lists of a command line split at && and ; (comments dropped)."""
    words, parts = shlex.split(command, comments=True), [[]]
    for word in words:
        if word in ("&&", ";", "||"):
            parts.append([])
        else:
            parts[-1].append(word.rstrip(";"))
    return [[w for w in part] for part in parts if part]


def _program(words):
    while words and ENV_WORD.match(words[0]):
        words = words[1:]
    return words


def autograder_problem(argv):
    """Why the grader's parser refuses ``python -m autograder ARGV``, or None."""
    from autograder.__main__ import build_parser

    parser = build_parser()
    verbs = next(a for a in parser._actions if a.dest == "verb").choices
    if not argv or argv[0] not in verbs:
        return f"autograder has no verb {argv[:1]} (it has {', '.join(verbs)})"
    verb = verbs[argv[0]]
    unknown = [w.split("=")[0] for w in argv[1:]
               if w.startswith("--") and w.split("=")[0] not in verb._option_string_actions]
    if unknown:
        return f"`{argv[0]}` has no option {', '.join(unknown)}"
    if len(argv) == 1 or "--help" in argv or "-h" in argv:
        return None  # names the verb (or asks for its help): the options are checked above
    said = io.StringIO()
    try:
        with contextlib.redirect_stderr(said), contextlib.redirect_stdout(io.StringIO()):
            parser.parse_args(argv)
    except SystemExit:
        return f"the parser refuses it: {said.getvalue().strip().splitlines()[-1]}"
    return None


def nbgrader_problem(argv):
    from nbgrader.apps.nbgraderapp import NbGraderApp

    if argv and argv[0] not in NbGraderApp.subcommands:
        return f"nbgrader has no subcommand {argv[0]}"
    return None


def python_problem(argv, cwd):
    if argv[:2] == ["-m", "autograder"]:
        return autograder_problem(argv[2:])
    if argv[:1] == ["-m"]:
        if len(argv) < 2 or importlib.util.find_spec(argv[1]) is None:
            return f"the environment has no module {argv[1:2]}"
        return None
    if argv and argv[0].endswith(".py") and not (cwd / argv[0]).is_file():
        return f"there is no script {argv[0]} in {cwd.relative_to(REPO) or '.'}"
    return None


def command_problem(words, cwd, activated):
    """(why the command does not run from a fresh clone or None, the folder it leaves)."""
    words = _program(words)
    if not words:
        return None, cwd
    program, argv = words[0], words[1:]
    if program == "cd":
        target = Path(os.path.normpath(cwd / argv[0])) if argv else cwd
        if not target.is_dir() or not target.is_relative_to(REPO):
            return f"cd {argv[0]}: no such folder of the course", cwd
        return None, target
    if program in SYSTEM:
        return None, cwd
    if program in ACTIVATE:
        if argv and Path(os.path.normpath(cwd / argv[0])) == REPO / ".venv/bin/activate":
            return None, cwd
        return f"{program} {' '.join(argv)} does not activate the course's .venv", cwd
    if "/" in program:
        path = Path(os.path.normpath(cwd / program))
        if path.parent == REPO / ".venv/bin":
            name = path.name
            if not (Path(sys.prefix) / "bin" / name).exists():
                return f"the course's environment installs no {name}", cwd
        elif not (path.is_file() and os.access(path, os.X_OK)):
            return f"{program} is no executable file of the course (from {cwd})", cwd
        else:
            return None, cwd
    elif program in ENVIRONMENT:
        if not activated:
            return (f"{program} is the environment's: write .venv/bin/{program}, or "
                    f"activate .venv first (source .venv/bin/activate)"), cwd
        name = program
    else:
        return f"{program} is not a program a fresh clone has", cwd
    if name.startswith("python"):
        return python_problem(argv, cwd), cwd
    if name == "nbgrader":
        return nbgrader_problem(argv), cwd
    return None, cwd


def is_inline_command(span):
    words = _program(span.split())
    return bool(words) and (words[0].startswith(("./", ".venv/", "../.venv/", "scripts/"))
                            or words[:2] in (["python", "-m"], ["python3", "-m"]))


def problems(text):
    """[(line number, command, problem)] of a guide's text."""
    found = []
    blocks, outside = fenced_blocks(text)
    for _, lang, lines in blocks:
        if lang not in SHELL:
            continue
        cwd, activated = REPO, False
        for number, command in block_commands(lines):
            try:
                parts = simple_commands(command)
            except ValueError as error:
                found.append((number, command, f"not a shell command line ({error})"))
                continue
            for words in parts:
                problem, cwd = command_problem(words, cwd, activated)
                activated = activated or _program(words)[:1] in ([a] for a in ACTIVATE)
                if problem:
                    found.append((number, command, problem))
    for number, line in enumerate(outside, 1):
        for span in INLINE.findall(line):
            if not is_inline_command(span):
                continue
            for words in simple_commands(span):
                problem, _ = command_problem(words, REPO, False)
                if problem:
                    found.append((number, span, problem))
    return found


@pytest.mark.parametrize("guide", GUIDES)
def test_every_command_of_a_guide_runs_from_a_fresh_clone(guide):
    text = (REPO / guide).read_text()
    assert not problems(text), "\n".join(f"{guide}:{n}: `{c}`: {p}"
                                         for n, c, p in problems(text))


def test_the_guides_show_the_graders_commands():
    """The check above has something to check: the guides do run the grader."""
    shown = [span for guide in GUIDES for span in INLINE.findall((REPO / guide).read_text())
             if "-m autograder grade" in span]
    assert len(shown) >= 5


BROKEN_GUIDE = """\
```
python -m autograder grade submissions.zip --assignment week1_logistic_regression
.venv/bin/python -m autograder grade submissions.zip --assignment week1 --no-such-option 3
.venv/bin/python -m autograder grade submissions.zip
.venv/bin/python -m autograder regrade SUBMISSIONS
nbgrader collect week1_logistic_regression
.venv/bin/nbgrader collect_everything week1_logistic_regression
.venv/bin/not-installed --version
scripts/no-such-script.sh
cd autograder && .venv/bin/python -m autograder release week1_logistic_regression
warning: this line is output, not a command
```

Also `python -m autograder grade --help` and `.venv/bin/python -m autograder grade --nope`.

```
.venv/bin/python -m autograder grade SUBMISSIONS --assignment week1_logistic_regression \\
    --roster class.csv --csv grades.csv --csv-format canvas --due 2026-12-07T23:59
source .venv/bin/activate
nbgrader export
cd autograder && ../.venv/bin/nbgrader generate_feedback week1_logistic_regression
```
"""


def test_a_guide_with_broken_commands_is_caught():
    found = problems(BROKEN_GUIDE)
    lines = sorted({number for number, _, _ in found})
    # every command of the first block and both inline spans; none of the second block
    assert lines == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14], found
    said = " ".join(problem for _, _, problem in found)
    for words in ("write .venv/bin/python", "no option --no-such-option",
                  "the following arguments are required: --assignment", "no verb",
                  "no subcommand collect_everything", "installs no not-installed",
                  "no executable file", "not a program a fresh clone has"):
        assert words in said


def _slug(heading):
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("guide", GUIDES)
def test_every_link_between_the_guides_reaches_a_file_and_heading(guide):
    text = (REPO / guide).read_text()
    broken = []
    for target, anchor in re.findall(r"\]\(([^)#\s:]*)(?:#([^)\s]+))?\)", text):
        path = (REPO / guide).parent / target if target else REPO / guide
        if not path.is_file():
            broken.append(f"{target}: no such file")
        elif anchor and path.suffix == ".md":
            headings = {_slug(h) for h in re.findall(r"^#+ (.*)$", path.read_text(), re.M)}
            if anchor not in headings:
                broken.append(f"{target}#{anchor}: no such heading")
    assert not broken, f"{guide}: {broken}"
