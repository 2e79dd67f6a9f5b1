"""A notebook's process cannot reach the correct versions of its own exercises.

The sandbox shows a notebook every helpers module outside helpers.reference and,
inside it, only what its source notebook imports; correct stand-ins arrive as
source, each only after its own function's cases. These tests hold for every
assignment, so they guard each week as it is added.
"""

import importlib
import inspect
import os
import pkgutil

import matplotlib
import numpy as np
import pytest

import helpers
from autograder.cases import Case, Exercise, Inputs, exercises
from autograder.execution import GraderError, NotebookRun, check_stand_ins
from autograder.helpers_view import answers, reference_modules
from autograder.notebooks import assignments, source_notebooks
from autograder.references import load_references
from autograder.sandbox import detect

SANDBOX = detect()
NOTEBOOKS = [(a, s) for a in assignments() for s in source_notebooks(a)]
IDS = [f"{a}/{s.name}" for a, s in NOTEBOOKS]


def _exposed_modules(source):
    """Every helpers module a notebook's process can import."""
    names = {"helpers"}
    for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        if not info.name.startswith("helpers.reference"):
            names.add(info.name)
    return sorted(names | set(source.reference_modules))


@pytest.mark.parametrize("assignment, source", NOTEBOOKS, ids=IDS)
def test_no_helpers_function_a_notebook_sees_reproduces_one_of_its_exercises(assignment,
                                                                            source):
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    references = load_references(assignment)[source.name]
    mine = [e for e in exercises(assignment) if e.notebook == source.name and e.kind == "call"]
    functions = []
    for module_name in _exposed_modules(source):
        module = importlib.import_module(module_name)
        functions += [f for _, f in inspect.getmembers(module, inspect.isfunction)
                      if f.__module__ == module_name]
    assert functions, "no helpers function found: the test would prove nothing"
    for exercise in mine:
        for function in functions:
            try:
                answered = answers(function, exercise, references[exercise.grade_id])
            finally:
                plt.close("all")
            assert not answered, \
                (f"{function.__module__}.{function.__name__} answers the exercise "
                 f"{exercise.function} of {source.name}, and the notebook can import it")


def test_a_function_answers_the_exercise_it_is_the_correct_version_of():
    from helpers.reference import activations, deep_network

    def exercise_of(assignment, function):
        found = next(e for e in exercises(assignment) if e.function == function)
        return found, load_references(assignment)[found.notebook][found.grade_id]

    sigmoid = exercise_of("week1_logistic_regression", "sigmoid")
    assert answers(activations.sigmoid, *sigmoid)
    assert not answers(activations.sigmoid_derivative, *sigmoid)
    # its cases seed numpy's generator before each call, as the grader does
    assert answers(deep_network.initialize_parameters_deep,
                   *exercise_of("week3_deep_network", "initialize_parameters_deep"))
    # the derivative of J = theta * x is x: a function handing back its first argument
    # (a plotting helper that returns its axes) gives away nothing a student lacks
    one_dimensional = exercise_of("week4_practical_aspects", "backward_propagation")
    assert not answers(lambda x, theta: x, *one_dimensional)
    assert not answers(lambda x, theta: theta, *one_dimensional)


def test_a_notebook_sees_the_reference_modules_it_imports_and_what_they_import():
    cells = ["%matplotlib inline\nimport numpy as np",
             "from helpers.reference.logistic_regression import optimize as reference_optimize"]
    assert reference_modules(cells) == {"helpers.reference.logistic_regression",
                                        "helpers.reference.activations"}
    assert reference_modules(["from helpers.data import load_cat_dataset"]) == frozenset()


@pytest.mark.skipif(SANDBOX.name != "bubblewrap" and not os.environ.get("REQUIRE_SANDBOX"),
                    reason="hiding files needs the bubblewrap sandbox")
def test_a_hidden_reference_module_cannot_be_imported_read_or_listed():
    cells = [(1, "import importlib, os, glob\nimport helpers\n"
                 "folder = os.path.join(os.path.dirname(helpers.__file__), 'reference')"),
             (2, "def probe(name):\n"
                 "    try:\n        importlib.import_module(name)\n        imported = True\n"
                 "    except ImportError:\n        imported = False\n"
                 "    files = sorted(os.path.relpath(p, folder) for p in\n"
                 "                   glob.glob(folder + '/**', recursive=True))\n"
                 "    return imported, files")]
    shown = frozenset({"helpers.reference.activations"})
    with NotebookRun(cells, sandbox=SANDBOX, reference_modules=shown) as run:
        hidden = run.call("probe", Inputs(("helpers.reference.logistic_regression",)), {})
        allowed = run.call("probe", Inputs(("helpers.reference.activations",)), {})
    assert hidden.value == (False, [".", "__init__.py", "activations.py"])
    assert allowed.value[0] is True


@pytest.mark.parametrize("assignment", assignments())
def test_every_stand_in_is_sent_only_after_its_own_functions_cases(assignment):
    for source in source_notebooks(assignment):
        mine = [e for e in exercises(assignment) if e.notebook == source.name]
        graded = set()
        for exercise in mine:
            check_stand_ins(exercise, mine, graded)  # raises GraderError if out of order
            graded.add(exercise.function)


def test_a_stand_in_for_a_function_still_to_be_graded_is_refused():
    sigmoid = ("helpers.reference.activations", "sigmoid")
    early = Exercise("nb", "caller", "caller", (Case("c", lambda rng: Inputs((np.zeros(1),))),),
                     stand_ins={"sigmoid": sigmoid})
    later = Exercise("nb", "sigmoid", "sigmoid", (Case("c"),))
    with pytest.raises(GraderError, match="dependency order"):
        check_stand_ins(early, [early, later], set())
    check_stand_ins(early, [later, early], {"sigmoid"})
