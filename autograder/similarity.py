"""Answers that look copied: from a classmate, or from the helpers' reference code.

Contract: ``compare(answers, solutions)`` takes ``{student id: {answer cell's
grade_id: its text}}`` and returns a ``Similarity``: the students whose
answers to one cell are identical once whitespace, comments, docstrings and names
are set aside, or nearly identical (difflib's ratio from ``NEAR``) with only the
names kept (``Match``: a group of identical answers is one), and the answers that reproduce a function of
``helpers/reference/`` as it is written (``Copy``). Each is a reason for the
instructor to look, never a penalty: the grade does not change.

Student text is hostile data here: it is only cut into tokens by Python's
``tokenize`` (a lexer: nothing is parsed, imported or run), after a cap on its
size (``MAX_CELL_CHARS``, ``MAX_TOKENS``). An answer the course's own solution
explains (``solutions``: nearly the same) or that was left as handed out (it
still raises NotImplementedError) or is too short to tell (``MIN_TOKENS``) is
not compared: honest students write those alike. Pairs are compared only within
one cell, identical ones by their hash, the others after a cheap prefilter
(lengths, then difflib's quick ratios) and at most ``MAX_COMPARISONS`` in all
(a reference function only after a set of its tokens is found in the answer);
what was cut short is said (``Similarity.capped``).

The reference functions are read from the course's own files (trusted code, so
``ast`` finds them); a copy of one keeps its words (docstring and comments),
which are compared word by word, while its names may be changed.
"""

import ast
import difflib
import hashlib
import io
import keyword
import tokenize
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "helpers" / "reference"
MAX_CELL_CHARS = 20_000   # longer answers are compared by hash only
MAX_TOKENS = 3_000        # tokens of one answer compared
MIN_TOKENS = 25           # shorter answers (after normalising) are not compared
NEAR = 0.95               # difflib ratio from which two answers are near-identical
REFERENCE_NEAR = 0.98     # share of a reference function's tokens an answer reproduces
MIN_REFERENCE_TOKENS = 30  # shorter reference functions are not looked for
MAX_COMPARISONS = 200_000  # difflib comparisons in one class, all cells together
SKIPPED = {tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
           tokenize.ENDMARKER, tokenize.ENCODING}
STATEMENT_START = {tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT}


@dataclass(frozen=True)
class Match:
    """Students whose answers to one cell are identical (all of them), or nearly so (the
    two answers compared, each with the students whose answer is identical to it)."""

    cell: str         # the answer cell: "<notebook>/<grade_id>"
    students: tuple   # two or more student ids, sorted
    ratio: float      # 1.0 identical after normalising


@dataclass(frozen=True)
class Copy:
    """An answer that reproduces a function of the helpers' reference code."""

    student: str
    cell: str
    reference: str    # "helpers.reference.<module>.<function>"
    share: float      # the share of the function's tokens the answer reproduces


@dataclass
class Similarity:
    matches: list = field(default_factory=list)
    copies: list = field(default_factory=list)
    capped: bool = False   # the comparisons were stopped at MAX_COMPARISONS

    @property
    def students(self):
        """The ids flagged, for counting."""
        return sorted({s for m in self.matches for s in m.students}
                      | {c.student for c in self.copies})


def tokens(text, *, rename=True):
    """The code tokens of a cell, as text: whitespace, comments and docstrings left out;
    with ``rename``, every name not after a dot renamed by its first appearance (v0, v1,
    ...). Text that does not tokenize falls back to its words."""
    out, names, previous, statement_start = [], {}, None, True
    try:
        for token in tokenize.generate_tokens(io.StringIO(text[:MAX_CELL_CHARS]).readline):
            if len(out) >= MAX_TOKENS:
                break
            kind, string = token.type, token.string
            if kind in SKIPPED or kind == tokenize.COMMENT:
                statement_start = statement_start or kind in STATEMENT_START
                continue
            if kind == tokenize.STRING and statement_start:
                continue  # a docstring (the released cell's, in most answers)
            statement_start = False
            if rename and kind == tokenize.NAME and not keyword.iskeyword(string) \
                    and previous != ".":
                string = names.setdefault(string, f"v{len(names)}")
            out.append(string)
            previous = token.string
    except (tokenize.TokenError, IndentationError, SyntaxError, ValueError):
        return text[:MAX_CELL_CHARS].split()[:MAX_TOKENS]
    return out


