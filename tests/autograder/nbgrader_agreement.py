"""nbgrader's ``autograde`` and this course's grader give the same score, cell by cell.

The shared tests of every assignment. Each assignment has a file of its own,
``test_nbgrader_agreement_<week>.py``, that runs them for it (``shared_tests_for(assignment)``),
so that pytest-xdist (``--dist loadfile``) grades the assignments on different workers;
``test_every_assignment_has_its_agreement_file`` fails for a week that has none, saying
what to write.

``nbgrader autograde`` runs with the course's own config, which replaces nbgrader's
execute step by the course's sandboxed grader (``autograder.nbgrader_autograde``): what
these tests prove is that the scores nbgrader's pipeline saves in its gradebook
(sanitised submission, ``SaveAutoGrades`` reading each test cell's points) are the ones
``python -m autograder grade`` gives, grade cell by grade cell. So a mistake in one
function costs that function's points both ways, even when it makes a later exercise's
visible check fail (the student's own sigmoid inside sigmoid_derivative, their own
optimize inside model). (Before, nbgrader ran the hidden blocks in the student's own
kernel, where one earlier cell could replace the judge: ``test_nbgrader_autograde``.)

What is compared, and why the long cells are left out: both graders get the same
submissions, from which the cells the grader skips (``skip_when_grading``: training
on the pictures and the flower, plots, explorers) are taken out. This grader never
runs them, and nbgrader's autograde now grades with it; they were left out when
nbgrader's own Execute step ran every cell it was given, where those cells were nearly
all of its time (the three weeks took 15 minutes on one core with them, under 4
without), and they stay out so that a course config without the sandboxed step is
compared as quickly. Left out, the test still compares what it is about, the points each
grade cell earns from the same code, and loses nothing it must prove:

- if a grade cell needed something a skipped cell makes, nbgrader would fail that cell
  for ``all_correct``, while this grader, which never runs those cells, gives it full
  marks (test_grading's ``test_a_fully_correct_submission_gets_full_marks``): the
  agreement test would fail;
- a skipped cell that redefined a graded function would change nbgrader's grade of an
  unchanged notebook: ``test_no_skipped_cell_rebinds_a_graded_function`` below checks
  statically that none does. Random states cannot carry over: the hidden cases seed
  for themselves and restore the kernel's state (``autograder.hidden``).
"""

import ast
import subprocess
from pathlib import Path

import nbformat
import pytest

from autograder.cases import exercises
from autograder.grade import grade
from autograder.helpers_view import plain_python
from autograder.notebooks import assignments, skip_when_grading, source_notebooks
from tests.autograder.conftest import (assignment_of, corpus, corpus_dir, notebook_names_of,
                                       released, solved, write_submission)
from tests.autograder.nbgrader_course import (nbgrader_command, nbgrader_course,
                                              nbgrader_env, nbgrader_scores)

STUDENTS = ("all_correct", "blank_release", "cascading_mistakes")
# Mistakes whose effects reach other exercises' visible checks, or print outputs
# that cannot be formatted; several per notebook, each costing its own exercise.
CASCADING = {
    "numpy_basics": ["sigmoid_flips_the_sign", "image2vector_puts_channels_first",
                     "L2_forgets_to_square"],
    "logistic_regression": ["initialize_with_zeros_makes_a_row",
                            "propagate_returns_the_cost_as_a_1x1_array",
                            "optimize_hard_codes_the_learning_rate"],
    "planar_classification": ["layer_sizes_counts_the_examples",
                              "forward_propagation_uses_sigmoid_in_the_hidden_layer",
                              "compute_cost_returns_a_1x1_array",
                              "backward_propagation_forgets_keepdims",
                              "relu_derivative_is_1_at_0",
                              "collapse_linear_network_multiplies_in_the_wrong_order"],
    "deep_network_step_by_step": ["linear_forward_forgets_the_bias",
                                  "linear_activation_forward_caches_A_instead_of_Z",
                                  "L_model_forward_uses_relu_at_the_output",
                                  "compute_cost_returns_a_1x1_array",
                                  "linear_backward_forgets_keepdims"],
    "deep_network_application": ["two_layer_model_flips_the_sign_of_dA2",
                                 "L_layer_model_hard_codes_the_learning_rate"],
    "setup_and_normalization": ["split_dataset_shuffles_X_and_Y_apart",
                                "normalize_inputs_divides_by_the_variance",
                                "apply_normalization_uses_the_sets_own_statistics"],
    "initialization": ["initialize_parameters_zeros_makes_rank_1_biases",
                       "initialize_parameters_random_draws_random_biases",
                       "initialize_parameters_he_scales_by_the_fan_out",
                       "initialize_parameters_xavier_with_2_over_n"],
    "regularization": ["compute_cost_with_regularization_forgets_the_half",
                       "forward_propagation_with_dropout_forgets_the_scale",
                       "backward_propagation_with_dropout_draws_new_masks",
                       "augment_images_leaves_out_the_originals"],
    "gradient_checking": ["gradient_check_divides_by_the_gradients_norm",
                          "gradient_check_n_shares_one_array"],
    "optimization_methods": ["random_mini_batches_shuffles_X_and_Y_apart",
                             "exponentially_weighted_average_corrects_with_t_from_0",
                             "update_parameters_with_momentum_updates_in_place",
                             "update_parameters_with_adam_ignores_t",
                             "schedule_lr_decay_without_the_floor",
                             "model_shuffles_every_epoch_alike"],
}


