"""The suite's longest test files start first (a pytest plugin, loaded with ``-p``).

``./run-tests`` hands whole files to pytest-xdist's workers in collection order
(``--dist loadfile``). A long file handed out last leaves the other workers idle while it
runs: test_secret.py, about ten minutes of grading under a secret, was collected 34th of
84. Handing out the longest files first (the "longest processing time" rule) keeps every
worker busy to the end. The order within a file, and of the files not listed, stays as
collected (a notebook's cells still run in order, in one kernel).

``SECONDS`` are the files' times in a run of the whole suite on the 2-core test machine
(``./run-tests --durations=0``, summed per file); only their order matters, so refresh them
when a file grows by minutes, not seconds.
"""

SECONDS = {
    "tests/autograder/test_secret.py": 563,
    "tests/autograder/test_grading.py": 392,
    "tests/autograder/test_hidden_cases.py": 293,
    "tests/autograder/test_attacks.py": 275,
    "tests/lessons/test_week3_deep.py": 164,
    "tests/browser/test_student_jupyterlab.py": 138,
    "autograder/source/week3_deep_network/deep_network_application.ipynb": 132,
    "tests/autograder/test_nbgrader_agreement_week4.py": 105,
    "tests/autograder/test_nbgrader_agreement_week5.py": 83,
    "tests/autograder/test_nbgrader_autograde.py": 48,
    "tests/datasets/test_original_files.py": 46,
    "tests/lessons/test_week4_regularization.py": 45,
    "tests/autograder/test_nbgrader_agreement_week3.py": 42,
    "tests/autograder/test_nbgrader_agreement_week2.py": 38,
    "tests/autograder/test_nbgrader_agreement_week1.py": 37,
}


def _file(item):
    return item.nodeid.split("::", 1)[0]


def pytest_collection_modifyitems(items):
    """Files in ``SECONDS`` first, longest first; the rest after, as collected (a stable
    sort: the same order in every worker, as pytest-xdist requires)."""
    items.sort(key=lambda item: -SECONDS.get(_file(item), 0))