def verbatim(text):
    """The tokens of a cell as written, names, comments and docstrings included (a string
    by its lines): what a copy of documented code keeps. Falls back to its words."""
    out = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text[:MAX_CELL_CHARS]).readline):
            if len(out) >= MAX_TOKENS:
                break
            if token.type in SKIPPED:
                continue
            if token.type == tokenize.STRING:
                out += [line.strip() for line in token.string.splitlines() if line.strip()]
            else:
                out.append(token.string.strip())
    except (tokenize.TokenError, IndentationError, SyntaxError, ValueError):
        return text[:MAX_CELL_CHARS].split()[:MAX_TOKENS]
    return out[:MAX_TOKENS]


def _unanswered(text):
    return "NotImplementedError" in text[:MAX_CELL_CHARS]


@lru_cache(maxsize=1)
def reference_functions():
    """{"helpers.reference.<module>.<function>": its ``verbatim`` tokens}, for the
    functions long enough to be told from an honest answer."""
    found = {}
    for path in sorted(REFERENCE_DIR.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):  # the course's own code
            if isinstance(node, ast.FunctionDef):
                mine = verbatim(ast.get_source_segment(source, node) or "")
                if len(mine) >= MIN_REFERENCE_TOKENS:
                    found[f"helpers.reference.{path.stem}.{node.name}"] = mine
    return found


def _ratio(a, b):
    """difflib's ratio of two token lists, after its cheap upper bounds; None when an
    upper bound already rules out NEAR."""
    if min(len(a), len(b)) < NEAR * max(len(a), len(b)):
        return None
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < NEAR or matcher.quick_ratio() < NEAR:
        return None
    return matcher.ratio()