def without_skipped_cells(nb):
    """The notebook without the cells the grader skips (neither grader runs them here)."""
    nb.cells = [cell for cell in nb.cells if not skip_when_grading(cell)]
    return nb


def _with_mistakes(notebook):
    samples = corpus(corpus_dir(assignment_of(notebook)))
    replacements = {}
    for name in CASCADING[notebook]:
        assert samples[name]["notebook"] == notebook, name
        replacements[samples[name]["cell"]] = samples[name]["code"]
    return solved(notebook, replacements)


@pytest.fixture(scope="module")
def both_ways(tmp_path_factory, assignment):
    """(assignment, {student: our SubmissionResult}, nbgrader's scores by grade cell)."""
    notebook_names = notebook_names_of(assignment)
    root = tmp_path_factory.mktemp(f"agreement-{assignment}")
    students = {  # STUDENTS
        "all_correct": {n: solved(n) for n in notebook_names},
        "blank_release": {n: released(n) for n in notebook_names},
        "cascading_mistakes": {n: _with_mistakes(n) for n in notebook_names},
    }
    for student, notebooks in students.items():
        write_submission(root / "submitted" / student / assignment,
                         {n: without_skipped_cells(nb) for n, nb in notebooks.items()})

    ours = {r.student_id: r for r in grade(root / "submitted", assignment=assignment,
                                           workers=2, cache_dir=root / "cache")}

    nbgrader_course(root, students, assignment=assignment)
    done = subprocess.run(nbgrader_command("autograde", assignment, "--force"), cwd=root,
                          env=nbgrader_env(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    theirs = nbgrader_scores(root, students, assignment=assignment)
    return assignment, ours, theirs


def _ours_by_cell(result):
    scores = {}
    for test in result.tests:
        key = (result.student_id, test.notebook, test.test_id.split(":")[0])
        scores[key] = scores.get(key, 0.0) + test.points
    return scores


@pytest.mark.parametrize("student", STUDENTS)
def test_nbgrader_and_this_grader_agree_on_every_grade_cell(both_ways, student):
    _, ours, theirs = both_ways
    mine = _ours_by_cell(ours[student])
    nbgrader = {key: score for key, (score, _) in theirs.items() if key[0] == student}
    assert set(mine) == set(nbgrader)
    differ = {key[2]: (round(mine[key], 3), round(nbgrader[key], 3)) for key in mine
              if mine[key] != pytest.approx(nbgrader[key], abs=1e-3)}
    assert differ == {}, f"(ours, nbgrader) per grade cell: {differ}"


def test_the_cascading_mistakes_cost_exactly_their_own_exercises(both_ways):
    assignment, _, theirs = both_ways
    samples = corpus(corpus_dir(assignment))
    broken = {samples[name]["loses"][0] for notebook in notebook_names_of(assignment)
              for name in CASCADING[notebook]}
    lost = {key[2] for key, (score, most) in theirs.items()
            if key[0] == "cascading_mistakes" and score < most - 1e-9}
    assert lost == broken


def _bound_names(code):
    """The names a cell binds at its top level (def, class, assignment, import)."""
    try:
        tree = ast.parse(plain_python(code))
    except SyntaxError:
        return set()
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        else:
            names |= {n.id for n in ast.walk(node)
                      if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    return names


def test_no_skipped_cell_rebinds_a_graded_function(assignment):
    graded = {e.function for e in exercises(assignment) if e.kind == "call"}
    rebound = {}
    for source in source_notebooks(assignment):
        for cell in nbformat.read(source.path, as_version=4).cells:
            if cell.cell_type == "code" and skip_when_grading(cell):
                found = _bound_names(cell.source) & graded
                if found:
                    rebound[cell.get("id")] = sorted(found)
    assert rebound == {}, f"cells the grader skips rebind graded functions: {rebound}"


def test_every_assignment_has_its_agreement_file():
    here = Path(__file__).resolve().parent
    missing = [a for a in assignments()
               if not (here / f"test_nbgrader_agreement_{a.split('_')[0]}.py").is_file()]
    assert missing == [], (
        f"no agreement test for {missing}: copy tests/autograder/"
        f"test_nbgrader_agreement_week1.py to test_nbgrader_agreement_<week>.py and name "
        f"the assignment in it")


def shared_tests_for(assignment):
    """The fixtures and tests of this module, for one assignment: a test file runs them with
    ``globals().update(shared_tests_for(ASSIGNMENT))``."""
    @pytest.fixture(scope="module", name="assignment")
    def the_assignment():
        return assignment

    shared = {name: value for name, value in globals().items()
              if name.startswith("test_") or name == "both_ways"}
    return {"the_assignment": the_assignment, **shared}
