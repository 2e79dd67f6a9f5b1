"""Each limit stops what exceeds it, says which limit and where, and costs only that."""

import os

import pytest

from autograder.cases import Inputs
from autograder.execution import NotebookRun
from autograder.sandbox import detect
from autograder.session import Limits

SANDBOX = detect()
LIMITS = Limits(cell_seconds=4, call_seconds=3, notebook_seconds=120, memory_mb=1024,
                cpu_seconds=6, processes=32, output_mb=8)

CELLS = [
    (1, "import numpy as np\nimport os\nimport subprocess"),
    (2, "def fine(x):\n    return x + 1"),
    (3, "def spin(x):\n    while True:\n        pass"),
    (4, "def hog(x):\n    return np.ones((1024, 1024, 1024))"),
    (5, "def forks(x):\n    children = [subprocess.Popen(['sleep', '30']) for _ in range(200)]\n"
        "    return len(children)"),
    (6, "def floods(x):\n    with open('big.bin', 'wb') as f:\n"
        "        for _ in range(100):\n            f.write(b'x' * 1024 * 1024)\n    return 1"),
    (7, "def huge_answer(x):\n    return np.ones(20 * 1024 * 1024 // 8)"),
    (8, "def prints_a_lot(x):\n    for _ in range(200_000):\n        print('y' * 100)\n"
        "    return 2"),
]


@pytest.fixture(scope="module")
def run():
    with NotebookRun(CELLS, limits=LIMITS, sandbox=SANDBOX) as notebook:
        yield notebook


def test_an_endless_loop_costs_its_own_call_and_names_the_limit(run):
    outcome = run.call("spin", Inputs((1,)), {})
    assert outcome.failure == "timeout" and "3 s" in outcome.message
    assert "limit for one test" in outcome.message
    assert run.call("fine", Inputs((1,)), {}).value == 2


def test_memory_beyond_the_limit_is_refused_and_named(run):
    outcome = run.call("hog", Inputs((1,)), {})
    assert outcome.failure == "exception" and "MemoryError" in outcome.message
    assert "memory limit is 1024 MB" in outcome.note
    assert run.call("fine", Inputs((2,)), {}).value == 3


@pytest.mark.skipif(os.getuid() == 0 and SANDBOX.name != "bubblewrap",
                    reason="root without a sandbox has no per-student process limit")
def test_too_many_processes_are_refused_and_named(run):
    outcome = run.call("forks", Inputs((1,)), {})
    assert outcome.failure == "exception"
    assert "limit is 32 processes" in outcome.note


def test_a_file_beyond_the_output_limit_is_stopped_and_named(run):
    outcome = run.call("floods", Inputs((1,)), {})
    assert outcome.failure in ("died", "exception")
    assert "output limit of 8 MB" in outcome.message or "output limit is 8 MB" in outcome.note
    assert run.call("fine", Inputs((3,)), {}).value == 4


def test_an_answer_beyond_the_output_limit_is_refused(run):
    outcome = run.call("huge_answer", Inputs((1,)), {})
    assert outcome.failure == "protocol" and "more than 8 MB" in outcome.message


def test_printing_a_lot_costs_nothing_and_stays_out_of_the_grader(run):
    assert run.call("prints_a_lot", Inputs((1,)), {}).value == 2


def test_cpu_time_is_limited_for_the_whole_process():
    cells = [(1, "import threading\n"
                 "def burn():\n    while True:\n        pass\n"
                 "for _ in range(2):\n    threading.Thread(target=burn, daemon=True).start()\n"
                 "import time\ntime.sleep(30)")]
    limits = Limits(cell_seconds=20, cpu_seconds=2, notebook_seconds=60)
    with NotebookRun(cells + [(2, "x = 1")], limits=limits, sandbox=SANDBOX) as run:
        assert run.get("x").value == 1
        assert "CPU-time limit of 2 s" in run.bad_cells[1]


def test_a_notebook_has_a_time_budget():
    cells = [(1, "import time\ntime.sleep(2)\ndef f():\n    return 1"),
             (2, "import time\ntime.sleep(2)")]
    limits = Limits(cell_seconds=10, call_seconds=5, notebook_seconds=3)
    with NotebookRun(cells, limits=limits, sandbox=SANDBOX) as run:
        outcome = run.call("f", Inputs(), {})
        assert outcome.failure == "timeout" and "time limit of 3 s" in outcome.message