def _share_of(reference, answer, answer_set):
    """The share of a reference function's tokens that appear, in order, in an answer;
    0.0 when the tokens it lacks (a set difference, cheap) already rule REFERENCE_NEAR
    out."""
    if len(set(reference) - answer_set) > (1 - REFERENCE_NEAR) * len(reference):
        return 0.0
    matcher = difflib.SequenceMatcher(None, reference, answer, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(reference)


def _near_components(cell, heads, as_written, budget):
    """The near-identical answers among distinct ones (``heads``, one student each), joined
    when they are near each other, directly or through another: [(heads, the lowest ratio
    that joined them)], the budget left, and whether it ran out. One entry per group,
    so a class of look-alikes is one line, not every pair of it."""
    parent, lowest, capped = {head: head for head in heads}, {}, False

    def root(head):
        while parent[head] != head:
            parent[head] = parent[parent[head]]
            head = parent[head]
        return head

    for i, a in enumerate(heads):
        for b in heads[i + 1:]:
            ra, rb = root(a), root(b)
            if ra == rb:
                continue  # already joined: no need to compare
            if budget <= 0:
                capped = True
                break
            budget -= 1
            ratio = _ratio(as_written[(a, cell)], as_written[(b, cell)])
            if ratio is not None and ratio >= NEAR:
                joined = min(ratio, lowest.get(ra, 1.0), lowest.get(rb, 1.0))
                parent[rb] = ra
                lowest[ra] = joined
    groups = {}
    for head in heads:
        groups.setdefault(root(head), []).append(head)
    found = [(tuple(members), lowest[top]) for top, members in groups.items()
             if len(members) > 1]
    return found, budget, capped


def compare(answers, solutions=None):
    """The Similarity of a class's answers.

    answers -- {student id: {cell grade_id: the answer's text}}
    solutions -- {cell grade_id: the course's solution}: answers nearly the same as it
                 are not compared with each other
    """
    result, budget = Similarity(), MAX_COMPARISONS
    solutions = {cell: tokens(text) for cell, text in (solutions or {}).items()}
    references = reference_functions()
    by_cell, as_written = {}, {}
    for student in sorted(answers):
        for cell, text in answers[student].items():
            if not isinstance(text, str) or _unanswered(text):
                continue
            mine = tokens(text)
            if len(mine) < MIN_TOKENS:
                continue
            worded = verbatim(text)
            worded_set = set(worded)
            for name, reference in references.items():
                share = _share_of(reference, worded, worded_set)
                if share >= REFERENCE_NEAR:
                    result.copies.append(Copy(student, cell, name, round(share, 3)))
            solution = solutions.get(cell)
            if solution and (mine == solution or (_ratio(mine, solution) or 0) >= NEAR):
                continue
            by_cell.setdefault(cell, []).append((student, mine, text))
            as_written[(student, cell)] = tokens(text, rename=False)
    for cell, entries in by_cell.items():
        groups = {}
        for student, mine, text in entries:
            key = hashlib.sha256("\0".join(mine).encode()).hexdigest() \
                if len(text) <= MAX_CELL_CHARS else hashlib.sha256(text.encode()).hexdigest()
            groups.setdefault(key, []).append((student, mine, len(text) > MAX_CELL_CHARS))
        result.matches += [Match(cell, tuple(sorted(s for s, _, _ in group)), 1.0)
                           for group in groups.values() if len(group) > 1]
        members = {group[0][0]: [student for student, _, _ in group]
                   for group in groups.values()}
        distinct = [group[0][0] for group in groups.values() if not group[0][2]]
        near, budget, capped = _near_components(cell, distinct, as_written, budget)
        result.capped |= capped
        result.matches += [Match(cell, tuple(sorted(s for head in heads for s in members[head])),
                                 round(ratio, 3)) for heads, ratio in near]
    result.matches.sort(key=lambda m: (-m.ratio, m.cell, m.students))
    return result


def answer_cells(nb, source):
    """{"<notebook>/<grade_id>": text} of a notebook's answer cells (nbgrader's solution
    cells that the source also has), each as a str, whatever the metadata holds else."""
    wanted = _solution_cells(source.path)
    found = {}
    for cell in nb.cells:
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
        if cell.get("cell_type") == "code" and isinstance(grade_id, str) and grade_id in wanted \
                and isinstance(cell.get("source"), str):
            found.setdefault(f"{source.name}/{grade_id}", cell["source"])
    return found


@lru_cache(maxsize=64)
def _solution_cells(path):
    """{grade_id: the solution's text} of a source notebook's answer cells."""
    import nbformat

    from autograder.notebooks import nbgrader_meta

    return {nbgrader_meta(c)["grade_id"]: c.source
            for c in nbformat.read(path, as_version=4).cells
            if nbgrader_meta(c).get("solution") and nbgrader_meta(c).get("grade_id")}


def class_similarity(students, sources):
    """The Similarity of a class's submissions: ``students`` (``StudentFolder``s, those
    handed in), ``sources`` the assignment's ``SourceNotebook``s. A notebook that cannot
    be read is left out (grading has said why)."""
    from autograder.notebooks import SubmissionError, locate, read_submission

    answers = {}
    for student in students:
        if not student.handed_in or student.problem:
            continue
        mine = answers.setdefault(student.student_id, {})
        for source in sources:
            try:
                path, _ = locate(student.path, source)
                if path is not None:
                    mine.update(answer_cells(read_submission(path), source))
            except (SubmissionError, OSError):
                continue
    solutions = {f"{source.name}/{grade_id}": text for source in sources
                 for grade_id, text in _solution_cells(source.path).items()}
    return compare(answers, solutions)
