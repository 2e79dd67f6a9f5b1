"""Every kind of mistake the grader can name belongs to a concept the class report groups by."""

import pytest

from autograder.cases import exercises
from autograder.concepts import CONCEPTS, HARD_CODED, concept
from autograder.notebooks import assignments
from autograder.scoring import KINDS as GRADER_KINDS
from helpers.diagnosis import KINDS as DIAGNOSIS_KINDS


def hint_kinds(assignment):
    """Every kind a hint of the assignment's hidden cases names."""
    kinds = set()
    for exercise in exercises(assignment):
        hints = list(exercise.mistakes) + [h for case in exercise.cases for h in case.hints]
        kinds.update(hint.kind for hint in hints if hint.kind)
    return kinds


def test_the_weeks_are_all_looked_at():
    assert len(assignments()) >= 5 and all(hint_kinds(a) for a in assignments())


@pytest.mark.parametrize("assignment", assignments())
def test_every_hint_kind_of_every_week_has_a_concept(assignment):
    unmapped = sorted(kind for kind in hint_kinds(assignment) if not concept(kind))
    assert not unmapped, f"add these kinds to autograder/concepts.py: {unmapped}"


def test_every_kind_the_diagnosis_and_the_grader_name_has_a_concept():
    assert not [kind for kind in (*DIAGNOSIS_KINDS, *GRADER_KINDS) if not concept(kind)]


def test_a_kind_nobody_mapped_has_no_concept_and_defaults_are_hard_coded_values():
    assert concept("a kind invented tomorrow") == ""
    assert concept("used the default learning_rate") == HARD_CODED
    assert concept("forgot 1/m") != concept("transposed")
    assert len(set(CONCEPTS.values())) >= 10
