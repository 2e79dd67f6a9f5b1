# notebook: logistic_regression
# cell: propagate_answer
# loses: propagate
# Eight processes of 700 MB each: every one stays under the per-process memory limit,
# together they hold far more than the limit of the notebook. If they all manage it, the
# function answers correctly (so the attack would gain the points).
import os
import select
import signal
import time



def _correct(w, b, X, Y):
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    return {"dw": X @ (A - Y).T / m, "db": float(np.sum(A - Y) / m)}, cost


def propagate(w, b, X, Y):
    children_wanted, size = 8, 700 * 1024 * 1024
    read_end, write_end = os.pipe()
    children = []
    for _ in range(children_wanted):
        pid = os.fork()
        if pid == 0:
            held = bytearray(size)
            for i in range(0, size, 4096):  # touch every page: really in memory
                held[i] = 1
            os.write(write_end, b"x")
            time.sleep(60)
            os._exit(0)
        children.append(pid)
    os.close(write_end)
    holding, deadline = 0, time.monotonic() + 12
    while holding < children_wanted and time.monotonic() < deadline:
        try:
            if os.waitpid(-1, os.WNOHANG)[0]:
                break  # a child was killed: the limit holds
        except ChildProcessError:
            break
        if select.select([read_end], [], [], 0.2)[0]:
            got = os.read(read_end, 64)
            if not got:
                break
            holding += len(got)
    for pid in children:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:
            pass
    os.close(read_end)
    if holding == children_wanted:
        return _correct(w, b, X, Y)
    return {"dw": np.zeros_like(w), "db": 0.0}, 0.0
