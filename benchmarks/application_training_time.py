#!/usr/bin/env python
"""How long week 3's application trains its 2-layer network, on one thread and on BLAS's own.

Trains the 2-layer network [12288, 7, 1] on the cat pictures exactly as the notebook's
cell "The 2-layer network" does (``np.random.seed(1)``, 2500 iterations at learning rate
0.0075, the course's ``two_layer_model``), twice: inside ``helpers.threads.one_thread()``,
as the notebook runs it, and with numpy's BLAS left to choose its own number of threads.
Prints the wall-clock and CPU time of each, and the load average before.

``--hogs N`` starts N busy processes (``yes > /dev/null``) for the runs and stops them
after, to see what a server shared by a class does to each: every kernel's BLAS threads
then compete for the same cores. ``--iterations`` trains fewer iterations for a quicker
look (the times for 2500 are then extrapolated). Not a test: it prints figures.

    .venv/bin/python benchmarks/application_training_time.py
    .venv/bin/python benchmarks/application_training_time.py --hogs 2
"""

import argparse
import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.cat_pictures_lessons import NETWORK_RUN, NETWORK_SEED, load  # noqa: E402
from helpers.reference.deep_models import two_layer_model  # noqa: E402
from helpers.threads import one_thread  # noqa: E402


@contextlib.contextmanager
def hogs(count):
    """``count`` processes that keep a core busy each, stopped when the block ends."""
    started = [subprocess.Popen(["yes"], stdout=subprocess.DEVNULL) for _ in range(count)]
    try:
        yield
    finally:
        for process in started:
            process.kill()
            process.wait()


def timed(X, Y, iterations, limit):
    """(wall seconds, CPU seconds of this process) of one training run."""
    np.random.seed(NETWORK_SEED)
    wall, cpu = time.perf_counter(), time.process_time()
    with limit():
        two_layer_model(X, Y, [X.shape[0], 7, 1], learning_rate=NETWORK_RUN["learning_rate"],
                        num_iterations=iterations)
    return time.perf_counter() - wall, time.process_time() - cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hogs", type=int, default=0, help="busy processes beside the runs")
    parser.add_argument("--iterations", type=int, default=NETWORK_RUN["num_iterations"])
    args = parser.parse_args()
    X, Y, _, _ = load()
    full = NETWORK_RUN["num_iterations"] / args.iterations
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}; "
          f"{args.hogs} busy processes beside; {args.iterations} iterations"
          + ("" if full == 1 else f" (times scaled to {NETWORK_RUN['num_iterations']})"),
          flush=True)
    with hogs(args.hogs):
        for name, limit in (("one thread (the notebook)", one_thread),
                            ("BLAS's own threads", contextlib.nullcontext)):
            wall, cpu = timed(X, Y, args.iterations, limit)
            print(f"{name:26s}: {full * wall:7.1f} s wall, {full * cpu:7.1f} s CPU",
                  flush=True)


if __name__ == "__main__":
    main()
