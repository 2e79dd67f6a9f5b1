"""Similar answers across a class, and copies of the helpers' reference code, are flagged for
a look; honest answers that differ are not."""

import ast
import re
from pathlib import Path

import nbformat

from autograder.notebooks import nbgrader_meta, source_notebooks
from autograder.similarity import (MAX_CELL_CHARS, REFERENCE_DIR, compare, tokens)
from tests.autograder.conftest import ASSIGNMENT, CORPUS_DIR, corpus

SAMPLES = corpus(CORPUS_DIR)


def code(sample):
    return SAMPLES[sample]["code"]


def solutions():
    found = {}
    for source in source_notebooks(ASSIGNMENT):
        for cell in nbformat.read(source.path, as_version=4).cells:
            if nbgrader_meta(cell).get("solution"):
                found[nbgrader_meta(cell)["grade_id"]] = cell.source
    return found


def renamed(text, names):
    for old, new in names.items():
        text = re.sub(rf"\b{old}\b", new, text)
    return text


def reference_source(module, function):
    text = (REFERENCE_DIR / f"{module}.py").read_text()
    node = next(n for n in ast.walk(ast.parse(text))
                if isinstance(n, ast.FunctionDef) and n.name == function)
    return ast.get_source_segment(text, node)


def test_an_identical_pair_and_a_renamed_copy_are_flagged_but_honest_answers_are_not():
    copied = code("propagate_with_einsum")
    answers = {
        "ada": {"propagate_answer": copied},
        "bob": {"propagate_answer": "# my own work\n" + copied.replace("    ", "        ")},
        "cyd": {"propagate_answer": renamed(copied, {"dZ": "delta", "cost": "loss_value",
                                                     "A": "act", "w": "weights"})},
        "dee": {"propagate_answer": code("propagate_with_explicit_loops")},
        "eve": {"propagate_answer": code("propagate_with_matmul")},
        "fay": {"propagate_answer": solutions()["propagate_answer"]},
        "gus": {"propagate_answer": solutions()["propagate_answer"]},  # the course's answer
    }
    found = compare(answers, solutions())
    assert [(m.cell, m.students, m.ratio) for m in found.matches] == [
        ("propagate_answer", ("ada", "bob", "cyd"), 1.0)]
    assert not found.copies and not found.capped


def test_a_near_identical_answer_is_flagged_with_its_ratio():
    original = code("model_hard_codes_its_hyperparameters")
    edited = original + "\n    print('done')\n"
    found = compare({"ada": {"model_answer": original}, "bob": {"model_answer": edited}})
    assert [m.students for m in found.matches] == [("ada", "bob")]
    assert 0.95 <= found.matches[0].ratio < 1.0


def test_a_copy_of_the_helpers_reference_code_is_flagged_but_the_courses_own_answer_is_not():
    copy = reference_source("logistic_regression", "propagate")
    found = compare({"ada": {"propagate_answer": copy},
                     "bob": {"propagate_answer": solutions()["propagate_answer"]},
                     "cyd": {"propagate_answer": code("propagate_with_matmul")}}, solutions())
    assert [(c.student, c.reference) for c in found.copies] == [
        ("ada", "helpers.reference.logistic_regression.propagate")]


def test_every_course_solution_is_told_from_the_reference_code():
    for assignment in ("week1_logistic_regression", "week3_deep_network",
                       "week4_practical_aspects", "week5_optimization"):
        answers = {}
        for source in source_notebooks(assignment):
            for cell in nbformat.read(source.path, as_version=4).cells:
                if nbgrader_meta(cell).get("solution"):
                    answers[f"{source.name}/{nbgrader_meta(cell)['grade_id']}"] = cell.source
        assert compare({"honest": answers}).copies == []


def test_hostile_text_is_only_cut_into_tokens_within_its_caps(tmp_path):
    marker = tmp_path / "ran"
    hostile = f"open({str(marker)!r}, 'w').write('x')\n" + "x = (" * 5000 + "\n'''" + "a" * 10**6
    assert len(tokens(hostile)) <= 5000 and len(tokens(hostile)) < MAX_CELL_CHARS
    found = compare({"ada": {"c": hostile}, "bob": {"c": hostile}})
    assert [m.students for m in found.matches] == [("ada", "bob")]  # still told identical
    assert not marker.exists()
    assert not Path("ran").exists()


def test_a_class_of_look_alikes_is_one_group_and_the_comparisons_stop_at_their_cap(monkeypatch):
    original = code("model_hard_codes_its_hyperparameters")
    answers = {f"s{i:02d}": {"model_answer": original + f"\n    print({i})\n" * (i % 3)}
               for i in range(30)}
    found = compare(answers)
    # ten identical answers (no print), twenty others each a print away from them
    assert sorted(m.ratio == 1.0 for m in found.matches) == [False, True]
    near = next(m for m in found.matches if m.ratio < 1.0)
    assert len(near.students) == 30 and not found.capped
    monkeypatch.setattr("autograder.similarity.MAX_COMPARISONS", 1)
    assert compare(answers).capped
